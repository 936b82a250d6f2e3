/**
 * Renders a check result. Every string from the result goes through `el()` (text nodes) and every
 * link through `link()` (scheme allow-list); diagnostics show the catalogue's own message, hint
 * and spec link as they arrived (the message in the page's language where a translation fits,
 * ../i18n/diagnostics.ts), never text of the page's own. The page's own words come from the
 * strings it was served with (../i18n/strings.ts), English by default.
 */

import { mailtoLink, matrixToLink, pgpKeyLink } from "../../../../lib/src/core/contact-links.js";
import { isEmail } from "../../../../lib/src/core/grammar/email.js";
import { isUserId } from "../../../../lib/src/core/grammar/user-id.js";
import { format, formatParts } from "../../../../lib/src/server/i18n/format.js";
import { roleText } from "../../../../lib/src/server/i18n/roles.js";
import { type Child, el, link, WEB_SCHEMES } from "../common/dom.js";
import { englishOn, messageText, severityText, translateMessage } from "../i18n/diagnostics.js";
import { plural } from "../i18n/plural.js";
import { CHECKER_ENGLISH, type CheckerStrings } from "../i18n/strings.js";
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
  verdictOf,
  verdictTitle,
} from "./view.js";

export interface RenderHooks {
  /** Copies the JSON; resolves to true when the clipboard took it. */
  copy(json: string): Promise<boolean>;
  announce(text: string): void;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** A message with nodes (links, code) in its placeholders. */
function nodes(template: string, values: Readonly<Record<string, Child>>): Child[] {
  return formatParts(template, values);
}

/** The first letter in upper case, the language's way (a sentence that starts with a value). */
function capitalise(text: string, lang: string): string {
  const first = text.codePointAt(0);
  if (first === undefined) return text;
  const head = String.fromCodePoint(first);
  let upper = head;
  try {
    upper = head.toLocaleUpperCase(lang);
  } catch {
    upper = head.toUpperCase();
  }
  return upper + text.slice(head.length);
}

function section(id: string, title: string, ...body: (Node | null | false)[]): HTMLElement {
  return el("section", { class: "panel", "aria-labelledby": id }, el("h3", { id }, title), ...body);
}

function renderVerdict(
  view: CheckView,
  hooks: RenderHooks,
  probeUrl: string,
  s: CheckerStrings,
): HTMLElement {
  const t = s.checker;
  const verdict = verdictOf(view);
  const copy = el("button", { class: "secondary" }, t.copyJson);
  copy.type = "button";
  copy.addEventListener("click", async () => {
    const ok = await hooks.copy(`${JSON.stringify(view.raw, null, 2)}\n`);
    hooks.announce(ok ? t.copied : t.copyFailed);
  });
  const raw = el("a", null, t.rawJson);
  raw.href = probeUrl;
  return el(
    "div",
    { class: `verdict verdict-${verdict}`, "data-verdict": verdict },
    el("span", { class: "verdict-icon", "aria-hidden": "true" }),
    el(
      "div",
      { class: "verdict-text" },
      el("h2", { id: "verdict-title", tabindex: "-1" }, verdictTitle(verdict, s)),
      el("p", { class: "summary" }, summaryOf(view, s)),
      el("p", { class: "actions" }, copy, " ", raw),
    ),
  );
}

function describeSource(o: SourceOutcome, who: "browser" | "probe", s: CheckerStrings): string {
  const t = s.checker;
  if (!o.ok) {
    if (o.problem) return translateMessage(o.problem, s.diagnostics).text;
    return who === "probe" ? t.probeUnreachable : t.browserFailed;
  }
  const v = o.view;
  const counts = countBySeverity(v.diagnostics);
  const blocked = v.diagnostics.some((d) => d.code === "BROWSER_BLOCKED");
  if (who === "browser" && blocked) return t.browserBlocked;
  const values = {
    status:
      v.httpStatus !== undefined ? format(t.httpStatus, { status: v.httpStatus }) : t.noAnswer,
    contacts: plural(s.lang, t.usableContacts, v.contacts.length),
    errors: plural(s.lang, t.errors, counts.error),
    warnings: plural(s.lang, t.warnings, counts.warning),
  };
  const template =
    v.status === "found"
      ? t.sourceFound
      : v.status === "not_found"
        ? t.sourceNotFound
        : v.status === "invalid"
          ? t.sourceInvalid
          : t.sourceUnreachable;
  return capitalise(format(template, values), s.lang);
}

function renderSources(o: Outcomes, s: CheckerStrings): HTMLElement {
  const t = s.checker;
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
    t.sourcesHeading,
    el(
      "dl",
      { class: "sources" },
      row(t.fromBrowser, t.fromBrowserNote, describeSource(o.browser, "browser", s), browserOk),
      row(t.throughProbe, t.throughProbeNote, describeSource(o.probe, "probe", s), o.probe.ok),
    ),
  );
}

