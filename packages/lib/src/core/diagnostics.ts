/**
 * Diagnostics: plain data describing one finding. Every code lives in the catalogue
 * (`./catalogue/`); rules never format text themselves, they name a code and its parameters.
 */
import type { DiagnosticCode, DiagnosticSeverities } from "./catalogue/index.js";

/** `error` breaks a MUST of the spec (or makes the text unreadable); `warning` and `info` are checks beyond it. */
export type Severity = "error" | "warning" | "info";

/** The wire shape used everywhere: library, CLI `--json`, server, web page. */
export interface Diagnostic {
  /** A catalogue code (`DiagnosticCode`); open to codes of a newer catalogue read from JSON. */
  code: DiagnosticCode | (string & {});
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

/** Values for a catalogue template's `{name}` placeholders. */
export type Params = Record<string, string | number>;

/** One catalogue entry. Messages and hints are templates: `{name}` is replaced by a parameter. */
export interface CatalogueEntry {
  severity: Severity;
  message: string;
  hint?: string;
  spec?: string;
  /**
   * Hints for particular parameters, in place of `hint`: the first whose parameter `param` is
   * given (and, with `is`, has that value) wins. E.g. one hint per file format.
   */
  hints?: readonly HintVariant[];
}

/** A hint used when parameter `param` is given (non-empty), or equals `is` when that is set. */
export interface HintVariant {
  param: string;
  is?: string;
  hint: string;
}

export type { DiagnosticCode, DiagnosticSeverities };

/**
 * A catalogue entry made ready once: each template split into literal text (even indices) and
 * parameter names (odd indices), or kept whole when it has no parameter.
 */
interface Compiled {
  severity: Severity;
  message: string;
  messageParts: readonly string[] | null;
  hint: string | undefined;
  hintParts: readonly string[] | null;
  /** The entry's `hints`, each made ready like `hint`; null when it has none. */
  variants: readonly (HintVariant & { parts: readonly string[] | null })[] | null;
  spec: string | undefined;
}

const compiled = new Map<string, Compiled>();

function split(template: string): readonly string[] | null {
  return template.indexOf("{") < 0 ? null : template.split(/\{(\w+)\}/);
}

function compile(code: string, source: CatalogueEntry): Compiled {
  let entry = compiled.get(code);
  if (entry === undefined) {
    const hint = source.hint ? source.hint : undefined;
    entry = {
      severity: source.severity,
      message: source.message,
      messageParts: split(source.message),
      hint,
      hintParts: hint === undefined ? null : split(hint),
      variants: source.hints?.length
        ? source.hints.map((v) => ({ ...v, parts: split(v.hint) }))
        : null,
      spec: source.spec ? source.spec : undefined,
    };
    compiled.set(code, entry);
  }
  return entry;
}

// Hot path of validation: templates are split once, never run through a regex per message.
// Parameter names are the catalogue's own (never `constructor` and the like), so a plain lookup is safe.
function fill(
  template: string,
  parts: readonly string[] | null,
  params: Params | undefined,
): string {
  if (parts === null || !params) return template;
  let out = parts[0] ?? "";
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i] ?? "";
    const value = params[name];
    out += value === undefined ? `{${name}}` : typeof value === "string" ? value : String(value);
    out += parts[i + 1] ?? "";
  }
  return out;
}

function pickVariant<V extends HintVariant>(
  variants: readonly V[],
  params: Params | undefined,
): V | undefined {
  if (!params) return undefined;
  return variants.find((v) => {
    const value = params[v.param];
    return v.is === undefined ? value !== undefined && value !== "" : value === v.is;
  });
}

/** Builds a diagnostic from one of `entries`. `path` undefined = not about the document. */
export type DiagnosticBuilder<Code extends string> = (
  code: Code,
  path: string | undefined,
  params?: Params,
  overrides?: { severity?: Severity },
) => Diagnostic;

/**
 * A builder over one area of the catalogue (`diagnosticFrom(DOCUMENT_CODES)`): a module that
 * builds diagnostics imports only the entries it can produce, so a bundle of `validateSupport`
 * carries the document's messages and not the transport's or the CLI's.
 */
export function diagnosticFrom<Entries extends Record<string, CatalogueEntry>>(
  entries: Entries,
): DiagnosticBuilder<keyof Entries & string> {
  return (code, path, params, overrides) => {
    const entry = compile(code, entries[code] as CatalogueEntry);
    const severity = overrides?.severity ?? entry.severity;
    const message = fill(entry.message, entry.messageParts, params);
    const variant = entry.variants === null ? undefined : pickVariant(entry.variants, params);
    const hint = variant
      ? fill(variant.hint, variant.parts, params)
      : entry.hint === undefined
        ? undefined
        : fill(entry.hint, entry.hintParts, params);
    const spec = entry.spec;
    // The common shape in one literal; the same keys in the same order as the general case below.
    if (path !== undefined && hint !== undefined && spec !== undefined)
      return { code, severity, path, message, hint, spec };
    const d: Diagnostic =
      path === undefined ? { code, severity, message } : { code, severity, path, message };
    if (hint !== undefined) d.hint = hint;
    if (spec !== undefined) d.spec = spec;
    return d;
  };
}

/** True when a diagnostic is an error (with `strict`, a warning counts too). */
export function hasErrors(diagnostics: readonly Diagnostic[], strict = false): boolean {
  for (let i = 0; i < diagnostics.length; i++) {
    const severity = diagnostics[i]?.severity;
    if (severity === "error" || (strict && severity === "warning")) return true;
  }
  return false;
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
