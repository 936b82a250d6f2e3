/**
 * The files the generator offers, rendered by the CLI's own code: `renderExport` (the same
 * renderers as `matrix-support export`) and init's YAML writer. So each download is byte for byte
 * what `export --target ...` writes for `matrix-support.yaml`. Pure: unit-tested in Node.
 */
import type { Diagnostic } from "../../../../lib/src/core/diagnostics.js";
import { type ExportTarget, renderExport } from "../../export/index.js";
import { setOwn } from "../../init/answers.js";
import { renderConfigYaml } from "../../init/yaml.js";
import type { GeneratorMessages } from "../i18n/messages/en.js";
import { configOf, type Draft } from "./state.js";

export const CONFIG_FILE = "matrix-support.yaml";

/** A key of the generator's strings whose text is a sentence (not a plural). */
export type GeneratorText = {
  [K in keyof GeneratorMessages]: GeneratorMessages[K] extends string ? K : never;
}[keyof GeneratorMessages];

export interface Download {
  /** The `download` file name. */
  name: string;
  /** What it is, for the link's text: a product's name (as it is), or a key of the page's strings. */
  label: { product: string } | { text: GeneratorText };
  /** Where it goes, in a sentence: a key of the page's strings. */
  use: GeneratorText;
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
    label: { text: "labelSupport" },
    use: "useSupport",
    target: "files",
    exportPath: ".well-known/matrix/support",
    type: "application/octet-stream",
  },
  {
    name: CONFIG_FILE,
    label: { text: "labelConfig" },
    use: "useConfig",
    exportPath: CONFIG_FILE,
    type: "application/octet-stream",
  },
  {
    name: "nginx.conf",
    label: { product: "nginx" },
    use: "useNginx",
    target: "nginx",
    exportPath: "nginx.conf",
    type: "application/octet-stream",
  },
  {
    name: "Caddyfile",
    label: { product: "Caddy" },
    use: "useCaddy",
    target: "caddy",
    exportPath: "Caddyfile",
    type: "application/octet-stream",
  },
  {
    name: "apache.conf",
    label: { product: "Apache httpd" },
    use: "useApache",
    target: "apache",
    exportPath: "apache.conf",
    type: "application/octet-stream",
  },
  {
    name: "_headers",
    label: { product: "Netlify / Cloudflare Pages" },
    use: "useHeaders",
    target: "headers",
    exportPath: "_headers",
    type: "application/octet-stream",
  },
  {
    name: "tuwunel.toml",
    label: { product: "tuwunel" },
    use: "useTuwunel",
    target: "tuwunel",
    exportPath: "tuwunel.toml",
    type: "application/octet-stream",
  },
  {
    name: "conduwuit.toml",
    label: { product: "continuwuity / conduwuit" },
    use: "useConduwuit",
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
    if (key !== "contacts" && key !== "support_page") setOwn(extensions, key, value);
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

/**
 * The web root's problem (what `export --web-root` refuses), as the key of its message in the
 * page's strings (`{root}` is the web root); undefined when it is usable.
 */
export function webRootProblem(
  webRoot: string,
): "webRootEmpty" | "webRootRelative" | "webRootControl" | undefined {
  if (webRoot === "") return "webRootEmpty";
  if (!webRoot.startsWith("/")) return "webRootRelative";
  if (/[\u0000-\u001f\u007f]/.test(webRoot)) return "webRootControl";
  return undefined;
}
