/**
 * The support document, field for field as the spec defines it.
 * https://spec.matrix.org/latest/client-server-api/#getwell-knownmatrixsupport
 */

/**
 * A contact's role. An OPEN set: the spec names `m.role.admin` and `m.role.security` and permits
 * any Common Namespaced Identifier, so unknown roles are kept as plain strings, never rejected.
 * The `(string & {})` keeps editor completion for the known names without closing the set.
 */
export type Role =
  | "m.role.admin"
  | "m.role.security"
  | "m.role.moderator"
  | "m.role.dpo"
  | "m.role.report_moderator"
  | (string & {});

/** A way to contact the server administrator. At least one of `matrix_id` or `email_address`. */
export interface Contact {
  /** Required. What the contact is for. */
  role: Role;
  /** A Matrix user ID, possibly on another homeserver (a backup for when this one is down). */
  matrix_id?: string;
  /** An email address (RFC 5321 mailbox). */
  email_address?: string;
  /** Extensions are allowed on contacts (e.g. MSC4439 `pgp_key`). */
  [extension: string]: unknown;
}

/** `GET /.well-known/matrix/support` 200 body. At least one of `contacts` or `support_page`. */
export interface SupportDocument {
  contacts?: Contact[];
  /** An absolute URI of a human help page. */
  support_page?: string;
  /** Extensions are allowed at the top level (e.g. MSC4266 `policies`). */
  [extension: string]: unknown;
}
