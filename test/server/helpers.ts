/** Shared test fixtures for the server: configs named after what they show. */
import type { Config } from "../../packages/lib/src/config/types.js";

export const exampleConfig: Config = {
  server_name: "example.org",
  support: {
    contacts: [
      { role: "m.role.admin", matrix_id: "@admin:example.org", email_address: "admin@example.org" },
      { role: "m.role.security", email_address: "security@example.org" },
    ],
    support_page: "https://example.org/help",
  },
  well_known: {
    client: { "m.homeserver": { base_url: "https://matrix.example.org" } },
    server: { "m.server": "matrix.example.org:443" },
  },
  http: { host: "127.0.0.1", port: 8080, cache_max_age: 600 },
};

export const emptySupportConfig: Config = { server_name: "example.org", support: {} };

export const supportOnlyConfig: Config = {
  server_name: "example.org",
  support: { contacts: [{ role: "m.role.admin", email_address: "admin@example.org" }] },
};

export const withExtensionsConfig: Config = {
  server_name: "example.org",
  support: {
    contacts: [
      {
        role: "m.role.security",
        email_address: "security@example.org",
        pgp_key: "openpgp4fpr:0123456789ABCDEF0123456789ABCDEF01234567",
      },
      { role: "com.example.role.abuse", matrix_id: "@abuse:example.net" },
    ],
    "org.matrix.msc4266.policies": {
      privacy: { version: "1", en: { name: "Privacy policy", url: "https://example.org/privacy" } },
    },
  },
};

/** Values that must come out escaped and never as links. */
export const hostileConfig: Config = {
  server_name: 'evil<script>alert(1)</script>"',
  support: {
    contacts: [
      {
        role: "x.<img src=x onerror=alert(1)>",
        matrix_id: '@"><script>alert(1)</script>:example.org',
        email_address: "a<b>@example.org",
        pgp_key: "javascript:alert(1)",
      },
    ],
    support_page: "javascript:alert(document.cookie)",
  },
};

export const url = (path: string) => `http://localhost${path}`;
