/**
 * Checking a parsed config value, whatever file format it came from. Pure, and free of the YAML
 * and TOML parsers: the web-standard handler checks the config it is given with it.
 */

import { describeType } from "../core/analyse.js";
import { CONFIG_CODES } from "../core/catalogue/config.js";
import { INPUT_CODES } from "../core/catalogue/input.js";
import { TRANSPORT_CODES } from "../core/catalogue/transport.js";
import { diagnosticFrom } from "../core/diagnostics.js";
import {
  analyseSupport,
  type Diagnostic,
  hasErrors,
  parseServerName,
  parseUri,
  pointer,
} from "../core/index.js";
import { suggestKey } from "../core/suggest.js";
import { matchLanguage } from "../server/i18n/negotiate.js";
import { isLanguageTag, LANGUAGE_TAGS } from "../server/i18n/tags.js";
import { configShape, isObject, SUPPORT_KEYS, TOP_KEYS } from "./detect.js";
import type { Config } from "./types.js";

// Only the config's own messages and the two server-name ones it shares: the handler's bundle
// then carries no transport, scan or comparison messages.
const diagnostic = diagnosticFrom({
  ...CONFIG_CODES,
  SERVER_NAME_INVALID: TRANSPORT_CODES.SERVER_NAME_INVALID,
  SERVER_NAME_TRAILING_DOT: INPUT_CODES.SERVER_NAME_TRAILING_DOT,
});

/** What `validateConfig` finds: the config when it can be served, and every finding. */
export interface ConfigValidation {
  /** The value, typed, when no diagnostic is an error; else null. */
  config: Config | null;
  /**
   * Errors, warnings and notes, each with a JSON Pointer `path` into the value (no line and
   * column: there is no text). Messages, hints and codes are the same as `validate` prints.
   */
  diagnostics: Diagnostic[];
}

/**
 * Checks a config that is already an object (parsed by you, built in code, read from your own
 * settings) the way `serve` checks a config file: the keys `server_name`, `support` (the support
 * document, by the spec's rules), `well_known` and `http`. Never throws; loads no text parser,
 * so it runs wherever `createSupportHandler` does.
 *
 * @example
 * ```ts
 * import { createSupportHandler, validateConfig } from "@matrix-support/lib/server";
 * const { config, diagnostics } = validateConfig(settings.matrixSupport);
 * if (!config) throw new Error(diagnostics.map((d) => `${d.path}: ${d.message}`).join("\n"));
 * export default { fetch: createSupportHandler(config) };
 * ```
 */
export function validateConfig(value: unknown): ConfigValidation {
  const diagnostics = checkConfig(value);
  return { config: hasErrors(diagnostics) ? null : (value as Config), diagnostics };
}

const HTTP_KEYS = ["host", "port", "cache_max_age", "checker", "probe_metrics"];
const WELL_KNOWN_KEYS = ["client", "server"];
const PAGE_KEYS = ["default_language", "texts"];
const TEXT_KEYS = ["title", "intro", "notes"];

/** The unknown-key warning for `key` in `parent` (`""` at the top), whose known keys are `known`. */
function unknownKey(
  parent: string,
  key: string,
  known: readonly string[],
  path = parent ? pointer(parent, key) : pointer(key),
): Diagnostic {
  return diagnostic("CONFIG_UNKNOWN_KEY", path, {
    key: parent ? `${parent}.${key}` : key,
    suggestion: suggestKey(key, known),
  });
}

export interface CheckOptions {
  /** How messages name the file (`doc.json`); "the config" when absent. */
  file?: string | undefined;
  /** A server name from outside (`validate --server-name`): stands in for a missing `server_name`. */
  serverName?: string | undefined;
}

/**
 * Checks a parsed config value; paths are JSON Pointers into the value as written. A bare support
 * document (see `configShape`) is checked as the support section, in place.
 */
export function checkConfig(value: unknown, options: CheckOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  const file = options.file ?? "the config";
  if (!isObject(value)) {
    out.push(diagnostic("CONFIG_NOT_AN_OBJECT", "", { actual: describeType(value) }));
    return out;
  }
  const shape = configShape(value);
  if (shape === "support") {
    out.push(diagnostic("CONFIG_BARE_SUPPORT", undefined, { file }));
    const outside = options.serverName ? { serverName: options.serverName } : {};
    out.push(...analyseSupport(value, outside).diagnostics);
    return out;
  }
  if (shape === "unrecognised") {
    out.push(diagnostic("CONFIG_NOT_RECOGNISED", "", { file }));
    return out;
  }
  // Without "support", an unrecognised key must not end in publishing nothing unnoticed.
  const noSupport = value.support === undefined;
  for (const key of Object.keys(value)) {
    if (TOP_KEYS.includes(key)) continue;
    if (SUPPORT_KEYS.includes(key))
      out.push(diagnostic("CONFIG_SUPPORT_KEY_AT_TOP", pointer(key), { key }));
    else if (noSupport)
      out.push(
        diagnostic("CONFIG_UNKNOWN_KEY_NO_SUPPORT", pointer(key), {
          key,
          suggestion: suggestKey(key, TOP_KEYS),
        }),
      );
    else out.push(unknownKey("", key, TOP_KEYS));
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
    if (parsed.ok) {
      validServerName = serverName;
      if (parsed.kind === "dns" && parsed.host.endsWith("."))
        out.push(
          diagnostic("SERVER_NAME_TRAILING_DOT", "/server_name", {
            value: serverName,
            without: serverName.replace(/\.(?=:\d+$|$)/, ""),
          }),
        );
    } else
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
    // A server name from outside (validate --server-name) only stands in for a missing one.
    const name = validServerName ?? (serverName === undefined ? options.serverName : undefined);
    for (const d of analyseSupport(support, name ? { serverName: name } : {}).diagnostics) {
      out.push({ ...d, path: `/support${d.path ?? ""}` });
    }
  }
  checkWellKnown(value.well_known, out);
  checkHttp(value.http, out);
  checkPage(value.page, out);
  return out;
}

