/**
 * What a server is expected to publish (`check --expect`, `/probe?expect=`): a matrix-support
 * config (its `support`, byte for byte as `serve` publishes it) or a bare support document.
 */
import { type Config, publishesSupport } from "../../../lib/src/config/types.js";
import type { ExpectedSupport } from "../../../lib/src/discover/expect.js";
import { wellKnownBodies } from "../../../lib/src/server/bodies.js";
import { looksLikeConfig, parseConfig } from "../config/index.js";
import { parseSource } from "../config/source.js";
import { InputError, readText } from "../files.js";

export type ExpectedResult =
  | { ok: true; expected: ExpectedSupport }
  | { ok: false; reason: string };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** What `check --expect` accepts, from text: a matrix-support config (its `support` as served) or a support document. */
export function expectedFromText(text: string, source: string): ExpectedResult {
  const format = /\.json$/i.test(source) ? "json" : /\.ya?ml$/i.test(source) ? "yaml" : "auto";
  const parsed = parseSource(text, { format });
  if (/\.toml$/i.test(source) || looksLikeConfig(parsed.value)) {
    const { config, diagnostics } = parseConfig(text, { fileName: source });
    if (!config) {
      const first = diagnostics.find((d) => d.severity === "error");
      const where = first?.line !== undefined ? ` at line ${first.line}` : "";
      return { ok: false, reason: `invalid config${where}: ${first?.message ?? "unreadable"}` };
    }
    return { ok: true, expected: { ...expectedFromConfig(config), source } };
  }
  if (!isObject(parsed.value)) {
    const first = parsed.diagnostics[0];
    return {
      ok: false,
      reason: `neither a config nor a support document${first ? ` (${first.message})` : ""}`,
    };
  }
  return { ok: true, expected: { document: parsed.value, source } };
}

/** The support document a config serves, as `expect` (null document: the server should answer 404). */
export function expectedFromConfig(config: Config): ExpectedSupport {
  const body = wellKnownBodies(config).support;
  const value: unknown = publishesSupport(config) && body ? JSON.parse(body) : null;
  const expected: ExpectedSupport = {
    document: isObject(value) ? value : null,
    source: "the served config",
  };
  if (config.server_name) expected.serverName = config.server_name;
  return expected;
}

/**
 * `check --expect FILE`: the file read (at most 1 MiB of UTF-8, or standard input for `-`) and
 * taken as a config or a document; the failure names the file (and the line and column of a bad
 * byte), for a usage error.
 */
export async function readExpectedFile(file: string): Promise<ExpectedResult> {
  let text: string;
  try {
    text = await readText(file);
  } catch (error) {
    if (error instanceof InputError) return { ok: false, reason: error.message };
    throw error;
  }
  const read = expectedFromText(text, file);
  return read.ok ? read : { ok: false, reason: `${file}: ${read.reason}` };
}
