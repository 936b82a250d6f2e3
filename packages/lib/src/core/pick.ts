/** Choosing whom to contact for a purpose, with the fallbacks T&S and security teams expect. */
import {
  ROLE_ADMIN,
  ROLE_MODERATOR,
  ROLE_MODERATOR_UNSTABLE,
  ROLE_REPORT_MODERATOR,
  ROLE_SECURITY,
} from "./roles.js";
import type { Contact, SupportDocument } from "./types.js";

/** Why someone wants to reach the server's people: a security report, an abuse report, anything else. */
export type Purpose = "security" | "abuse" | "general";

/** Roles tried in order for each purpose; `*` means any contact at all. */
export const PURPOSE_ROLES: Readonly<Record<Purpose, readonly string[]>> = {
  security: [ROLE_SECURITY, ROLE_ADMIN],
  abuse: [ROLE_MODERATOR, ROLE_MODERATOR_UNSTABLE, ROLE_REPORT_MODERATOR, ROLE_ADMIN],
  general: [ROLE_ADMIN, "*"],
};

/** A contact chosen for a purpose, with where it came from. */
export interface PickedContact {
  contact: Contact;
  /** Index in `document.contacts`. */
  index: number;
  /** The role that matched (the contact's own role). */
  role: string;
  /** True when the purpose's first-choice role was missing and a fallback was used. */
  fallback: boolean;
}

const reachBoth = (c: Contact): boolean =>
  typeof c.matrix_id === "string" && typeof c.email_address === "string";
const reachable = (c: Contact): boolean =>
  typeof c.matrix_id === "string" || typeof c.email_address === "string";

/**
 * Every contact suitable for `purpose`, best first: by the purpose's role order, and within one
 * role, contacts with both a Matrix ID and an email before those with one way only.
 */
export function pickContacts(
  document: SupportDocument | null | undefined,
  purpose: Purpose,
): PickedContact[] {
  const contacts = Array.isArray(document?.contacts) ? document.contacts : [];
  const order = PURPOSE_ROLES[purpose];
  const picked: PickedContact[] = [];
  const used = new Set<number>();
  order.forEach((role, rank) => {
    const matches: PickedContact[] = [];
    contacts.forEach((contact, index) => {
      if (used.has(index) || typeof contact !== "object" || contact === null || !reachable(contact))
        return;
      if (role === "*" || contact.role === role) {
        matches.push({ contact, index, role: String(contact.role), fallback: rank > 0 });
      }
    });
    matches.sort((a, b) => Number(reachBoth(b.contact)) - Number(reachBoth(a.contact)));
    for (const m of matches) {
      used.add(m.index);
      picked.push(m);
    }
  });
  return picked;
}

/** The best contact for `purpose`, or undefined when the document offers none. */
export function pickContact(
  document: SupportDocument | null | undefined,
  purpose: Purpose,
): PickedContact | undefined {
  return pickContacts(document, purpose)[0];
}
