/**
 * Text -> value, keeping positions so every diagnostic can say `line:column`: JSON through
 * ./json-source.ts, YAML through the `yaml` package. Never throws.
 */
import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import { diagnostic } from "../../../lib/src/core/catalogue/index.js";
import { type Diagnostic, pointer, pointerSegments } from "../../../lib/src/core/diagnostics.js";
import {
  type FormatParser,
  located,
  type ParsedSource,
  type ParseSourceOptions,
  type Position,
  parseSourceWith,
} from "../../../lib/src/core/json-source.js";

export * from "../../../lib/src/core/json-source.js";

/**
 * Finds the offset of the first line whose indentation nests deeper than `maxDepth` block levels
 * (each deeper indentation than the enclosing line's is a level, as in YAML block collections).
 */
export function excessiveIndentationAt(text: string, maxDepth: number): number | undefined {
  const indents: number[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let end = text.indexOf("\n", lineStart);
    if (end < 0) end = text.length;
    let i = lineStart;
    while (i < end && text.charCodeAt(i) === 32) i++;
    const c = text.charCodeAt(i);
    // Blank lines and comments do not nest.
    if (i < end && c !== 35 && c !== 13) {
      const indent = i - lineStart;
      while (indents.length > 0 && (indents[indents.length - 1] ?? 0) >= indent) indents.pop();
      indents.push(indent);
      if (indents.length > maxDepth) return i;
    }
    lineStart = end + 1;
  }
  return undefined;
}

const YAML: FormatParser = { parse: parseYaml, deepAt: excessiveIndentationAt };

/** JSON or YAML text -> value with positions; `format: "auto"` (default) tells them apart. */
export function parseSource(input: string, options: ParseSourceOptions = {}): ParsedSource {
  return parseSourceWith(input, options, YAML);
}

function parseYaml(text: string, maxDepth: number): ParsedSource {
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
    // The parser reports its own stack overflow as an error: that is nesting, not syntax.
    const d = /call stack/i.test(detail)
      ? diagnostic("DOCUMENT_TOO_DEEP", "", { limit: maxDepth })
      : diagnostic("PARSE_ERROR", "", { format: "YAML", detail });
    return {
      format: "yaml",
      value: undefined,
      diagnostics: [located(d, position(e.pos[0]))],
      locate: () => undefined,
    };
  }
  if (doc.errors.some((e) => e.code === "DUPLICATE_KEY"))
    yamlDuplicateKeys(doc.contents, [], (path, key, offset) => {
      diagnostics.push(located(diagnostic("DUPLICATE_KEY", path, { key }), position(offset)));
    });
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  const locate = (path: string): Position | undefined => {
    let node: unknown = doc.contents;
    let best: number | undefined = (node as { range?: [number] } | null)?.range?.[0];
    for (const segment of pointerSegments(path)) {
      if (isMap(node)) {
        // The last pair with that key: the one toJS keeps.
        const pair = node.items.findLast((p) => isScalar(p.key) && String(p.key.value) === segment);
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

/** Reports every repeated key of every mapping with its JSON Pointer, like the JSON check does. */
function yamlDuplicateKeys(
  node: unknown,
  segments: string[],
  report: (path: string, key: string, offset: number) => void,
): void {
  if (isMap(node)) {
    const seen = new Set<string>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const path = [...segments, key];
      if (seen.has(key)) {
        const offset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
        report(pointer(...path), key, offset ?? 0);
      }
      seen.add(key);
      yamlDuplicateKeys(pair.value, path, report);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      yamlDuplicateKeys(item, [...segments, String(i)], report);
    });
  }
}
