/**
 * What `serve` uses when not told: the config file names it tries, and where it listens (flags
 * over MATRIX_SUPPORT_HOST/PORT over the config's `http` block over the defaults).
 */
import { access } from "node:fs/promises";
import { isIP } from "node:net";
import { DEFAULT_HOST, DEFAULT_PORT, type HttpConfig } from "../../../lib/src/config/types.js";

/** Config file names tried, in order, when --config is not given. */
export const DEFAULT_CONFIG_FILES = [
  "matrix-support.yaml",
  "matrix-support.yml",
  "matrix-support.json",
  "matrix-support.toml",
];

/** The first default config file that exists in the working directory, or undefined. */
export async function findConfig(): Promise<string | undefined> {
  for (const name of DEFAULT_CONFIG_FILES) {
    try {
      await access(name);
      return name;
    } catch {
      // try the next name
    }
  }
  return undefined;
}

/** A host or a port given outside the config (a flag, the environment); absent ones fall through. */
export interface ListenOverride {
  host?: string | undefined;
  port?: number | undefined;
}

const HOST_NAME =
  /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\.?$/;

/** An address to listen on: an IP address (v4 or v6, without brackets) or a host name. */
export function isListenHost(value: string): boolean {
  return isIP(value) !== 0 || (value.length <= 253 && HOST_NAME.test(value));
}

/** The first override that names a host (a port), else the config's, else the defaults. */
export function listenAddress(
  overrides: readonly ListenOverride[],
  http: Pick<HttpConfig, "host" | "port"> | undefined,
): { host: string; port: number } {
  return {
    host: overrides.find((o) => o.host !== undefined)?.host ?? http?.host ?? DEFAULT_HOST,
    port: overrides.find((o) => o.port !== undefined)?.port ?? http?.port ?? DEFAULT_PORT,
  };
}
