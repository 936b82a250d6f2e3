import type { SupportDocument } from "../core/index.js";

/** The config file, in YAML, JSON or TOML, with the same keys in all three. */
export interface Config {
  /** The Matrix server name this file describes. */
  server_name?: string;
  /** Served at /.well-known/matrix/support; empty or absent = 404. Unknown keys are published as extensions. */
  support?: SupportDocument | Record<string, never>;
  /** Optional, served as /.well-known/matrix/{client,server}. */
  well_known?: { client?: Record<string, unknown>; server?: Record<string, unknown> };
  /** Optional; command-line flags and environment override these. */
  http?: HttpConfig;
  /** Optional: the support page's language and texts of your own. */
  page?: PageConfig;
}

/**
 * The support page (and the checker page): which language to show when the reader's browser
 * asks for none of the page's languages, and texts of your own per language (docs/languages.md).
 */
export interface PageConfig {
  /** A tag of the page's languages (en, de, fr, es, pt-BR, it, nl, pl, ru, ja, zh-Hans); default en. */
  default_language?: string;
  /** Texts by language tag; a language without its own falls back to the default language's. */
  texts?: Record<string, PageTexts>;
}

/** Texts of your own for one language. Plain text: shown escaped, never as markup. */
export interface PageTexts {
  /** Replaces the page's title ("Support for example.org"). */
  title?: string;
  /** Replaces the paragraph under the title. */
  intro?: string;
  /** Paragraphs shown under "Notes", after the contacts. */
  notes?: string[];
}

/** The config's `http` section: where `serve` listens and how long the files may be cached. */
export interface HttpConfig {
  /** Address to listen on (default 127.0.0.1); --host and MATRIX_SUPPORT_HOST override it. */
  host?: string;
  /** Port to listen on, 0 for any free port (default 8080); --port and MATRIX_SUPPORT_PORT override it. */
  port?: number;
  /** Cache-Control max-age in seconds for the well-known files (default 3600). */
  cache_max_age?: number;
  /**
   * Serve the public checker at /check and /api/check (default true). It fetches other servers'
   * support files on request: set false on a private network or where the server must make no
   * outbound requests; then both paths answer 404. `serve --no-checker` does the same.
   */
  checker?: boolean;
  /** serve: mount GET /probe?target=NAME, Prometheus metrics of a server's file (as --probe-metrics). */
  probe_metrics?: boolean;
}

/** `http.cache_max_age` when the config leaves it out: one hour, in seconds. */
export const DEFAULT_CACHE_MAX_AGE = 3600;
/** `http.host` when the config leaves it out: loopback only. */
export const DEFAULT_HOST = "127.0.0.1";
/** `http.port` when the config leaves it out. */
export const DEFAULT_PORT = 8080;

/** The text formats a config is written in. */
export type ConfigFormat = "yaml" | "json" | "toml";

/** True when the config publishes a support document (a non-empty `support`). */
export function publishesSupport(config: Config): config is Config & { support: SupportDocument } {
  return (
    typeof config.support === "object" &&
    config.support !== null &&
    Object.keys(config.support).length > 0
  );
}
