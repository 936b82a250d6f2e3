/** Catalogue: what the bulk scan records itself (not findings about a server's file). Owned by src/scan. */
import type { CatalogueEntry } from "../diagnostics.js";

export const SCAN_CODES = {
  SCAN_CHECK_FAILED: {
    severity: "error",
    message: "The checker failed on this server: {detail}",
    hint: "This is a bug in matrix-support, not a problem of the server; please report it. The server was recorded as unreachable.",
  },
  // ---- report --diff (owned by src/scan/diff.ts) ----
  SCAN_FILE_BROKE: {
    severity: "info",
    message: "The file broke: {before} -> {after}{detail}",
    hint: "Someone looking for this server's contacts will not find them until it is fixed.",
  },
  SCAN_FILE_FIXED: {
    severity: "info",
    message: "The server now publishes a usable file: {before} -> {after}",
  },
  SCAN_STATUS_CHANGED: {
    severity: "info",
    message: "The status changed: {before} -> {after}{detail}",
  },
  SCAN_SERVER_ADDED: {
    severity: "info",
    message: "Only in the new scan (status {after})",
  },
  SCAN_SERVER_DROPPED: {
    severity: "info",
    message: "Only in the old scan (status {before})",
  },
} as const satisfies Record<string, CatalogueEntry>;
