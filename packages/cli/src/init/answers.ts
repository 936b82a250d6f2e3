/**
 * What `init` asks for, and how the answers become a config. Pure: no I/O.
 * The support document follows the spec field for field:
 * https://spec.matrix.org/latest/client-server-api/#getwell-knownmatrixsupport
 */

import {
  type Contact,
  DRAFT_ROLES,
  parseEmail,
  parseUserId,
  ROLE_ADMIN,
  ROLE_MODERATOR,
  ROLE_SECURITY,
  type SupportDocument,
  serverHost,
} from "../../../lib/src/core/index.js";
import type { Config } from "../config/index.js";

/** One way to reach a person: a Matrix ID and/or an email address. */
export interface ContactAnswer {
  matrix_id?: string;
  email_address?: string;
}

/** The contacts init asks about, in the order they are asked and written. */
export type ContactSlot = "admin" | "backup" | "security" | "moderator";
export const CONTACT_SLOTS: readonly ContactSlot[] = ["admin", "backup", "security", "moderator"];

/** The role each slot publishes. The moderator role is a proposal (MSC4121), not yet in the spec. */
export const SLOT_ROLES: Readonly<Record<ContactSlot, string>> = {
  admin: ROLE_ADMIN,
  backup: ROLE_ADMIN,
  security: ROLE_SECURITY,
  moderator: ROLE_MODERATOR,
};

export interface InitAnswers {
  serverName?: string | undefined;
  admin?: ContactAnswer | undefined;
  /** A second admin contact off the server's own domain, reachable when the server is down. */
  backup?: ContactAnswer | undefined;
  /** Absent: the admin contact is published as the security contact too. */
  security?: ContactAnswer | undefined;
  moderator?: ContactAnswer | undefined;
  supportPage?: string | undefined;
  /** From --from: contacts init does not ask about, published as they were. */
  otherContacts?: Contact[] | undefined;
  /** From --from: top-level extension keys, published as they were. */
  extensions?: Record<string, unknown> | undefined;
}

/** A contact answer with at least one way to reach someone, else undefined. */
export function present(contact: ContactAnswer | undefined): ContactAnswer | undefined {
  if (!contact) return undefined;
  const out: ContactAnswer = {};
  if (contact.matrix_id) out.matrix_id = contact.matrix_id;
  if (contact.email_address) out.email_address = contact.email_address;
  return out.matrix_id !== undefined || out.email_address !== undefined ? out : undefined;
}

/** The security contact actually published: the one given, or the admin's. */
export function securityContact(answers: InitAnswers): ContactAnswer | undefined {
  return present(answers.security) ?? present(answers.admin);
}

export interface PlannedContact {
  slot: ContactSlot | "other";
  contact: Contact;
}

/** The contacts to publish, in order: admin, backup, security, moderator, then kept ones. */
export function plannedContacts(answers: InitAnswers): PlannedContact[] {
  const out: PlannedContact[] = [];
  for (const slot of CONTACT_SLOTS) {
    const c = slot === "security" ? securityContact(answers) : present(answers[slot]);
    if (c) out.push({ slot, contact: { role: SLOT_ROLES[slot], ...c } });
  }
  for (const contact of answers.otherContacts ?? []) out.push({ slot: "other", contact });
  return out;
}

/** The support document the answers publish. */
export function buildSupport(answers: InitAnswers): SupportDocument {
  const doc: SupportDocument = {};
  const contacts = plannedContacts(answers).map((p) => p.contact);
  if (contacts.length > 0) doc.contacts = contacts;
  if (answers.supportPage) doc.support_page = answers.supportPage;
  for (const [key, value] of Object.entries(answers.extensions ?? {})) {
    if (key !== "contacts" && key !== "support_page") setOwn(doc, key, value);
  }
  return doc;
}

export function buildConfig(answers: InitAnswers): Config {
  const config: Config = {};
  if (answers.serverName) config.server_name = answers.serverName;
  config.support = buildSupport(answers);
  return config;
}

