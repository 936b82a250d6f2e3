/**
 * The rules of the support document, applied once: `validateSupport` reports what they find,
 * `parseSupport` keeps what survives them. One walk, so the two can never disagree.
 * https://spec.matrix.org/latest/client-server-api/#getwell-knownmatrixsupport
 */

import { DOCUMENT_CODES } from "./catalogue/document.js";
import { type Diagnostic, diagnosticFrom, type Params, pointer } from "./diagnostics.js";
import { isPlainEmail, parseEmail } from "./grammar/email.js";
import { fingerprintProblem } from "./grammar/fingerprint.js";
import { parseNamespacedIdentifier } from "./grammar/identifier.js";
import { serverHost } from "./grammar/server-name.js";
import { isPlainHttpsUrl, parseUri } from "./grammar/uri.js";
import { isPlainUserId, parseUserId } from "./grammar/user-id.js";
import type { Proposal } from "./proposals.js";
import {
  DRAFT_ROLES,
  MSC4439,
  PROPOSAL_CONTACT_KEYS,
  PROPOSAL_ROLES,
  PROPOSAL_TOP_KEYS,
  ROLE_ADMIN,
  ROLE_MODERATOR,
  ROLE_SECURITY,
  SPEC_ROLES,
} from "./roles.js";
import type { Contact, SupportDocument } from "./types.js";

/** Near-misses of reserved roles seen in the wild, and the role they probably mean. */
const RESERVED_ROLE_GUESSES: ReadonlyMap<string, string> = new Map([
  ["m.role.mod", ROLE_MODERATOR],
  ["m.role.moderators", ROLE_MODERATOR],
  ["m.role.administrator", ROLE_ADMIN],
  ["m.role.admins", ROLE_ADMIN],
  ["m.admin", ROLE_ADMIN],
  ["m.role.sec", ROLE_SECURITY],
  ["m.security", ROLE_SECURITY],
  ["m.role.abuse", ROLE_MODERATOR],
  ["m.role.support", ROLE_ADMIN],
]);

const diagnostic = diagnosticFrom(DOCUMENT_CODES);

/** Options of `parseSupport` and `analyseSupport`. */
export interface AnalyseOptions {
  /** The server name the document describes; enables the off-domain backup contact check. */
  serverName?: string | undefined;
  /** Checks beyond the spec (no security contact, duplicates, no backup contact). Default true. */
  lint?: boolean | undefined;
}

/** What the rules found, and the usable part of the document. */
export interface Analysis {
  diagnostics: Diagnostic[];
  /** What a lenient consumer can use, or null when nothing is usable. */
  document: SupportDocument | null;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const own = (o: Json, key: string): boolean => Object.hasOwn(o, key);

/** Sets a key as an own data property: a `__proto__` key never reaches the prototype. */
function setOwn(target: Json, key: string, value: unknown): void {
  // Plain assignment is safe (and much faster) for every key but `__proto__`, whose setter would
  // replace the prototype instead of creating a property.
  if (key === "__proto__")
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else target[key] = value;
}

/** A value's JSON type in words for messages (`an array`, `null`, `a number`...). */
export function describeType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object") return "an object";
  if (typeof v === "string") return "a string";
  if (typeof v === "number") return "a number";
  if (typeof v === "boolean") return "a boolean";
  return typeof v;
}

const TOP_KEYS = new Set(["contacts", "support_page"]);
const CONTACT_KEYS = new Set(["role", "matrix_id", "email_address"]);
const TOP_DRAFT_KEYS: ReadonlyMap<string, string> = new Map([["admins", "contacts"]]);
const CONTACT_DRAFT_KEYS: ReadonlyMap<string, string> = new Map([
  ["mxid", "matrix_id"],
  ["email", "email_address"],
]);
/** Extra near-misses that normalising case and separators does not catch. */
const TOP_ALIASES: ReadonlyMap<string, string> = new Map([
  ["contact", "contacts"],
  ["supporturl", "support_page"],
  ["support_url", "support_page"],
  ["supportpageurl", "support_page"],
]);
const CONTACT_ALIASES: ReadonlyMap<string, string> = new Map([
  ["matrix", "matrix_id"],
  ["user_id", "matrix_id"],
  ["userid", "matrix_id"],
  ["mail", "email_address"],
  ["emailaddr", "email_address"],
  ["roles", "role"],
]);

