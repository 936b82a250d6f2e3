/**
 * `@matrix-support/lib`: the spec core. Pure functions, no I/O, runs in Node, browsers, Deno, Bun
 * and workers: validate, parse leniently, pick a contact, the grammars, links, the diagnostics
 * catalogue.
 * @module @matrix-support/lib
 */
export { type AnalyseOptions, type Analysis, analyseSupport } from "./analyse.js";
export { CATALOGUE, catalogueEntry, diagnostic, LINKS } from "./catalogue/index.js";
export {
  type ChangeChannel,
  type CompareOptions,
  compareSupport,
  maxRisk,
  RISKS,
  type Risk,
  riskAtLeast,
  type SupportChange,
  type SupportComparison,
} from "./compare.js";
export { mailtoLink, matrixToLink, matrixUri, pgpKeyLink } from "./contact-links.js";
export {
  type CatalogueEntry,
  type Diagnostic,
  type DiagnosticBuilder,
  type DiagnosticCode,
  type DiagnosticSeverities,
  type HintVariant,
  hasErrors,
  type Params,
  pointer,
  pointerSegments,
  type Severity,
  sortDiagnostics,
} from "./diagnostics.js";
export {
  type Email,
  type EmailProblem,
  type EmailResult,
  isEmail,
  parseEmail,
} from "./grammar/email.js";
export { fingerprintProblem, isFingerprintUri } from "./grammar/fingerprint.js";
export {
  isNamespacedIdentifier,
  type NamespacedIdentifier,
  parseNamespacedIdentifier,
} from "./grammar/identifier.js";
export type { GrammarResult } from "./grammar/result.js";
export {
  isServerName,
  parseServerName,
  type ServerName,
  serverHost,
} from "./grammar/server-name.js";
export { isAbsoluteUri, parseUri, type Uri } from "./grammar/uri.js";
export { isUserId, parseUserId, type UserId } from "./grammar/user-id.js";
export {
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_SOURCE_BYTES,
  locateDiagnostics,
  offsetToPosition,
  type ParsedSource,
  type ParseSourceOptions,
  type Position,
  parseJsonSource,
  type SourceFormat,
} from "./json-source.js";
export { type ParseResult, parseSupport } from "./parse.js";
export {
  type PickedContact,
  PURPOSE_ROLES,
  type Purpose,
  pickContact,
  pickContacts,
} from "./pick.js";
export { registrableDomain } from "./registrable-domain.js";
export * from "./roles.js";
export {
  analyseRoomContacts,
  isRoomContacts,
  parseRoomContacts,
  type RoomContacts,
  type RoomContactsAnalysis,
  type RoomContactsOptions,
  type RoomContactsShape,
  type RoomContactsValidation,
  validateRoomContacts,
  validateRoomContactsSource,
} from "./room-contacts.js";
export { type ServerNameInput, serverNameFromInput } from "./server-name-input.js";
export type { Contact, Role, SupportDocument } from "./types.js";
export { InvalidServerNameError, SUPPORT_PATH, supportUrl } from "./url.js";
export {
  type ValidateOptions,
  type ValidationResult,
  validateSource,
  validateSupport,
} from "./validate.js";
