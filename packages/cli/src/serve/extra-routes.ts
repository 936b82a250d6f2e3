/**
 * Routes `serve` mounts beside the support endpoint: the web checker (`/check`, its assets,
 * `/api/check`), the generator page (`/new`) and, when asked for, the Prometheus probe (`/probe`).
 */
import type { Config } from "../../../lib/src/config/types.js";
import { remoteAddress } from "../../../lib/src/node/adapter.js";
import type { Routes } from "../../../lib/src/server/handler.js";
import { createWebChecker, generatorRoutes } from "../checker/index.js";
import { createProbeMetrics, PROBE_METRICS_PATH } from "../checker/probe-metrics.js";

export interface ExtraRouteOptions {
  /** false with --no-checker: no /check and /api/check, whatever the config says. */
  checker?: boolean | undefined;
  /** The probes may reach private, loopback and link-local addresses. */
  allowPrivateTargets?: boolean | undefined;
  /** curl's --cacert (the PEM file's bytes, already read and checked), --resolve, --connect-to. */
  cacert?: Buffer | undefined;
  resolve?: string[] | undefined;
  connectTo?: string[] | undefined;
  /** Mount GET /probe?target=NAME, measuring drift against the config served now. */
  probe?: { servedConfig: () => Config } | undefined;
  /** The directory whose files /probe?expect=NAME may name. */
  probeExpectDir?: string | undefined;
}

/**
 * The extra routes for each config: none but `/new` with --no-checker or `http.checker: false`.
 * The checker is built once, so a reload that turns it off and on again keeps its rate limits.
 */
export function extraRoutes(options: ExtraRouteOptions): (config: Config) => Routes {
  const transport = {
    allowPrivateTargets: options.allowPrivateTargets === true,
    cacert: options.cacert,
    resolve: options.resolve ?? [],
    connectTo: options.connectTo ?? [],
    clientAddress: remoteAddress,
  };
  // The probe stays with --no-checker: it is asked for on its own (--probe-metrics).
  const metrics = options.probe
    ? createProbeMetrics({
        ...transport,
        servedConfig: options.probe.servedConfig,
        expectDir: options.probeExpectDir,
      })
    : undefined;
  const probeRoutes: Routes = metrics ? { [PROBE_METRICS_PATH]: metrics.handler } : {};
  // Without the checker, /new stays: it works in the browser alone, minus loading through /api/check.
  const generator = generatorRoutes({ probe: false });
  const offline = (config: Config): Routes => ({
    ...generator(config.page?.default_language),
    ...probeRoutes,
  });
  if (options.checker === false) return offline;
  const checker = createWebChecker(transport);
  return (config) =>
    config.http?.checker === false
      ? offline(config)
      : { ...checker.routesFor(config.page?.default_language), ...probeRoutes };
}
