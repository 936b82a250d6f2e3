/** Catalogue: the matrix-support config file (serve, export, init). Owned by src/config. */
import type { CatalogueEntry } from "../diagnostics.js";

export const CONFIG_CODES = {
  CONFIG_NOT_AN_OBJECT: {
    severity: "error",
    message:
      "The config must be a mapping of keys (server_name, support, well_known, http), found {actual}",
    hint: "Run `matrix-support init` to write one.",
  },
  CONFIG_NO_FILE: {
    severity: "error",
    message: "No config file: none of {names} is here",
    hint: "Run `matrix-support init` to write one, or pass --config FILE.",
  },
  CONFIG_BARE_SUPPORT: {
    severity: "info",
    message: "Treating {file} as a bare support document: it is published as the support section",
  },
  CONFIG_NOT_RECOGNISED: {
    severity: "error",
    message:
      "{file} is neither a matrix-support config (server_name, support, well_known, http) nor a support document (contacts, support_page)",
    hint: "Wrap the support document under support: (with server_name: beside it), or run `matrix-support init` to write a config.",
  },
  CONFIG_SUPPORT_KEY_AT_TOP: {
    severity: "error",
    message: '"{key}" belongs to the support document, not to the config: move it under support:',
    hint: "At the top level of a config it would be ignored, and the support path would publish nothing.",
  },
  CONFIG_UNKNOWN_KEY: {
    severity: "warning",
    message: 'Unknown config key "{key}"',
    hint: 'It is ignored. Only keys inside "support" are published (as extensions).',
    // `suggestion`: a known key at the same level within two edits of it.
    hints: [
      {
        param: "suggestion",
        hint: 'It is ignored: did you mean "{suggestion}"? Only keys inside "support" are published (as extensions).',
      },
    ],
  },
  CONFIG_UNKNOWN_KEY_NO_SUPPORT: {
    severity: "error",
    message: 'Unknown config key "{key}"; with no "support" beside it, nothing would be published',
    hint: "Fix the key, or put the support document under support:. To publish no support document on purpose, write support: {}.",
    hints: [
      {
        param: "suggestion",
        hint: 'Did you mean "{suggestion}"? Otherwise put the support document under support:, or write support: {} to publish none on purpose.',
      },
    ],
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
  CONFIG_UNKNOWN_LANGUAGE: {
    severity: "error",
    message: 'Config "{field}" names the language "{value}", which the pages do not speak',
    hint: "Use one of the pages' language tags, written as listed: {languages}.",
    // `suggestion`: the page language the tag probably means (pt -> pt-BR, zh-CN -> zh-Hans).
    hints: [
      {
        param: "suggestion",
        hint: 'Did you mean "{suggestion}"? The pages\' language tags, written as listed: {languages}.',
      },
    ],
  },
  // ---- init (owned by src/init) ----
  INIT_MISSING: {
    severity: "error",
    message: "No {what} given",
    hint: "Pass {flags}. Without a terminal, or with --yes, init asks nothing: required values come from flags or --from.",
  },
  INIT_BACKUP_ON_SERVER: {
    severity: "error",
    message:
      '"{value}" is on {server_name}, like the admin contact: nobody can reach it when {server_name} is down',
    hint: "Give a Matrix ID on another homeserver (e.g. @you:matrix.org) or an email address on another domain, or press Enter to skip.",
  },
  INIT_CONTACT_PARTS: {
    severity: "error",
    message:
      '"{value}" is not a contact: give one Matrix ID (starting with @) and/or one email address, separated by a space',
    hint: "For example: @admin:example.org admin@example.org",
  },
  INIT_FILE_EXISTS: {
    severity: "error",
    message: "{file} already exists; init does not overwrite it",
    hint: "Pass --force to replace it (atomically), or --out to write somewhere else.",
  },
  INIT_WRITE_FAILED: {
    severity: "error",
    message: "Could not write {file}: {reason}",
    hint: "Nothing was written; a file already there is left as it was.",
  },
  INIT_NOT_WRITTEN: {
    severity: "error",
    message: "The config built from these answers does not validate, so nothing was written",
    hint: "This is a bug in matrix-support init: please report it with the values you gave.",
  },
  INIT_READ_BACK: {
    severity: "error",
    message: "{file} was written but does not read back as written: {reason}",
    hint: "Another program may have changed it meanwhile. Check it with `matrix-support validate`, or run init again with --force.",
  },
  INIT_FROM_FAILED: {
    severity: "error",
    message: "Cannot start from what {server_name} publishes: {reason}",
    hint: "Check the server name and your network, or run init without --from to start from scratch.",
  },
  INIT_CANCELLED: {
    severity: "info",
    message: "Cancelled; nothing was written",
  },
} as const satisfies Record<string, CatalogueEntry>;
