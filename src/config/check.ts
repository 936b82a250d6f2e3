/**
 * A parsed config value -> diagnostics, with JSON Pointer paths. No text parser here (no YAML,
 * no TOML): the web-standard server entry uses it for configs that are already objects.
 */
import { analyseSupport, describeType } from "../spec/analyse.js";
import { type Diagnostic, diagnostic, pointer } from "../spec/diagnostics.js";
import { parseServerName } from "../spec/grammar/server-name.js";
import { parseUri } from "../spec/grammar/uri.js";
import { isObject, TOP_KEYS } from "./detect.js";

const HTTP_KEYS = ["host", "port", "cache_max_age"];
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
