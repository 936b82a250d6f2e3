/**
 * Renders a check result. Every string from the result goes through `el()` (text nodes) and every
 * link through `link()` (scheme allow-list); diagnostics show the catalogue's own message, hint
 * and spec link as they arrived, never text of the page's own.
 */

import { mailtoLink, matrixToLink, pgpKeyLink } from "../../../../lib/src/core/contact-links.js";
import { isEmail } from "../../../../lib/src/core/grammar/email.js";
import { isUserId } from "../../../../lib/src/core/grammar/user-id.js";
import { roleDescription, roleLabel } from "../../../../lib/src/core/roles.js";
import { el, link, WEB_SCHEMES } from "./dom.js";
import {
  type CheckView,
  type ContactView,
  corsOf,
  countBySeverity,
  type DiagnosticView,
  type Outcomes,
  primaryView,
  type Severity,
  type SourceOutcome,
  summaryOf,
  VERDICT_TITLES,
  verdictOf,
} from "./view.js";

export interface RenderHooks {
  /** Copies the JSON; resolves to true when the clipboard took it. */
  copy(json: string): Promise<boolean>;
  announce(text: string): void;
}

const SEVERITY_LABEL: Record<Severity, string> = {
  error: "Error",
  warning: "Warning",
  info: "Note",
};
const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function section(id: string, title: string, ...body: (Node | null | false)[]): HTMLElement {
  return el("section", { class: "panel", "aria-labelledby": id }, el("h3", { id }, title), ...body);
}

function renderVerdict(view: CheckView, hooks: RenderHooks, probeUrl: string): HTMLElement {
  const verdict = verdictOf(view);
  const copy = el("button", { class: "secondary" }, "Copy as JSON");
  copy.type = "button";
  copy.addEventListener("click", async () => {
    const ok = await hooks.copy(`${JSON.stringify(view.raw, null, 2)}\n`);
    hooks.announce(
      ok ? "Copied the result as JSON." : "Could not copy; the raw JSON link opens it.",
    );
  });
  const raw = el("a", null, "Raw JSON");
  raw.href = probeUrl;
  return el(
    "div",
    { class: `verdict verdict-${verdict}`, "data-verdict": verdict },
    el("span", { class: "verdict-icon", "aria-hidden": "true" }),
    el(
      "div",
      { class: "verdict-text" },
      el("h2", { id: "verdict-title", tabindex: "-1" }, VERDICT_TITLES[verdict]),
      el("p", { class: "summary" }, summaryOf(view)),
      el("p", { class: "actions" }, copy, " ", raw),
    ),
  );
}

function describeSource(o: SourceOutcome, who: "browser" | "probe"): string {
  if (!o.ok) {
    if (o.problem) return o.problem.message;
    return who === "probe"
      ? "The checker's server could not be reached."
      : "The check could not run in this browser.";
  }
  const v = o.view;
  const counts = countBySeverity(v.diagnostics);
  const status = v.httpStatus !== undefined ? `HTTP ${v.httpStatus}` : "no answer";
  const blocked = v.diagnostics.some((d) => d.code === "BROWSER_BLOCKED");
  if (who === "browser" && blocked) return "Blocked: this browser could not read the file.";
  const read =
    v.status === "found"
      ? `read the file (${status}), ${v.contacts.length} usable contact${v.contacts.length === 1 ? "" : "s"}`
      : v.status === "not_found"
        ? `${status}: nothing published`
        : v.status === "invalid"
          ? `${status}: nothing usable in the file`
          : "could not fetch the file";
  const problems = `${counts.error} error${counts.error === 1 ? "" : "s"}, ${counts.warning} warning${counts.warning === 1 ? "" : "s"}`;
  return `${read[0]?.toUpperCase()}${read.slice(1)}; ${problems}.`;
}

