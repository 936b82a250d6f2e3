/**
 * JSON text -> value with positions, and what every source format shares (limits, positions,
 * `locateDiagnostics`). Kept apart from the YAML parser so that JSON-only callers (the `validate`
 * command's cold start, browsers) do not load it. JSON is parsed strictly (JSON.parse: fast, and
 * safe with `__proto__` keys); ./json-locate.ts only locates syntax errors, paths and duplicate keys.
 */
import { DOCUMENT_CODES } from "./catalogue/document.js";
import { type Diagnostic, diagnosticFrom, pointer, pointerSegments } from "./diagnostics.js";
import { type JsonNode, type JsonScan, scanJsonText } from "./json-locate.js";

const diagnostic = diagnosticFrom(DOCUMENT_CODES);

/** The text formats a support document is read from. */
export type SourceFormat = "json" | "yaml";

/** A 1-based line and column in a text. */
export interface Position {
  line: number;
  column: number;
}

/** Text parsed into a value, with its problems and a way to locate JSON Pointers in it. */
export interface ParsedSource {
  format: SourceFormat;
  /** The parsed value; `undefined` when the text could not be parsed. */
  value: unknown;
  /** Problems with the text itself: syntax, size, depth, duplicate keys. */
  diagnostics: Diagnostic[];
  /** Where a JSON Pointer points in the text (the key for object members), or its nearest ancestor. */
  locate(path: string): Position | undefined;
}

/** Format and limits for parsing text. */
export interface ParseSourceOptions {
  /** `auto` (default): JSON when the text starts with `{` or `[`, YAML otherwise. */
  format?: SourceFormat | "auto" | undefined;
  /** Size limit in bytes of UTF-8 (default 1 MiB). */
  maxBytes?: number | undefined;
  /** Nesting limit (default 64); deeper documents are refused before parsing. */
  maxDepth?: number | undefined;
}

/** Default size limit of a text: 1 MiB of UTF-8. */
export const DEFAULT_MAX_SOURCE_BYTES = 1024 * 1024;
/** Default nesting limit of a text: 64 levels. */
export const DEFAULT_MAX_DEPTH = 64;

/** Line/column (1-based) of a UTF-16 offset. */
export function offsetToPosition(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** Finds the offset where nesting first exceeds `maxDepth`, ignoring brackets inside JSON strings. */
export function excessiveDepthAt(text: string, maxDepth: number): number | undefined {
  return scanJson(text, maxDepth).deepAt;
}

/**
 * One pass over JSON text: where nesting first exceeds `maxDepth` (brackets inside strings do not
 * count), and how many object members the text writes (a string followed by ':'), which only
 * means something when the text is valid JSON. Comparing that count with the parsed value's keys
 * tells whether JSON.parse silently dropped a duplicate key, without a second parser.
 */
export function scanJson(text: string, maxDepth: number): { deepAt?: number; members: number } {
  let depth = 0;
  let members = 0;
  let inString = false;
  let afterString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) {
        inString = false;
        afterString = true;
      }
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 58) {
      if (afterString) members++;
      afterString = false;
    } else if (c !== 32 && c !== 9 && c !== 10 && c !== 13) {
      afterString = false;
      if (c === 123 || c === 91) {
        if (++depth > maxDepth) return { deepAt: i, members };
      } else if (c === 125 || c === 93) depth--;
    }
  }
  return { members };
}

function utf8ByteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

export function located(d: Diagnostic, pos: Position | undefined): Diagnostic {
  if (pos) {
    d.line = pos.line;
    d.column = pos.column;
  }
  return d;
}

export function detectFormat(text: string): SourceFormat {
  const first = text.replace(/^\uFEFF/, "").trimStart()[0];
  return first === "{" || first === "[" || first === '"' ? "json" : "yaml";
}

/** A format beyond JSON: how to parse it, and its own nesting check (YAML nests by indentation). */
export interface FormatParser {
  parse(text: string, maxDepth: number): ParsedSource;
  deepAt(text: string, maxDepth: number): number | undefined;
}

