/**
 * Diagnostics: plain data describing one finding. Every code lives in the catalogue
 * (`./catalogue/`); rules never format text themselves, they name a code and its parameters.
 */
import { CATALOGUE, type DiagnosticCode } from "./catalogue/index.js";

export type Severity = "error" | "warning" | "info";

/** The wire shape used everywhere: library, CLI `--json`, server, web page. */
export interface Diagnostic {
  code: string;
  severity: Severity;
  /** RFC 6901 JSON Pointer into the document; `""` is the whole document; absent when not about the document. */
  path?: string;
  message: string;
  hint?: string;
  spec?: string;
  /** 1-based position in the source text, when the document came from text. */
  line?: number;
  column?: number;
}

export type Params = Record<string, string | number>;

/** One catalogue entry. Messages and hints are templates: `{name}` is replaced by a parameter. */
export interface CatalogueEntry {
  severity: Severity;
  message: string;
  hint?: string;
  spec?: string;
}

export type { DiagnosticCode };

/** Templates split once into literal text (even indices) and parameter names (odd indices). */
const compiled = new Map<string, readonly string[]>();

function compile(template: string): readonly string[] {
  let parts = compiled.get(template);
  if (!parts) {
    parts = template.split(/\{(\w+)\}/);
    compiled.set(template, parts);
  }
  return parts;
}

// Hot path of validation: split templates once instead of running a regex replace per message.
// Parameter names are the catalogue's own (never `constructor` and the like), so a plain lookup is safe.
function fill(template: string, params: Params | undefined): string {
  if (!params || template.indexOf("{") < 0) return template;
  const parts = compile(template);
  let out = parts[0] ?? "";
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i] ?? "";
    const value = params[name];
    out += value === undefined ? `{${name}}` : typeof value === "string" ? value : String(value);
    out += parts[i + 1] ?? "";
  }
  return out;
}

/** Builds a diagnostic from the catalogue. `path` undefined = not about the document. */
export function diagnostic(
  code: DiagnosticCode,
  path: string | undefined,
  params?: Params,
  overrides?: { severity?: Severity },
): Diagnostic {
  const entry: CatalogueEntry = CATALOGUE[code];
  const d = { code, severity: overrides?.severity ?? entry.severity } as Diagnostic;
  if (path !== undefined) d.path = path;
  d.message = fill(entry.message, params);
  if (entry.hint) d.hint = fill(entry.hint, params);
  if (entry.spec) d.spec = entry.spec;
  return d;
}

export function catalogueEntry(code: string): CatalogueEntry | undefined {
  return (CATALOGUE as Record<string, CatalogueEntry>)[code];
}

export function hasErrors(diagnostics: readonly Diagnostic[], strict = false): boolean {
  return diagnostics.some((d) => d.severity === "error" || (strict && d.severity === "warning"));
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Stable order: by position (line, column), then severity, then code. Unlocated ones keep their place last. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => {
      const la = a.d.line ?? Number.MAX_SAFE_INTEGER;
      const lb = b.d.line ?? Number.MAX_SAFE_INTEGER;
      if (la !== lb) return la - lb;
      const ca = a.d.column ?? 0;
      const cb = b.d.column ?? 0;
      if (ca !== cb) return ca - cb;
      if (a.d.severity !== b.d.severity)
        return SEVERITY_ORDER[a.d.severity] - SEVERITY_ORDER[b.d.severity];
      return a.i - b.i;
    })
    .map(({ d }) => d);
}

/** RFC 6901: build a pointer from segments. */
export function pointer(...segments: readonly (string | number)[]): string {
  let out = "";
  for (const segment of segments) {
    const s = String(segment);
    out +=
      s.indexOf("~") < 0 && s.indexOf("/") < 0
        ? `/${s}`
        : `/${s.replace(/~/g, "~0").replace(/\//g, "~1")}`;
  }
  return out;
}

/** RFC 6901: split a pointer into segments. */
export function pointerSegments(path: string): string[] {
  if (path === "") return [];
  return path
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}