function renderSources(o: Outcomes): HTMLElement {
  const row = (label: string, note: string, text: string, ok: boolean) =>
    el(
      "div",
      { class: `source ${ok ? "source-ok" : "source-bad"}` },
      el("dt", null, label, el("span", { class: "note" }, note)),
      el("dd", null, text),
    );
  const browserOk =
    o.browser.ok && !o.browser.view.diagnostics.some((d) => d.code === "BROWSER_BLOCKED");
  return section(
    "h-sources",
    "Two ways to fetch",
    el(
      "dl",
      { class: "sources" },
      row(
        "From your browser",
        "directly, as a web client would",
        describeSource(o.browser, "browser"),
        browserOk,
      ),
      row(
        "Through this checker's server",
        "sees the headers browsers hide",
        describeSource(o.probe, "probe"),
        o.probe.ok,
      ),
    ),
  );
}

/** The schemes pgpKeyLink can return, for dom.ts's own allow-list check. */
const KEY_SCHEMES: ReadonlySet<string> = new Set(["https:", "openpgp4fpr:"]);

function contactCard(c: ContactView): HTMLElement {
  const label = roleLabel(c.role);
  const description = roleDescription(c.role);
  const ways = el("dl", { class: "ways" });
  if (c.matrixId !== undefined) {
    const value = isUserId(c.matrixId)
      ? link(matrixToLink(c.matrixId), c.matrixId)
      : el("span", null, c.matrixId);
    ways.append(el("dt", null, "Matrix"), el("dd", null, value));
  }
  if (c.email !== undefined) {
    const value = isEmail(c.email) ? link(mailtoLink(c.email), c.email) : el("span", null, c.email);
    ways.append(el("dt", null, "Email"), el("dd", null, value));
  }
  if (c.pgpKey !== undefined) {
    // A link only for an https: URL or a well-formed fingerprint; anything else is text.
    const href = pgpKeyLink(c.pgpKey);
    const value =
      href === undefined ? el("span", null, c.pgpKey) : link(href, c.pgpKey, KEY_SCHEMES);
    ways.append(el("dt", null, "PGP key"), el("dd", null, value));
  }
  return el(
    "li",
    { class: "card" },
    el("h4", null, label),
    label !== c.role ? el("p", { class: "role" }, el("code", null, c.role)) : null,
    description ? el("p", { class: "description" }, description) : null,
    ways,
  );
}

function renderContacts(view: CheckView): HTMLElement | null {
  if (view.status !== "found") return null;
  const body =
    view.contacts.length > 0
      ? el("ul", { class: "cards" }, ...view.contacts.map(contactCard))
      : el("p", null, "No usable contacts in the file.");
  const page =
    view.supportPage === undefined
      ? el("p", null, "No support page.")
      : WEB_SCHEMES.has(schemeOf(view.supportPage))
        ? el("p", null, "Support page: ", link(view.supportPage, view.supportPage, WEB_SCHEMES))
        : el(
            "p",
            null,
            "Support page (not a web address, so not linked): ",
            el("code", null, view.supportPage),
          );
  return section("h-contacts", "Who to contact", body, page);
}

function schemeOf(text: string): string {
  try {
    return new URL(text).protocol;
  } catch {
    return "";
  }
}

function problemItem(d: DiagnosticView): HTMLElement {
  const where: (Node | string)[] = [];
  if (d.path !== undefined)
    where.push("at ", el("code", null, d.path === "" ? "(the whole document)" : d.path));
  if (d.line !== undefined)
    where.push(`${where.length ? ", " : ""}line ${d.line}, column ${d.column ?? 1}`);
  return el(
    "li",
    { class: `problem problem-${d.severity}` },
    el(
      "p",
      { class: "problem-message" },
      el("span", { class: "badge" }, SEVERITY_LABEL[d.severity]),
      " ",
      d.message,
    ),
    el(
      "p",
      { class: "problem-where" },
      ...where,
      where.length ? " · " : "",
      el("code", null, d.code),
    ),
    d.hint !== undefined ? el("p", { class: "problem-hint" }, d.hint) : null,
    d.spec !== undefined && schemeOf(d.spec) === "https:"
      ? el("p", { class: "problem-spec" }, link(d.spec, "What the spec says", WEB_SCHEMES))
      : null,
  );
}

function renderProblems(view: CheckView): HTMLElement {
  const all = [...view.diagnostics];
  all.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const body =
    all.length > 0
      ? el("ul", { class: "problems" }, ...all.map(problemItem))
      : el("p", null, "No problems found.");
  return section("h-problems", `Problems (${all.length})`, body);
}

