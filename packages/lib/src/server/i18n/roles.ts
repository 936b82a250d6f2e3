/** Role labels and descriptions in a language: for the support page and the checker page. */
import {
  ROLE_ADMIN,
  ROLE_DPO,
  ROLE_DPO_UNSTABLE,
  ROLE_MODERATOR,
  ROLE_MODERATOR_UNSTABLE,
  ROLE_REPORT_MODERATOR,
  ROLE_SECURITY,
} from "../../core/roles.js";
import type { Messages } from "./en.js";

/**
 * A role's label and description in the page's language; unknown roles are shown verbatim with
 * no description. The English strings are the ones `roleLabel` and `roleDescription` give the CLI.
 */
export function roleText(role: string, t: Messages): { label: string; description?: string } {
  switch (role) {
    case ROLE_ADMIN:
      return { label: t.roleAdmin, description: t.roleAdminDescription };
    case ROLE_SECURITY:
      return { label: t.roleSecurity, description: t.roleSecurityDescription };
    case ROLE_MODERATOR:
    case ROLE_MODERATOR_UNSTABLE:
      return { label: t.roleModerator, description: t.roleModeratorDescription };
    case ROLE_REPORT_MODERATOR:
      return { label: t.roleReportModerator, description: t.roleReportModeratorDescription };
    case ROLE_DPO:
    case ROLE_DPO_UNSTABLE:
      return { label: t.roleDpo, description: t.roleDpoDescription };
    default:
      return { label: role };
  }
}
