/**
 * `compareSupport(before, after)`: what changed between two support documents, as data, each
 * change with a risk. The spec's only security consideration is that a compromised host can send
 * people's sensitive reports to an attacker; comparing what a server publishes now with what it
 * published before is how a client or a trust & safety team notices.
 *
 * The rules (a contract; docs/watching.md has examples):
 *
 * high
 *   - The security contact's channel (email domain, Matrix ID server, PGP key host) points to a
 *     registrable domain it did not use before. The security contact is every `m.role.security`
 *     contact or, when there is none, every `m.role.admin` contact (the fallback clients use for
 *     security reports, as `pickContact(doc, "security")` does). A domain is new for a channel
 *     when that channel did not use it before; a channel the contact did not have before is
 *     compared with all the domains the contact used before (on any channel). When the document
 *     before had no such contact at all, its domains are every domain the document used.
 *   - The only admin contact (exactly one `m.role.admin` contact before) points to a new domain,
 *     by the same rule, unless that contact is still listed unchanged (then a second admin
 *     contact elsewhere is an added contact, medium). Not repeated when the admin contact is
 *     also the security contact by fallback, before and after.
 *   - Every contact replaced at once: at least two contacts before, at least one after, and no
 *     contact kept (none shares a Matrix ID or an email address with a contact before). With a
 *     single contact before, replacing it is judged by the domain rules above.
 *   - The support page moved to another host (full host names compared).
 * medium
 *   - A contact added or removed, a contact's channel changed (on the same domains), a contact's
 *     role changed, a role gained or lost, the support page added, removed or changed on the same
 *     host.
 * low (only with `{ low: true }`)
 *   - The same contacts in another order; a value differing only in letter case (email
 *     addresses, the server name of a Matrix ID); extension keys (`policies`, custom keys).
 *
 * Contacts are matched before they are compared, so an edit is one change, not a removal and an
 * addition: the same role and channels (order and letter case aside); then the same role and a
 * shared Matrix ID or email address; then a shared Matrix ID or email address under another role;
 * then, per role, the one contact left on each side.
 *
 * Registrable domains are approximate (./registrable-domain.ts): no Public Suffix List.
 */
import { canonicalJson } from "./canonical-json.js";
import { COMPARE_CODES } from "./catalogue/compare.js";
import { diagnosticFrom } from "./diagnostics.js";
import { parseUri } from "./grammar/uri.js";
import { parseUserId } from "./grammar/user-id.js";
import { registrableDomain } from "./registrable-domain.js";
import { PGP_KEY, PGP_KEY_UNSTABLE, ROLE_ADMIN, ROLE_SECURITY } from "./roles.js";

const diagnostic = diagnosticFrom(COMPARE_CODES);

import type { SupportDocument } from "./types.js";

/** How much a change matters: `high` can send sensitive reports to someone new; `medium` is an edit worth a look; `low` is order, letter case or an extension. */
export type Risk = "high" | "medium" | "low";

/** Highest first. */
export const RISKS: readonly Risk[] = ["high", "medium", "low"];

const RANK: Record<Risk, number> = { high: 3, medium: 2, low: 1 };

/** True when `risk` is `threshold` or higher. */
export function riskAtLeast(risk: Risk | null | undefined, threshold: Risk): boolean {
  return risk !== null && risk !== undefined && RANK[risk] >= RANK[threshold];
}

