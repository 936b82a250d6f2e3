/**
 * The generator's state (a draft of the support file), and the pure steps around it: draft ->
 * config -> diagnostics placed on the form's fields, draft <-> URL fragment, and a published file
 * -> draft (pre-spec drafts upgraded as `init --from` does). No DOM: unit-tested in Node.
 */
import { checkConfig } from "../../../../lib/src/config/check.js";
import type { Config } from "../../../../lib/src/config/types.js";
import type { Diagnostic } from "../../../../lib/src/core/diagnostics.js";
import { pointerSegments } from "../../../../lib/src/core/diagnostics.js";
import { PGP_KEY, PROPOSAL_ROLES, ROLE_ADMIN, SPEC_ROLES } from "../../../../lib/src/core/roles.js";
import type { SupportDocument } from "../../../../lib/src/core/types.js";
import { isObject, setOwn } from "../../init/answers.js";
import { type Rename, upgradeDraft } from "../../init/draft.js";

/** A key and its value, as loaded from a published file and kept as they were. */
export type Kept = [key: string, value: unknown];

export interface ContactDraft {
  /** The role as published; "" = none chosen yet. */
  role: string;
  matrixId: string;
  email: string;
  /** MSC4439's `pgp_key` (a link to the key). */
  pgpKey: string;
  /** Other keys of a loaded contact (e.g. the unstable PGP key name), published as they were. */
  extra: Kept[];
}

export interface Draft {
  serverName: string;
  supportPage: string;
  contacts: ContactDraft[];
  /** Top-level keys of a loaded file beyond the spec's (e.g. MSC4266 `policies`), kept as they were. */
  extensions: Kept[];
  /** Where apache.conf finds the exported files on the web server (an absolute path). */
  webRoot: string;
}

/** Debian's and Ubuntu's Apache document root: the most common place a web root is. */
export const DEFAULT_WEB_ROOT = "/var/www/html";

export const emptyContact = (role: string = ROLE_ADMIN): ContactDraft => ({
  role,
  matrixId: "",
  email: "",
  pgpKey: "",
  extra: [],
});

/** A new page: one admin contact to fill in. */
export const emptyDraft = (): Draft => ({
  serverName: "",
  supportPage: "",
  contacts: [emptyContact()],
  extensions: [],
  webRoot: DEFAULT_WEB_ROOT,
});

/**
 * The support document the draft publishes, key for key. An empty field is left out (so an empty
 * Matrix ID is "no Matrix ID", never `"matrix_id": ""`); every contact row is kept, in order, so
 * `/contacts/i` in a diagnostic is row i of the form.
 */
export function documentOf(draft: Draft): SupportDocument {
  const doc: Record<string, unknown> = {};
  if (draft.contacts.length > 0)
    doc.contacts = draft.contacts.map((c) => {
      const contact: Record<string, unknown> = {};
      if (c.role !== "") contact.role = c.role;
      if (c.matrixId !== "") contact.matrix_id = c.matrixId;
      if (c.email !== "") contact.email_address = c.email;
      if (c.pgpKey !== "") contact[PGP_KEY] = c.pgpKey;
      for (const [key, value] of c.extra)
        if (!Object.hasOwn(contact, key)) setOwn(contact, key, value);
      return contact;
    });
  if (draft.supportPage !== "") doc.support_page = draft.supportPage;
  for (const [key, value] of draft.extensions)
    if (!Object.hasOwn(doc, key)) setOwn(doc, key, value);
  return doc as SupportDocument;
}

/** The config the draft stands for: what `matrix-support.yaml` holds and `export` renders. */
export function configOf(draft: Draft): Config {
  const config: Config = {};
  if (draft.serverName !== "") config.server_name = draft.serverName;
  config.support = documentOf(draft);
  return config;
}

/** True when the draft publishes something (a contact or a support page). */
export function publishes(draft: Draft): boolean {
  return draft.contacts.length > 0 || draft.supportPage !== "" || draft.extensions.length > 0;
}

/** Where on the form a diagnostic belongs. */
export type Place =
  | { kind: "serverName" }
  | { kind: "supportPage" }
  | { kind: "contacts" }
  | { kind: "contact"; index: number }
  | { kind: "field"; index: number; field: ContactField }
  | { kind: "extra"; index: number; key: string }
  | { kind: "extension"; key: string }
  | { kind: "document" };

export type ContactField = "role" | "matrixId" | "email" | "pgpKey";

const CONTACT_FIELDS: ReadonlyMap<string, ContactField> = new Map([
  ["role", "role"],
  ["matrix_id", "matrixId"],
  ["email_address", "email"],
  [PGP_KEY, "pgpKey"],
]);

/** Codes about a whole contact that name one of its fields: shown at that field. */
const CONTACT_CODE_FIELDS: ReadonlyMap<string, ContactField> = new Map([["ROLE_MISSING", "role"]]);