/** The schemes pgpKeyLink can return, for dom.ts's own allow-list check. */
const KEY_SCHEMES: ReadonlySet<string> = new Set(["https:", "openpgp4fpr:"]);

function contactCard(c: ContactView, s: CheckerStrings): HTMLElement {
  const { label, description } = roleText(c.role, s.page);
  const ways = el("dl", { class: "ways" });
  if (c.matrixId !== undefined) {
    const value = isUserId(c.matrixId)
      ? link(matrixToLink(c.matrixId), c.matrixId)
      : el("span", null, c.matrixId);
    ways.append(el("dt", null, s.page.matrixLabel), el("dd", null, value));
  }
  if (c.email !== undefined) {
    const value = isEmail(c.email) ? link(mailtoLink(c.email), c.email) : el("span", null, c.email);
    ways.append(el("dt", null, s.page.emailLabel), el("dd", null, value));
  }
  if (c.pgpKey !== undefined) {
    // A link only for an https: URL or a well-formed fingerprint; anything else is text.
    const href = pgpKeyLink(c.pgpKey);
    const value =
      href === undefined ? el("span", null, c.pgpKey) : link(href, c.pgpKey, KEY_SCHEMES);
    ways.append(el("dt", null, s.page.pgpKeyLabel), el("dd", null, value));
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

function renderContacts(view: CheckView, s: CheckerStrings): HTMLElement | null {
  const t = s.checker;
  if (view.status !== "found") return null;
  const body =
    view.contacts.length > 0
      ? el("ul", { class: "cards" }, ...view.contacts.map((c) => contactCard(c, s)))
      : el("p", null, t.noContacts);
  const page =
    view.supportPage === undefined
      ? el("p", null, t.noSupportPage)
      : WEB_SCHEMES.has(schemeOf(view.supportPage))
        ? el(
            "p",
            null,
            ...nodes(t.supportPage, {
              link: link(view.supportPage, view.supportPage, WEB_SCHEMES),
            }),
          )
        : el(
            "p",
            null,
            ...nodes(t.supportPageUnlinked, { value: el("code", null, view.supportPage) }),
          );
  return section("h-contacts", s.page.contactsHeading, body, page);
}

function schemeOf(text: string): string {
  try {
    return new URL(text).protocol;
  } catch {
    return "";
  }
}

function problemItem(d: DiagnosticView, s: CheckerStrings): HTMLElement {
  const t = s.checker;
  const path =
    d.path === undefined ? undefined : el("code", null, d.path === "" ? t.wholeDocument : d.path);
  const column = d.column ?? 1;
  const where: Child[] =
    path && d.line !== undefined
      ? nodes(t.atLine, { path, line: String(d.line), column: String(column) })
      : path
        ? nodes(t.at, { path })
        : d.line !== undefined
          ? [format(t.line, { line: d.line, column })]
          : [];
  return el(
    "li",
    { class: `problem problem-${d.severity}` },
    el(
      "p",
      { class: "problem-message" },
      el("span", { class: "badge" }, severityText(d.severity, s.checker)),
      " ",
      messageText(d, s),
    ),
    el(
      "p",
      { class: "problem-where" },
      ...where,
      where.length ? " · " : "",
      el("code", null, d.code),
    ),
    d.hint !== undefined
      ? el("p", { class: "problem-hint", lang: englishOn(s.lang) }, d.hint)
      : null,
    d.spec !== undefined && schemeOf(d.spec) === "https:"
      ? el("p", { class: "problem-spec" }, link(d.spec, t.whatSpecSays, WEB_SCHEMES))
      : null,
  );
}

function renderProblems(view: CheckView, s: CheckerStrings): HTMLElement {
  const t = s.checker;
  const all = [...view.diagnostics];
  all.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const body =
    all.length > 0
      ? el("ul", { class: "problems" }, ...all.map((d) => problemItem(d, s)))
      : el("p", null, t.noProblems);
  return section("h-problems", format(t.problemsHeading, { count: all.length }), body);
}

const ALLOW_ORIGIN = "Access-Control-Allow-Origin";

function renderCors(view: CheckView, o: Outcomes, s: CheckerStrings): HTMLElement {
  const t = s.checker;
  const lines: HTMLElement[] = [];
  if (o.browser.ok) {
    const blocked = o.browser.view.diagnostics.some((d) => d.code === "BROWSER_BLOCKED");
    lines.push(el("p", null, blocked ? t.corsBrowserNo : t.corsBrowserYes));
  }
  // Only the probe sees the CORS headers (browsers hide them from scripts).
  if (o.probe.ok && view.raw === o.probe.view.raw) {
    const cors = corsOf(view);
    const text =
      cors.kind === "open"
        ? format(t.corsOpen, { header: `${ALLOW_ORIGIN}: *` })
        : cors.kind === "missing"
          ? format(t.corsMissing, { header: ALLOW_ORIGIN })
          : cors.kind === "restricted"
            ? format(t.corsRestricted, { header: ALLOW_ORIGIN, value: cors.value })
            : cors.kind === "redirect-missing"
              ? format(t.corsRedirectMissing, { url: cors.hop.url, header: ALLOW_ORIGIN })
              : t.corsUnknown;
    lines.push(el("p", null, text));
  }
  return section("h-cors", t.corsHeading, ...lines);
}

function renderWhere(view: CheckView, s: CheckerStrings): HTMLElement {
  const t = s.checker;
  const parts: HTMLElement[] = [];
  if (view.url !== null)
    parts.push(
      el("p", null, ...nodes(t.lookedAt, { url: link(view.url, view.url, new Set(["https:"])) })),
    );
  if (view.redirects.length > 0) {
    parts.push(
      el(
        "ol",
        { class: "hops" },
        ...view.redirects.map((h) =>
          el(
            "li",
            null,
            ...nodes(h.allowOrigin === null ? t.hopNoCors : t.hop, {
              status: String(h.status),
              from: el("code", null, h.url),
              to: el("code", null, h.location),
            }),
          ),
        ),
      ),
    );
  }
  const ms = view.elapsedMs;
  parts.push(
    el(
      "p",
      null,
      view.httpStatus !== undefined
        ? ms !== undefined
          ? format(t.answeredIn, { status: view.httpStatus, ms })
          : format(t.answered, { status: view.httpStatus })
        : ms !== undefined
          ? format(t.noAnswerAfter, { ms })
          : t.noAnswerSentence,
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
  return section("h-where", t.whereHeading, ...parts);
}

/** The whole result for one check: both sources, then the details of the primary one. */
export function renderResult(
  o: Outcomes,
  hooks: RenderHooks,
  probeUrl: string,
  s: CheckerStrings = CHECKER_ENGLISH,
): HTMLElement {
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
          el("h2", { id: "verdict-title", tabindex: "-1" }, s.checker.verdictUnknown),
          el("p", { class: "summary" }, s.checker.neither),
        ),
      ),
      renderSources(o, s),
    );
  }
  return el(
    "div",
    { class: "result-body" },
    renderVerdict(view, hooks, probeUrl, s),
    renderSources(o, s),
    renderContacts(view, s),
    renderProblems(view, s),
    renderCors(view, o, s),
    renderWhere(view, s),
  );
}

/** The sentence a screen reader hears when the result arrives. */
export function announcement(o: Outcomes, s: CheckerStrings = CHECKER_ENGLISH): string {
  const view = primaryView(o);
  if (!view)
    return format(s.checker.announcement, {
      verdict: s.checker.verdictUnknown,
      summary: "",
    }).trim();
  return format(s.checker.announcement, {
    verdict: verdictTitle(verdictOf(view), s),
    summary: summaryOf(view, s),
  });
}