const normaliseKey = (k: string): string => k.toLowerCase().replace(/[-_\s]/g, "");

/** The known keys by their normalised form (the first one wins), computed once. */
function normalisedKeys(known: Set<string>): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const k of known) {
    const n = normaliseKey(k);
    if (!map.has(n)) map.set(n, k);
  }
  return map;
}
const TOP_NORMALISED = normalisedKeys(TOP_KEYS);
const CONTACT_NORMALISED = normalisedKeys(CONTACT_KEYS);

function suggestKey(
  key: string,
  known: ReadonlyMap<string, string>,
  aliases: ReadonlyMap<string, string>,
): string | undefined {
  const n = normaliseKey(key);
  return known.get(n) ?? aliases.get(key.toLowerCase()) ?? aliases.get(n);
}

// Maps, not object literals: a scheme such as `constructor:` must not find Object.prototype's.
/** Schemes whose links run code (or a page of any origin's choosing): an error wherever a link is made. */
const CODE_SCHEMES: ReadonlyMap<string, string> = new Map([
  ["javascript", "a link that runs code in the reader's client"],
  ["vbscript", "a link that runs code in the reader's client"],
  ["data", "a link that can run code or disguise a page as anything"],
]);
/** Why a support page of another scheme helps fewer people than a web page. */
const NOT_WEB_ADVICE: ReadonlyMap<string, string> = new Map([
  ["mailto", "Put the address in a contact's email_address instead, where every client shows it."],
  [
    "matrix",
    "Only some clients open matrix: links; an https://matrix.to/#/... link works everywhere.",
  ],
  ["file", "A file: link opens a file on the reader's own machine, not a page of yours."],
  ["blob", "A blob: link exists only inside the page that made it; nobody else can open it."],
]);
const NOT_WEB_DEFAULT = "Link a web page (https://...) that explains how to get help.";
const SCHEME_PREFIX = /^([A-Za-z][A-Za-z0-9+.-]*):/;

/**
 * The scheme a browser would follow if the value were a link: its URL parser drops leading and
 * trailing C0 controls and spaces, and every tab and newline (so ` java\nscript:` is javascript:).
 */
function linkScheme(value: string): string | undefined {
  const cleaned = value.replace(/[\t\n\r]/g, "").replace(/^[\x00-\x20]+/, "");
  return SCHEME_PREFIX.exec(cleaned)?.[1]?.toLowerCase();
}

// for-in filtered by this check is the fastest walk over own keys in V8: no array of keys.
const hasOwnKey = Object.prototype.hasOwnProperty;

/** A spec field's pointer: `/field` at the top (index -1), else `/contacts/i/field`. */
const fieldPath = (index: number, field: string): string =>
  index < 0 ? `/${field}` : `/contacts/${index}/${field}`;

class Walker {
  readonly diagnostics: Diagnostic[] = [];
  /**
   * @param build false when only the diagnostics are wanted (validateSupport): the same rules run,
   *   but the usable copy of the document is not assembled.
   */
  constructor(
    private readonly options: AnalyseOptions,
    private readonly build = true,
    /**
     * true for the content of an MSC4489 room contact event: the same contact and support page
     * rules, but emptiness is the caller's to report (a SHOULD there) and the only lint is
     * duplicates (a room has no security contact to expect, and no server name).
     */
    private readonly room = false,
  ) {}

  report(code: keyof typeof DOCUMENT_CODES, path: string, params?: Params): void {
    this.diagnostics.push(diagnostic(code, path, params));
  }

  /**
   * Reports a spec field's wrong type or null; true when it is a string. The path is built only
   * when there is something to report.
   */
  stringField(value: unknown, field: string, index: number, expected: string): value is string {
    if (typeof value === "string") return true;
    const path = fieldPath(index, field);
    if (value === null) this.report("NULL_VALUE", path, { field, expected });
    else this.report("WRONG_TYPE", path, { field, expected, actual: describeType(value) });
    return false;
  }

