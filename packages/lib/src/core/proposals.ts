/**
 * The one list of the Matrix spec proposals (MSCs) this project knows about: number, title,
 * status, the stable and unstable names each one defines, and the day that was last checked
 * against the proposal itself. The role and key tables of the validator, the renderers and
 * docs/proposals.md all derive from it (test/spec/proposals.test.ts holds them to it).
 */
import { LINKS } from "./catalogue/spec-links.js";

/**
 * Where a proposal stands: `open` (a pull request under discussion), `merged` (accepted, not in a
 * released spec yet), `in-spec` (in the released spec version `specVersion`), `closed` (rejected
 * or withdrawn).
 */
export type ProposalStatus = "open" | "merged" | "in-spec" | "closed";

/** What a name is: a contact role, a key of a contact or of the document, an event type, a response key. */
export type ProposalNameKind = "role" | "contact-key" | "top-key" | "event-type" | "response-key";

/** A name a proposal defines: its kind, and its stable and unstable spellings. */
export interface ProposalName {
  kind: ProposalNameKind;
  /** The name the proposal defines for when it is accepted. */
  stable: string;
  /** The name to use while it is not accepted; null when the proposal defines none. */
  unstable: string | null;
}

/** One Matrix spec proposal (MSC) this project knows, as last checked against the proposal. */
export interface Proposal {
  /** `MSC4121`. */
  msc: string;
  number: number;
  title: string;
  /** The proposal's pull request. */
  url: string;
  status: ProposalStatus;
  /** The first spec version that includes it (`v1.20`), or null when none does. */
  specVersion: string | null;
  /** The day (YYYY-MM-DD) status and names were last checked against the proposal. */
  checked: string;
  /** The names it defines; empty for a proposal that only changes behaviour. */
  names: readonly ProposalName[];
}

/** The list itself, keyed by MSC. `as const`, so the names below keep their literal types. */
const LIST = {
  MSC4121: {
    title: "moderator role",
    status: "open",
    specVersion: null,
    checked: "2026-11-30",
    names: [
      {
        kind: "role",
        stable: "m.role.moderator",
        unstable: "support.feline.msc4121.role.moderator",
      },
    ],
  },
  MSC4226: {
    title: "reports as rooms: report moderator role",
    status: "open",
    specVersion: null,
    checked: "2026-11-30",
    names: [{ kind: "role", stable: "m.role.report_moderator", unstable: null }],
  },
  MSC4265: {
    title: "data protection officer role",
    status: "open",
    specVersion: null,
    checked: "2026-11-30",
    names: [{ kind: "role", stable: "m.role.dpo", unstable: "org.matrix.msc4265.role.dpo" }],
  },
  MSC4266: {
    title: "policies in the support file",
    status: "open",
    specVersion: null,
    checked: "2026-11-30",
    names: [{ kind: "top-key", stable: "policies", unstable: "org.matrix.msc4266.policies" }],
  },
  MSC4402: {
    title: "consistent redirects for .well-known files",
    status: "in-spec",
    specVersion: "v1.20",
    checked: "2026-11-30",
    names: [],
  },
  MSC4439: {
    title: "PGP keys for contacts",
    status: "open",
    specVersion: null,
    checked: "2026-11-30",
    names: [{ kind: "contact-key", stable: "pgp_key", unstable: "dev.zirco.msc4439.pgp_key" }],
  },
  MSC4489: {
    title: "per-room contact state event",
    status: "open",
    specVersion: null,
    checked: "2026-11-30",
    names: [
      { kind: "event-type", stable: "m.room.contact", unstable: "net.codestorm.msc4489.contact" },
    ],
  },
  MSC4490: {
    title: "room contacts when a join or knock does not succeed",
    status: "open",
    specVersion: null,
    checked: "2026-11-30",
    names: [{ kind: "response-key", stable: "contact", unstable: "net.codestorm.msc4490.contact" }],
  },
} as const satisfies Record<
  `MSC${number}`,
  Omit<Proposal, "msc" | "number" | "url" | "names"> & { names: readonly ProposalName[] }
>;

type Key = keyof typeof LIST;

