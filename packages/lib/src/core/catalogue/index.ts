/**
 * The one diagnostics catalogue: every code with its severity, message, hint and spec link.
 * Split by area for readability; merged here and rendered the same way by the library, the CLI,
 * the server and the web page.
 */
import { type CatalogueEntry, type DiagnosticBuilder, diagnosticFrom } from "../diagnostics.js";
import { CHECK_CODES } from "./check.js";
import type { DiagnosticCode, DiagnosticSeverities } from "./codes.js";
import { COMPARE_CODES } from "./compare.js";
import { CONFIG_CODES } from "./config.js";
import { DOCUMENT_CODES } from "./document.js";
import { EXPORT_CODES } from "./export.js";
import { INPUT_CODES } from "./input.js";
import { PROBE_CODES } from "./probe.js";
import { ROOM_CODES } from "./room.js";
import { SCAN_CODES } from "./scan.js";
import { TRANSPORT_CODES } from "./transport.js";

const ENTRIES = {
  ...DOCUMENT_CODES,
  ...ROOM_CODES,
  ...TRANSPORT_CODES,
  ...CHECK_CODES,
  ...CONFIG_CODES,
  ...SCAN_CODES,
  ...PROBE_CODES,
  ...EXPORT_CODES,
  ...INPUT_CODES,
  ...COMPARE_CODES,
} as const;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/**
 * `true` while ./codes.ts lists exactly the catalogue's codes; a code added or removed without
 * `npm run docs:diagnostics` makes this a compile error.
 */
export type CodesInStep =
  Same<
    { -readonly [K in keyof typeof ENTRIES]: (typeof ENTRIES)[K]["severity"] },
    { -readonly [K in DiagnosticCode]: DiagnosticSeverities[K] }
  > extends true
    ? true
    : never;
const codesInStep: CodesInStep = true;

/** Every diagnostic code of the project, by area (document, transport, config, scan, probe, export), with its severity, message, hint and spec link. */
export const CATALOGUE: Readonly<Record<DiagnosticCode, CatalogueEntry>> = codesInStep && ENTRIES;
export { LINKS } from "./spec-links.js";
export type { DiagnosticCode, DiagnosticSeverities };

/** Builds a diagnostic from any code of the catalogue (the library's own modules use one area each). */
export const diagnostic: DiagnosticBuilder<DiagnosticCode> = diagnosticFrom(CATALOGUE);

/** The catalogue entry of `code`, or undefined for a code that is not ours. */
export function catalogueEntry(code: string): CatalogueEntry | undefined {
  return Object.hasOwn(CATALOGUE, code) ? CATALOGUE[code as DiagnosticCode] : undefined;
}
