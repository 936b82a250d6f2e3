/**
 * Config text -> Config, with every problem located as line:column. Pure: no file system.
 * YAML and JSON keep positions through the spec core's source parser; TOML through smol-toml
 * for syntax errors and ./toml-locate.ts for paths.
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
} from "../../../lib/src/core/index.js";
import { parseSource } from "./source.js";
import { tomlLocator } from "./toml-locate.js";

/** What `parseConfig` finds in config text. */
export interface ConfigResult {
  /** The config when it has no error diagnostic, else null. */
  config: Config | null;
  /** All diagnostics, located in the text. */
  diagnostics: Diagnostic[];
  format: ConfigFormat;
}

/**
 * Parses and checks config text, as `serve`, `export` and `validate` read a config file. Never
 * throws: syntax errors are diagnostics too.
 *
 * The format comes from `options.format`, else the file name's extension (`.yaml`, `.yml`,
 * `.json`, `.toml`), else the text itself. Every diagnostic with a `path` also has the `line` and
 * `column` of that key in the text. Loads the YAML and TOML parsers; for a config that is already
 * an object, `validateConfig` (in `@matrix-support/lib/server`) does the same checks without them.
 */
export function parseConfig(
  text: string,
  options: {
    fileName?: string | undefined;
    format?: ConfigFormat | undefined;
    serverName?: string | undefined;
  } = {},
): ConfigResult {
  const format = options.format ?? detectConfigFormat(text, options.fileName);
  let source: Pick<ParsedSource, "value" | "diagnostics" | "locate">;
  if (format === "toml") source = parseTomlSource(text);
  else source = parseSource(text, { format });
  if (source.value === undefined) return { config: null, diagnostics: source.diagnostics, format };
  const checked = checkConfig(source.value, {
    file: options.fileName,
    serverName: options.serverName || undefined,
  });
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
    return { value, diagnostics: [], locate: tomlLocator(text) };
  } catch (error) {
    const d = diagnostic("PARSE_ERROR", "", {
      format: "TOML",
      detail:
        error instanceof Error
          ? (error.message.split("\n")[0] ?? error.message).replace(/^Invalid TOML document: /, "")
          : String(error),
    });
    if (error instanceof TomlError) {
      d.line = error.line;
      d.column = error.column;
    }
    return { value: undefined, diagnostics: [d], locate: () => undefined };
  }
}

export {
  asConfig,
  type CheckOptions,
  type ConfigValidation,
  checkConfig,
  validateConfig,
} from "../../../lib/src/config/check.js";
export { locateToml, tomlLocator } from "./toml-locate.js";
