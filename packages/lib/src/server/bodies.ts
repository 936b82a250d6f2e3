/**
 * The exact bytes published for a config. `serve`, the handler and `export` all use this, so a
 * static export is byte-identical to what the server sends.
 */
import { type Config, publishesSupport } from "../config/types.js";

/** The bytes of each well-known file a config publishes. */
export interface WellKnownBodies {
  /** /.well-known/matrix/support; absent = answer 404. */
  support?: string;
  /** /.well-known/matrix/client, when configured. */
  client?: string;
  /** /.well-known/matrix/server, when configured. */
  server?: string;
}

/** Compact JSON (no trailing newline), keys in the order the config wrote them. */
export function wellKnownBodies(config: Config): WellKnownBodies {
  const bodies: WellKnownBodies = {};
  if (publishesSupport(config)) bodies.support = JSON.stringify(config.support);
  if (config.well_known?.client) bodies.client = JSON.stringify(config.well_known.client);
  if (config.well_known?.server) bodies.server = JSON.stringify(config.well_known.server);
  return bodies;
}
