/**
 * "Start from what is live": the published file, read by this browser (the discovery core over
 * the browser's own fetch; works when the server allows CORS) and, when the page is served by
 * `matrix-support serve`, through its probe (`/api/check`, which has the SSRF guard). The browser's
 * read gives the file as served (every value, for the form to mark); the probe's gives what
 * `check --json` carries: the usable part of the file.
 */
import { PROBE_CODES } from "../../../../lib/src/core/catalogue/probe.js";
import { type Diagnostic, diagnosticFrom } from "../../../../lib/src/core/diagnostics.js";
import { type DiagnosticView, readCheck } from "../checker/view.js";
import { discoverFromBrowser } from "../common/browser-discover.js";

const diagnostic = diagnosticFrom(PROBE_CODES);

export type LiveSource = "browser" | "probe";

export type LiveOutcome =
  /** A file to start from: `value` is the JSON as served (browser) or its usable part (probe). */
  | {
      kind: "loaded";
      via: LiveSource;
      url: string | null;
      value: unknown;
      diagnostics: Diagnostic[];
    }
  /** The server answered 404: nothing is published yet. */
  | { kind: "not-found"; via: LiveSource; url: string | null; diagnostics: Diagnostic[] }
  /** An answer with nothing to load (HTML, JSON of another shape), or no answer at all. */
  | { kind: "nothing"; via: LiveSource | null; url: string | null; diagnostics: Diagnostic[] };

interface SourceResult {
  status: "found" | "not_found" | "invalid" | "unreachable";
  url: string | null;
  /** An object to start from, when there is one. */
  value?: Record<string, unknown>;
  diagnostics: Diagnostic[];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Reads the file from this browser, as a web client would. */
export async function readFromBrowser(
  serverName: string,
  signal: AbortSignal,
): Promise<SourceResult> {
  const { result, diagnostics } = await discoverFromBrowser(serverName, signal);
  const value =
    (result.status === "found" || result.status === "invalid") && isObject(result.value)
      ? result.value
      : undefined;
  return {
    status: result.status,
    url: result.url,
    ...(value ? { value } : {}),
    diagnostics,
  };
}

/** Asks `serve`'s probe; undefined when it cannot answer (absent, refused, unreachable). */
export async function readThroughProbe(
  endpoint: string,
  serverName: string,
  signal: AbortSignal,
): Promise<SourceResult | { refused: Diagnostic } | undefined> {
  let response: Response;
  let body: unknown;
  try {
    response = await fetch(`${endpoint}?server=${encodeURIComponent(serverName)}`, {
      signal,
      headers: { accept: "application/json" },
      credentials: "same-origin",
    });
    body = await response.json();
  } catch {
    return undefined;
  }
  if (!response.ok) {
    // A refusal (rate limit, bad name) is `{ "error": <diagnostic> }`: read it as checked data.
    const error = isObject(body) ? body.error : undefined;
    const view = readCheck({ server_name: "", status: "unreachable", diagnostics: [error] });
    const refused = view?.diagnostics[0];
    return refused ? { refused: asDiagnostic(refused) } : undefined;
  }
  const view = readCheck(body);
  if (!view) return undefined;
  const document = isObject(body) && isObject(body.document) ? body.document : undefined;
  return {
    status: view.status,
    url: view.url,
    ...(document ? { value: document } : {}),
    diagnostics: view.diagnostics.map(asDiagnostic),
  };
}

/** A diagnostic read (and checked) from the probe's JSON, in the library's shape. */
function asDiagnostic(d: DiagnosticView): Diagnostic {
  const out: Diagnostic = { code: d.code, severity: d.severity, message: d.message };
  if (d.path !== undefined) out.path = d.path;
  if (d.hint !== undefined) out.hint = d.hint;
  if (d.spec !== undefined) out.spec = d.spec;
  return out;
}

/**
 * Loads what `serverName` publishes: from this browser, and through `probe` when the page has one
 * (both at once). The browser's read wins when it got the file (it has every value); the probe's
 * is used when the browser could not read it (no CORS, most often).
 */
export async function loadLive(
  serverName: string,
  options: { probe?: string; signal: AbortSignal },
): Promise<LiveOutcome> {
  const failedBrowser = (): SourceResult => ({
    status: "unreachable",
    url: null,
    diagnostics: [diagnostic("BROWSER_BLOCKED", undefined)],
  });
  const [browser, probe] = await Promise.all([
    readFromBrowser(serverName, options.signal).catch(failedBrowser),
    options.probe !== undefined
      ? readThroughProbe(options.probe, serverName, options.signal)
      : Promise.resolve(undefined),
  ]);
  if (browser.value) return loaded("browser", browser, browser.value);
  const blocked = browser.diagnostics.filter((d) => d.code === "BROWSER_BLOCKED");
  if (probe && "status" in probe) {
    const diagnostics = [...blocked, ...probe.diagnostics];
    if (probe.status === "found" && probe.value)
      return loaded("probe", { ...probe, diagnostics }, probe.value);
    if (probe.status === "not_found")
      return { kind: "not-found", via: "probe", url: probe.url, diagnostics };
    if (browser.status !== "unreachable") return outcomeOf("browser", browser);
    return { kind: "nothing", via: "probe", url: probe.url, diagnostics };
  }
  const refused = probe && "refused" in probe ? [probe.refused] : [];
  const outcome = outcomeOf("browser", browser);
  return { ...outcome, diagnostics: [...outcome.diagnostics, ...refused] };
}

function loaded(via: LiveSource, r: SourceResult, value: unknown): LiveOutcome {
  return { kind: "loaded", via, url: r.url, value, diagnostics: r.diagnostics };
}

function outcomeOf(via: LiveSource, r: SourceResult): LiveOutcome {
  if (r.status === "not_found")
    return { kind: "not-found", via, url: r.url, diagnostics: r.diagnostics };
  return { kind: "nothing", via, url: r.url, diagnostics: r.diagnostics };
}
