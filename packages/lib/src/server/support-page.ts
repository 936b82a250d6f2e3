/**
 * The human support page: who to contact for what, rendered from the same config as the JSON.
 * Semantic HTML, no script, one stylesheet served from a hashed path (so the CSP can stay strict),
 * light and dark via prefers-color-scheme. Every value is escaped; only http(s) and mailto:
 * values become links, and a PGP key only as an https: URL or a well-formed openpgp4fpr:
 * fingerprint (pgpKeyLink). One page per language (./i18n/), with a switch of plain `?lang=`
 * links that works without script.
 */
import { type Config, type PageTexts, publishesSupport } from "../config/types.js";
import {
  type Contact,
  isEmail,
  isFingerprintUri,
  mailtoLink,
  matrixToLink,
  PGP_KEY,
  PGP_KEY_UNSTABLE,
  POLICIES,
  POLICIES_UNSTABLE,
  parseUri,
  pgpKeyLink,
  ROLE_ADMIN,
  ROLE_DPO,
  ROLE_DPO_UNSTABLE,
  ROLE_MODERATOR,
  ROLE_MODERATOR_UNSTABLE,
  ROLE_REPORT_MODERATOR,
  ROLE_SECURITY,
} from "../core/index.js";
import { contentHash } from "./hash.js";
import {
  formatParts,
  LANGUAGES,
  type Language,
  languageOf,
  type Messages,
  matchLanguage,
} from "./i18n/index.js";
import { roleText } from "./i18n/roles.js";

export { roleText };

/** Options of `renderSupportPage`. */
export interface PageOptions {
  /** Path of the web checker when it is mounted; the page links to it. */
  checkerPath?: string | undefined;
  /** Path of the stylesheet (defaults to the hashed path of SUPPORT_PAGE_CSS). */
  cssPath?: string | undefined;
  /**
   * The language to render, as a tag of `languages` or a language of its own; default: the
   * config's `page.default_language`, else English.
   */
  language?: string | Language | undefined;
  /** The languages of the switch (default: all of `LANGUAGES`). */
  languages?: readonly Language[] | undefined;
}

/** The language a page renders in: the option, else the config's default, else English. */
export function pageLanguage(config: Config, options: PageOptions = {}): Language {
  const languages = options.languages ?? LANGUAGES;
  const wanted = options.language ?? config.page?.default_language;
  if (typeof wanted === "object") return wanted;
  return (
    languages.find((l) => l.tag === wanted) ??
    languages.find((l) => l.tag === "en") ??
    languageOf("en")
  );
}

/** Escapes text for HTML content and double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&#39;",
  );
}

const LINK_SCHEMES = new Set(["http", "https", "mailto"]);

/**
 * The value as an href when it is a well-formed URI with a scheme people can safely open, else
 * undefined: http(s) with a host, mailto:, and openpgp4fpr: only with exactly a fingerprint (the
 * handler of that scheme is an external program; anything else must not reach it).
 */
export function safeHref(value: string): string | undefined {
  if (isFingerprintUri(value)) return value;
  const uri = parseUri(value);
  if (!uri.ok || !LINK_SCHEMES.has(uri.scheme)) return undefined;
  if ((uri.scheme === "http" || uri.scheme === "https") && !uri.host) return undefined;
  return value;
}

/** A message with HTML values: the message's own text is escaped, the values are not. */
export function fillHtml(template: string, html: Readonly<Record<string, string>>): string {
  const values: Record<string, { html: string }> = {};
  for (const [k, v] of Object.entries(html)) values[k] = { html: v };
  return formatParts(template, values)
    .map((p) => (typeof p === "string" ? escapeHtml(p) : p.html))
    .join("");
}

function link(href: string | undefined, text: string): string {
  return href ? `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>` : escapeHtml(text);
}

// Known roles first, in the order people usually need them; unknown roles follow as published.
const ROLE_ORDER = [
  ROLE_ADMIN,
  ROLE_SECURITY,
  ROLE_MODERATOR,
  ROLE_MODERATOR_UNSTABLE,
  ROLE_REPORT_MODERATOR,
  ROLE_DPO,
  ROLE_DPO_UNSTABLE,
];

function groupByRole(contacts: readonly unknown[]): [string, Contact[]][] {
  const groups = new Map<string, Contact[]>();
  for (const c of contacts) {
    if (typeof c !== "object" || c === null || Array.isArray(c)) continue;
    const contact = c as Contact;
    if (typeof contact.role !== "string") continue;
    const list = groups.get(contact.role) ?? [];
    list.push(contact);
    groups.set(contact.role, list);
  }
  const rank = (role: string) => {
    const i = ROLE_ORDER.indexOf(role);
    return i === -1 ? ROLE_ORDER.length : i;
  };
  // Array.prototype.sort is stable: unknown roles keep their published order.
  return [...groups.entries()].sort((a, b) => rank(a[0]) - rank(b[0]));
}

