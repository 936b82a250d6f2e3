/**
 * The core's types that the other entry points' signatures name (a discovery result's
 * diagnostics, the handler's config), re-exported by each, so a user of one entry point can name
 * them without importing a second.
 */
export type {
  Diagnostic,
  DiagnosticCode,
  DiagnosticSeverities,
  Severity,
} from "./diagnostics.js";
export type { Contact, Role, SupportDocument } from "./types.js";
