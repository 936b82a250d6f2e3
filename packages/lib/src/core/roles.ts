/**
 * Role names: the spec's, and those of the proposals in flight (stable and unstable, defined in
 * the one list of proposals, ./proposals.ts), and pre-spec drafts'.
 */
import {
  ROLE_DPO,
  ROLE_DPO_UNSTABLE,
  ROLE_MODERATOR,
  ROLE_MODERATOR_UNSTABLE,
  ROLE_REPORT_MODERATOR,
} from "./proposals.js";

export {
  MSC4121,
  MSC4226,
  MSC4265,
  MSC4266,
  MSC4402,
  MSC4439,
  MSC4489,
  MSC4490,
  PGP_KEY,
  PGP_KEY_UNSTABLE,
  POLICIES,
  POLICIES_UNSTABLE,
  PROPOSAL_CONTACT_KEYS,
  PROPOSAL_EVENT_TYPES,
  PROPOSAL_RESPONSE_KEYS,
  PROPOSAL_ROLES,
  PROPOSAL_TOP_KEYS,
  PROPOSALS,
  type Proposal,
  type ProposalName,
  type ProposalNameKind,
  type ProposalStatus,
  REJECTION_CONTACT_KEY,
  REJECTION_CONTACT_KEY_UNSTABLE,
  ROLE_DPO,
  ROLE_DPO_UNSTABLE,
  ROLE_MODERATOR,
  ROLE_MODERATOR_UNSTABLE,
  ROLE_REPORT_MODERATOR,
  ROOM_CONTACT_EVENT,
  ROOM_CONTACT_EVENT_UNSTABLE,
} from "./proposals.js";

/** `m.role.admin`: catch-all role for any queries. */
export const ROLE_ADMIN = "m.role.admin";
/** `m.role.security`: sensitive requests such as vulnerability reports. */
export const ROLE_SECURITY = "m.role.security";

/** Roles defined by the spec itself. */
export const SPEC_ROLES: readonly string[] = [ROLE_ADMIN, ROLE_SECURITY];

/** Bare roles of pre-spec drafts, and what they became. */
export const DRAFT_ROLES: ReadonlyMap<string, string> = new Map([
  ["admin", ROLE_ADMIN],
  ["security", ROLE_SECURITY],
  ["moderator", ROLE_MODERATOR],
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