function contactItem(contact: Contact, t: Messages): string {
  const rows: string[] = [];
  if (typeof contact.matrix_id === "string") {
    rows.push(
      `<dt>${escapeHtml(t.matrixLabel)}</dt><dd>${link(matrixToLink(contact.matrix_id), contact.matrix_id)}</dd>`,
    );
  }
  if (typeof contact.email_address === "string") {
    const href = isEmail(contact.email_address) ? mailtoLink(contact.email_address) : undefined;
    rows.push(`<dt>${escapeHtml(t.emailLabel)}</dt><dd>${link(href, contact.email_address)}</dd>`);
  }
  const pgp = contact[PGP_KEY] ?? contact[PGP_KEY_UNSTABLE];
  if (typeof pgp === "string") {
    rows.push(`<dt>${escapeHtml(t.pgpKeyLabel)}</dt><dd>${link(pgpKeyLink(pgp), pgp)}</dd>`);
  }
  if (rows.length === 0) return "";
  return `<li><dl>${rows.join("")}</dl></li>`;
}

function roleSection(role: string, contacts: Contact[], index: number, t: Messages): string {
  const { label, description } = roleText(role, t);
  const id = `role-${index}`;
  const items = contacts.map((c) => contactItem(c, t)).filter((s) => s !== "");
  return [
    `<section class="role" aria-labelledby="${id}">`,
    `<h3 id="${id}">${escapeHtml(label)}</h3>`,
    label !== role ? `<p class="role-id"><code>${escapeHtml(role)}</code></p>` : "",
    description ? `<p>${escapeHtml(description)}</p>` : "",
    `<ul class="contacts">${items.join("")}</ul>`,
    "</section>",
  ].join("");
}

interface Policy {
  name: string;
  url: string;
  /** The language of this version of the policy, when it is not the page's. */
  lang?: string;
}

const LANG_TAG = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/;

/**
 * MSC4266 policies: `{ id: { version, <lang>: { name, url } } }`. Each in the reader's language
 * when the document has it (`pt` serves a `pt-BR` reader), else the page's default language,
 * else English, else the first language given.
 */
function policiesOf(value: unknown, reader: string, fallback: string): Policy[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [];
  const out: Policy[] = [];
  for (const [id, policy] of Object.entries(value)) {
    if (typeof policy !== "object" || policy === null) continue;
    const versions = new Map<string, { name?: unknown; url?: unknown }>();
    for (const [k, v] of Object.entries(policy)) {
      if (k !== "version" && typeof v === "object" && v !== null && !Array.isArray(v))
        versions.set(k, v);
    }
    const keys = [...versions.keys()];
    const key =
      matchLanguage(reader, keys) ??
      matchLanguage(fallback, keys) ??
      matchLanguage("en", keys) ??
      keys[0];
    const pick = key === undefined ? undefined : versions.get(key);
    if (key === undefined || !pick || typeof pick.url !== "string") continue;
    const p: Policy = { name: typeof pick.name === "string" ? pick.name : id, url: pick.url };
    if (key.toLowerCase() !== reader.toLowerCase() && LANG_TAG.test(key)) p.lang = key;
    out.push(p);
  }
  return out;
}

/** The config's own texts for a language: the reader's, else the default language's. */
function ownTexts(
  config: Config,
  tag: string,
): { title?: [string, string]; intro?: [string, string]; notes?: [string[], string] } {
  const texts = config.page?.texts;
  if (typeof texts !== "object" || texts === null) return {};
  const fallback = config.page?.default_language;
  const chain = [tag, ...(typeof fallback === "string" && fallback !== tag ? [fallback] : [])];
  const out: { title?: [string, string]; intro?: [string, string]; notes?: [string[], string] } =
    {};
  for (const t of chain) {
    const own: PageTexts | undefined = Object.hasOwn(texts, t) ? texts[t] : undefined;
    if (typeof own !== "object" || own === null) continue;
    if (!out.title && typeof own.title === "string" && own.title.trim() !== "")
      out.title = [own.title, t];
    if (!out.intro && typeof own.intro === "string" && own.intro.trim() !== "")
      out.intro = [own.intro, t];
    if (!out.notes && Array.isArray(own.notes)) {
      const notes = own.notes.filter((n): n is string => typeof n === "string" && n.trim() !== "");
      if (notes.length > 0) out.notes = [notes, t];
    }
  }
  return out;
}

/** ` lang="xx"` when a text is in another language than the page, else "". */
const langAttr = (textLang: string, pageLang: string) =>
  textLang === pageLang ? "" : ` lang="${escapeHtml(textLang)}"`;

