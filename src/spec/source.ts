/**
 * Text -> value, keeping positions so every diagnostic can say `line:column`.
 * JSON is parsed strictly (JSON.parse: fast, and safe with `__proto__` keys); jsonc-parser is only
 * used to locate syntax errors and paths. YAML goes through the `yaml` package. Never throws.
 */
import {
  findNodeAtLocation,
  type Node as JsonNode,
  type ParseError as JsonParseError,
  parse as jsoncParse,
  parseTree,
  visit,
} from "jsonc-parser";
import { type Document, isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import { type Diagnostic, diagnostic, pointer, pointerSegments } from "./diagnostics.js";

export type SourceFormat = "json" | "yaml";

export interface Position {
  line: number;
  column: number;
}

export interface ParsedSource {
  format: SourceFormat;
  /** The parsed value; `undefined` when the text could not be parsed. */
  value: unknown;
  /** Problems with the text itself: syntax, size, depth, duplicate keys. */
  diagnostics: Diagnostic[];
  /** Where a JSON Pointer points in the text (the key for object members), or its nearest ancestor. */
  locate(path: string): Position | undefined;
}

export interface ParseSourceOptions {
  /** `auto` (default): JSON when the text starts with `{` or `[`, YAML otherwise. */
  format?: SourceFormat | "auto";
  /** Size limit in bytes of UTF-8 (default 1 MiB). */
  maxBytes?: number;
  /** Nesting limit (default 64); deeper documents are refused before parsing. */
  maxDepth?: number;
}

export const DEFAULT_MAX_SOURCE_BYTES = 1024 * 1024;
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
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > maxDepth) return i;
    } else if (c === 125 || c === 93) depth--;
  }
  return undefined;
}

const JSON_ERRORS: Record<number, string> = {
  1: "invalid symbol",
  2: "invalid number format",
  3: "expected a property name in double quotes",
  4: "expected a value",
  5: "expected ':' after the property name",
  6: "expected ',' or '}' (a trailing comma is not allowed)",
  7: "expected ',' or ']'",
  8: "unexpected end of file",
  9: "invalid comment",
  10: "unexpected end of comment",
  11: "unexpected end of string",
  12: "unexpected end of number",
  13: "invalid unicode escape",
  14: "invalid escape character",
  15: "invalid character in a string",
  16: "unexpected text after the end",
};

function utf8ByteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

function located(d: Diagnostic, pos: Position | undefined): Diagnostic {
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

export function parseSource(input: string, options: ParseSourceOptions = {}): ParsedSource {
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
    return failed(
      diagnostic("DOCUMENT_TOO_LARGE", "", { size: utf8ByteLength(text), limit: maxBytes }),
    );
  }
  const deepAt = excessiveDepthAt(text, maxDepth);
  if (deepAt !== undefined) {
    return failed(
      located(
        diagnostic("DOCUMENT_TOO_DEEP", "", { limit: maxDepth }),
        offsetToPosition(text, deepAt),
      ),
    );
  }
  try {
    if (format === "json") return parseJson(text);
    const parsed = parseYaml(text);
    const auto = !options.format || options.format === "auto";
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
    return failed(
      diagnostic("PARSE_ERROR", "", {
        format: format.toUpperCase(),
        detail: error instanceof Error ? error.message : String(error),
      }),
    );
  }
}

function parseJson(text: string): ParsedSource {
  let tree: JsonNode | undefined | null = null;
  const getTree = (): JsonNode | undefined => {
    if (tree === null) tree = parseTree(text, [], { disallowComments: true }) ?? undefined;
    return tree;
  };
  const locate = (path: string): Position | undefined => {
    const root = getTree();
    if (!root) return undefined;
    const segments: (string | number)[] = pointerSegments(path).map((s) =>
      /^\d+$/.test(s) ? Number(s) : s,
    );
    for (let n = segments.length; n >= 0; n--) {
      const node = findNodeAtLocation(root, segments.slice(0, n));
      if (!node) continue;
      const key = node.parent?.type === "property" ? node.parent.children?.[0] : undefined;
      return offsetToPosition(text, (key ?? node).offset);
    }
    return undefined;
  };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const errors: JsonParseError[] = [];
    jsoncParse(text, errors, { disallowComments: true, allowTrailingComma: false });
    const first = errors[0];
    const detail = first
      ? (JSON_ERRORS[first.error] ?? "syntax error")
      : error instanceof Error
        ? error.message
        : "syntax error";
    const offset = first?.offset ?? jsonErrorOffset(error) ?? 0;
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
  if (typeof value === "object" && value !== null) duplicateJsonKeys(text, diagnostics);
  return { format: "json", value, diagnostics, locate };
}

function jsonErrorOffset(error: unknown): number | undefined {
  const m = error instanceof Error ? /position (\d+)/.exec(error.message) : null;
  return m ? Number(m[1]) : undefined;
}

function duplicateJsonKeys(text: string, out: Diagnostic[]): void {
  const stack: Set<string>[] = [];
  const paths: (string | number)[][] = [];
  visit(text, {
    onObjectBegin: (_o, _l, _sl, _sc, pathSupplier) => {
      stack.push(new Set());
      paths.push(pathSupplier());
    },
    onObjectEnd: () => {
      stack.pop();
      paths.pop();
    },
    onObjectProperty: (key, _offset, _len, line, column) => {
      const seen = stack[stack.length - 1];
      if (!seen) return;
      if (seen.has(key)) {
        const at = [...(paths[paths.length - 1] ?? []), key];
        const d = diagnostic("DUPLICATE_KEY", pointer(...at), { key });
        out.push(located(d, { line: line + 1, column: column + 1 }));
      }
      seen.add(key);
    },
  });
}

function parseYaml(text: string): ParsedSource {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
  });
  const diagnostics: Diagnostic[] = [];
  const syntaxErrors = doc.errors.filter((e) => e.code !== "DUPLICATE_KEY");
  const position = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  if (syntaxErrors.length > 0) {
    const e = syntaxErrors[0]!;
    const detail =
      e.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "") ?? e.message;
    return {
      format: "yaml",
      value: undefined,
      diagnostics: [
        located(diagnostic("PARSE_ERROR", "", { format: "YAML", detail }), position(e.pos[0])),
      ],
      locate: () => undefined,
    };
  }
  for (const e of doc.errors) {
    if (e.code === "DUPLICATE_KEY") {
      diagnostics.push(
        located(
          diagnostic("DUPLICATE_KEY", undefined, { key: keyAt(text, e.pos[0]) }),
          position(e.pos[0]),
        ),
      );
    }
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  const locate = (path: string): Position | undefined => {
    let node: unknown = doc.contents;
    let best: number | undefined = (node as { range?: [number] } | null)?.range?.[0];
    for (const segment of pointerSegments(path)) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
        if (!pair) break;
        const keyRange = isScalar(pair.key) ? pair.key.range : undefined;
        if (keyRange) best = keyRange[0];
        node = pair.value;
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)];
        const range = (item as { range?: [number] } | undefined)?.range;
        if (!item || !range) break;
        best = range[0];
        node = item;
      } else break;
    }
    return best === undefined ? undefined : position(best);
  };
  return { format: "yaml", value, diagnostics, locate };
}

function keyAt(text: string, offset: number): string {
  const m = /^\s*["']?([^"':\n]+)/.exec(text.slice(offset, offset + 200));
  return m?.[1]?.trim() ?? "";
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
