/** Catalogue: the matrix-support config file (serve, export, init). Owned by src/config. */
import type { CatalogueEntry } from "../diagnostics.js";

export const CONFIG_CODES = {
  CONFIG_NOT_AN_OBJECT: {
    severity: "error",
    message:
      "The config must be a mapping of keys (server_name, support, well_known, http), found {actual}",
    hint: "See examples/matrix-support.yaml.",
  },
  CONFIG_UNKNOWN_KEY: {
    severity: "warning",
    message: 'Unknown config key "{key}"{suggestion}',
    hint: 'It is ignored. Only keys inside "support" are published (as extensions).',
  },
  CONFIG_WRONG_TYPE: {
    severity: "error",
    message: 'Config "{field}" must be {expected}, found {actual}',
  },
  CONFIG_OUT_OF_RANGE: {
    severity: "error",
    message: 'Config "{field}" must be between {min} and {max}, found {value}',
  },
  CONFIG_NO_SERVER_NAME: {
    severity: "warning",
    message: 'The config has no "server_name"',
    hint: "Name the Matrix server this file describes (e.g. server_name: example.org); the support page and the backup-contact check use it.",
  },
  CONFIG_NOTHING_PUBLISHED: {
    severity: "info",
    message: '"support" is empty: the support path will answer 404 (no support information)',
    hint: 'Add contacts or a support_page under "support" to publish them.',
  },
  CONFIG_WELL_KNOWN_SERVER: {
    severity: "error",
    message:
      'well_known.server must be an object with "m.server" set to a server name (host[:port]): {reason}',
    hint: 'For example: server: { "m.server": "matrix.example.org:443" }.',
  },
  CONFIG_WELL_KNOWN_CLIENT: {
    severity: "error",
    message:
      'well_known.client must be an object with "m.homeserver": { "base_url": "https://..." }: {reason}',
    hint: 'For example: client: { "m.homeserver": { "base_url": "https://matrix.example.org" } }.',
  },
} as const satisfies Record<string, CatalogueEntry>;