/**
 * The place of a diagnostic of `checkConfig(configOf(draft))`, from its JSON Pointer: the config's
 * `/server_name`, and the support document's fields under `/support`.
 */
export function placeOf(d: Diagnostic): Place {
  if (d.code === "CONFIG_NO_SERVER_NAME") return { kind: "serverName" };
  if (d.path === undefined) return { kind: "document" };
  const [top, ...rest] = pointerSegments(d.path);
  if (top === "server_name") return { kind: "serverName" };
  const [key, index, field] = rest;
  if (top !== "support" || key === undefined) return { kind: "document" };
  if (key === "support_page")
    return rest.length === 1 ? { kind: "supportPage" } : { kind: "document" };
  if (key !== "contacts") return { kind: "extension", key };
  if (index === undefined || !/^\d{1,9}$/.test(index)) return { kind: "contacts" };
  const i = Number(index);
  if (field === undefined) {
    const named = CONTACT_CODE_FIELDS.get(d.code);
    return named ? { kind: "field", index: i, field: named } : { kind: "contact", index: i };
  }
  const known = CONTACT_FIELDS.get(field);
  if (known && rest.length === 3) return { kind: "field", index: i, field: known };
  return { kind: "extra", index: i, key: field };
}

/** A stable name for a place (for maps and element ids). */
export function placeKey(p: Place): string {
  switch (p.kind) {
    case "field":
      return `c${p.index}-${p.field}`;
    case "contact":
      return `c${p.index}`;
    case "extra":
      return `c${p.index}-extra`;
    case "extension":
      return "extensions";
    default:
      return p.kind;
  }
}

export interface Checked {
  config: Config;
  /** Every diagnostic, as `matrix-support validate matrix-support.yaml` would give it. */
  diagnostics: Diagnostic[];
  /** The same, by `placeKey`. */
  byPlace: Map<string, Diagnostic[]>;
  errors: number;
  warnings: number;
}

/** Validates the draft with the config check the CLI runs on the same config. */
export function checkDraft(draft: Draft): Checked {
  const config = configOf(draft);
  const diagnostics = checkConfig(config);
  const byPlace = new Map<string, Diagnostic[]>();
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    const key = placeKey(placeOf(d));
    const list = byPlace.get(key);
    if (list) list.push(d);
    else byPlace.set(key, [d]);
    if (d.severity === "error") errors++;
    else if (d.severity === "warning") warnings++;
  }
  return { config, diagnostics, byPlace, errors, warnings };
}

// ---- the URL fragment ----

/** `#d1.` + base64url(JSON): version 1 of the fragment format. */
const FRAGMENT_PREFIX = "d1.";
/** A fragment longer than this is refused unread (a support file is a few hundred bytes). */
export const MAX_FRAGMENT = 64 * 1024;

type ContactWire = [role: string, matrixId: string, email: string, pgpKey: string, extra?: Kept[]];
interface Wire {
  s?: string;
  p?: string;
  c?: ContactWire[];
  x?: Kept[];
  w?: string;
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): string | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** The fragment (without `#`) that holds the draft; "" for a new, untouched page. */
export function encodeFragment(draft: Draft): string {
  if (sameDraft(draft, emptyDraft())) return "";
  const wire: Wire = {};
  if (draft.serverName !== "") wire.s = draft.serverName;
  if (draft.supportPage !== "") wire.p = draft.supportPage;
  wire.c = draft.contacts.map((c) => {
    const row: ContactWire = [c.role, c.matrixId, c.email, c.pgpKey];
    if (c.extra.length > 0) row.push(c.extra);
    return row;
  });
  if (draft.extensions.length > 0) wire.x = draft.extensions;
  if (draft.webRoot !== DEFAULT_WEB_ROOT) wire.w = draft.webRoot;
  return FRAGMENT_PREFIX + toBase64Url(JSON.stringify(wire));
}

export type FragmentResult =
  | { ok: true; draft: Draft }
  /** Not a draft of ours (empty, or another page's anchor): start a new draft. */
  | { ok: false; reason: "none" }
  /** Looks like a draft but cannot be read: say so, and start a new one. */
  | { ok: false; reason: "unreadable" };

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

function readKept(v: unknown): Kept[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: Kept[] = [];
  for (const pair of v) {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== "string") return undefined;
    out.push([pair[0], pair[1]]);
  }
  return out;
}

function readContact(v: unknown): ContactDraft | undefined {
  if (!Array.isArray(v) || v.length < 4 || v.length > 5) return undefined;
  const [role, matrixId, email, pgpKey, extra] = v;
  const r = str(role);
  const m = str(matrixId);
  const e = str(email);
  const k = str(pgpKey);
  const x = extra === undefined ? [] : readKept(extra);
  if (r === undefined || m === undefined || e === undefined || k === undefined || !x)
    return undefined;
  return { role: r, matrixId: m, email: e, pgpKey: k, extra: x };
}

