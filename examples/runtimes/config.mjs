/**
 * The support file every example serves (the `Config` of @matrix-support/lib/server, as in the
 * CLI's config files). Replace it with your own; `support` is published as
 * /.well-known/matrix/support.
 */
export const config = {
  server_name: "example.org",
  support: {
    contacts: [
      { role: "m.role.admin", matrix_id: "@admin:example.org", email_address: "admin@example.org" },
      { role: "m.role.security", email_address: "security@example.org" },
    ],
    support_page: "https://example.org/help",
  },
  http: { cache_max_age: 3600 },
};