/** The host parts of a contact's Matrix ID and email, lower case. */
function contactDomains(c: ContactAnswer): string[] {
  const out: string[] = [];
  if (c.matrix_id) {
    const id = parseUserId(c.matrix_id);
    const host = id.ok ? serverHost(id.serverName) : undefined;
    if (host) out.push(host);
  }
  if (c.email_address) {
    const e = parseEmail(c.email_address);
    if (e.ok) out.push(e.domain.toLowerCase());
  }
  return out;
}

/**
 * True when every way to reach these contacts is on the server's own domain (or a sub/parent
 * domain of it): the same test as the NO_OFF_DOMAIN_CONTACT lint. False when there is none.
 */
export function onServerDomain(
  serverName: string | undefined,
  ...contacts: (ContactAnswer | undefined)[]
): boolean {
  const server = serverName ? serverHost(serverName) : undefined;
  if (!server) return false;
  const domains = contacts.map(present).flatMap((c) => (c ? contactDomains(c) : []));
  const related = (d: string) =>
    d === server || d.endsWith(`.${server}`) || server.endsWith(`.${d}`);
  return domains.length > 0 && domains.every(related);
}

/** True when every way to reach the admin is on the server's own domain: asked before the backup question. */
export function adminOnlyOnServerDomain(answers: InitAnswers): boolean {
  return onServerDomain(answers.serverName, answers.admin, answers.backup);
}

/** Sets an own data property, so a `__proto__` key from a published file stays a plain key. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Only the two fields init asks about, when they are strings. */
function reachOf(c: Contact): ContactAnswer {
  const out: ContactAnswer = {};
  if (typeof c.matrix_id === "string") out.matrix_id = c.matrix_id;
  if (typeof c.email_address === "string") out.email_address = c.email_address;
  return out;
}

/** True when a contact has keys beyond role, matrix_id and email_address (kept as is then). */
const hasExtras = (c: Contact) =>
  Object.keys(c).some((k) => k !== "role" && k !== "matrix_id" && k !== "email_address");

/**
 * Answers prefilled from a published document (`--from`): the first admin contact, a second
 * admin contact as the backup, the first security and moderator contacts, the support page.
 * Pre-spec bare roles (`admin`, `security`) are read as the roles they became. Every other
 * contact and extension key is kept as it was.
 */
export function answersFromDocument(doc: SupportDocument, serverName: string): InitAnswers {
  const answers: InitAnswers = { serverName };
  const others: Contact[] = [];
  const contacts = Array.isArray(doc.contacts) ? doc.contacts.filter(isObject) : [];
  for (const raw of contacts) {
    const c = raw as Contact;
    const role = typeof c.role === "string" ? (DRAFT_ROLES.get(c.role) ?? c.role) : "";
    const slot: ContactSlot | undefined =
      role === ROLE_ADMIN
        ? answers.admin === undefined
          ? "admin"
          : answers.backup === undefined
            ? "backup"
            : undefined
        : role === ROLE_SECURITY && answers.security === undefined
          ? "security"
          : role === ROLE_MODERATOR && answers.moderator === undefined
            ? "moderator"
            : undefined;
    const reach = present(reachOf(c));
    // The unstable moderator role and contacts with extra keys are kept exactly as published.
    if (slot && reach && !hasExtras(c)) {
      answers[slot] = reach;
    } else {
      others.push(c);
    }
  }
  if (others.length > 0) answers.otherContacts = others;
  if (typeof doc.support_page === "string") answers.supportPage = doc.support_page;
  const extensions: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) {
    if (key !== "contacts" && key !== "support_page") setOwn(extensions, key, value);
  }
  if (Object.keys(extensions).length > 0) answers.extensions = extensions;
  return answers;
}

/** Field-level merge: a value in `over` replaces the one in `base`; absent ones are kept. */
export function mergeAnswers(base: InitAnswers, over: InitAnswers): InitAnswers {
  const out: InitAnswers = { ...base };
  if (over.serverName !== undefined) out.serverName = over.serverName;
  if (over.supportPage !== undefined) out.supportPage = over.supportPage;
  for (const slot of CONTACT_SLOTS) {
    const o = over[slot];
    if (!o) continue;
    out[slot] = { ...(base[slot] ?? {}), ...o };
  }
  if (over.otherContacts) out.otherContacts = over.otherContacts;
  if (over.extensions) out.extensions = over.extensions;
  return out;
}
