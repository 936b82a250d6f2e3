/**
 * Catalogue: per-room contacts, the proposals MSC4489 (an `m.room.contact` state event whose
 * content has the support file's shape) and MSC4490 (that content in a join or knock rejection).
 * The content itself is checked with the document's own rules and codes.
 */
import type { CatalogueEntry } from "../diagnostics.js";
import { LINKS } from "./spec-links.js";

export const ROOM_CODES = {
  ROOM_CONTACTS_PROPOSAL: {
    severity: "info",
    message: "{what} comes from {msc} ({title}), a proposal not in the spec yet",
    hint: "It is checked with the rules of the support file, whose shape it reuses. Clients that do not implement {msc} ignore it.",
    spec: LINKS.msc(4489),
  },
  ROOM_CONTACTS_EMPTY: {
    severity: "warning",
    message:
      'Nothing to contact: {detail}; MSC4489 says at least one of "contacts" or "support_page" should be present',
    hint: "Add a contact with a role and a Matrix ID or email address, or a support page; or remove the event.",
    spec: LINKS.msc(4489),
  },
  ROOM_EVENT_WRONG_TYPE: {
    severity: "error",
    message: 'The event is of type "{type}", not m.room.contact or {unstable}',
    hint: "Room contacts are the content of an m.room.contact state event (net.codestorm.msc4489.contact while MSC4489 is a proposal).",
    spec: LINKS.msc(4489),
  },
  ROOM_EVENT_STATE_KEY: {
    severity: "warning",
    message: 'The state key is "{state_key}"; MSC4489 uses the empty state key',
    hint: 'Clients read the room contact event whose state key is ""; send it with an empty state key.',
    spec: LINKS.msc(4489),
  },
} as const satisfies Record<string, CatalogueEntry>;