  /** The usable copy of the document when building; `true` stands for it when not. */
  document(value: unknown): SupportDocument | true | null {
    if (!isObject(value)) {
      this.report("NOT_AN_OBJECT", "", { actual: describeType(value) });
      return null;
    }
    const out: Json | undefined = this.build ? {} : undefined;
    let list: unknown[] | undefined;
    let kept = 0;
    let supportPage = false;
    let hasContactsKey = false;
    let hasPageKey = false;
    // Paths are built only when something is reported: most keys of most documents are fine.
    for (const key in value) {
      if (!hasOwnKey.call(value, key)) continue;
      const v = value[key];
      if (key === "contacts") {
        hasContactsKey = true;
        if (Array.isArray(v)) {
          list = v;
          const contacts: Contact[] | undefined = out === undefined ? undefined : [];
          kept = this.contacts(v, contacts);
          if (out !== undefined) setOwn(out, key, contacts);
        } else if (v === null)
          this.report("NULL_VALUE", "/contacts", { field: key, expected: "an array of contacts" });
        else
          this.report("WRONG_TYPE", "/contacts", {
            field: key,
            expected: "an array of contacts",
            actual: describeType(v),
          });
      } else if (key === "support_page") {
        hasPageKey = true;
        if (this.stringField(v, key, -1, "a string (a URI)") && this.supportPage(v)) {
          supportPage = true;
          if (out !== undefined) setOwn(out, key, v);
        }
      } else {
        const proposal = PROPOSAL_TOP_KEYS.get(key);
        if (proposal === undefined)
          this.extensionKey(key, "", TOP_NORMALISED, TOP_DRAFT_KEYS, TOP_ALIASES);
        else this.proposalKey(key, pointer(key), proposal);
        if (out !== undefined) setOwn(out, key, v);
      }
    }
    if (!hasContactsKey && !hasPageKey) {
      if (!this.room) this.report("EMPTY_DOCUMENT", "");
    } else if (list !== undefined && list.length === 0) {
      if (hasPageKey) this.report("CONTACTS_EMPTY_WITH_PAGE", "/contacts");
      else if (!this.room) this.report("CONTACTS_EMPTY", "/contacts");
    }
    if (this.options.lint !== false && (hasContactsKey || hasPageKey)) {
      if (this.room) this.duplicates(list ?? []);
      else this.lint(value);
    }
    if (kept === 0 && !supportPage) return null;
    return out === undefined ? true : (out as SupportDocument);
  }

  /** Walks the contacts, pushing the usable ones to `kept` when given; returns how many are usable. */
  contacts(list: unknown[], kept: Contact[] | undefined): number {
    let usable = 0;
    for (let i = 0; i < list.length; i++) {
      const contact = this.contact(list[i], i);
      if (contact === null) continue;
      usable++;
      if (kept !== undefined && contact !== true) kept.push(contact);
    }
    return usable;
  }

  /** The contact at /contacts/index, copied when building; `true` stands for it when not. */
  contact(entry: unknown, index: number): Contact | true | null {
    if (!isObject(entry)) {
      this.report("CONTACT_NOT_OBJECT", `/contacts/${index}`, { actual: describeType(entry) });
      return null;
    }
    const out: Json | undefined = this.build ? {} : undefined;
    let hasUsableRole = false;
    let reachable = false;
    let hasRole = false;
    let hasWay = false;
    for (const key in entry) {
      if (!hasOwnKey.call(entry, key)) continue;
      const v = entry[key];
      if (key === "role") {
        hasRole = true;
        if (v === ROLE_ADMIN || v === ROLE_SECURITY) {
          hasUsableRole = true;
          if (out !== undefined) setOwn(out, key, v);
          continue;
        }
        if (this.stringField(v, key, index, "a string")) {
          this.role(v, index);
          if (v.length > 0) {
            hasUsableRole = true;
            if (out !== undefined) setOwn(out, key, v);
          }
        }
      } else if (key === "matrix_id") {
        hasWay = true;
        if (this.stringField(v, key, index, "a string (a user ID)") && this.matrixId(v, index)) {
          reachable = true;
          if (out !== undefined) setOwn(out, key, v);
        }
      } else if (key === "email_address") {
        hasWay = true;
        if (
          this.stringField(v, key, index, "a string (an email address)") &&
          this.email(v, index)
        ) {
          reachable = true;
          if (out !== undefined) setOwn(out, key, v);
        }
      } else {
        const path = `/contacts/${index}`;
        const proposal = PROPOSAL_CONTACT_KEYS.get(key);
        if (proposal === undefined)
          this.extensionKey(key, path, CONTACT_NORMALISED, CONTACT_DRAFT_KEYS, CONTACT_ALIASES);
        else if (!this.proposalContactKey(key, v, `${path}${pointer(key)}`, entry, proposal))
          continue;
        if (out !== undefined) setOwn(out, key, v);
      }
    }
    if (!hasRole) this.report("ROLE_MISSING", `/contacts/${index}`);
    if (!hasWay) this.report("CONTACT_UNREACHABLE", `/contacts/${index}`);
    if (!hasUsableRole || !reachable) return null;
    return out === undefined ? true : (out as Contact);
  }

