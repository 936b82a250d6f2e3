// The support endpoint in your own server: one web-standard handler, (Request) => Response.
import { validateSupport } from "@matrix-support/lib";
import { createSupportHandler } from "@matrix-support/lib/server";

const config = {
  server_name: "example.org",
  support: {
    contacts: [
      { role: "m.role.admin", matrix_id: "@admin:example.org", email_address: "admin@example.org" },
      { role: "m.role.admin", matrix_id: "@example-admin:matrix.org" },
      { role: "m.role.security", email_address: "security@example.org" },
    ],
    support_page: "https://example.org/help",
  },
};

// The handler checks the config itself (it throws InvalidSupportError with the diagnostics);
// validating first lets the process say what is wrong instead.
const checked = validateSupport(config.support, { serverName: config.server_name });
if (!checked.valid) throw new Error(checked.diagnostics.map((d) => d.message).join("\n"));

export const support = createSupportHandler(config);
