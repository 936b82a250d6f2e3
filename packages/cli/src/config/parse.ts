/**
 * Config text -> Config, with every problem located as line:column. Pure: no file system.
 * YAML and JSON keep positions through the spec core's source parser; TOML through smol-toml
 * for syntax errors and a key search for paths.
 */
import { parse as parseToml, TomlError } from "smol-toml";
import { asConfig, checkConfig } from "../../../lib/src/config/check.js";
import { detectConfigFormat } from "../../../lib/src/config/detect.js";
import type { Config, ConfigFormat } from "../../../lib/src/config/types.js";
import {
  type Diagnostic,
  diagnostic,
  hasErrors,
  locateDiagnostics,
  type ParsedSource,
  type Position,
  pointerSegments,
} from "../../../lib/src/core/index.js";
import { parseSource } from "./source.js";

export { asConfig, type CheckOptions, checkConfig } from "../../../lib/src/config/check.js";

export interface ConfigResult {
  /** The config when it has no error diagnostic, else null. */
  config: Config | null;
  /** All diagnostics, located in the text. */
  diagnostics: Diagnostic[];
  format: ConfigFormat;
}

/** Parses config text (YAML, JSON or TOML). Never throws. */
export function parseConfig(
  text: string,
  options: { fileName?: string; format?: ConfigFormat } = {},
): ConfigResult {
  const format = options.format ?? detectConfigFormat(text, options.fileName);
  let source: Pick<ParsedSource, "value" | "diagnostics" | "locate">;
  if (format === "toml") source = parseTomlSource(text);
  else source = parseSource(text, { format });
  if (source.value === undefined) return { config: null, diagnostics: source.diagnostics, format };
  const checked = checkConfig(
    source.value,
    options.fileName !== undefined ? { file: options.fileName } : {},
  );
  const diagnostics = [
    ...source.diagnostics,
    ...locateDiagnostics(checked, source as ParsedSource),
  ];
  return { config: hasErrors(diagnostics) ? null : asConfig(source.value), diagnostics, format };
}

function parseTomlSource(input: string): Pick<ParsedSource, "value" | "diagnostics" | "locate"> {
  const text = input.replace(/^\uFEFF/, "");
  try {
    const value = parseToml(text);
    return { value, diagnostics: [], locate: (path) => locateToml(text, path) };
  } catch (error) {
    const d = diagnostic("PARSE_ERROR", "", {
      format: "TOML",
      detail:
        error instanceof Error ? (error.message.split("\n")[0] ?? error.message) : String(error),
    });
    if (error instanceof TomlError) {
      d.line = error.line;
      d.column = error.column;
    }
    return { value: undefined, diagnostics: [d], locate: () => undefined };
  }
}

/**
 * Best-effort position of a JSON Pointer in TOML text: follows `[table]` and `[[array]]` headers
 * (counting array entries) and `key =` lines. Falls back to the nearest ancestor found.
 */
export function locateToml(text: string, path: string): Position | undefined {
  const segments = pointerSegments(path);
  const lines = text.split("\n");
  let best: Position | undefined;
  let table: string[] = [];
  const arrayCounts = new Map<string, number>();
  const matches = (tablePath: string[]): number => {
    // how many leading segments of `segments` this table path covers
    let i = 0;
    let s = 0;
    while (i < tablePath.length && s < segments.length) {
      if (tablePath[i] !== segments[s]) return -1;
      i++;
      s++;
      const count = arrayCounts.get(tablePath.slice(0, i).join("."));
      if (count !== undefined) {
        if (segments[s] !== String(count)) return -1;
        s++;
      }
    }
    return i === tablePath.length ? s : -1;
  };
  let bestDepth = -1;
  lines.forEach((raw, index) => {
    const line = raw.trim();
    const header = /^\[(\[)?\s*([^\]]+?)\s*\]\]?/.exec(line);
    if (header) {
      table = (header[2] ?? "").split(".").map((p) => p.trim().replace(/^"|"$/g, ""));
      const name = table.join(".");
      if (header[1]) arrayCounts.set(name, (arrayCounts.get(name) ?? -1) + 1);
      const depth = matches(table);
      if (depth > bestDepth) {
        bestDepth = depth;
        best = { line: index + 1, column: raw.indexOf("[") + 1 };
      }
      return;
    }
    const kv = /^("?)([A-Za-z0-9_.$-]+)\1\s*=/.exec(line);
    if (!kv) return;
    const keyPath = [...table, ...(kv[2] ?? "").split(".")];
    const depth = matches(keyPath);
    if (depth > bestDepth) {
      bestDepth = depth;
      best = { line: index + 1, column: raw.indexOf(kv[0]) + 1 };
    }
  });
  return best;
}