  role(role: string, index: number): void {
    if (SPEC_ROLES.includes(role)) return;
    const path = fieldPath(index, "role");
    const proposal = PROPOSAL_ROLES.get(role);
    if (proposal) {
      this.report("ROLE_PROPOSAL", path, { role, msc: proposal.msc, title: proposal.title });
      return;
    }
    const draft = DRAFT_ROLES.get(role);
    if (draft) {
      this.report("ROLE_DRAFT", path, { role, suggestion: draft });
      return;
    }
    const grammar = parseNamespacedIdentifier(role);
    if (!grammar.ok) {
      this.report("ROLE_INVALID", path, { role, reason: grammar.reason });
      return;
    }
    if (grammar.reserved) {
      const guess = RESERVED_ROLE_GUESSES.get(role);
      this.report("ROLE_UNKNOWN_RESERVED", path, {
        role,
        suggestion: guess ? `; did you mean "${guess}"?` : "",
      });
    } else if (!grammar.namespaced) {
      this.report("ROLE_NOT_NAMESPACED", path, { role });
    }
  }

  matrixId(value: string, index: number): boolean {
    if (isPlainUserId(value)) return true;
    const path = fieldPath(index, "matrix_id");
    const parsed = parseUserId(value);
    if (!parsed.ok) {
      this.report("MATRIX_ID_INVALID", path, { value, reason: parsed.reason });
      return false;
    }
    if (parsed.historical)
      this.report("MATRIX_ID_HISTORICAL", path, { value, reason: parsed.historicalReason ?? "" });
    return true;
  }

  email(value: string, index: number): boolean {
    if (isPlainEmail(value)) return true;
    const path = fieldPath(index, "email_address");
    const parsed = parseEmail(value);
    if (parsed.ok) {
      if (parsed.nonAscii) this.report("EMAIL_NON_ASCII", path, { value });
      if (parsed.overSize !== undefined)
        this.report("EMAIL_TOO_LONG", path, { value, reason: parsed.overSize });
      return true;
    }
    const suggestion = parsed.suggestion ?? "";
    const code: keyof typeof DOCUMENT_CODES =
      parsed.problem === "mailto"
        ? "EMAIL_MAILTO"
        : parsed.problem === "display_name"
          ? "EMAIL_DISPLAY_NAME"
          : parsed.problem === "obfuscated"
            ? "EMAIL_OBFUSCATED"
            : "EMAIL_INVALID";
    this.report(code, path, { value, reason: parsed.reason, suggestion });
    return false;
  }

  /**
   * The support page: true when a consumer can use it. The spec asks only for a URI (`format:
   * uri`): a link that runs code is an error (refused), any other non-web scheme a warning.
   */
  supportPage(value: string): boolean {
    if (isPlainHttpsUrl(value)) return true;
    const path = "/support_page";
    const parsed = parseUri(value);
    if (!parsed.ok) {
      // A dangerous scheme is the finding that matters even when the rest is malformed too
      // (`data:text/html,<script>...` has characters a URI may not hold, ` javascript:` spaces).
      const scheme = linkScheme(value);
      if (scheme !== undefined && CODE_SCHEMES.has(scheme)) this.unsafeScheme(scheme, path);
      else this.report("SUPPORT_PAGE_INVALID", path, { value, reason: parsed.reason });
      return false;
    }
    if (parsed.scheme === "https") return true;
    if (parsed.scheme === "http") {
      this.report("SUPPORT_PAGE_HTTP", path, { value });
      return true;
    }
    if (CODE_SCHEMES.has(parsed.scheme)) {
      this.unsafeScheme(parsed.scheme, path);
      return false;
    }
    this.report("SUPPORT_PAGE_NOT_WEB", path, {
      value,
      scheme: parsed.scheme,
      advice: NOT_WEB_ADVICE.get(parsed.scheme) ?? NOT_WEB_DEFAULT,
    });
    return true;
  }

  unsafeScheme(scheme: string, path: string): void {
    this.report("SUPPORT_PAGE_UNSAFE_SCHEME", path, {
      scheme,
      danger: CODE_SCHEMES.get(scheme) ?? "",
    });
  }

