/**
 * Discovery from this browser, as a web client reads the file: only CORS-safelisted headers, no
 * credentials, no cache, no referrer. A refusal the browser will not explain (CORS, a network
 * error: both a bare TypeError) becomes BROWSER_BLOCKED. Shared by the checker and the generator.
 */
import { PROBE_CODES } from "../../../../lib/src/core/catalogue/probe.js";
import { type Diagnostic, diagnosticFrom } from "../../../../lib/src/core/diagnostics.js";
import { discoverSupport } from "../../../../lib/src/discover/discover.js";
import type {
  DiscoveryResult,
  FetchLike,
  ResponseLike,
} from "../../../../lib/src/discover/types.js";

const diagnostic = diagnosticFrom(PROBE_CODES);

export async function discoverFromBrowser(
  serverName: string,
  signal: AbortSignal,
): Promise<{ result: DiscoveryResult; diagnostics: Diagnostic[] }> {
  let blocked = false;
  const browserFetch: FetchLike = async (url, init): Promise<ResponseLike> => {
    try {
      // Only a CORS-safelisted header: any other would add a preflight a plain client never sends.
      return await fetch(url, {
        method: init.method,
        headers: { accept: "application/json" },
        redirect: init.redirect,
        signal: init.signal,
        mode: "cors",
        credentials: "omit",
        cache: "no-store",
        referrerPolicy: "no-referrer",
      });
    } catch (error) {
      // Browsers report CORS refusals and network errors alike as a bare TypeError.
      if (error instanceof TypeError) blocked = true;
      throw error;
    }
  };
  const result = await discoverSupport(serverName, { fetch: browserFetch, signal, lint: true });
  let diagnostics = result.diagnostics;
  if (result.status === "unreachable" && blocked) {
    const failed = result.failure.code;
    diagnostics = diagnostics.map((d) =>
      d.code === failed ? diagnostic("BROWSER_BLOCKED", undefined) : d,
    );
  }
  return { result, diagnostics };
}
