/** Catalogue: what the bulk scan records itself (not findings about a server's file). Owned by src/scan. */
import type { CatalogueEntry } from "../diagnostics.js";

export const SCAN_CODES = {
  SCAN_CHECK_FAILED: {
    severity: "error",
    message: "The checker failed on this server: {detail}",
    hint: "This is a bug in matrix-support, not a problem of the server; please report it. The server was recorded as unreachable.",
  },
} as const satisfies Record<string, CatalogueEntry>;
