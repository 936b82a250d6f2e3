/** Loading a config file for the server: a result union, never an exception. */

import { type Config, publishesSupport } from "../../../lib/src/config/types.js";
import { type Diagnostic, hasErrors, sortDiagnostics } from "../../../lib/src/core/index.js";
import { wellKnownBodies } from "../../../lib/src/server/bodies.js";
import { WELL_KNOWN_PATHS } from "../../../lib/src/server/site.js";
import { InputError, loadConfigFile } from "../config/file.js";

/**
 * A config file as `serve` loads it: `ok` (servable; `diagnostics` may hold warnings and notes),
 * `invalid` (at least one error diagnostic, each with its line and column) or `unreadable` (the
 * file could not be read: `message` says why, naming the file).
 */
export type LoadResult =
  | { kind: "ok"; config: Config; diagnostics: Diagnostic[] }
  | { kind: "invalid"; diagnostics: Diagnostic[] }
  | { kind: "unreadable"; message: string };

/**
 * Reads and checks a config file (YAML, JSON or TOML, by its extension or its text) the way
 * `serve` does at start and on every reload. Never rejects for a missing, unreadable or invalid
 * file: that is the result's `kind`.
 *
 * @example
 * ```ts
 * import { createSupportHandler } from "matrix-support/server";
 * import { loadServerConfig, toNodeListener } from "matrix-support/server/node";
 * const loaded = await loadServerConfig("matrix-support.yaml");
 * if (loaded.kind !== "ok") process.exit(1);
 * http.createServer(toNodeListener(createSupportHandler(loaded.config))).listen(8080);
 * ```
 */
export async function loadServerConfig(file: string): Promise<LoadResult> {
  try {
    const { config, diagnostics } = await loadConfigFile(file);
    if (config === null || hasErrors(diagnostics)) return { kind: "invalid", diagnostics };
    return { kind: "ok", config, diagnostics };
  } catch (error) {
    if (error instanceof InputError) return { kind: "unreadable", message: error.message };
    throw error;
  }
}

/**
 * What `serve` says at start-up about a config it loaded, in order: its errors and warnings; lint
 * infos stay quiet, but not that a bare support document is being served.
 */
export function startupDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return sortDiagnostics(diagnostics).filter(
    (d) => d.severity !== "info" || d.code === "CONFIG_BARE_SUPPORT",
  );
}

/** What a config publishes, in words, for the start-up and reload lines. */
export function describePublished(config: Config): string[] {
  const out: string[] = [];
  const bodies = wellKnownBodies(config);
  if (publishesSupport(config)) {
    const n = Array.isArray(config.support.contacts) ? config.support.contacts.length : 0;
    const parts: string[] = [];
    if (n > 0) parts.push(`${n} contact${n === 1 ? "" : "s"}`);
    if (typeof config.support.support_page === "string") parts.push("support page");
    out.push(`${WELL_KNOWN_PATHS.support} (${parts.join(", ") || "extensions only"})`);
  } else out.push(`${WELL_KNOWN_PATHS.support} (404: nothing to publish)`);
  if (bodies.client !== undefined) out.push(WELL_KNOWN_PATHS.client);
  if (bodies.server !== undefined) out.push(WELL_KNOWN_PATHS.server);
  return out;
}