  /** A key from a proposal, named with its proposal: a warning (clients may ignore it). */
  proposalKey(key: string, path: string, proposal: Proposal): void {
    this.report("PROPOSAL_KEY", path, { key, msc: proposal.msc, title: proposal.title });
  }

  /** Reports an unknown key at `${base}/key`: a draft name, a misspelling or an extension. */
  extensionKey(
    key: string,
    base: string,
    known: ReadonlyMap<string, string>,
    drafts: ReadonlyMap<string, string>,
    aliases: ReadonlyMap<string, string>,
  ): void {
    const draft = drafts.get(key);
    if (draft) {
      this.report("DRAFT_KEY", base + pointer(key), { key, suggestion: draft });
      return;
    }
    // A namespaced key is a deliberate extension, and no spec key or alias holds a '.'.
    if (key.includes(".")) return;
    const suggestion = suggestKey(key, known, aliases);
    if (suggestion) this.report("MISSPELLED_KEY", base + pointer(key), { key, suggestion });
    else this.report("UNKNOWN_KEY", base + pointer(key), { key });
  }

  /** Reports each contact that repeats an earlier one, naming the first. */
  duplicates(list: readonly unknown[]): void {
    if (list.length <= PAIRWISE_LIMIT) {
      // Support files hold a handful of contacts: pairwise allocates nothing.
      for (let i = 1; i < list.length; i++) {
        const c = list[i];
        if (!isObject(c)) continue;
        for (let j = 0; j < i; j++) {
          const d = list[j];
          if (isObject(d) && sameContact(c, d)) {
            this.duplicate(i, j);
            break;
          }
        }
      }
      return;
    }
    const seen = new Map<string, number>();
    for (let i = 0; i < list.length; i++) {
      const c = list[i];
      if (!isObject(c)) continue;
      const key = contactKey(c);
      if (key === undefined) continue;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, i);
      else this.duplicate(i, first);
    }
  }

  duplicate(i: number, j: number): void {
    this.report("DUPLICATE_CONTACT", `/contacts/${i}`, { first: `#${j + 1} (/contacts/${j})` });
  }

  /**
   * A contact key from a proposal at `path`; false when its value must not reach consumers (a
   * link that runs code). MSC4439's key has rules of its own; a value with a problem gets that
   * problem's code instead of the generic PROPOSAL_KEY.
   */
  proposalContactKey(
    key: string,
    value: unknown,
    path: string,
    contact: Json,
    proposal: Proposal,
  ): boolean {
    if (proposal !== MSC4439) {
      this.proposalKey(key, path, proposal);
      return true;
    }
    const problem = this.pgpKey(value, path);
    if (problem === undefined) this.proposalKey(key, path, proposal);
    if (problem !== "invalid" && problem !== "unsafe" && !own(contact, "email_address"))
      this.report("PGP_KEY_WITHOUT_EMAIL", path.slice(0, path.lastIndexOf("/")), {
        msc: proposal.msc,
      });
    return problem !== "unsafe";
  }

  /**
   * MSC4439: a URI of the key (https:, openpgp4fpr:, dns:...), never key material. Reports what
   * is wrong with the value and returns it; undefined when nothing is.
   */
  pgpKey(value: unknown, path: string): "invalid" | "unsafe" | "warned" | undefined {
    const msc = MSC4439.msc;
    if (typeof value !== "string") {
      // No String(value): an object without a prototype (or a hostile toString) would throw.
      const shown =
        typeof value === "number" || typeof value === "boolean"
          ? String(value)
          : describeType(value);
      this.report("PGP_KEY_INVALID", path, {
        value: shown,
        reason: `it is ${describeType(value)}`,
        msc,
      });
      return "invalid";
    }
    // The common link (an https: URL) needs no further look.
    if (isPlainHttpsUrl(value)) return undefined;
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    const scheme = linkScheme(value);
    // Before the URI grammar: `data:text/html,<script>` is not a URI either, but runs code.
    if (scheme !== undefined && CODE_SCHEMES.has(scheme)) {
      this.report("PGP_KEY_UNSAFE_SCHEME", path, {
        value: shown,
        scheme,
        danger: CODE_SCHEMES.get(scheme) ?? "",
        msc,
      });
      return "unsafe";
    }
    if (/BEGIN PGP|^[A-Za-z0-9+/=\s]{200,}$/.test(value)) {
      this.report("PGP_KEY_INVALID", path, { value: shown, reason: "it is raw key material", msc });
      return "invalid";
    }
    const parsed = parseUri(value);
    if (!parsed.ok) {
      this.report("PGP_KEY_INVALID", path, { value: shown, reason: parsed.reason, msc });
      return "invalid";
    }
    if (parsed.scheme === "http") {
      this.report("PGP_KEY_HTTP", path, { value: shown, msc });
      return "warned";
    }
    if (parsed.scheme === "openpgp4fpr") {
      const reason = fingerprintProblem(value.slice(value.indexOf(":") + 1));
      if (reason !== undefined) {
        this.report("PGP_KEY_FINGERPRINT_INVALID", path, { value: shown, reason, msc });
        return "warned";
      }
    }
    return undefined;
  }

  lint(doc: Json): void {
    const list: readonly unknown[] = Array.isArray(doc.contacts) ? doc.contacts : [];
    let hasSecurity = false;
    for (const c of list) if (isObject(c) && c.role === ROLE_SECURITY) hasSecurity = true;
    if (!hasSecurity) this.report("NO_SECURITY_CONTACT", "");
    this.duplicates(list);
    const server = this.options.serverName ? serverHost(this.options.serverName) : undefined;
    if (server && list.some(isObject)) {
      const domains: string[] = [];
      for (const c of list) {
        if (!isObject(c)) continue;
        if (typeof c.matrix_id === "string") {
          const id = parseUserId(c.matrix_id);
          const host = id.ok ? serverHost(id.serverName) : undefined;
          if (host) domains.push(host);
        }
        if (typeof c.email_address === "string") {
          const e = parseEmail(c.email_address);
          if (e.ok) domains.push(e.domain.toLowerCase());
        }
      }
      const related = (d: string) =>
        d === server || d.endsWith(`.${server}`) || server.endsWith(`.${d}`);
      if (domains.length > 0 && domains.every(related))
        this.report("NO_OFF_DOMAIN_CONTACT", "", {
          server_name: this.options.serverName ?? server,
        });
    }
  }
}

