/**
 * The `check --json` object as the page reads it. The JSON carries remote data, so it is read as
 * `unknown` and every field is checked; anything of the wrong shape is dropped, never rendered.
 * Pure (no DOM): unit-tested in Node. Sentences come in the page's language (English by default).
 */

import { PGP_KEY, PGP_KEY_UNSTABLE } from "../../../../lib/src/core/proposals.js";
import { serverNameFromInput } from "../../../../lib/src/core/server-name-input.js";
import { format } from "../../../../lib/src/server/i18n/format.js";
import { plural } from "../i18n/plural.js";
import { CHECKER_ENGLISH, type CheckerStrings } from "../i18n/strings.js";

export type Severity = "error" | "warning" | "info";
export type Status = "found" | "not_found" | "invalid" | "unreachable";

export interface DiagnosticView {
  code: string;
  severity: Severity;
  message: string;
  path?: string;
  hint?: string;
  spec?: string;
  line?: number;
  column?: number;
}

export interface ContactView {
  role: string;
  matrixId?: string;
  email?: string;
  /** MSC4439 `pgp_key` (or its unstable name), as published: render.ts decides whether it is a link. */
  pgpKey?: string;
}

export interface HopView {
  url: string;
  status: number;
  location: string;
  allowOrigin: string | null;
}

export interface CheckView {
  serverName: string;
  url: string | null;
  status: Status;
  contacts: ContactView[];
  /** Present when the document has a string `support_page` (whatever its scheme). */
  supportPage?: string;
  diagnostics: DiagnosticView[];
  httpStatus?: number;
  redirects: HopView[];
  headers: Record<string, string>;
  elapsedMs?: number;
  /** The object as received, for "copy as JSON". */
  raw: unknown;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const num = (v: unknown): number | undefined =>
  typeof v === "number" && Number.isFinite(v) ? v : undefined;

const STATUSES: ReadonlySet<string> = new Set(["found", "not_found", "invalid", "unreachable"]);
const SEVERITIES: ReadonlySet<string> = new Set(["error", "warning", "info"]);

function readDiagnostic(v: unknown): DiagnosticView | undefined {
  if (!isObject(v)) return undefined;
  const code = str(v.code);
  const severity = str(v.severity);
  const message = str(v.message);
  if (code === undefined || message === undefined || severity === undefined) return undefined;
  if (!SEVERITIES.has(severity)) return undefined;
  const d: DiagnosticView = { code, severity: severity as Severity, message };
  const path = str(v.path);
  if (path !== undefined) d.path = path;
  const hint = str(v.hint);
  if (hint !== undefined) d.hint = hint;
  const spec = str(v.spec);
  if (spec !== undefined) d.spec = spec;
  const line = num(v.line);
  if (line !== undefined) d.line = line;
  const column = num(v.column);
  if (column !== undefined) d.column = column;
  return d;
}

function readContact(v: unknown): ContactView | undefined {
  if (!isObject(v)) return undefined;
  const role = str(v.role);
  if (role === undefined) return undefined;
  const c: ContactView = { role };
  const matrixId = str(v.matrix_id);
  if (matrixId !== undefined) c.matrixId = matrixId;
  const email = str(v.email_address);
  if (email !== undefined) c.email = email;
  const pgpKey = str(v[PGP_KEY]) ?? str(v[PGP_KEY_UNSTABLE]);
  if (pgpKey !== undefined) c.pgpKey = pgpKey;
  return c.matrixId === undefined && c.email === undefined ? undefined : c;
}

function readHop(v: unknown): HopView | undefined {
  if (!isObject(v)) return undefined;
  const url = str(v.url);
  const status = num(v.status);
  const location = str(v.location);
  if (url === undefined || status === undefined || location === undefined) return undefined;
  const allow = v.access_control_allow_origin;
  return { url, status, location, allowOrigin: typeof allow === "string" ? allow : null };
}

const defined = <T>(v: T | undefined): v is T => v !== undefined;

/** Reads a `check --json` object; undefined when it is not one. */
export function readCheck(value: unknown): CheckView | undefined {
  if (!isObject(value)) return undefined;
  const serverName = str(value.server_name);
  const status = str(value.status);
  if (serverName === undefined || status === undefined || !STATUSES.has(status)) return undefined;
  const view: CheckView = {
    serverName,
    url: str(value.url) ?? null,
    status: status as Status,
    contacts: [],
    diagnostics: Array.isArray(value.diagnostics)
      ? value.diagnostics.map(readDiagnostic).filter(defined)
      : [],
    redirects: [],
    headers: {},
    raw: value,
  };
  if (isObject(value.document)) {
    const doc = value.document;
    if (Array.isArray(doc.contacts)) view.contacts = doc.contacts.map(readContact).filter(defined);
    const page = str(doc.support_page);
    if (page !== undefined) view.supportPage = page;
  }
  if (isObject(value.http)) {
    const http = value.http;
    const status = num(http.status);
    if (status !== undefined) view.httpStatus = status;
    if (Array.isArray(http.redirects)) view.redirects = http.redirects.map(readHop).filter(defined);
    if (isObject(http.headers))
      for (const [k, v] of Object.entries(http.headers))
        if (typeof v === "string") view.headers[k.toLowerCase()] = v;
    const elapsed = num(http.elapsed_ms);
    if (elapsed !== undefined) view.elapsedMs = elapsed;
  }
  return view;
}

export type Verdict = "works" | "warnings" | "broken" | "not-published";

export const VERDICT_TITLES: Record<Verdict, string> = {
  works: "Works",
  warnings: "Works, with warnings",
  broken: "Broken",
  "not-published": "Not published",
};

/** The verdict's title in the page's language. */
export function verdictTitle(verdict: Verdict, s: CheckerStrings = CHECKER_ENGLISH): string {
  const t = s.checker;
  switch (verdict) {
    case "works":
      return t.verdictWorks;
    case "warnings":
      return t.verdictWarnings;
    case "broken":
      return t.verdictBroken;
    case "not-published":
      return t.verdictNotPublished;
  }
}

export function countBySeverity(ds: readonly DiagnosticView[]): Record<Severity, number> {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const d of ds) counts[d.severity]++;
  return counts;
}