/**
 * The pipeline every format shares: a UTF-8 BOM dropped, the format settled, the size and nesting
 * limits, an HTML page named, then the parser, whose crash still ends as a diagnostic. Without a
 * `yaml` parser, YAML text is a syntax error (callers that only read JSON).
 */
export function parseSourceWith(
  input: string,
  options: ParseSourceOptions,
  yaml?: FormatParser,
): ParsedSource {
  const text = input.startsWith("\uFEFF") ? input.slice(1) : input;
  const format = !options.format || options.format === "auto" ? detectFormat(text) : options.format;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_SOURCE_BYTES;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const failed = (d: Diagnostic): ParsedSource => ({
    format,
    value: undefined,
    diagnostics: [d],
    locate: () => undefined,
  });
  // Cheap bound first: UTF-16 length is at most the byte length, at least a third of it.
  if (text.length > maxBytes || (text.length * 3 > maxBytes && utf8ByteLength(text) > maxBytes)) {
    // Located at the start, like every diagnostic with a path: it is about the whole text.
    return failed(
      located(
        diagnostic("DOCUMENT_TOO_LARGE", "", { size: utf8ByteLength(text), limit: maxBytes }),
        { line: 1, column: 1 },
      ),
    );
  }
  // YAML also nests by indentation, which brackets do not show.
  const scan = scanJson(text, maxDepth);
  const deepAt = scan.deepAt ?? (format === "yaml" ? yaml?.deepAt(text, maxDepth) : undefined);
  if (deepAt !== undefined) {
    return failed(
      located(
        diagnostic("DOCUMENT_TOO_DEEP", "", { limit: maxDepth }),
        offsetToPosition(text, deepAt),
      ),
    );
  }
  const auto = !options.format || options.format === "auto";
  const start = auto ? text.length - text.trimStart().length : 0;
  if (auto && text[start] === "<") {
    // An HTML error page or a page served instead of the file: YAML would read `<p>Contact: x`
    // as a mapping, so name it before parsing.
    return failed(
      located(
        diagnostic("PARSE_ERROR", "", {
          format: "JSON or YAML",
          detail: "this is an HTML or XML page",
        }),
        offsetToPosition(text, start),
      ),
    );
  }
  try {
    if (format === "json") return parseJson(text, scan.members);
    if (!yaml)
      return failed(
        located(diagnostic("PARSE_ERROR", "", { format: "JSON", detail: "this is not JSON" }), {
          line: 1,
          column: 1,
        }),
      );
    const parsed = yaml.parse(text, maxDepth);
    if (
      auto &&
      parsed.value !== undefined &&
      (typeof parsed.value !== "object" || parsed.value === null)
    ) {
      // Neither JSON nor a YAML mapping/list: plain text, an HTML page, an empty file.
      return failed(
        located(
          diagnostic("PARSE_ERROR", "", {
            format: "JSON or YAML",
            detail: `expected an object, found ${parsed.value === null ? "nothing" : "plain text"}`,
          }),
          { line: 1, column: 1 },
        ),
      );
    }
    return parsed;
  } catch (error) {
    // Defensive: a parser bug or a stack overflow must still end as a diagnostic.
    if (error instanceof RangeError)
      return failed(
        located(diagnostic("DOCUMENT_TOO_DEEP", "", { limit: maxDepth }), { line: 1, column: 1 }),
      );
    return failed(
      located(
        diagnostic("PARSE_ERROR", "", {
          format: format.toUpperCase(),
          detail: error instanceof Error ? error.message : String(error),
        }),
        { line: 1, column: 1 },
      ),
    );
  }
}

/** JSON text only (no YAML parser loaded): the same checks and diagnostics as `parseSource`. */
export function parseJsonSource(input: string, options: ParseSourceOptions = {}): ParsedSource {
  return parseSourceWith(input, { ...options, format: "json" });
}