/** Contacts compared pairwise up to this many; beyond, by a key in a Map (no quadratic blow-up). */
const PAIRWISE_LIMIT = 16;

/** The identity sameContact compares, as a string; undefined for values only identity can match. */
function contactKey(c: Json): string | undefined {
  const role = c.role;
  const id = c.matrix_id ?? null;
  if ((typeof role === "object" && role !== null) || (typeof id === "object" && id !== null))
    return undefined;
  const email = typeof c.email_address === "string" ? c.email_address.toLowerCase() : null;
  return JSON.stringify([typeof role, String(role), typeof id, String(id), email]);
}

/** Same role, same Matrix ID and same email address (compared case-insensitively). */
function sameContact(a: Json, b: Json): boolean {
  if (a.role !== b.role || (a.matrix_id ?? null) !== (b.matrix_id ?? null)) return false;
  const ea = a.email_address;
  const eb = b.email_address;
  if (typeof ea === "string" && typeof eb === "string")
    return ea.toLowerCase() === eb.toLowerCase();
  return (typeof ea === "string") === (typeof eb === "string");
}

/** The one walk behind `validateSupport` and `parseSupport`: the diagnostics and the usable copy. */
export function analyseSupport(value: unknown, options: AnalyseOptions = {}): Analysis {
  const { diagnostics, document } = walk(value, options, true);
  // A building walk returns the copy itself, never its stand-in `true`.
  return { diagnostics, document: document === true ? null : document };
}

/** What a walk found; `document` is `true` for a usable document the walk did not copy. */
export interface Walk {
  diagnostics: Diagnostic[];
  document: SupportDocument | true | null;
}

/**
 * The walk behind analyseSupport; `build` false skips assembling the usable document, `room` true
 * applies the rules of an MSC4489 room contact event's content (see Walker).
 */
export function walk(value: unknown, options: AnalyseOptions, build: boolean, room = false): Walk {
  const walker = new Walker(options, build, room);
  let document: SupportDocument | true | null = null;
  try {
    document = walker.document(value);
  } catch (error) {
    // Only reachable through exotic inputs (proxies, getters that throw); never for parsed JSON.
    walker.report("NOT_AN_OBJECT", "", { actual: `an unreadable value (${String(error)})` });
  }
  return { diagnostics: walker.diagnostics, document };
}
