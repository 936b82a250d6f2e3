/**
 * Config text -> Config, with every problem located as line:column. Pure: no file system.
 * YAML and JSON keep positions through the spec core's source parser; TOML through smol-toml
 * for syntax errors and a key search for paths.
 */
import { parse as parseToml, TomlError } from "smol-toml";
import type { Config, ConfigFormat } from "../../../lib/src/config/types.js";
import {
  analyseSupport,
  type Diagnostic,
  describeType,
  diagnostic,
  hasErrors,
  locateDiagnostics,
  type ParsedSource,
  type Position,
  parseServerName,
  parseUri,
  pointer,
  pointerSegments,
} from "../../../lib/src/core/index.js";
import { detectConfigFormat, isObject, TOP_KEYS } from "./detect.js";
import { parseSource } from "./source.js";

export interface ConfigResult {
  /** The config when it has no error diagnostic, else null. */
  config: Config | null;
  /** All diagnostics, located in the text. */
  diagnostics: Diagnostic[];
  format: ConfigFormat;
}

const HTTP_KEYS = ["host", "port", "cache_max_age", "probe_metrics"];
const WELL_KNOWN_KEYS = ["client", "server"];

function suggestion(key: string, known: readonly string[]): string {
  const n = key.toLowerCase().replace(/[-_]/g, "");
  const hit = known.find((k) => k.replace(/[-_$]/g, "") === n);
  return hit ? `; did you mean "${hit}"?` : "";
}

/** Checks a parsed config value; paths are JSON Pointers into the config. */
export function checkConfig(value: unknown): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (!isObject(value)) {
    out.push(diagnostic("CONFIG_NOT_AN_OBJECT", "", { actual: describeType(value) }));
    return out;
  }
  for (const key of Object.keys(value)) {
    if (!TOP_KEYS.includes(key))
      out.push(
        diagnostic("CONFIG_UNKNOWN_KEY", pointer(key), {
          key,
          suggestion: suggestion(key, TOP_KEYS),
        }),
      );
  }
  const serverName = value.server_name;
  let validServerName: string | undefined;
  if (serverName === undefined) out.push(diagnostic("CONFIG_NO_SERVER_NAME", ""));
  else if (typeof serverName !== "string")
    out.push(
      diagnostic("CONFIG_WRONG_TYPE", "/server_name", {
        field: "server_name",
        expected: "a string",
        actual: describeType(serverName),
      }),
    );
  else {
    const parsed = parseServerName(serverName);
    if (parsed.ok) validServerName = serverName;
    else
      out.push(
        diagnostic("SERVER_NAME_INVALID", "/server_name", {
          value: serverName,
          reason: parsed.reason,
        }),
      );
  }
  const support = value.support;
  if (
    support === undefined ||
    support === null ||
    (isObject(support) && Object.keys(support).length === 0)
  ) {
    out.push(diagnostic("CONFIG_NOTHING_PUBLISHED", support === undefined ? "" : "/support"));
  } else if (!isObject(support)) {
    out.push(
      diagnostic("CONFIG_WRONG_TYPE", "/support", {
        field: "support",
        expected: "a mapping (the support document)",
        actual: describeType(support),
      }),
    );
  } else {
    const options = validServerName ? { serverName: validServerName } : {};
    for (const d of analyseSupport(support, options).diagnostics) {
      out.push({ ...d, path: `/support${d.path ?? ""}` });
    }
  }
  checkWellKnown(value.well_known, out);
  checkHttp(value.http, out);
  return out;
}

function wrongType(
  out: Diagnostic[],
  path: string,
  field: string,
  expected: string,
  actual: unknown,
): void {
  out.push(
    diagnostic("CONFIG_WRONG_TYPE", path, { field, expected, actual: describeType(actual) }),
  );
}

function checkWellKnown(wk: unknown, out: Diagnostic[]): void {
  if (wk === undefined || wk === null) return;
  if (!isObject(wk)) {
    wrongType(out, "/well_known", "well_known", "a mapping", wk);
    return;
  }
  for (const key of Object.keys(wk)) {
    if (!WELL_KNOWN_KEYS.includes(key))
      out.push(
        diagnostic("CONFIG_UNKNOWN_KEY", pointer("well_known", key), {
          key: `well_known.${key}`,
          suggestion: suggestion(key, WELL_KNOWN_KEYS),
        }),
      );
  }
  if (wk.client !== undefined) {
    const client = wk.client;
    const homeserver = isObject(client) ? client["m.homeserver"] : undefined;
    const baseUrl = isObject(homeserver) ? homeserver.base_url : undefined;
    let reason: string | undefined;
    if (!isObject(client)) reason = `found ${describeType(client)}`;
    else if (!isObject(homeserver)) reason = '"m.homeserver" is missing';
    else if (typeof baseUrl !== "string") reason = '"base_url" is missing';
    else {
      const uri = parseUri(baseUrl);
      if (!uri.ok) reason = `base_url: ${uri.reason}`;
      else if (uri.scheme !== "https" && uri.scheme !== "http")
        reason = "base_url must be an http(s) URL";
    }
    if (reason) out.push(diagnostic("CONFIG_WELL_KNOWN_CLIENT", "/well_known/client", { reason }));
  }
  if (wk.server !== undefined) {
    const server = wk.server;
    const delegated = isObject(server) ? server["m.server"] : undefined;
    let reason: string | undefined;
    if (!isObject(server)) reason = `found ${describeType(server)}`;
    else if (typeof delegated !== "string") reason = '"m.server" is missing';
    else {
      const parsed = parseServerName(delegated);
      if (!parsed.ok) reason = parsed.reason;
    }
    if (reason) out.push(diagnostic("CONFIG_WELL_KNOWN_SERVER", "/well_known/server", { reason }));
  }
}

function checkHttp(http: unknown, out: Diagnostic[]): void {
  if (http === undefined || http === null) return;
  if (!isObject(http)) {
    wrongType(out, "/http", "http", "a mapping", http);
    return;
  }
  for (const key of Object.keys(http)) {
    if (!HTTP_KEYS.includes(key))
      out.push(
        diagnostic("CONFIG_UNKNOWN_KEY", pointer("http", key), {
          key: `http.${key}`,
          suggestion: suggestion(key, HTTP_KEYS),
        }),
      );
  }
  if (http.host !== undefined && typeof http.host !== "string")
    wrongType(out, "/http/host", "http.host", "a string", http.host);
  if (http.probe_metrics !== undefined && typeof http.probe_metrics !== "boolean")
    wrongType(
      out,
      "/http/probe_metrics",
      "http.probe_metrics",
      "true or false",
      http.probe_metrics,
    );
  const ints: [string, number, number][] = [
    ["port", 0, 65535],
    ["cache_max_age", 0, 31_536_000],
  ];
  for (const [key, min, max] of ints) {
    const v = http[key];
    if (v === undefined) continue;
    if (typeof v !== "number" || !Number.isInteger(v))
      wrongType(out, `/http/${key}`, `http.${key}`, "a whole number", v);
    else if (v < min || v > max)
      out.push(
        diagnostic("CONFIG_OUT_OF_RANGE", `/http/${key}`, {
          field: `http.${key}`,
          min,
          max,
          value: v,
        }),
      );
  }
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
  const checked = checkConfig(source.value);
  const diagnostics = [
    ...source.diagnostics,
    ...locateDiagnostics(checked, source as ParsedSource),
  ];
  return { config: hasErrors(diagnostics) ? null : (source.value as Config), diagnostics, format };
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
