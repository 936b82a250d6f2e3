/**
 * Prometheus metrics (prom-client) for the handler and the process: requests by route and status,
 * config reloads and failures, the config generation, build info, and the process defaults.
 *
 * The counts live in plain numbers and prom-client is loaded on the first scrape of /metrics:
 * importing it costs about 12 MB of RSS (measured), and many servers are never scraped. Its
 * metrics read the plain numbers when collected, so a first scrape still sees every request and
 * reload since the start, and CPU time since the process started; the other process defaults
 * (GC durations, event loop lag) count from that first scrape.
 */
import { createRequire } from "node:module";
import type { Counter, Registry } from "prom-client";
import type { HandlerMetrics } from "../../../lib/src/server/handler.js";

export interface ServerMetrics extends HandlerMetrics {
  /** The prom-client registry, made on first use (the first scrape, or this call). */
  registry(): Promise<Registry>;
  /** A config was loaded (at start or on reload); `generation` counts from 1. */
  configLoaded(generation: number): void;
  /** A reload was refused (invalid config or unreadable file). */
  reloadFailed(): void;
}

interface State {
  /** Responses by route, then by status. */
  counts: Map<string, Map<number, number>>;
  reloads: { success: number; failure: number };
  generation: number;
  /** Unix time in seconds of the config being served; 0 before the first load. */
  loadedAt: number;
}

/**
 * prom-client's default process metrics except `nodejs_gc_duration_seconds`: observing every
 * garbage collection raised serve's peak RSS under load from 72 to 84 MB (measured with
 * bench/serve.mjs, /metrics scraped every 5 s), past the 80 MB budget. collectDefaultMetrics has
 * no way to leave one out, so the others are registered one by one from prom-client's own modules
 * (a test checks the list against the installed version's).
 */
export const DEFAULT_COLLECTORS = [
  "processCpuTotal",
  "processStartTime",
  "osMemoryHeap",
  "processOpenFileDescriptors",
  "processMaxFileDescriptors",
  "eventLoopLag",
  "processResources",
  "processHandles",
  "processRequests",
  "heapSizeAndUsed",
  "heapSpacesSizeAndUsed",
  "version",
] as const;

function collectProcessDefaults(registry: Registry): void {
  const require = createRequire(import.meta.url);
  // The same settings collectDefaultMetrics gives them.
  const config = { register: registry, eventLoopMonitoringPrecision: 10 };
  for (const name of DEFAULT_COLLECTORS) {
    const collector = require(`prom-client/lib/metrics/${name}`) as (
      r: Registry,
      c: typeof config,
    ) => void;
    collector(registry, config);
  }
}

async function buildRegistry(
  state: State,
  options: { version: string; defaults?: boolean },
): Promise<Registry> {
  const prom = await import("prom-client");
  const { Gauge } = prom;
  const registry = new prom.Registry();
  if (options.defaults !== false) {
    const before = process.cpuUsage();
    collectProcessDefaults(registry);
    // prom-client counts CPU time from its own start; the process started earlier.
    const spent: Record<string, number> = {
      process_cpu_user_seconds_total: before.user / 1e6,
      process_cpu_system_seconds_total: before.system / 1e6,
      process_cpu_seconds_total: (before.user + before.system) / 1e6,
    };
    for (const [name, seconds] of Object.entries(spent))
      (registry.getSingleMetric(name) as Counter<string> | undefined)?.inc(seconds);
  }
  // prom-client counters only go up by inc(): each collect hands over what came since the last.
  const synced = new Map<string, number>();
  const catchUp = (
    counter: Counter<string>,
    key: string,
    labels: Record<string, string>,
    n: number,
  ) => {
    const before = synced.get(key) ?? 0;
    if (n > before) {
      counter.inc(labels, n - before);
      synced.set(key, n);
    }
  };
  const requests: Counter<"route" | "status"> = new prom.Counter({
    name: "matrix_support_http_requests_total",
    help: "HTTP responses by route and status code.",
    labelNames: ["route", "status"] as const,
    registers: [registry],
    collect() {
      for (const [route, byStatus] of state.counts)
        for (const [status, n] of byStatus)
          catchUp(requests, `${route} ${status}`, { route, status: String(status) }, n);
    },
  });
  const reloads: Counter<"result"> = new prom.Counter({
    name: "matrix_support_config_reloads_total",
    help: "Config reloads by result (success: swapped in; failure: refused, the old config stays).",
    labelNames: ["result"] as const,
    registers: [registry],
    collect() {
      for (const result of ["success", "failure"] as const)
        catchUp(reloads, `reload ${result}`, { result }, state.reloads[result]);
    },
  });
  reloads.inc({ result: "success" }, 0);
  reloads.inc({ result: "failure" }, 0);
  new Gauge({
    name: "matrix_support_config_generation",
    help: "How many configs have been loaded: 1 at start, +1 per successful reload.",
    registers: [registry],
    collect() {
      this.set(state.generation);
    },
  });
  new Gauge({
    name: "matrix_support_config_last_load_timestamp_seconds",
    help: "When the config being served was loaded (Unix time).",
    registers: [registry],
    collect() {
      this.set(state.loadedAt);
    },
  });
  const build = new Gauge({
    name: "matrix_support_build_info",
    help: "Build information; the value is always 1.",
    labelNames: ["version", "node"] as const,
    registers: [registry],
  });
  build.set({ version: options.version, node: process.version }, 1);
  return registry;
}

export function createMetrics(options: { version: string; defaults?: boolean }): ServerMetrics {
  const state: State = {
    counts: new Map(),
    reloads: { success: 0, failure: 0 },
    generation: 0,
    loadedAt: 0,
  };
  let registry: Promise<Registry> | undefined;
  const getRegistry = () => {
    registry ??= buildRegistry(state, options);
    return registry;
  };
  return {
    registry: getRegistry,
    observe(route, status) {
      let byStatus = state.counts.get(route);
      if (byStatus === undefined) {
        byStatus = new Map();
        state.counts.set(route, byStatus);
      }
      byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    },
    async render() {
      const r = await getRegistry();
      return { contentType: r.contentType, body: await r.metrics() };
    },
    configLoaded(n) {
      state.generation = n;
      state.loadedAt = Date.now() / 1000;
      if (n > 1) state.reloads.success++;
    },
    reloadFailed() {
      state.reloads.failure++;
    },
  };
}
