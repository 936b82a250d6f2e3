/**
 * Telling a config from a bare support document, and its format, without loading any parser: the
 * `validate` command decides with these before it loads the YAML and TOML parsers.
 */
import type { ConfigFormat } from "./types.js";

export const TOP_KEYS = ["server_name", "support", "well_known", "http", "page", "$schema"];

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The config format from a file name, or from the text when the name says nothing. */
export function detectConfigFormat(text: string, fileName?: string): ConfigFormat {
  const ext = fileName?.toLowerCase().match(/\.(ya?ml|json|toml)$/)?.[1];
  if (ext === "json") return "json";
  if (ext === "toml") return "toml";
  if (ext === "yaml" || ext === "yml") return "yaml";
  const body = text.replace(/^\uFEFF/, "").trimStart();
  if (body.startsWith("{")) return "json";
  const firstLine =
    body.split("\n").find((l) => l.trim() !== "" && !l.trim().startsWith("#")) ?? "";
  if (/^\[\[?[A-Za-z0-9_."-]+\]\]?\s*$/.test(firstLine) || /^[A-Za-z0-9_"-]+\s*=/.test(firstLine))
    return "toml";
  return "yaml";
}

/** The keys only a config has (`$schema` is not one: a support document may carry it too). */
export const CONFIG_KEYS = ["server_name", "support", "well_known", "http", "page"];
/** The top-level keys of a support document (`admins` from before the spec). */
export const SUPPORT_KEYS = ["contacts", "support_page", "admins"];

/**
 * What a parsed file is: a config (it has a config key), a bare support document (document keys
 * and no config key: published as the support section), or neither. Not an object = "config", so
 * the config check names the wrong type.
 */
export function configShape(value: unknown): "config" | "support" | "unrecognised" {
  if (!isObject(value)) return "config";
  if (CONFIG_KEYS.some((k) => k in value)) return "config";
  if (SUPPORT_KEYS.some((k) => k in value)) return "support";
  return "unrecognised";
}

/**
 * True when a parsed value should be checked as a config rather than as a support document: it
 * has a config key (even beside document keys, which the config check then refuses), or only a
 * `$schema` and keys of neither.
 */
export function looksLikeConfig(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (CONFIG_KEYS.some((k) => k in value)) return true;
  return "$schema" in value && !SUPPORT_KEYS.some((k) => k in value);
}
