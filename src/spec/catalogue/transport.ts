/** Catalogue: what discovery and `check` find about how the file is served. Owned by src/discover. */
import type { CatalogueEntry } from "../diagnostics.js";
import { LINKS } from "./links.js";

export const TRANSPORT_CODES = {
  SERVER_NAME_INVALID: {
    severity: "error",
    message: '"{value}" is not a valid server name: {reason}',
    hint: 'A server name is a host name with an optional port, e.g. "example.org" or "example.org:8448".',
    spec: LINKS.serverName,
  },
  NOT_PUBLISHED: {
    severity: "info",
    message: "The server answered 404: it publishes no support information",
    hint: "Admins: publish /.well-known/matrix/support so people can reach you when the homeserver is down.",
    spec: LINKS.endpoint,
  },
  UNREACHABLE: {
    severity: "error",
    message: "Could not fetch the support file ({phase}): {detail}",
    spec: LINKS.endpoint,
  },
} as const satisfies Record<string, CatalogueEntry>;
