/**
 * Prometheus metrics (prom-client) for the handler and the process: requests by route and status,
 * config reloads and failures, the config generation, build info, and the process defaults.
 */
import { Counter, collectDefaultMetrics, Gauge, Registry } from "prom-client";
import type { HandlerMetrics } from "../handler.js";

export interface ServerMetrics extends HandlerMetrics {
  readonly registry: Registry;
  /** A config was loaded (at start or on reload); `generation` counts from 1. */
  configLoaded(generation: number): void;
  /** A reload was refused (invalid config or unreadable file). */
  reloadFailed(): void;
}

export function createMetrics(options: { version: string; defaults?: boolean }): ServerMetrics {
  const registry = new Registry();
  if (options.defaults !== false) collectDefaultMetrics({ register: registry });
  // Responses are counted in plain numbers and handed to prom-client when scraped: prom-client
  // hashes the label set on every inc(), which costs throughput on the hot path.
  const counts = new Map<string, Map<number, number>>();
  const synced = new Map<string, number>();
  const requests: Counter<"route" | "status"> = new Counter({
    name: "matrix_support_http_requests_total",
    help: "HTTP responses by route and status code.",
    labelNames: ["route", "status"] as const,
    registers: [registry],
    collect() {
      for (const [route, byStatus] of counts) {
        for (const [status, n] of byStatus) {
          const key = `${route} ${status}`;
          const before = synced.get(key) ?? 0;
          if (n > before) {
            requests.inc({ route, status: String(status) }, n - before);
            synced.set(key, n);
          }
        }
      }
    },
  });
  const reloads = new Counter({
    name: "matrix_support_config_reloads_total",
    help: "Config reloads by result (success: swapped in; failure: refused, the old config stays).",
    labelNames: ["result"] as const,
    registers: [registry],
  });
  const generation = new Gauge({
    name: "matrix_support_config_generation",
    help: "How many configs have been loaded: 1 at start, +1 per successful reload.",
    registers: [registry],
  });
  const lastReload = new Gauge({
    name: "matrix_support_config_last_load_timestamp_seconds",
    help: "When the config being served was loaded (Unix time).",
    registers: [registry],
  });
  const build = new Gauge({
    name: "matrix_support_build_info",
    help: "Build information; the value is always 1.",
    labelNames: ["version", "node"] as const,
    registers: [registry],
  });
  build.set({ version: options.version, node: process.version }, 1);
  reloads.inc({ result: "success" }, 0);
  reloads.inc({ result: "failure" }, 0);

  return {
    registry,
    observe(route, status) {
      let byStatus = counts.get(route);
      if (byStatus === undefined) {
        byStatus = new Map();
        counts.set(route, byStatus);
      }
      byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
    configLoaded(n) {
      generation.set(n);
      lastReload.set(Date.now() / 1000);
      if (n > 1) reloads.inc({ result: "success" });
    },
    reloadFailed() {
      reloads.inc({ result: "failure" });
    },
  };
}
