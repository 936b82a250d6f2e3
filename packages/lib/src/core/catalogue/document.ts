/** Catalogue: rules about the support document itself (the spec core). */
import type { CatalogueEntry } from "../diagnostics.js";
import { LINKS } from "./spec-links.js";

export const DOCUMENT_CODES = {
  // ---- text ----
  PARSE_ERROR: {
    severity: "error",
    message: "Not valid {format}: {detail}",
    hint: "The file must be a single JSON object. Check quotes around keys, commas between items and no comma after the last one.",
    // `format` is the format the text was read as: each gets advice in its own terms.
    hints: [
      {
        param: "format",
        is: "YAML",
        hint: "YAML nests by indentation: spaces only (no tabs), the same amount for every key of one mapping and every '- ' item of one list, and a space after each ':'. Quote values that start with @, *, &, ! or {, or that contain ': ' or ' #', e.g. matrix_id: \"@admin:example.org\".",
      },
      {
        param: "format",
        is: "TOML",
        hint: 'In TOML each line is key = value, strings in double quotes (server_name = "example.org"); a table starts with [support] and each contact with [[support.contacts]]; a key may appear once per table.',
      },
      {
        param: "format",
        is: "JSON or YAML",
        hint: "The file must be a JSON object or a YAML mapping of keys; an HTML page, plain text or an empty file is neither.",
      },
    ],
    spec: LINKS.endpoint,
  },
  DOCUMENT_TOO_LARGE: {
    severity: "error",
    message: "The document is {size} bytes, over the limit of {limit} bytes",
    hint: "A support file holds a few contacts; keep it small.",
  },
  DOCUMENT_TOO_DEEP: {
    severity: "error",
    message: "The document nests deeper than {limit} levels",
    hint: "A support file is two or three levels deep; this looks like garbage or an attack.",
  },
  DUPLICATE_KEY: {
    severity: "warning",
    message: 'Key "{key}" appears more than once; readers will disagree on which value wins',
    hint: "Keep one of them.",
  },
  // ---- shape ----
  NOT_AN_OBJECT: {
    severity: "error",
    message: "The document must be a JSON object, found {actual}",
    hint: 'Start from {"contacts": [{"role": "m.role.admin", "email_address": "admin@example.org"}]}.',
    spec: LINKS.endpoint,
  },
  EMPTY_DOCUMENT: {
    severity: "error",
    message: 'The document has neither "contacts" nor "support_page"; at least one is required',
    hint: "A server with nothing to publish must answer 404, not 200 with an empty object.",
    spec: LINKS.endpoint,
  },
  CONTACTS_EMPTY: {
    severity: "error",
    message:
      '"contacts" is empty and there is no "support_page"; when only contacts are given there must be at least one',
    hint: "Add a contact with a role and an email address or Matrix ID, or answer 404 if there is nothing to publish.",
    spec: LINKS.endpoint,
  },
  CONTACTS_EMPTY_WITH_PAGE: {
    severity: "info",
    message: '"contacts" is an empty list; only the support page is published',
    hint: "Remove the empty list, or add a contact so people can reach an admin when the support page is down.",
    spec: LINKS.endpoint,
  },
  WRONG_TYPE: {
    severity: "error",
    message: '"{field}" must be {expected}, found {actual}',
    spec: LINKS.endpoint,
  },
  NULL_VALUE: {
    severity: "error",
    message: '"{field}" is null; the spec allows only {expected}',
    hint: "Leave the key out instead of writing null (serialisers often emit null for absent fields).",
    spec: LINKS.endpoint,
  },
  // ---- contacts ----
  CONTACT_NOT_OBJECT: {
    severity: "error",
    message: "Each contact must be an object, found {actual}",
    spec: LINKS.endpoint,
  },
  ROLE_MISSING: {
    severity: "error",
    message: 'The contact has no "role"; it is required',
    hint: 'Use "m.role.admin" for general queries or "m.role.security" for security reports.',
    spec: LINKS.endpoint,
  },
  ROLE_INVALID: {
    severity: "error",
    message: 'Role "{role}" is not a namespaced identifier: {reason}',
    hint: "Use \"m.role.admin\", \"m.role.security\", or your own reverse-DNS role such as \"org.example.role.abuse\" (lower case, digits, '.', '_', '-').",
    spec: LINKS.namespaced,
  },
  ROLE_DRAFT: {
    severity: "warning",
    message: 'Role "{role}" is from a pre-spec draft; did you mean "{suggestion}"?',
    hint: 'Clients look for "{suggestion}" and will not recognise "{role}".',
    spec: LINKS.endpoint,
  },
  ROLE_NOT_NAMESPACED: {
    severity: "warning",
    message: 'Role "{role}" is not namespaced',
    hint: 'Custom roles should be reverse-DNS namespaced, e.g. "org.example.role.{role}", so they never clash with future spec roles.',
    spec: LINKS.namespaced,
  },
  ROLE_UNKNOWN_RESERVED: {
    severity: "warning",
    message: 'Role "{role}" uses the reserved "m." namespace but is not in the spec{suggestion}',
    hint: 'Only the spec may define "m." roles. Use a specified role or a reverse-DNS role of your own.',
    spec: LINKS.namespaced,
  },
  ROLE_PROPOSAL: {
    severity: "warning",
    message: 'Role "{role}" comes from {msc} ({title}), which is not in the spec yet',
    hint: 'Clients may not recognise it. Keep an "m.role.admin" contact as the fallback.',
  },
  CONTACT_UNREACHABLE: {
    severity: "error",
    message: 'The contact has neither "matrix_id" nor "email_address"; at least one is required',
    hint: "Add an email address, a Matrix ID, or both.",
    spec: LINKS.endpoint,
  },
  MATRIX_ID_INVALID: {
    severity: "error",
    message: '"{value}" is not a Matrix user ID: {reason}',
    hint: 'A user ID looks like "@admin:example.org".',
    spec: LINKS.userId,
  },
  MATRIX_ID_HISTORICAL: {
    severity: "warning",
    message: '"{value}" is a historical user ID ({reason}); it is accepted but deprecated',
    hint: "New accounts use only a-z, 0-9 and . _ = - / + in the localpart. Consider a contact account that follows the current grammar.",
    spec: LINKS.historicalUserId,
  },
  EMAIL_INVALID: {
    severity: "error",
    message: '"{value}" is not an email address: {reason}',
    hint: 'Write the bare address, e.g. "admin@example.org".',
    spec: LINKS.endpoint,
  },
  EMAIL_MAILTO: {
    severity: "error",
    message: '"{value}" has a "mailto:" prefix; the field holds a bare address',
    hint: 'Write "{suggestion}"; clients build the mailto: link themselves.',
    spec: LINKS.endpoint,
  },
  EMAIL_DISPLAY_NAME: {
    severity: "error",
    message: '"{value}" includes a display name; the field holds a bare address',
    hint: 'Write "{suggestion}".',
    spec: LINKS.endpoint,
  },
  EMAIL_OBFUSCATED: {
    severity: "error",
    message: '"{value}" is an obfuscation placeholder, not an email address',
    hint: "A page-protection service (e.g. Cloudflare's email obfuscation) rewrote the address. Serve the file as JSON, not through HTML rewriting.",
    spec: LINKS.endpoint,
  },
  EMAIL_NON_ASCII: {
    severity: "warning",
    message: '"{value}" is an internationalised address (RFC 6531); RFC 5321 allows only ASCII',
    hint: "Some mail systems and clients cannot send to it. Add an ASCII address as well if you can.",
    spec: LINKS.endpoint,
  },
  EMAIL_TOO_LONG: {
    severity: "warning",
    message: '"{value}" is longer than every mail server must accept: {reason}',
    hint: "RFC 5321 asks every mail server to accept local parts of up to 64 bytes and addresses of up to 254. A longer address is valid but may bounce; publish a shorter one if you can.",
    spec: LINKS.endpoint,
  },
  // ---- support page ----
  SUPPORT_PAGE_INVALID: {
    severity: "error",
    message: '"{value}" is not an absolute URI: {reason}',
    hint: 'Write a full web address such as "https://example.org/help".',
    spec: LINKS.endpoint,
  },
  SUPPORT_PAGE_UNSAFE_SCHEME: {
    severity: "error",
    message: 'Support page uses the "{scheme}:" scheme: {danger}; refused',
    hint: "The spec only asks for a URI, but clients render this one as a link people click. Link a web page (https://...) instead.",
    spec: LINKS.endpoint,
  },
  SUPPORT_PAGE_NOT_WEB: {
    severity: "warning",
    message:
      'Support page "{value}" uses the "{scheme}:" scheme, not a web page; the spec allows it, but clients open web pages and several drop anything else',
    hint: "{advice}",
    spec: LINKS.endpoint,
  },
  SUPPORT_PAGE_HTTP: {
    severity: "warning",
    message: 'Support page "{value}" uses http:, not https:',
    hint: "Serve the page over https so people cannot be sent somewhere else on the way.",
    spec: LINKS.endpoint,
  },
  // ---- names from drafts and other spellings ----
  DRAFT_KEY: {
    severity: "warning",
    message: '"{key}" is from a pre-spec draft; did you mean "{suggestion}"?',
    hint: 'Rename "{key}" to "{suggestion}"; spec clients ignore "{key}".',
    spec: LINKS.endpoint,
  },
  MISSPELLED_KEY: {
    severity: "warning",
    message: '"{key}" is not a spec key; did you mean "{suggestion}"?',
    hint: 'Keys use snake_case: rename "{key}" to "{suggestion}"; clients ignore "{key}".',
    spec: LINKS.endpoint,
  },
  UNKNOWN_KEY: {
    severity: "info",
    message: '"{key}" is not a spec key; it is kept as an extension',
    hint: 'Extensions are allowed. Namespace them (e.g. "org.example.{key}") so they never clash with future spec keys.',
    spec: LINKS.namespaced,
  },
  PROPOSAL_KEY: {
    severity: "warning",
    message: '"{key}" comes from {msc} ({title}), which is not in the spec yet',
    hint: "Clients may ignore it. docs/proposals.md lists the proposals matrix-support knows.",
  },
  PGP_KEY_INVALID: {
    severity: "warning",
    message:
      'PGP key "{value}" is not a URI ({reason}); {msc} expects a link such as https:, openpgp4fpr: or dns:',
    hint: "Publish the key somewhere and link to it; never paste key material into the file.",
    spec: LINKS.msc(4439),
  },
  PGP_KEY_HTTP: {
    severity: "warning",
    message:
      'PGP key "{value}" is fetched over plain http:; {msc} requires https: for keys on the web',
    hint: "Anyone on the way can swap a key served over http. Serve it over https (pages here show an http: key as text, not as a link).",
    spec: LINKS.msc(4439),
  },
  PGP_KEY_UNSAFE_SCHEME: {
    severity: "error",
    message: 'PGP key "{value}" uses the "{scheme}:" scheme: {danger}; refused',
    hint: "Some servers put this value straight into a link on their support page. {msc} expects https:, openpgp4fpr: (a fingerprint) or dns:.",
    spec: LINKS.msc(4439),
  },
  PGP_KEY_FINGERPRINT_INVALID: {
    severity: "warning",
    message: 'PGP key "{value}" is not an OpenPGP fingerprint: {reason}',
    hint: "openpgp4fpr: holds the bare fingerprint: 40 hexadecimal digits for a v4 key, 64 for a v6 key, no spaces. Servers such as tuwunel refuse anything else, and pages here do not link it.",
    spec: LINKS.msc(4439),
  },
  PGP_KEY_WITHOUT_EMAIL: {
    severity: "info",
    message: "The contact has a PGP key but no email address; {msc} expects one",
    hint: "Add the email address the key belongs to.",
    spec: LINKS.msc(4439),
  },
  // ---- lint beyond the spec ----
  DUPLICATE_CONTACT: {
    severity: "warning",
    message: "This contact repeats contact {first}",
    hint: "Remove the copy.",
  },
  NO_SECURITY_CONTACT: {
    severity: "warning",
    message: 'No "m.role.security" contact; security reports will go to the general admin contact',
    hint: 'Add a contact with role "m.role.security" so vulnerability reports reach the right people privately.',
    spec: LINKS.endpoint,
  },
  NO_OFF_DOMAIN_CONTACT: {
    severity: "warning",
    message:
      "Every contact is on {server_name} itself; nobody can be reached when the server is down",
    hint: "Add a Matrix ID on another homeserver or an email address on another domain as a backup.",
    spec: LINKS.endpoint,
  },
} as const satisfies Record<string, CatalogueEntry>;
