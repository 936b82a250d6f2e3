/**
 * The object `matrix-support check --json` prints, `scan` writes per line, `/api/check` answers
 * and the browser page builds from its own fetch. Types and builders only, so the browser bundle
 * takes it without the rest of the transport check.
 */
import type { Diagnostic } from "../core/diagnostics.js";
import type { SupportDocument } from "../core/types.js";
import type { DiscoveryResult, DiscoveryStatus, HttpTrace } from "./types.js";

/** Exactly the object `matrix-support check --json` prints (and `scan` writes per line). */
// A type alias (not an interface) so it fits callers' index-signature record types (scan).
export type CheckReport = {
  server_name: string;
  /** The support URL looked up; null when the server name is invalid. */
  url: string | null;
  status: DiscoveryStatus;
  /** The usable document (lenient parse), or null. */
  document: SupportDocument | null;
  diagnostics: Diagnostic[];
  http: HttpTrace;
};

/** The report of a discovery, with `diagnostics` in place of the discovery's own. */
export function checkReport(result: DiscoveryResult, diagnostics: Diagnostic[]): CheckReport {
  return {
    server_name: result.serverName,
    url: result.url,
    status: result.status,
    document: result.document,
    diagnostics,
    http: result.http,
  };
}

/** The report for a check that could not run at all (a bug on our side, never the server's fault). */
export function failedCheckReport(serverName: string, failure: Diagnostic): CheckReport {
  return {
    server_name: serverName,
    url: null,
    status: "unreachable",
    document: null,
    diagnostics: [failure],
    http: { redirects: [], elapsed_ms: 0 },
  };
}