/**
 * The config a checked value stands for: a bare support document becomes `{ support: value }`.
 * Call it on a value `checkConfig` found no error in.
 */
export function asConfig(value: unknown): Config {
  return (configShape(value) === "support" ? { support: value } : value) as Config;
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
    if (!WELL_KNOWN_KEYS.includes(key)) out.push(unknownKey("well_known", key, WELL_KNOWN_KEYS));
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
    if (!HTTP_KEYS.includes(key)) out.push(unknownKey("http", key, HTTP_KEYS));
  }
  if (http.host !== undefined && typeof http.host !== "string")
    wrongType(out, "/http/host", "http.host", "a string", http.host);
  if (http.checker !== undefined && typeof http.checker !== "boolean")
    wrongType(out, "/http/checker", "http.checker", "true or false", http.checker);
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

/** Country codes written for a language code: the language people mean. */
const COUNTRY_FOR_LANGUAGE: Readonly<Record<string, string>> = {
  jp: "ja",
  cn: "zh-Hans",
  br: "pt-BR",
};

/** A language tag that is not one of the pages': the error, with the tag it probably means. */
function unknownLanguage(out: Diagnostic[], path: string, field: string, value: string): void {
  out.push(
    diagnostic("CONFIG_UNKNOWN_LANGUAGE", path, {
      field,
      value,
      languages: LANGUAGE_TAGS.join(", "),
      suggestion:
        matchLanguage(value, LANGUAGE_TAGS) ??
        (Object.hasOwn(COUNTRY_FOR_LANGUAGE, value.toLowerCase())
          ? COUNTRY_FOR_LANGUAGE[value.toLowerCase()]
          : undefined) ??
        "",
    }),
  );
}

function checkPage(page: unknown, out: Diagnostic[]): void {
  if (page === undefined || page === null) return;
  if (!isObject(page)) {
    wrongType(out, "/page", "page", "a mapping", page);
    return;
  }
  for (const key of Object.keys(page)) {
    if (!PAGE_KEYS.includes(key)) out.push(unknownKey("page", key, PAGE_KEYS));
  }
  const language = page.default_language;
  if (language !== undefined) {
    if (typeof language !== "string")
      wrongType(out, "/page/default_language", "page.default_language", "a string", language);
    else if (!isLanguageTag(language))
      unknownLanguage(out, "/page/default_language", "page.default_language", language);
  }
  const texts = page.texts;
  if (texts === undefined || texts === null) return;
  if (!isObject(texts)) {
    wrongType(out, "/page/texts", "page.texts", "a mapping of language tags", texts);
    return;
  }
  for (const [tag, value] of Object.entries(texts)) {
    const path = pointer("page", "texts", tag);
    const field = `page.texts.${tag}`;
    if (!isLanguageTag(tag)) unknownLanguage(out, path, field, tag);
    if (!isObject(value)) {
      wrongType(out, path, field, "a mapping (title, intro, notes)", value);
      continue;
    }
    for (const key of Object.keys(value)) {
      if (!TEXT_KEYS.includes(key))
        out.push(unknownKey(field, key, TEXT_KEYS, pointer("page", "texts", tag, key)));
    }
    for (const key of ["title", "intro"]) {
      const v = value[key];
      if (v !== undefined && typeof v !== "string")
        wrongType(out, pointer("page", "texts", tag, key), `${field}.${key}`, "a string", v);
    }
    const notes = value.notes;
    if (notes === undefined) continue;
    if (!Array.isArray(notes)) {
      wrongType(
        out,
        pointer("page", "texts", tag, "notes"),
        `${field}.notes`,
        "a list of strings",
        notes,
      );
      continue;
    }
    notes.forEach((note, i) => {
      if (typeof note !== "string")
        wrongType(
          out,
          pointer("page", "texts", tag, "notes", i),
          `${field}.notes[${i}]`,
          "a string",
          note,
        );
    });
  }
}
