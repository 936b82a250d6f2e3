/**
 * The files the generator offers, rendered by the CLI's own code: `renderExport` (the same
 * renderers as `matrix-support export`) and init's YAML writer. So each download is byte for byte
 * what `export --target ...` writes for `matrix-support.yaml`. Pure: unit-tested in Node.
 */
import type { Diagnostic } from "../../../../lib/src/core/diagnostics.js";
import { type ExportTarget, renderExport } from "../../export/index.js";
import { renderConfigYaml } from "../../init/yaml.js";
import { configOf, type Draft } from "./state.js";

export const CONFIG_FILE = "matrix-support.yaml";

export interface Download {
  /** The `download` file name. */
  name: string;
  /** What it is, for the link's text. */
  label: string;
  /** Where it goes, in a sentence. */
  use: string;
  /** The export target that renders it; undefined for the config itself. */
  target?: ExportTarget;
  /** The path `export` writes it at, relative to --out. */
  exportPath: string;
  /**
   * The blob's type: always application/octet-stream, because browsers add an extension to a
   * name without one ("support" would become "support.json") for any type they know.
   */
  type: string;
}

/** Every download, in the order the page lists them. `name` is also the link's `download`. */
export const DOWNLOADS: readonly Download[] = [
  {
    name: "support",
    label: "The support file",
    use: "Publish it at /.well-known/matrix/support on your server name's host, as JSON with CORS.",
    target: "files",
    exportPath: ".well-known/matrix/support",
    type: "application/octet-stream",
  },
  {
    name: CONFIG_FILE,
    label: "The matrix-support config",
    use: "For matrix-support serve and export; keep it to edit the file later.",
    exportPath: CONFIG_FILE,
    type: "application/octet-stream",
  },
  {
    name: "nginx.conf",
    label: "nginx",
    use: "Include inside your server { } block for the server name.",
    target: "nginx",
    exportPath: "nginx.conf",
    type: "application/octet-stream",
  },
  {
    name: "Caddyfile",
    label: "Caddy",
    use: "Paste (or import) inside your site block.",
    target: "caddy",
    exportPath: "Caddyfile",
    type: "application/octet-stream",
  },
  {
    name: "apache.conf",
    label: "Apache httpd",
    use: "Include inside your <VirtualHost>; it serves the support file from the web root below.",
    target: "apache",
    exportPath: "apache.conf",
    type: "application/octet-stream",
  },
  {
    name: "_headers",
    label: "Netlify / Cloudflare Pages",
    use: "Put it in the site's root beside .well-known/ (with the support file).",
    target: "headers",
    exportPath: "_headers",
    type: "application/octet-stream",
  },
  {
    name: "tuwunel.toml",
    label: "tuwunel",
    use: "Merge into tuwunel's config: the homeserver then serves the file itself.",
    target: "tuwunel",
    exportPath: "tuwunel.toml",
    type: "application/octet-stream",
  },
  {
    name: "conduwuit.toml",
    label: "continuwuity / conduwuit",
    use: "Merge into continuwuity's (or conduwuit's) config.",
    target: "conduwuit",
    exportPath: "conduwuit.toml",
    type: "application/octet-stream",
  },
];

export interface RenderedFile {
  download: Download;
  contents: string;
  /** What this target could not carry (e.g. a contact left out), from the catalogue. */
  diagnostics: Diagnostic[];
}

/** The config as `matrix-support.yaml`: init's commented YAML, every contact in the form's order. */
export function renderConfigFile(draft: Draft): string {
  const config = configOf(draft);
  const support = config.support ?? {};
  const contacts = Array.isArray(support.contacts) ? support.contacts : [];
  const extensions: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(support))
    if (key !== "contacts" && key !== "support_page")
      Object.defineProperty(extensions, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  return renderConfigYaml(
    {
      ...(config.server_name !== undefined ? { serverName: config.server_name } : {}),
      ...(contacts.length > 0 ? { otherContacts: contacts } : {}),
      ...(typeof support.support_page === "string" ? { supportPage: support.support_page } : {}),
      ...(Object.keys(extensions).length > 0 ? { extensions } : {}),
    },
    {
      fileName: CONFIG_FILE,
      writer: "the matrix-support generator page",
      otherContacts: "roles",
    },
  );
}

/**
 * Every download's contents. Call it only for a draft without errors (export refuses an invalid
 * config; so does the page). The web root must be absolute (see `webRootProblem`).
 */
export function renderDownloads(draft: Draft): RenderedFile[] {
  const config = configOf(draft);
  const out: RenderedFile[] = [];
  for (const download of DOWNLOADS) {
    if (download.target === undefined) {
      out.push({ download, contents: renderConfigFile(draft), diagnostics: [] });
      continue;
    }
    // One target at a time, so each download carries only its own target's diagnostics.
    const result = renderExport(config, { targets: [download.target], webRoot: draft.webRoot });
    const file = result.files.find((f) => f.path === download.exportPath);
    if (file) out.push({ download, contents: file.contents, diagnostics: result.diagnostics });
  }
  return out;
}

/** The web root's problem, in the words `export --web-root` uses; undefined when it is usable. */
export function webRootProblem(webRoot: string): string | undefined {
  if (webRoot === "") return "The web root is empty: give the absolute path of your web root.";
  if (!webRoot.startsWith("/"))
    return `The web root must be an absolute path, not "${webRoot}" (e.g. /var/www/html).`;
  if (/[\u0000-\u001f\u007f]/.test(webRoot))
    return "The web root holds a control character (a line break?): give a plain path.";
  return undefined;
}