function proposal(key: Key): Proposal {
  const number = Number(key.slice(3));
  return { msc: key, number, url: LINKS.msc(number), ...LIST[key] };
}

/** Every proposal, by number. */
export const PROPOSALS: readonly Proposal[] = (Object.keys(LIST) as Key[])
  .map(proposal)
  .sort((a, b) => a.number - b.number);

const byKey = (key: Key): Proposal => PROPOSALS.find((p) => p.msc === key) as Proposal;

/** MSC4121: the moderator role. */
export const MSC4121 = byKey("MSC4121");
/** MSC4226: reports as rooms (the report moderator role). */
export const MSC4226 = byKey("MSC4226");
/** MSC4265: the data protection officer role. */
export const MSC4265 = byKey("MSC4265");
/** MSC4266: policies in the support file. */
export const MSC4266 = byKey("MSC4266");
/** MSC4402: consistent redirects for .well-known files (in the spec since v1.20). */
export const MSC4402 = byKey("MSC4402");
/** MSC4439: PGP keys for contacts. */
export const MSC4439 = byKey("MSC4439");
/** MSC4489: the per-room contact state event (`m.room.contact`). */
export const MSC4489 = byKey("MSC4489");
/** MSC4490: room contacts in a join or knock rejection. */
export const MSC4490 = byKey("MSC4490");

/** MSC4121 moderator role, stable and unstable names. */
export const ROLE_MODERATOR = LIST.MSC4121.names[0].stable;
/** MSC4121 moderator role, the unstable name. */
export const ROLE_MODERATOR_UNSTABLE = LIST.MSC4121.names[0].unstable;
/** MSC4265 data protection officer, stable and unstable names. */
export const ROLE_DPO = LIST.MSC4265.names[0].stable;
/** MSC4265 data protection officer, the unstable name. */
export const ROLE_DPO_UNSTABLE = LIST.MSC4265.names[0].unstable;
/** MSC4226 report moderator (the proposal defines no unstable name for it). */
export const ROLE_REPORT_MODERATOR = LIST.MSC4226.names[0].stable;
/** MSC4439 per-contact PGP key. */
export const PGP_KEY = LIST.MSC4439.names[0].stable;
/** MSC4439 per-contact PGP key, the unstable name. */
export const PGP_KEY_UNSTABLE = LIST.MSC4439.names[0].unstable;
/** MSC4266 top-level policies. */
export const POLICIES = LIST.MSC4266.names[0].stable;
/** MSC4266 top-level policies, the unstable name. */
export const POLICIES_UNSTABLE = LIST.MSC4266.names[0].unstable;
/** MSC4489 room state event type. */
export const ROOM_CONTACT_EVENT = LIST.MSC4489.names[0].stable;
/** MSC4489 room state event type, the unstable name. */
export const ROOM_CONTACT_EVENT_UNSTABLE = LIST.MSC4489.names[0].unstable;
/** MSC4490 key of a join or knock rejection that carries the room's contacts. */
export const REJECTION_CONTACT_KEY = LIST.MSC4490.names[0].stable;
/** MSC4490 rejection key, the unstable name. */
export const REJECTION_CONTACT_KEY_UNSTABLE = LIST.MSC4490.names[0].unstable;

/** Every name (stable and unstable) of one kind, with its proposal. */
function namesOf(kind: ProposalNameKind): ReadonlyMap<string, Proposal> {
  const map = new Map<string, Proposal>();
  for (const p of PROPOSALS)
    for (const n of p.names)
      if (n.kind === kind) {
        map.set(n.stable, p);
        if (n.unstable !== null) map.set(n.unstable, p);
      }
  return map;
}

/** Roles from proposals, stable and unstable names. */
export const PROPOSAL_ROLES = namesOf("role");
/** Per-contact keys from proposals. */
export const PROPOSAL_CONTACT_KEYS = namesOf("contact-key");
/** Top-level keys from proposals. */
export const PROPOSAL_TOP_KEYS = namesOf("top-key");
/** Room state event types from proposals (MSC4489). */
export const PROPOSAL_EVENT_TYPES = namesOf("event-type");
/** Keys of error responses from proposals (MSC4490). */
export const PROPOSAL_RESPONSE_KEYS = namesOf("response-key");
