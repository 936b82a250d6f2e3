/** The probe's inputs, shared with the test (no imports: the test reads them without the package). */

/** Discovery cases; the test's loopback server answers each as its name says. */
export const SERVER_NAMES = [
  "found.example",
  "missing.example",
  "html.example",
  "refused.example",
  "not a server name",
];

/** A document with errors for validateSupport. */
export const INVALID_DOCUMENT = {
  contacts: [{ role: "m.role.admin", matrix_id: "admin-without-at", email_address: 7 }],
};
