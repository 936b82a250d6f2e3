/**
 * The human support page: who to contact for what, rendered from the same config as the JSON.
 * Semantic HTML, no script, one stylesheet served from a hashed path (so the CSP can stay strict),
 * light and dark via prefers-color-scheme. Every value is escaped; only http(s) and mailto:
 * values become links, and a PGP key only as an https: URL or a well-formed openpgp4fpr:
 * fingerprint (pgpKeyLink).
 */
import { type Config, publishesSupport } from "../config/types.js";
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
  roleDescription,
  roleLabel,
} from "../core/index.js";
import { contentHash } from "./hash.js";

/** Options of `renderSupportPage`. */
export interface PageOptions {
  /** Path of the web checker when it is mounted; the page links to it. */
  checkerPath?: string;
  /** Path of the stylesheet (defaults to the hashed path of SUPPORT_PAGE_CSS). */
  cssPath?: string;
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

function contactItem(contact: Contact): string {
  const rows: string[] = [];
  if (typeof contact.matrix_id === "string") {
    rows.push(
      `<dt>Matrix</dt><dd>${link(matrixToLink(contact.matrix_id), contact.matrix_id)}</dd>`,
    );
  }
  if (typeof contact.email_address === "string") {
    const href = isEmail(contact.email_address) ? mailtoLink(contact.email_address) : undefined;
    rows.push(`<dt>Email</dt><dd>${link(href, contact.email_address)}</dd>`);
  }
  const pgp = contact[PGP_KEY] ?? contact[PGP_KEY_UNSTABLE];
  if (typeof pgp === "string") {
    rows.push(`<dt>PGP key</dt><dd>${link(pgpKeyLink(pgp), pgp)}</dd>`);
  }
  if (rows.length === 0) return "";
  return `<li><dl>${rows.join("")}</dl></li>`;
}

function roleSection(role: string, contacts: Contact[], index: number): string {
  const label = roleLabel(role);
  const description = roleDescription(role);
  const id = `role-${index}`;
  const items = contacts.map(contactItem).filter((s) => s !== "");
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
}

/** MSC4266 policies: `{ id: { version, <lang>: { name, url } } }`; English first, else any language. */
function policiesOf(value: unknown): Policy[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [];
  const out: Policy[] = [];
  for (const [id, policy] of Object.entries(value)) {
    if (typeof policy !== "object" || policy === null) continue;
    const entries = Object.entries(policy as Record<string, unknown>).filter(
      ([k, v]) => k !== "version" && typeof v === "object" && v !== null,
    ) as [string, { name?: unknown; url?: unknown }][];
    const pick = entries.find(([k]) => k === "en") ?? entries[0];
    if (!pick || typeof pick[1].url !== "string") continue;
    out.push({ name: typeof pick[1].name === "string" ? pick[1].name : id, url: pick[1].url });
  }
  return out;
}

/** Renders the support page for a config. Pure; the same config always gives the same bytes. */
export function renderSupportPage(config: Config, options: PageOptions = {}): string {
  const server = typeof config.server_name === "string" ? config.server_name : undefined;
  const title = server ? `Support for ${server}` : "Support";
  const support = publishesSupport(config) ? config.support : undefined;
  const contacts = Array.isArray(support?.contacts) ? support.contacts : [];
  const groups = groupByRole(contacts);
  const supportPage = typeof support?.support_page === "string" ? support.support_page : undefined;
  const policies = policiesOf(support?.[POLICIES] ?? support?.[POLICIES_UNSTABLE]);

  const body: string[] = [];
  body.push(
    "<header>",
    `<p class="eyebrow">Matrix server support</p>`,
    `<h1>${escapeHtml(title)}</h1>`,
    server
      ? `<p>How to reach the people who run the Matrix server <strong>${escapeHtml(server)}</strong>, for example when it is down or when you need to report a problem.</p>`
      : "<p>How to reach the people who run this Matrix server.</p>",
    "</header>",
    "<main>",
  );
  if (!support) {
    body.push(
      `<section aria-labelledby="none-heading"><h2 id="none-heading">No support information</h2>`,
      "<p>This server does not publish any support contacts.</p></section>",
    );
  }
  if (groups.length > 0) {
    body.push(
      `<section aria-labelledby="contacts-heading"><h2 id="contacts-heading">Who to contact</h2>`,
      ...groups.map(([role, list], i) => roleSection(role, list, i)),
      "</section>",
    );
  }
  if (supportPage) {
    body.push(
      `<section aria-labelledby="help-heading"><h2 id="help-heading">Help page</h2>`,
      `<p>${link(safeHref(supportPage), supportPage)}</p></section>`,
    );
  }
  if (policies.length > 0) {
    body.push(
      `<section aria-labelledby="policies-heading"><h2 id="policies-heading">Policies</h2><ul>`,
      ...policies.map((p) => {
        const href = /^https?:/i.test(p.url) ? safeHref(p.url) : undefined;
        return `<li>${href ? link(href, p.name) : `${escapeHtml(p.name)} (${escapeHtml(p.url)})`}</li>`;
      }),
      "</ul></section>",
    );
  }
  body.push("</main>", "<footer><p>");
  body.push(
    support
      ? `Machine-readable: <a href="/.well-known/matrix/support"><code>/.well-known/matrix/support</code></a> (Matrix spec, MSC1929).`
      : "Matrix clients look for support information at <code>/.well-known/matrix/support</code>.",
  );
  if (options.checkerPath)
    body.push(
      ` <a href="${escapeHtml(options.checkerPath)}">Check another server's support file</a>.`,
    );
  body.push("</p></footer>");

  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(title)}</title>`,
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
