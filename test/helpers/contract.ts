/** The keys of `check --json` (and of `/api/check` and each `scan` line), in PRODUCT.md's order. */
export const CHECK_JSON_KEYS = ["server_name", "url", "status", "document", "diagnostics", "http"];