/** Reads `location.hash` (with or without `#`). Anything malformed is refused whole, never half-read. */
export function decodeFragment(hash: string): FragmentResult {
  const text = hash.startsWith("#") ? hash.slice(1) : hash;
  if (!text.startsWith(FRAGMENT_PREFIX)) return { ok: false, reason: "none" };
  if (text.length > MAX_FRAGMENT) return { ok: false, reason: "unreadable" };
  const json = fromBase64Url(text.slice(FRAGMENT_PREFIX.length));
  if (json === undefined) return { ok: false, reason: "unreadable" };
  let wire: unknown;
  try {
    wire = JSON.parse(json);
  } catch {
    return { ok: false, reason: "unreadable" };
  }
  if (!isObject(wire)) return { ok: false, reason: "unreadable" };
  const draft = emptyDraft();
  draft.contacts = [];
  for (const [key, value] of Object.entries(wire)) {
    if (key === "s" && typeof value === "string") draft.serverName = value;
    else if (key === "p" && typeof value === "string") draft.supportPage = value;
    else if (key === "w" && typeof value === "string") draft.webRoot = value;
    else if (key === "c" && Array.isArray(value)) {
      for (const row of value) {
        const contact = readContact(row);
        if (!contact) return { ok: false, reason: "unreadable" };
        draft.contacts.push(contact);
      }
    } else if (key === "x") {
      const kept = readKept(value);
      if (!kept) return { ok: false, reason: "unreadable" };
      draft.extensions = kept;
    } else return { ok: false, reason: "unreadable" };
  }
  return { ok: true, draft };
}

export function sameDraft(a: Draft, b: Draft): boolean {
  return JSON.stringify(wireOf(a)) === JSON.stringify(wireOf(b));
}

function wireOf(d: Draft): unknown {
  return [
    d.serverName,
    d.supportPage,
    d.webRoot,
    d.contacts.map((c) => [c.role, c.matrixId, c.email, c.pgpKey, c.extra]),
    d.extensions,
  ];
}

// ---- a published file -> a draft ----

export type { Rename };

export interface Loaded {
  draft: Draft;
  /** What was rewritten from a pre-spec draft (`admins` -> `contacts`...), each once, in order. */
  upgrades: Rename[];
  /** Values the form cannot hold (a number where a string belongs...), left out, by JSON Pointer. */
  dropped: string[];
}

/** Every role the form offers in its list (the spec's, then the proposals'). */
export const KNOWN_ROLES: readonly string[] = [...SPEC_ROLES, ...PROPOSAL_ROLES.keys()];

/**
 * A published document as a draft of this form. A pre-spec draft file is upgraded as
 * `init --from` does (the same `upgradeDraft`: `admins` -> `contacts`, `mxid` -> `matrix_id`,
 * `email` -> `email_address`; bare `admin`/`security`/`moderator` roles -> the roles they became).
 * Unlike init, every contact stays in its place with its values, even invalid ones: the form marks
 * them for fixing. Undefined when the value is not an object.
 */
export function draftFromDocument(
  value: unknown,
  serverName: string,
  base: Draft = emptyDraft(),
): Loaded | undefined {
  if (!isObject(value)) return undefined;
  const dropped: string[] = [];
  const upgraded = upgradeDraft(value);
  const doc = upgraded?.document ?? value;
  const draft: Draft = {
    ...base,
    serverName,
    supportPage: "",
    contacts: [],
    extensions: [],
  };
  for (const [key, v] of Object.entries(doc)) {
    if (key === "contacts") {
      if (!Array.isArray(v)) {
        dropped.push("/contacts");
        continue;
      }
      v.forEach((entry, i) => {
        if (isObject(entry)) draft.contacts.push(contactFrom(entry, i, dropped));
        else dropped.push(`/contacts/${i}`);
      });
    } else if (key === "support_page") {
      if (typeof v === "string") draft.supportPage = v;
      else dropped.push("/support_page");
    } else draft.extensions.push([key, v]);
  }
  return { draft, upgrades: upgraded?.renamed ?? [], dropped };
}

function contactFrom(entry: Record<string, unknown>, i: number, dropped: string[]): ContactDraft {
  const c = emptyContact("");
  for (const [key, v] of Object.entries(entry)) {
    const field = CONTACT_FIELDS.get(key);
    if (field === undefined) {
      c.extra.push([key, v]);
      continue;
    }
    if (typeof v !== "string") {
      dropped.push(`/contacts/${i}/${key}`);
      continue;
    }
    c[field] = v;
  }
  return c;
}
