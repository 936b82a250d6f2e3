/** Role names: the spec's, the in-flight proposals' (stable and unstable), and pre-spec drafts'. */
import { LINKS } from "./catalogue/spec-links.js";

/** `m.role.admin`: catch-all role for any queries. */
export const ROLE_ADMIN = "m.role.admin";
/** `m.role.security`: sensitive requests such as vulnerability reports. */
export const ROLE_SECURITY = "m.role.security";
/** MSC4121 moderator role, stable and unstable names. */
export const ROLE_MODERATOR = "m.role.moderator";
/** MSC4121 moderator role, unstable name. */
export const ROLE_MODERATOR_UNSTABLE = "support.feline.msc4121.role.moderator";
/** MSC4265 data protection officer, stable and unstable names. */
export const ROLE_DPO = "m.role.dpo";
/** MSC4265 data protection officer role, unstable name. */
export const ROLE_DPO_UNSTABLE = "org.matrix.msc4265.role.dpo";
/** MSC4226 report moderator. */
export const ROLE_REPORT_MODERATOR = "m.role.report_moderator";

/** Roles defined by the spec itself. */
export const SPEC_ROLES: readonly string[] = [ROLE_ADMIN, ROLE_SECURITY];

/** A Matrix spec proposal: its number (`MSC4121`), a short title and its pull request. */
export interface Proposal {
  msc: string;
  title: string;
  url: string;
}

const msc = (n: number, title: string): Proposal => ({ msc: `MSC${n}`, title, url: LINKS.msc(n) });

/** MSC4121: the moderator role. */
export const MSC4121 = msc(4121, "moderator role");
/** MSC4265: the data protection officer role. */
export const MSC4265 = msc(4265, "data protection officer role");
/** MSC4226: the report moderator role. */
export const MSC4226 = msc(4226, "report moderator role");
/** MSC4439: PGP keys for contacts (`pgp_key`). */
export const MSC4439 = msc(4439, "PGP keys for contacts");
/** MSC4266: policies in the support file (`policies`). */
export const MSC4266 = msc(4266, "policies in the support file");

/** Roles from proposals in flight, stable and unstable names. */
export const PROPOSAL_ROLES: ReadonlyMap<string, Proposal> = new Map([
  [ROLE_MODERATOR, MSC4121],
  [ROLE_MODERATOR_UNSTABLE, MSC4121],
  [ROLE_DPO, MSC4265],
  [ROLE_DPO_UNSTABLE, MSC4265],
  [ROLE_REPORT_MODERATOR, MSC4226],
]);

/** Per-contact keys from proposals. */
export const PGP_KEY = "pgp_key";
/** MSC4439 `pgp_key`, unstable name. */
export const PGP_KEY_UNSTABLE = "dev.zirco.msc4439.pgp_key";
/** Contact keys from proposals, stable and unstable names, and the proposal each comes from. */
export const PROPOSAL_CONTACT_KEYS: ReadonlyMap<string, Proposal> = new Map([
  [PGP_KEY, MSC4439],
  [PGP_KEY_UNSTABLE, MSC4439],
]);

/** Top-level keys from proposals. */
export const POLICIES = "policies";
/** MSC4266 `policies`, unstable name. */
export const POLICIES_UNSTABLE = "org.matrix.msc4266.policies";
/** Top-level keys from proposals, stable and unstable names, and the proposal each comes from. */
export const PROPOSAL_TOP_KEYS: ReadonlyMap<string, Proposal> = new Map([
  [POLICIES, MSC4266],
  [POLICIES_UNSTABLE, MSC4266],
]);

/** Bare roles of pre-spec drafts, and what they became. */
export const DRAFT_ROLES: ReadonlyMap<string, string> = new Map([
  ["admin", ROLE_ADMIN],
  ["security", ROLE_SECURITY],
  ["moderator", ROLE_MODERATOR],
]);

/** Near-misses of reserved roles seen in the wild, and the role they probably mean. */
export const RESERVED_ROLE_GUESSES: ReadonlyMap<string, string> = new Map([
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

/** Plain-words names for people (support page, checker, CLI tables). Unknown roles are shown verbatim. */
export function roleLabel(role: string): string {
  switch (role) {
    case ROLE_ADMIN:
      return "Administrator";
    case ROLE_SECURITY:
      return "Security";
    case ROLE_MODERATOR:
    case ROLE_MODERATOR_UNSTABLE:
      return "Moderator";
    case ROLE_DPO:
    case ROLE_DPO_UNSTABLE:
      return "Data protection officer";
    case ROLE_REPORT_MODERATOR:
      return "Report moderator";
    default:
      return role;
  }
}

/** What a role is for, in a sentence, for people choosing whom to contact. */
export function roleDescription(role: string): string | undefined {
  switch (role) {
    case ROLE_ADMIN:
      return "Any question about this server.";
    case ROLE_SECURITY:
      return "Security issues and vulnerability reports. Please report privately.";
    case ROLE_MODERATOR:
    case ROLE_MODERATOR_UNSTABLE:
      return "Abuse, spam and content reports.";
    case ROLE_REPORT_MODERATOR:
      return "Reports about content and users.";
    case ROLE_DPO:
    case ROLE_DPO_UNSTABLE:
      return "Personal data and privacy requests.";
    default:
      return undefined;
  }
}
