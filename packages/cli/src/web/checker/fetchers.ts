/**
 * The two ways the page fetches: straight from the browser (the discovery core over the browser's
 * own fetch, which proves CORS for real) and through the server-side probe (`/api/check`).
 */

import { PROBE_CODES } from "../../../../lib/src/core/catalogue/probe.js";
import { diagnosticFrom } from "../../../../lib/src/core/diagnostics.js";
import { discoverFromBrowser } from "../common/browser-discover.js";

const _diagnostic = diagnosticFrom(PROBE_CODES);

import { checkReport } from "../../../../lib/src/discover/report.js";
import { type DiagnosticView, readCheck, type SourceOutcome } from "./view.js";

export type { SourceOutcome } from "./view.js";

export const PROBE_ENDPOINT = "/api/check";

/** Checks `serverName` from this browser, as a web client would read the file. */
export async function checkFromBrowser(
  serverName: string,
  signal: AbortSignal,
): Promise<SourceOutcome> {
  const { result, diagnostics } = await discoverFromBrowser(serverName, signal);
  const view = readCheck(checkReport(result, diagnostics));
  return view ? { ok: true, view } : { ok: false, unreachable: true };
}

/** Asks this site's probe; a refusal (429, 400) comes back as its diagnostic. */
export async function checkThroughProbe(
  serverName: string,
  signal: AbortSignal,
): Promise<SourceOutcome> {
  let response: Response;
  let body: unknown;
  try {
    response = await fetch(`${PROBE_ENDPOINT}?server=${encodeURIComponent(serverName)}`, {
      signal,
      headers: { accept: "application/json" },
      credentials: "same-origin",
    });
    body = await response.json();
  } catch {
    return { ok: false, unreachable: true };
  }
  if (response.ok) {
    const view = readCheck(body);
    return view ? { ok: true, view } : { ok: false, unreachable: true };
  }
  const error =
    typeof body === "object" && body !== null ? (body as { error?: unknown }).error : undefined;
  const problem = readError(error);
  return problem ? { ok: false, problem } : { ok: false, unreachable: true };
}

function readError(value: unknown): DiagnosticView | undefined {
  // A refusal body is `{ "error": <diagnostic> }`; reuse the check reader on a minimal wrapper.
  const view = readCheck({ server_name: "", status: "unreachable", diagnostics: [value] });
  return view?.diagnostics[0];
}
