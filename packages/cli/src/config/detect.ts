/**
 * Telling a config from a bare support document, and its format, without loading any parser: the
 * `validate` command decides with these before it loads the YAML and TOML parsers.
 */
import type { ConfigFormat } from "../../../lib/src/config/types.js";

export const TOP_KEYS = ["server_name", "support", "well_known", "http", "$schema"];

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

/** True when a parsed value looks like a config rather than a bare support document. */
export function looksLikeConfig(value: unknown): boolean {
  if (!isObject(value)) return false;
  if ("contacts" in value || "support_page" in value || "admins" in value) return false;
  return TOP_KEYS.some((k) => k in value);
}