/** The higher of two risks (null = no change). */
export function maxRisk(a: Risk | null, b: Risk | null): Risk | null {
  if (a === null) return b;
  if (b === null) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

/** A contact's ways to reach it, and the support page. */
export type ChangeChannel = "matrix_id" | "email_address" | "pgp_key" | "support_page";

/** One difference between two support documents, with its risk and the catalogue's message. */
export interface SupportChange {
  /** A code of the catalogue (`CHANGE_*`). */
  code: string;
  risk: Risk;
  /** From the catalogue, with the values filled in. Values come from the documents: escape them for terminals. */
  message: string;
  /** The role of the contact concerned. */
  role?: string;
  channel?: ChangeChannel;
  /** The value before (for a domain move: the domains used before, comma-separated). */
  before?: string;
  /** The value after (for a domain move: the new domain). */
  after?: string;
  hint?: string;
}

type ChangeFields = Pick<SupportChange, "role" | "channel" | "before" | "after">;

/** What `compareSupport` answers: every change, and the highest risk among them. */
export interface SupportComparison {
  /** The highest risk among `changes`; null when nothing (reportable) changed. */
  risk: Risk | null;
  /** Highest risk first; in document order within one risk. */
  changes: SupportChange[];
}

/** Options of `compareSupport`. */
export interface CompareOptions {
  /** Report low-risk changes too (order, letter case, extensions). Default false. */
  low?: boolean | undefined;
}

type Channel = "matrix_id" | "email_address" | "pgp_key";
const CHANNELS: readonly Channel[] = ["matrix_id", "email_address", "pgp_key"];
const CHANNEL_WORDS: Record<ChangeChannel, string> = {
  matrix_id: "Matrix ID",
  email_address: "email address",
  pgp_key: "PGP key",
  support_page: "support page",
};

/** One contact, with its values as written and as compared. */
interface Entry {
  index: number;
  role: string;
  raw: Partial<Record<Channel, string>>;
  /** Compared values: email lower-cased, a Matrix ID's server name lower-cased. */
  key: Partial<Record<Channel, string>>;
  /** Registrable domain per channel. */
  domain: Partial<Record<Channel, string>>;
  /** The contact's other keys, canonical JSON per key. */
  extensions: Map<string, string>;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function hostOfUri(value: string): string | undefined {
  const uri = parseUri(value);
  return uri.ok && uri.host !== undefined && uri.host !== "" ? uri.host.toLowerCase() : undefined;
}

function matrixParts(value: string): { key: string; domain: string } {
  const parsed = parseUserId(value);
  if (parsed.ok) {
    const server = parsed.serverName.toLowerCase();
    const host = server.startsWith("[")
      ? server.slice(0, server.indexOf("]") + 1)
      : server.replace(/:\d+$/, "");
    return { key: `@${parsed.localpart}:${server}`, domain: registrableDomain(host) };
  }
  const colon = value.indexOf(":");
  const server = colon < 0 ? "" : value.slice(colon + 1).toLowerCase();
  return {
    key: colon < 0 ? value : `${value.slice(0, colon)}:${server}`,
    domain: registrableDomain(server.replace(/:\d+$/, "")),
  };
}

function emailParts(value: string): { key: string; domain: string } {
  const at = value.lastIndexOf("@");
  const domain = at < 0 ? "" : value.slice(at + 1);
  return {
    key: value.toLowerCase(),
    domain: domain.startsWith("[") ? domain : registrableDomain(domain),
  };
}

const CORE_CONTACT_KEYS = new Set([
  "role",
  "matrix_id",
  "email_address",
  PGP_KEY,
  PGP_KEY_UNSTABLE,
]);

function entriesOf(document: SupportDocument | null | undefined): Entry[] {
  const contacts = isObject(document) && Array.isArray(document.contacts) ? document.contacts : [];
  const out: Entry[] = [];
  contacts.forEach((contact: unknown, index) => {
    if (!isObject(contact) || typeof contact.role !== "string") return;
    const e: Entry = {
      index,
      role: contact.role,
      raw: {},
      key: {},
      domain: {},
      extensions: new Map(),
    };
    if (typeof contact.matrix_id === "string") {
      const p = matrixParts(contact.matrix_id);
      e.raw.matrix_id = contact.matrix_id;
      e.key.matrix_id = p.key;
      if (p.domain !== "") e.domain.matrix_id = p.domain;
    }
    if (typeof contact.email_address === "string") {
      const p = emailParts(contact.email_address);
      e.raw.email_address = contact.email_address;
      e.key.email_address = p.key;
      if (p.domain !== "") e.domain.email_address = p.domain;
    }
    const pgp = contact[PGP_KEY] ?? contact[PGP_KEY_UNSTABLE];
    if (typeof pgp === "string") {
      e.raw.pgp_key = pgp;
      e.key.pgp_key = pgp.trim();
      const host = hostOfUri(pgp.trim());
      if (host !== undefined) e.domain.pgp_key = registrableDomain(host);
    }
    for (const k of Object.keys(contact).sort())
      if (!CORE_CONTACT_KEYS.has(k)) e.extensions.set(k, canonicalJson(contact[k]));
    out.push(e);
  });
  return out;
}

const sameKeys = (x: Entry, y: Entry): boolean => CHANNELS.every((c) => x.key[c] === y.key[c]);
const sharesAddress = (x: Entry, y: Entry): boolean =>
  (x.key.matrix_id !== undefined && x.key.matrix_id === y.key.matrix_id) ||
  (x.key.email_address !== undefined && x.key.email_address === y.key.email_address);

function describeContact(e: Entry): string {
  const parts = [e.raw.matrix_id, e.raw.email_address].filter((v) => v !== undefined);
  return parts.length > 0 ? parts.join(" ") : "(no Matrix ID or email address)";
}

/** Domains per channel of a group of contacts, and all of them together. */
function domainsOf(group: readonly Entry[]): {
  per: Record<Channel, Set<string>>;
  all: Set<string>;
} {
  const per: Record<Channel, Set<string>> = {
    matrix_id: new Set(),
    email_address: new Set(),
    pgp_key: new Set(),
  };
  const all = new Set<string>();
  for (const e of group)
    for (const c of CHANNELS) {
      const d = e.domain[c];
      if (d === undefined) continue;
      per[c].add(d);
      all.add(d);
    }
  return { per, all };
}

/** Every domain a document uses: its contacts' and its support page's. */
function documentDomains(entries: readonly Entry[], supportPage: string | undefined): Set<string> {
  const all = domainsOf(entries).all;
  const host = supportPage === undefined ? undefined : hostOfUri(supportPage);
  if (host !== undefined) all.add(registrableDomain(host));
  return all;
}

interface Move {
  channel: Channel;
  from: string;
  to: string;
}

/** Domains the group's channels use now and did not before (the rule in the module comment). */
function moves(before: readonly Entry[], after: readonly Entry[], fallback: Set<string>): Move[] {
  const b = domainsOf(before);
  const a = domainsOf(after);
  const known = before.length > 0 ? b.all : fallback;
  // Nothing to compare with: a first publication, not a move.
  if (known.size === 0) return [];
  const out: Move[] = [];
  for (const channel of CHANNELS) {
    const was = b.per[channel];
    for (const d of a.per[channel]) {
      if (was.has(d)) continue;
      if (was.size === 0 && known.has(d)) continue;
      out.push({ channel, from: [...(was.size > 0 ? was : known)].sort().join(", "), to: d });
    }
  }
  return out;
}

const securityGroup = (entries: readonly Entry[]): { group: Entry[]; fallback: boolean } => {
  const security = entries.filter((e) => e.role === ROLE_SECURITY);
  if (security.length > 0) return { group: security, fallback: false };
  return { group: entries.filter((e) => e.role === ROLE_ADMIN), fallback: true };
};

function supportPageOf(document: SupportDocument | null | undefined): string | undefined {
  return isObject(document) && typeof document.support_page === "string"
    ? document.support_page
    : undefined;
}

/** The differences between two support documents (JSON data), highest risk first. Pure; never throws. */
export function compareSupport(
  before: SupportDocument | null | undefined,
  after: SupportDocument | null | undefined,
  options: CompareOptions = {},
): SupportComparison {
  // The common case of a scan diff or a repeated lookup: the very same document.
  if (JSON.stringify(before ?? null) === JSON.stringify(after ?? null))
    return { risk: null, changes: [] };
  const changes: SupportChange[] = [];
  const add = (
    risk: Risk,
    code: Parameters<typeof diagnostic>[0],
    params: Record<string, string | number>,
    fields: ChangeFields = {},
  ): void => {
    const d = diagnostic(code, undefined, params);
    const change: SupportChange = { code, risk, message: d.message };
    if (fields.role !== undefined) change.role = fields.role;
    if (fields.channel !== undefined) change.channel = fields.channel;
    if (fields.before !== undefined) change.before = fields.before;
    if (fields.after !== undefined) change.after = fields.after;
    if (d.hint !== undefined) change.hint = d.hint;
    changes.push(change);
  };

  const b = entriesOf(before);
  const a = entriesOf(after);
  const restB = new Set(b);
  const restA = new Set(a);
  const pairs: { x: Entry; y: Entry; kept: boolean; exact: boolean }[] = [];
  const pairUp = (match: (x: Entry, y: Entry) => boolean, kept: boolean, exact = false) => {
    for (const x of [...restB]) {
      for (const y of restA) {
        if (!match(x, y)) continue;
        pairs.push({ x, y, kept, exact });
        restB.delete(x);
        restA.delete(y);
        break;
      }
    }
  };
  pairUp((x, y) => x.role === y.role && sameKeys(x, y), true, true);
  pairUp((x, y) => x.role === y.role && sharesAddress(x, y), true);
  pairUp((x, y) => sharesAddress(x, y), true);
  // Per role, the one contact left on each side is that role's contact, edited.
  for (const role of new Set([...restB].map((e) => e.role))) {
    const left = [...restB].filter((e) => e.role === role);
    const right = [...restA].filter((e) => e.role === role);
    const [x] = left;
    const [y] = right;
    if (left.length === 1 && right.length === 1 && x && y) {
      pairs.push({ x, y, kept: false, exact: false });
      restB.delete(x);
      restA.delete(y);
    }
  }

  // ---- high: the security contact, the only admin contact, every contact replaced ----
  const pageBefore = supportPageOf(before);
  const pageAfter = supportPageOf(after);
  const fallbackDomains = documentDomains(b, pageBefore);
  const secB = securityGroup(b);
  const secA = securityGroup(a);
  const who = (fallback: boolean) =>
    fallback
      ? "the admin contact (no security contact is listed, so security reports go there)"
      : "the security contact";
  for (const m of moves(secB.group, secA.group, fallbackDomains))
    add(
      "high",
      "CHANGE_SECURITY_CONTACT_MOVED",
      { who: who(secA.fallback), channel: CHANNEL_WORDS[m.channel], to: m.to, from: m.from },
      {
        role: secA.fallback ? ROLE_ADMIN : ROLE_SECURITY,
        channel: m.channel,
        before: m.from,
        after: m.to,
      },
    );
  const adminsB = b.filter((e) => e.role === ROLE_ADMIN);
  const adminsA = a.filter((e) => e.role === ROLE_ADMIN);
  const [onlyAdmin] = adminsB;
  const adminKept = pairs.some((p) => p.exact && p.x === onlyAdmin);
  if (adminsB.length === 1 && !adminKept && !(secB.fallback && secA.fallback))
    for (const m of moves(adminsB, adminsA, fallbackDomains))
      add(
        "high",
        "CHANGE_ADMIN_CONTACT_MOVED",
        { channel: CHANNEL_WORDS[m.channel], to: m.to, from: m.from },
        { role: ROLE_ADMIN, channel: m.channel, before: m.from, after: m.to },
      );
  if (b.length >= 2 && a.length >= 1 && !pairs.some((p) => p.kept))
    add("high", "CHANGE_CONTACTS_REPLACED", { before: b.length, after: a.length });

  // ---- the support page ----
  if (pageBefore !== undefined && pageAfter === undefined)
    add(
      "medium",
      "CHANGE_SUPPORT_PAGE_REMOVED",
      { before: pageBefore },
      {
        channel: "support_page",
        before: pageBefore,
      },
    );
  else if (pageBefore === undefined && pageAfter !== undefined)
    add(
      "medium",
      "CHANGE_SUPPORT_PAGE_ADDED",
      { after: pageAfter },
      {
        channel: "support_page",
        after: pageAfter,
      },
    );
  else if (pageBefore !== undefined && pageAfter !== undefined && pageBefore !== pageAfter) {
    const fields: ChangeFields = {
      channel: "support_page",
      before: pageBefore,
      after: pageAfter,
    };
    const params = { before: pageBefore, after: pageAfter };
    if (hostOfUri(pageBefore) !== hostOfUri(pageAfter))
      add("high", "CHANGE_SUPPORT_PAGE_MOVED", params, fields);
    else add("medium", "CHANGE_SUPPORT_PAGE_CHANGED", params, fields);
  }

  // ---- medium: contacts and roles ----
  const rolesB = new Set(b.map((e) => e.role));
  const rolesA = new Set(a.map((e) => e.role));
  for (const role of rolesA)
    if (!rolesB.has(role)) add("medium", "CHANGE_ROLE_GAINED", { role }, { role });
  for (const role of rolesB)
    if (!rolesA.has(role)) add("medium", "CHANGE_ROLE_LOST", { role }, { role });

  pairs.sort((p, q) => p.x.index - q.x.index);
  for (const { x, y } of pairs) {
    if (x.role !== y.role)
      add(
        "medium",
        "CHANGE_CONTACT_ROLE",
        { contact: describeContact(y), before: x.role, after: y.role },
        { role: y.role, before: x.role, after: y.role },
      );
    for (const channel of CHANNELS) {
      const was = x.raw[channel];
      const now = y.raw[channel];
      if (was === now) continue;
      const fields = {
        role: y.role,
        channel,
        ...(was !== undefined ? { before: was } : {}),
        ...(now !== undefined ? { after: now } : {}),
      };
      const params = {
        role: y.role,
        channel: CHANNEL_WORDS[channel],
        before: was ?? "(none)",
        after: now ?? "(none)",
      };
      if (x.key[channel] === y.key[channel]) add("low", "CHANGE_FORMATTING", params, fields);
      else add("medium", "CHANGE_CONTACT_CHANGED", params, fields);
    }
    for (const key of new Set([...x.extensions.keys(), ...y.extensions.keys()]))
      if (x.extensions.get(key) !== y.extensions.get(key))
        add(
          "low",
          "CHANGE_EXTENSION",
          { key, where: ` on the ${y.role} contact` },
          { role: y.role },
        );
  }
  for (const e of [...restB].sort((p, q) => p.index - q.index))
    add(
      "medium",
      "CHANGE_CONTACT_REMOVED",
      { role: e.role, contact: describeContact(e) },
      {
        role: e.role,
        before: describeContact(e),
      },
    );
  for (const e of [...restA].sort((p, q) => p.index - q.index))
    add(
      "medium",
      "CHANGE_CONTACT_ADDED",
      { role: e.role, contact: describeContact(e) },
      {
        role: e.role,
        after: describeContact(e),
      },
    );

  // ---- low: order, extensions ----
  const order = [...pairs].sort((p, q) => p.x.index - q.x.index).map((p) => p.y.index);
  if (order.some((v, i) => i > 0 && v < (order[i - 1] ?? 0)))
    add("low", "CHANGE_CONTACT_ORDER", {});
  const top = (d: SupportDocument | null | undefined): Record<string, unknown> =>
    isObject(d) ? d : {};
  const tb = top(before);
  const ta = top(after);
  for (const key of [...new Set([...Object.keys(tb), ...Object.keys(ta)])].sort()) {
    if (key === "contacts" || key === "support_page") continue;
    const was = Object.hasOwn(tb, key) ? canonicalJson(tb[key]) : undefined;
    const now = Object.hasOwn(ta, key) ? canonicalJson(ta[key]) : undefined;
    if (was !== now) add("low", "CHANGE_EXTENSION", { key, where: "" });
  }

  const reported = options.low ? changes : changes.filter((c) => c.risk !== "low");
  // Stable: document order within one risk.
  const sorted = RISKS.flatMap((r) => reported.filter((c) => c.risk === r));
  return { risk: sorted[0]?.risk ?? null, changes: sorted };
}