function renderCors(view: CheckView, o: Outcomes): HTMLElement {
  const lines: HTMLElement[] = [];
  if (o.browser.ok) {
    const blocked = o.browser.view.diagnostics.some((d) => d.code === "BROWSER_BLOCKED");
    lines.push(
      el(
        "p",
        null,
        blocked
          ? "No: your browser could not read the file."
          : "Yes: your browser read the file directly.",
      ),
    );
  }
  // Only the probe sees the CORS headers (browsers hide them from scripts).
  if (o.probe.ok && view.raw === o.probe.view.raw) {
    const cors = corsOf(view);
    const text =
      cors.kind === "open"
        ? "The answer carries Access-Control-Allow-Origin: *, so web clients on any site can read it."
        : cors.kind === "missing"
          ? "The answer has no Access-Control-Allow-Origin header, so web clients cannot read it."
          : cors.kind === "restricted"
            ? `Access-Control-Allow-Origin is "${cors.value}": only that origin may read it.`
            : cors.kind === "redirect-missing"
              ? `The redirect from ${cors.hop.url} has no Access-Control-Allow-Origin header: browsers stop there.`
              : "No answer came, so there are no headers to judge.";
    lines.push(el("p", null, text));
  }
  return section("h-cors", "Can web clients read it?", ...lines);
}

function renderWhere(view: CheckView): HTMLElement {
  const parts: HTMLElement[] = [];
  if (view.url !== null)
    parts.push(el("p", null, "Looked at ", link(view.url, view.url, new Set(["https:"]))));
  if (view.redirects.length > 0) {
    parts.push(
      el(
        "ol",
        { class: "hops" },
        ...view.redirects.map((h) =>
          el(
            "li",
            null,
            `${h.status} from `,
            el("code", null, h.url),
            " to ",
            el("code", null, h.location),
            h.allowOrigin === null ? " (no CORS header)" : "",
          ),
        ),
      ),
    );
  }
  const took = view.elapsedMs !== undefined ? ` in ${view.elapsedMs} ms` : "";
  const after = view.elapsedMs !== undefined ? ` after ${view.elapsedMs} ms` : "";
  parts.push(
    el(
      "p",
      null,
      view.httpStatus !== undefined
        ? `Answered HTTP ${view.httpStatus}${took}.`
        : `No answer${after}.`,
    ),
  );
  const shown = ["content-type", "access-control-allow-origin", "cache-control"].filter(
    (h) => view.headers[h] !== undefined,
  );
  if (shown.length > 0) {
    parts.push(
      el(
        "dl",
        { class: "headers" },
        ...shown.flatMap((h) => [
          el("dt", null, h),
          el("dd", null, el("code", null, view.headers[h] ?? "")),
        ]),
      ),
    );
  }
  return section("h-where", "Where we looked", ...parts);
}

/** The whole result for one check: both sources, then the details of the primary one. */
export function renderResult(o: Outcomes, hooks: RenderHooks, probeUrl: string): HTMLElement {
  const view = primaryView(o);
  if (!view) {
    return el(
      "div",
      { class: "result-body" },
      el(
        "div",
        { class: "verdict verdict-unknown", "data-verdict": "unknown" },
        el("span", { class: "verdict-icon", "aria-hidden": "true" }),
        el(
          "div",
          { class: "verdict-text" },
          el("h2", { id: "verdict-title", tabindex: "-1" }, "Could not check"),
          el(
            "p",
            { class: "summary" },
            "Neither your browser nor the checker's server got a result.",
          ),
        ),
      ),
      renderSources(o),
    );
  }
  return el(
    "div",
    { class: "result-body" },
    renderVerdict(view, hooks, probeUrl),
    renderSources(o),
    renderContacts(view),
    renderProblems(view),
    renderCors(view, o),
    renderWhere(view),
  );
}

/** The sentence a screen reader hears when the result arrives. */
export function announcement(o: Outcomes): string {
  const view = primaryView(o);
  if (!view) return "Could not check.";
  return `${VERDICT_TITLES[verdictOf(view)]}. ${summaryOf(view)}`;
}