/** One verdict for the top of the page. */
export function verdictOf(view: CheckView): Verdict {
  if (view.status === "not_found") return "not-published";
  if (view.status !== "found") return "broken";
  const counts = countBySeverity(view.diagnostics);
  if (counts.error > 0) return "broken";
  if (counts.warning > 0) return "warnings";
  return "works";
}

/** One sentence under the verdict, in plain words (UI text: diagnostics keep their own messages). */
export function summaryOf(view: CheckView, s: CheckerStrings = CHECKER_ENGLISH): string {
  const t = s.checker;
  const counts = countBySeverity(view.diagnostics);
  const server = view.serverName;
  const problems =
    counts.error + counts.warning > 0
      ? format(t.toFix, {
          errors: plural(s.lang, t.errors, counts.error),
          warnings: plural(s.lang, t.warnings, counts.warning),
        })
      : "";
  let first: string;
  switch (view.status) {
    case "not_found":
      return format(t.summaryNotFound, { server });
    case "unreachable":
      return format(t.summaryUnreachable, { server });
    case "invalid":
      first = format(t.summaryInvalid, { server });
      break;
    case "found": {
      const contacts = plural(s.lang, t.contacts, view.contacts.length);
      const page = view.supportPage !== undefined;
      first =
        view.contacts.length > 0
          ? format(page ? t.summaryContactsAndPage : t.summaryContacts, { server, contacts })
          : format(page ? t.summaryPage : t.summaryFile, { server });
      break;
    }
  }
  return problems ? format(t.twoSentences, { first, second: problems }) : first;
}

export type CorsView =
  | { kind: "open" }
  | { kind: "missing" }
  | { kind: "restricted"; value: string }
  | { kind: "redirect-missing"; hop: HopView }
  | { kind: "unknown" };

/** Whether browsers on any origin may read the file, from the headers the probe saw. */
export function corsOf(view: CheckView): CorsView {
  const hop = view.redirects.find((h) => h.allowOrigin === null);
  if (hop) return { kind: "redirect-missing", hop };
  if (view.httpStatus === undefined) return { kind: "unknown" };
  const allow = view.headers["access-control-allow-origin"];
  if (allow === undefined) return { kind: "missing" };
  if (allow.trim() !== "*") return { kind: "restricted", value: allow };
  return { kind: "open" };
}

/**
 * What people paste, turned into a server name: "@alice:example.org" -> "example.org",
 * "https://example.org/anything" -> "example.org". Anything else is kept (trimmed) for the
 * check to judge.
 */
export function normaliseServerInput(text: string): string {
  const value = text.trim();
  if (value.startsWith("@") && value.includes(":")) return value.slice(value.indexOf(":") + 1);
  // The command line's reading of a pasted address (src/spec/server-name-input.ts); a form is
  // more forgiving than a command: a link with a path, or http://, still checks its host.
  const read = serverNameFromInput(value);
  if (read.ok) return read.serverName;
  if (read.host !== undefined) return read.host;
  return value.replace(/\/+$/, "");
}

/** What one way of fetching got: a check result, or none (the probe refused or was unreachable). */
export type SourceOutcome =
  | { ok: true; view: CheckView }
  | { ok: false; problem?: DiagnosticView; unreachable?: true };

export interface Outcomes {
  browser: SourceOutcome;
  probe: SourceOutcome;
}

/**
 * The result the verdict rests on: the probe's (it sees every header), with the one finding only
 * the browser can make (it was refused the file) added; the browser's when the probe has none, or
 * when only the browser got an answer (e.g. the probe does not fetch private addresses).
 */
export function primaryView(o: Outcomes): CheckView | undefined {
  if (!o.probe.ok) return o.browser.ok ? o.browser.view : undefined;
  const base = o.probe.view;
  if (!o.browser.ok) return base;
  if (base.status === "unreachable" && o.browser.view.status !== "unreachable")
    return o.browser.view;
  const blocked = o.browser.view.diagnostics.filter((d) => d.code === "BROWSER_BLOCKED");
  return blocked.length > 0 ? { ...base, diagnostics: [...blocked, ...base.diagnostics] } : base;
}
