/**
 * Catalogue: differences between two support documents (`compareSupport`, `report --diff`, the
 * probe's change count, clients warning before a report). Each change carries its own risk
 * (high, medium, low); the severity here is nominal ("info": a change is news, not a fault).
 */
import type { CatalogueEntry } from "../diagnostics.js";
import { LINKS } from "./spec-links.js";

const CONFIRM =
  "Confirm the change with the server's admins through a channel you already trust before sending a sensitive report: whoever controls the host can redirect reports this way.";

export const COMPARE_CODES = {
  // ---- high ----
  CHANGE_SECURITY_CONTACT_MOVED: {
    severity: "info",
    message:
      "Security reports would now go to {to}, a domain not used before ({from}): the {channel} of {who}",
    hint: CONFIRM,
    spec: LINKS.endpoint,
  },
  CHANGE_ADMIN_CONTACT_MOVED: {
    severity: "info",
    message:
      "Admin queries would now go to {to}, a domain not used before ({from}): the {channel} of the only admin contact",
    hint: CONFIRM,
  },
  CHANGE_CONTACTS_REPLACED: {
    severity: "info",
    message:
      "Every contact was replaced at once: none of the {before} earlier contacts is listed now ({after} new)",
    hint: CONFIRM,
  },
  CHANGE_SUPPORT_PAGE_MOVED: {
    severity: "info",
    message: "The support page moved to another host: {before} -> {after}",
    hint: "Check that the new page belongs to the server's admins before following it.",
  },
  // ---- medium ----
  CHANGE_CONTACT_ADDED: {
    severity: "info",
    message: "A contact with role {role} was added: {contact}",
  },
  CHANGE_CONTACT_REMOVED: {
    severity: "info",
    message: "A contact with role {role} was removed: {contact}",
  },
  CHANGE_CONTACT_CHANGED: {
    severity: "info",
    message: "The {role} contact's {channel} changed: {before} -> {after}",
  },
  CHANGE_CONTACT_ROLE: {
    severity: "info",
    message: "The contact {contact} changed role: {before} -> {after}",
  },
  CHANGE_ROLE_GAINED: {
    severity: "info",
    message: "The document now lists a contact with role {role}",
  },
  CHANGE_ROLE_LOST: {
    severity: "info",
    message: "The document no longer lists a contact with role {role}",
  },
  CHANGE_SUPPORT_PAGE_ADDED: {
    severity: "info",
    message: "A support page was added: {after}",
  },
  CHANGE_SUPPORT_PAGE_REMOVED: {
    severity: "info",
    message: "The support page was removed (it was {before})",
  },
  CHANGE_SUPPORT_PAGE_CHANGED: {
    severity: "info",
    message: "The support page changed on the same host: {before} -> {after}",
  },
  // ---- low (reported on request) ----
  CHANGE_CONTACT_ORDER: {
    severity: "info",
    message: "The same contacts are listed in another order",
  },
  CHANGE_FORMATTING: {
    severity: "info",
    message: "The {role} contact's {channel} differs only in letter case: {before} -> {after}",
  },
  CHANGE_EXTENSION: {
    severity: "info",
    message: 'The extension "{key}" changed{where}',
  },
} as const satisfies Record<string, CatalogueEntry>;