/** A language's `?lang=` link, relative to the page it is on. */
const queryHref = (tag: string) => `?lang=${encodeURIComponent(tag)}`;

/**
 * The language switch: plain links (`?lang=` by default, or `href`'s, e.g. the generator's static
 * copy, one file per language), so it works without script; each name in its own language and
 * direction, the current one marked. The checker and generator pages use it too.
 */
export function languageSwitch(
  current: Pick<Language, "tag" | "dir">,
  languages: readonly Pick<Language, "tag" | "dir" | "name">[],
  label: string,
  href: (tag: string) => string = queryHref,
): string {
  if (languages.length < 2) return "";
  const items = languages.map((l) => {
    const tag = escapeHtml(l.tag);
    const here = l.tag === current.tag ? ' aria-current="true"' : "";
    const dir = l.dir !== current.dir ? ` dir="${l.dir === "rtl" ? "rtl" : "ltr"}"` : "";
    return `<li><a href="${escapeHtml(href(l.tag))}" hreflang="${tag}" lang="${tag}"${dir}${here}>${escapeHtml(l.name)}</a></li>`;
  });
  return `<nav class="languages" aria-label="${escapeHtml(label)}"><ul>${items.join("")}</ul></nav>`;
}

/**
 * Renders the support page for a config, in one language (see `PageOptions.language`). Pure; the
 * same config and options always give the same bytes.
 */
