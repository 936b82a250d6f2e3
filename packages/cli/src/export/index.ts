/**
 * matrix-support/export: a config rendered as static files and ready-to-include snippets (nginx,
 * Caddy, Apache, `_headers`, tuwunel and continuwuity/conduwuit TOML). Pure functions returning
 * file contents; `./write.js` (Node-only) puts them on disk and checks them.
 * Every well-known body is `wellKnownBodies(config)`: byte for byte what `serve` sends.
 */
import type { Config } from "../../../lib/src/config/types.js";
import type { Diagnostic } from "../../../lib/src/core/index.js";
import { wellKnownBodies } from "../../../lib/src/server/bodies.js";
import { renderApache } from "./apache.js";
import { renderCaddy } from "./caddy.js";
import { WELL_KNOWN_NAMES } from "./headers.js";
import { renderConduwuit, renderTuwunel } from "./homeserver.js";
import { renderNginx } from "./nginx.js";
import { renderReadme } from "./readme.js";
import { renderHeadersFile } from "./static-hosts.js";
import { type ExportTarget, resolveTargets, SNIPPET_TARGETS } from "./targets.js";

export { apacheQuote, renderApache } from "./apache.js";
export { caddyBody, caddyQuote, renderCaddy } from "./caddy.js";
export {
  ALLOWED_METHODS,
  canonicalHeaderName,
  NOT_PUBLISHED_TEXT,
  type PathAnswers,
  pathAnswers,
  renderedPaths,
  WELL_KNOWN_NAMES,
  type WellKnownName,
} from "./headers.js";
export { renderConduwuit, renderTuwunel, tomlKey, tomlString } from "./homeserver.js";
export { NGINX_BYTE_PREFIX, nginxBodyUnits, nginxQuote, renderNginx } from "./nginx.js";
export { renderReadme } from "./readme.js";
export { renderHeadersFile } from "./static-hosts.js";
export {
  DEFAULT_TARGETS,
  EXPORT_TARGETS,
  type ExportTarget,
  isExportTarget,
  resolveTargets,
  SNIPPET_TARGETS,
  TARGET_FILES,
} from "./targets.js";

export interface ExportFile {
  /** Relative to the output directory, with `/` separators. */
  path: string;
  contents: string;
  target: ExportTarget | "readme";
}

export interface ExportOptions {
  /** The targets to render; DEFAULT_TARGETS (`files`, `headers`: the web root) when empty or absent. */
  targets?: readonly ExportTarget[] | undefined;
  /** Absolute directory holding the exported `.well-known/` on the web server (apache.conf). */
  webRoot: string;
}

export interface ExportResult {
  targets: ExportTarget[];
  files: ExportFile[];
  /** Well-known files that must NOT exist (not configured): a stale copy would still be served. */
  absent: string[];
  /** What the targets could not carry (dropped contacts and fields) and how they work around limits. */
  diagnostics: Diagnostic[];
}

/** Renders every chosen target. Pure: no file system. */
export function renderExport(config: Config, options: ExportOptions): ExportResult {
  const targets = resolveTargets(options.targets);
  const files: ExportFile[] = [];
  const absent: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const bodies = wellKnownBodies(config);
  for (const target of targets) {
    switch (target) {
      case "files":
        for (const name of WELL_KNOWN_NAMES) {
          const body = bodies[name];
          const path = `.well-known/matrix/${name}`;
          if (body === undefined) absent.push(path);
          else files.push({ path, contents: body, target });
        }
        break;
      case "nginx": {
        const r = renderNginx(config);
        files.push({ path: "nginx.conf", contents: r.contents, target });
        diagnostics.push(...r.diagnostics);
        break;
      }
      case "caddy":
        files.push({ path: "Caddyfile", contents: renderCaddy(config), target });
        break;
      case "apache":
        files.push({
          path: "apache.conf",
          contents: renderApache(config, options.webRoot),
          target,
        });
        break;
      case "headers":
        files.push({ path: "_headers", contents: renderHeadersFile(config), target });
        break;
      case "tuwunel": {
        const r = renderTuwunel(config);
        files.push({ path: "tuwunel.toml", contents: r.contents, target });
        diagnostics.push(...r.diagnostics);
        break;
      }
      case "conduwuit": {
        const r = renderConduwuit(config);
        files.push({ path: "conduwuit.toml", contents: r.contents, target });
        diagnostics.push(...r.diagnostics);
        break;
      }
    }
  }
  // README.txt says where each snippet goes; the web-root files need none (and it is no file to
  // publish on the site).
  if (targets.some((t) => SNIPPET_TARGETS.includes(t)))
    files.push({ path: "README.txt", contents: renderReadme(config, targets), target: "readme" });
  return { targets, files, absent, diagnostics };
}
