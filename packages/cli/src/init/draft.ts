/**
 * Pre-spec draft files (MSC1929 before it was merged: `admins`, `mxid`, `email`, bare roles) read
 * in the spec's names, for `init --from` and the generator page's loading alike. Pure and
 * browser-safe: no I/O, no Node built-in.
 */
import { DRAFT_ROLES } from "../../../lib/src/core/roles.js";
import { isObject, setOwn } from "./answers.js";

/** Contact keys of pre-spec drafts, and the spec's names for them. */
const DRAFT_CONTACT_KEYS: ReadonlyMap<string, string> = new Map([
  ["mxid", "matrix_id"],
  ["email", "email_address"],
]);

/** A name a pre-spec draft used, and the spec's name it became (a key, or a contact's role). */
export interface Rename {
  kind: "key" | "role";
  from: string;
  to: string;
}

/** A draft file in the spec's names, and what was renamed. */
export interface UpgradedDraft {
  document: Record<string, unknown>;
  /** E.g. key `admins` -> `contacts`, key `mxid` -> `matrix_id`, role `admin` -> `m.role.admin`; each once, in the order met. */
  renamed: Rename[];
}

/** The renames met so far, each once, in order. */
class Renames {
  readonly list: Rename[] = [];
  readonly #seen = new Set<string>();
  add(kind: Rename["kind"], from: string, to: string): void {
    const key = JSON.stringify([kind, from, to]);
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    this.list.push({ kind, from, to });
  }
}

/**
 * A draft contact in the spec's names: `mxid` -> `matrix_id`, `email` -> `email_address`, a bare
 * role (`admin`, `security`, `moderator`) -> the role it became. A draft key beside a spec key
 * with another value is kept as it was (nothing is dropped); beside the same value it goes.
 */
function upgradeContact(entry: unknown, renamed: Renames): { contact: unknown; changed: boolean } {
  if (!isObject(entry)) return { contact: entry, changed: false };
  const contact: Record<string, unknown> = {};
  let changed = false;
  for (const [key, v] of Object.entries(entry)) {
    const spec = DRAFT_CONTACT_KEYS.get(key);
    if (spec === undefined) {
      if (!Object.hasOwn(contact, key)) setOwn(contact, key, v);
    } else if (!Object.hasOwn(entry, spec)) {
      setOwn(contact, spec, v);
      changed = true;
    } else if (entry[spec] === v) changed = true;
    else setOwn(contact, key, v);
  }
  // Said in one order whatever the keys' order: the Matrix ID, the email, the role.
  for (const [draft, spec] of DRAFT_CONTACT_KEYS)
    if (Object.hasOwn(entry, draft) && !Object.hasOwn(contact, draft))
      renamed.add("key", draft, spec);
  const role = typeof contact.role === "string" ? DRAFT_ROLES.get(contact.role) : undefined;
  if (role !== undefined) {
    renamed.add("role", String(contact.role), role);
    contact.role = role;
    changed = true;
  }
  return { contact, changed };
}

/**
 * A pre-spec draft file rewritten in the spec's names: `admins` becomes `contacts` (when
 * `contacts` is absent or empty; beside a non-empty `contacts` it is left as published), and in
 * each contact `mxid`, `email` and bare roles are renamed (see `upgradeContact`). Undefined when
 * there is nothing to rename.
 */
export function upgradeDraft(value: unknown): UpgradedDraft | undefined {
  if (!isObject(value)) return undefined;
  const contactsEmpty =
    !Object.hasOwn(value, "contacts") ||
    (Array.isArray(value.contacts) && value.contacts.length === 0);
  const fromAdmins = Array.isArray(value.admins) && value.admins.length > 0 && contactsEmpty;
  const list = fromAdmins ? value.admins : value.contacts;
  if (!Array.isArray(list)) return undefined;
  const renamed = new Renames();
  if (fromAdmins) renamed.add("key", "admins", "contacts");
  const upgraded = list.map((entry) => upgradeContact(entry, renamed));
  if (!fromAdmins && !upgraded.some((u) => u.changed)) return undefined;
  const document: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === "contacts" || (fromAdmins && key === "admins")) continue;
    setOwn(document, key, v);
  }
  document.contacts = upgraded.map((u) => u.contact);
  return { document, renamed: renamed.list };
}
