/**
 * Catalogue: what people type or pass in, before anything is checked: server names pasted as web
 * addresses, command-line flags, input files that cannot be read as text. Used by the command
 * line (src/cli, src/node) and, for server names, by the checker page.
 */
import type { CatalogueEntry } from "../diagnostics.js";
import { LINKS } from "./spec-links.js";

const SERVER_NAME_HINT =
  'A server name is a host name with an optional port, e.g. "example.org" or "example.org:8448".';

export const INPUT_CODES = {
  // ---- server names ----
  SERVER_NAME_FROM_URL: {
    severity: "info",
    message: "Using server name {server_name} (from {value})",
  },
  SERVER_NAME_URL_PATH: {
    severity: "error",
    message:
      '"{value}" is a web address, not a server name: drop the https:// scheme and {what} (use "{host}")',
    hint: SERVER_NAME_HINT,
    spec: LINKS.serverName,
  },
  SERVER_NAME_URL_HTTP: {
    severity: "error",
    message:
      '"{value}" is an http:// address, not a server name: drop the http:// scheme{and_path} (use "{host}"); the support file is only ever fetched over https',
    hint: SERVER_NAME_HINT,
    spec: LINKS.serverName,
  },
  SERVER_NAME_URL: {
    severity: "error",
    message: '"{value}" is a {scheme}: address, not a server name',
    hint: SERVER_NAME_HINT,
    spec: LINKS.serverName,
  },
  SERVER_NAME_TRAILING_DOT: {
    severity: "warning",
    message:
      'The server name "{value}" ends with a dot: Matrix compares server names as text, so it is another server than "{without}"',
    hint: "DNS accepts the trailing dot, but user IDs, configs and other servers use the name without it: write it without the dot.",
    spec: LINKS.serverName,
  },
  // ---- command-line flags ----
  FLAG_HOST_INVALID: {
    severity: "error",
    message: '{flag}: "{value}" is neither an IP address nor a host name',
    hint: "For example 127.0.0.1, ::, 0.0.0.0 or localhost.",
  },
  FLAG_NO_TARGET: {
    severity: "error",
    message: "{flag}: no target named (choose from {choices})",
  },
  FLAG_NO_SERVER_NAME: {
    severity: "error",
    message: "{command} needs a SERVER_NAME (or {flag} with a config naming server_name)",
  },
  FLAG_NOT_A_DIRECTORY: {
    severity: "error",
    message: "{flag}: {value} is not a directory",
  },
  FLAG_NOT_ABSOLUTE: {
    severity: "error",
    message: '{flag} must be an absolute path, not "{value}"',
  },
  FLAG_UNKNOWN_TARGET: {
    severity: "error",
    message: '{flag}: unknown target "{value}" (choose from {choices})',
  },
  FLAG_AS_TOML: {
    severity: "error",
    message: "{flag} {value} reads JSON or YAML; {file} is TOML",
  },
  FLAG_SERVER_NAME_DIFFERS: {
    severity: "error",
    message:
      '{flag} "{value}" differs from the config\'s server_name "{config}": a config names its own server',
    hint: "Drop --server-name, or correct server_name in the config.",
  },
  // ---- input files ----
  INPUT_NOT_UTF8: {
    severity: "error",
    message:
      "Not valid UTF-8: byte 0x{byte} at offset {offset} (line {line}, column {column}) cannot be decoded",
    hint: "Save the file as UTF-8 (JSON, YAML and TOML are always UTF-8); a byte like this usually means the file was saved as Latin-1 or Windows-1252.",
  },
} as const satisfies Record<string, CatalogueEntry>;