export function renderSupportPage(config: Config, options: PageOptions = {}): string {
  const language = pageLanguage(config, options);
  const languages = options.languages ?? LANGUAGES;
  const t = language.messages;
  const tag = language.tag;
  const server = typeof config.server_name === "string" ? config.server_name : undefined;
  const own = ownTexts(config, tag);
  const defaultTag =
    typeof config.page?.default_language === "string" ? config.page.default_language : "en";
  const titleText = own.title
    ? own.title[0]
    : server
      ? formatParts(t.title, { server }).join("")
      : t.titleNoServer;
  const support = publishesSupport(config) ? config.support : undefined;
  const contacts = Array.isArray(support?.contacts) ? support.contacts : [];
  const groups = groupByRole(contacts);
  const supportPage = typeof support?.support_page === "string" ? support.support_page : undefined;
  const policies = policiesOf(support?.[POLICIES] ?? support?.[POLICIES_UNSTABLE], tag, defaultTag);
  const section = (id: string, heading: string, ...body: string[]) =>
    `<section aria-labelledby="${id}"><h2 id="${id}">${escapeHtml(heading)}</h2>${body.join("")}</section>`;

  const body: string[] = [];
  body.push(languageSwitch(language, languages, t.languageSwitch));
  body.push(
    "<header>",
    `<p class="eyebrow">${escapeHtml(t.eyebrow)}</p>`,
    `<h1${own.title ? langAttr(own.title[1], tag) : ""}>${escapeHtml(titleText)}</h1>`,
    own.intro
      ? `<p${langAttr(own.intro[1], tag)}>${escapeHtml(own.intro[0])}</p>`
      : server
        ? `<p>${fillHtml(t.intro, { server: `<strong>${escapeHtml(server)}</strong>` })}</p>`
        : `<p>${escapeHtml(t.introNoServer)}</p>`,
    "</header>",
    "<main>",
  );
  if (!support) {
    body.push(section("none-heading", t.noneHeading, `<p>${escapeHtml(t.noneText)}</p>`));
  }
  if (groups.length > 0) {
    body.push(
      section(
        "contacts-heading",
        t.contactsHeading,
        ...groups.map(([role, list], i) => roleSection(role, list, i, t)),
      ),
    );
  }
  if (own.notes) {
    const lang = langAttr(own.notes[1], tag);
    body.push(
      section(
        "notes-heading",
        t.notesHeading,
        ...own.notes[0].map((n) => `<p class="note"${lang}>${escapeHtml(n)}</p>`),
      ),
    );
  }
  if (supportPage) {
    body.push(
      section("help-heading", t.helpHeading, `<p>${link(safeHref(supportPage), supportPage)}</p>`),
    );
  }
  if (policies.length > 0) {
    body.push(
      section(
        "policies-heading",
        t.policiesHeading,
        "<ul>",
        ...policies.map((p) => {
          const href = /^https?:/i.test(p.url) ? safeHref(p.url) : undefined;
          const lang = p.lang ? ` lang="${escapeHtml(p.lang)}"` : "";
          return `<li${lang}>${href ? link(href, p.name) : `${escapeHtml(p.name)} (${escapeHtml(p.url)})`}</li>`;
        }),
        "</ul>",
      ),
    );
  }
  body.push("</main>", "<footer><p>");
  const path = "<code>/.well-known/matrix/support</code>";
  body.push(
    support
      ? fillHtml(t.machineReadable, { link: `<a href="/.well-known/matrix/support">${path}</a>` })
      : fillHtml(t.clientsLookAt, { path }),
  );
  body.push("</p>");
  if (options.checkerPath)
    body.push(
      `<p><a href="${escapeHtml(options.checkerPath)}">${escapeHtml(t.checkerLink)}</a></p>`,
    );
  body.push("</footer>");

  return [
    "<!doctype html>",
    // Left to right is HTML's default; only the other direction is written out.
    `<html lang="${escapeHtml(tag)}"${language.dir === "rtl" ? ' dir="rtl"' : ""}>`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(titleText)}</title>`,
    `<link rel="stylesheet" href="${escapeHtml(options.cssPath ?? supportPageCssPath())}">`,
    `<link rel="icon" type="image/svg+xml" href="${escapeHtml(supportPageIconPath())}">`,
    "</head>",
    "<body>",
    body.join("\n"),
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/** The page's stylesheet. Colours meet WCAG AA contrast in both schemes. */
export const SUPPORT_PAGE_CSS = `:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1b1b1f; --muted: #52525b; --link: #0b57d0; --card: #f4f4f5; --line: #d4d4d8;
}
@media (prefers-color-scheme: dark) {
  :root { --bg: #121214; --fg: #ececf0; --muted: #a1a1aa; --link: #8ab4f8; --card: #1c1c20; --line: #3f3f46; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0 auto; max-width: 44rem; padding: 1.5rem 1rem 3rem;
  background: var(--bg); color: var(--fg);
  font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", sans-serif;
  overflow-wrap: anywhere;
}
h1 { font-size: 1.75rem; line-height: 1.2; margin: 0.25rem 0 0.75rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.75rem; }
h3 { font-size: 1.1rem; margin: 0 0 0.25rem; }
.eyebrow, .role-id, footer { color: var(--muted); }
.eyebrow { margin: 0; font-size: 0.9rem; text-transform: uppercase; letter-spacing: 0.05em; }
.role { background: var(--card); border: 1px solid var(--line); border-radius: 0.5rem; padding: 1rem; margin: 0 0 1rem; }
.role p { margin: 0.25rem 0; }
.role-id { font-size: 0.9rem; }
.contacts { list-style: none; margin: 0.75rem 0 0; padding: 0; }
.contacts > li + li { border-top: 1px solid var(--line); margin-top: 0.75rem; padding-top: 0.75rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0; }
dt { font-weight: 600; }
dd { margin: 0; }
a { color: var(--link); text-underline-offset: 0.15em; }
a:focus-visible { outline: 3px solid var(--link); outline-offset: 2px; border-radius: 2px; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.95em; }
footer { margin-top: 2.5rem; border-top: 1px solid var(--line); padding-top: 1rem; font-size: 0.9rem; }
.languages ul { display: flex; flex-wrap: wrap; justify-content: flex-end; gap: 0.25rem 0.9rem; list-style: none; margin: 0 0 1rem; padding: 0; font-size: 0.875rem; }
.languages a { color: var(--muted); }
.languages a[aria-current] { color: var(--fg); font-weight: 600; text-decoration: none; }
.note { white-space: pre-line; }
h1, h2, h3 { text-wrap: balance; }
:lang(ja), :lang(zh) { line-break: strict; }
:lang(ja) { word-break: auto-phrase; }
@media (max-width: 30rem) { dl { grid-template-columns: 1fr; } dd { margin-bottom: 0.5rem; } }
`;

/** The page's icon (a speech bubble with a question mark), so browsers do not ask for /favicon.ico. */
export const SUPPORT_PAGE_ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path fill="#0b57d0" d="M4 4h24a2 2 0 0 1 2 2v16a2 2 0 0 1-2 2H13l-7 6v-6H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/><path fill="none" stroke="#fff" stroke-width="2.5" stroke-linecap="round" d="M12.5 11a3.5 3.5 0 1 1 5 3.2c-1 .5-1.5 1.2-1.5 2.3"/><circle cx="16" cy="20" r="1.5" fill="#fff"/></svg>
`;

let iconPath: string | undefined;
/** `/assets/support.<hash>.svg`, like the stylesheet. */
export function supportPageIconPath(): string {
  iconPath ??= `/assets/support.${contentHash(new TextEncoder().encode(SUPPORT_PAGE_ICON))}.svg`;
  return iconPath;
}

let cssPath: string | undefined;
/** `/assets/support.<hash>.css`: a new name whenever the stylesheet changes, so it can be cached forever. */
export function supportPageCssPath(): string {
  cssPath ??= `/assets/support.${contentHash(new TextEncoder().encode(SUPPORT_PAGE_CSS))}.css`;
  return cssPath;
}