function parseJson(text: string, members: number): ParsedSource {
  let scanned: JsonScan | undefined;
  const scan = (): JsonScan => {
    scanned ??= scanJsonText(text);
    return scanned;
  };
  const locate = (path: string): Position | undefined => {
    const result = scan();
    if (!result.ok) return undefined;
    // Walk by the node's own type: a segment such as "123" is an index in an array but a key in an
    // object. An object member points at its key; the deepest node found wins.
    let node: JsonNode = result.root;
    let offset = node.offset;
    for (const segment of pointerSegments(path)) {
      let next: JsonNode | undefined;
      let at: number | undefined;
      if (node.type === "object") {
        // The last member with that key: the one JSON.parse keeps.
        const member = node.members.findLast((m) => m.key === segment);
        next = member?.value;
        at = member?.keyOffset;
      } else if (node.type === "array" && /^\d+$/.test(segment)) {
        next = node.items[Number(segment)];
        at = next?.offset;
      }
      if (!next || at === undefined) break;
      offset = at;
      node = next;
    }
    return offsetToPosition(text, offset);
  };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const result = scan();
    let detail = !result.ok
      ? result.detail
      : error instanceof Error
        ? error.message
        : "syntax error";
    let offset = !result.ok ? result.offset : 0;
    const explained = !result.ok ? explainJsonError(text, offset) : undefined;
    if (explained) ({ detail, offset } = explained);
    return {
      format: "json",
      value: undefined,
      diagnostics: [
        located(
          diagnostic("PARSE_ERROR", "", { format: "JSON", detail }),
          offsetToPosition(text, offset),
        ),
      ],
      locate: () => undefined,
    };
  }
  const diagnostics: Diagnostic[] = [];
  // The duplicate-key pass needs the full scan; run it only when the text has more members than the value.
  if (typeof value === "object" && value !== null && members !== countKeys(value)) {
    const result = scan();
    if (result.ok) duplicateJsonKeys(text, result.root, [], diagnostics);
  }
  return { format: "json", value, diagnostics, locate };
}

/** Own keys in a parsed JSON value, all levels. */
function countKeys(value: unknown): number {
  if (typeof value !== "object" || value === null) return 0;
  let n = 0;
  if (Array.isArray(value)) {
    for (const item of value) n += countKeys(item);
    return n;
  }
  for (const key in value) {
    n += 1 + countKeys((value as Record<string, unknown>)[key]);
  }
  return n;
}

/** Names the mistakes seen in real support files, where the scanner's own words are too vague. */
function explainJsonError(
  text: string,
  offset: number,
): { detail: string; offset: number } | undefined {
  const here = text[offset];
  let before = offset - 1;
  while (before >= 0 && /\s/.test(text[before] ?? "")) before--;
  const previous = text[before];
  if ((here === "]" || here === "}") && previous === ",")
    return { detail: "a trailing comma is not allowed after the last item", offset: before };
  if (here === "{" && previous === "{")
    return { detail: "a '{' where a property name should be (a doubled '{'?)", offset };
  if (/^[A-Za-z_$][\w$.-]*\s*:/.test(text.slice(offset, offset + 256)))
    return { detail: "property names must be in double quotes", offset };
  return undefined;
}

function duplicateJsonKeys(
  text: string,
  node: JsonNode,
  at: readonly (string | number)[],
  out: Diagnostic[],
): void {
  if (node.type === "array") {
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i];
      if (item) duplicateJsonKeys(text, item, [...at, i], out);
    }
    return;
  }
  if (node.type !== "object") return;
  const seen = new Set<string>();
  for (const { key, keyOffset, value } of node.members) {
    if (seen.has(key)) {
      const d = diagnostic("DUPLICATE_KEY", pointer(...at, key), { key });
      out.push(located(d, offsetToPosition(text, keyOffset)));
    }
    seen.add(key);
    duplicateJsonKeys(text, value, [...at, key], out);
  }
}

/** Adds `line`/`column` to each diagnostic that has a path and none yet. */
export function locateDiagnostics(
  diagnostics: readonly Diagnostic[],
  source: ParsedSource,
): Diagnostic[] {
  return diagnostics.map((d) => {
    if (d.path === undefined || d.line !== undefined) return d;
    const pos = source.locate(d.path);
    return pos ? { ...d, line: pos.line, column: pos.column } : d;
  });
}
