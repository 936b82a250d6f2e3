import { access, stat } from "node:fs/promises";
import { isIP } from "node:net";
import type { Command } from "commander";
import { type Config, DEFAULT_HOST, DEFAULT_PORT } from "../../../lib/src/config/types.js";
import { diagnostic, sortDiagnostics } from "../../../lib/src/core/index.js";
import { remoteAddress } from "../../../lib/src/node/adapter.js";
import type { Routes } from "../../../lib/src/server/handler.js";
import { createWebChecker, generatorRoutes } from "../checker/index.js";
import { createProbeMetrics, PROBE_METRICS_PATH } from "../checker/probe-metrics.js";
import { checkTransportFlags } from "../transport/flags.js";
import { VERSION } from "../version.js";
import type { Wrap } from "./command.js";
import {
  colours,
  EXIT_FAIL,
  EXIT_USAGE,
  formatDiagnostic,
  intOption,
  safe,
  summarise,
  UsageError,
  writeErr,
} from "./output.js";

export interface ServeOptions {
  config?: string;
  host?: string;
  port?: number;
  /** false with --no-checker: no /check and /api/check, whatever the config says. */
  checker?: boolean;
  /** Web checker probe: reach private addresses, and curl's --cacert/--resolve/--connect-to. */
  allowPrivateTargets?: boolean;
  cacert?: string;
  resolve?: string[];
  connectTo?: string[];
  /** Mount GET /probe?target=NAME (Prometheus metrics of a server's file); also `http.probe_metrics`. */
  probeMetrics?: boolean;
  /** The directory whose files /probe?expect=NAME may name. */
  probeExpectDir?: string;
}

/** Config file names tried, in order, when --config is not given. */
export const DEFAULT_CONFIG_FILES = [
  "matrix-support.yaml",
  "matrix-support.yml",
  "matrix-support.json",
  "matrix-support.toml",
];

export function registerServe(program: Command, wrap: Wrap): void {
  program
    .command("serve")
    .description(
      "Serve /.well-known/matrix/support (and client/server), a support page at /, /healthz and /metrics from a config file; reloads on SIGHUP and on file change",
    )
    .option(
      "--config <file>",
      `config file, YAML, JSON or TOML, or a bare support document (default: ./${DEFAULT_CONFIG_FILES.join(", ./")}; \`matrix-support init\` writes one)`,
    )
    .option("--host <host>", "address to listen on (over MATRIX_SUPPORT_HOST and http.host)")
    .option(
      "--port <port>",
      "port to listen on, 0 for any free port (over MATRIX_SUPPORT_PORT and http.port)",
      intOption("--port", 0, 65535),
    )
    .option(
      "--no-checker",
      "do not serve the public checker (/check, /api/check), which fetches other servers' files on request; for private networks and servers that must make no outbound requests (also http.checker: false)",
    )
    .option(
      "--allow-private-targets",
      "let the web checker's probe fetch private, loopback and link-local addresses (tests, private deployments)",
    )
    .option("--cacert <file>", "probe: trust the PEM certificates in FILE instead of the system's")
    .option("--resolve <host:port:addr>", "probe: curl's --resolve (repeatable)", collect, [])
    .option(
      "--connect-to <host1:port1:host2:port2>",
      "probe: curl's --connect-to (repeatable)",
      collect,
      [],
    )
    .option(
      "--probe-metrics",
      "answer GET /probe?target=NAME[&expect=FILE_OR_URL] in the Prometheus text format, as the blackbox exporter (also http.probe_metrics: true)",
    )
    .option(
      "--probe-expect-dir <dir>",
      "the files /probe?expect=NAME may name (configs or documents)",
    )
    .action(wrap((options: ServeOptions) => serveCommand(options)));
}

/**
 * Routes mounted beside the support endpoint, for a config: the web checker's `/check`, its
 * assets and `/api/check`, configured from the probe flags (already checked by
 * `checkTransportFlags`); none with --no-checker or `http.checker: false`. The checker is built
 * once, so a reload that turns it off and on again keeps its rate limits.
 */
export function extraRoutes(
  options: ServeOptions,
  cacert: Buffer | undefined,
  probe?: { servedConfig: () => Config },
): (config: Config) => Routes {
  // The probe stays with --no-checker: it is asked for on its own (--probe-metrics).
  const metrics = probe
    ? createProbeMetrics({
        allowPrivateTargets: options.allowPrivateTargets === true,
        ...(cacert !== undefined ? { cacert } : {}),
        resolve: options.resolve ?? [],
        connectTo: options.connectTo ?? [],
        clientAddress: remoteAddress,
        servedConfig: probe.servedConfig,
        ...(options.probeExpectDir !== undefined ? { expectDir: options.probeExpectDir } : {}),
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
  const checker = createWebChecker({
    allowPrivateTargets: options.allowPrivateTargets === true,
    ...(cacert !== undefined ? { cacert } : {}),
    resolve: options.resolve ?? [],
    connectTo: options.connectTo ?? [],
    clientAddress: remoteAddress,
  });
  return (config) =>
    config.http?.checker === false
      ? offline(config)
      : { ...checker.routesFor(config.page?.default_language), ...probeRoutes };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The first default config file that exists here, or undefined. */
async function findConfig(): Promise<string | undefined> {
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

/** Host and port: flags over MATRIX_SUPPORT_HOST/PORT over the config's http block over defaults. */
export function listenAddress(
  options: ServeOptions,
  http: { host?: string; port?: number } | undefined,
  env: NodeJS.ProcessEnv = process.env,
): { host: string; port: number } {
  let envPort: number | undefined;
  const rawPort = env.MATRIX_SUPPORT_PORT;
  if (rawPort !== undefined && rawPort !== "") {
    try {
      envPort = intOption("MATRIX_SUPPORT_PORT", 0, 65535)(rawPort.trim());
    } catch (error) {
      throw error instanceof UsageError ? error : new UsageError(String(error));
    }
  }
  const envHost = env.MATRIX_SUPPORT_HOST?.trim() || undefined;
  if (envHost !== undefined) checkListenHost(envHost, "MATRIX_SUPPORT_HOST");
  return {
    host: options.host ?? envHost ?? http?.host ?? DEFAULT_HOST,
    port: options.port ?? envPort ?? http?.port ?? DEFAULT_PORT,
  };
}

/** An address to listen on: an IP address (v4 or v6, without brackets) or a host name. */
function checkListenHost(value: string, flag: string): void {
  const hostName =
    /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\.?$/;
  if (isIP(value) === 0 && !(value.length <= 253 && hostName.test(value)))
    throw new UsageError(diagnostic("FLAG_HOST_INVALID", undefined, { flag, value }).message);
}

export async function serveCommand(options: ServeOptions): Promise<number> {
  if (options.host !== undefined) checkListenHost(options.host, "--host");
  // The probe's --cacert/--resolve/--connect-to: the same checks and messages as check and scan.
  const flags = await checkTransportFlags(options);
  if (!flags.ok) throw new UsageError(flags.message);
  if (options.probeExpectDir !== undefined) {
    const dir = await stat(options.probeExpectDir).catch(() => undefined);
    if (!dir?.isDirectory())
      throw new UsageError(`--probe-expect-dir: ${options.probeExpectDir} is not a directory`);
  }
  const c = colours(process.stderr);
  const file = options.config ?? (await findConfig());
  if (file === undefined) {
    const names = DEFAULT_CONFIG_FILES.map((n) => `./${n}`).join(", ");
    writeErr(formatDiagnostic(diagnostic("CONFIG_NO_FILE", undefined, { names }), undefined, c));
    return EXIT_USAGE;
  }
  // Loaded on use: the server stack (pino, prom-client, chokidar) must not slow other commands' start-up.
  const { loadServerConfig } = await import("../serve/load.js");
  const loaded = await loadServerConfig(file);
  if (loaded.kind === "unreadable") {
    writeErr(`matrix-support serve: ${safe(loaded.message)}\n`);
    return EXIT_USAGE;
  }
  // Lint infos stay quiet at start-up; that a bare support document is being served does not.
  const diagnostics = sortDiagnostics(loaded.diagnostics).filter(
    (d) => d.severity !== "info" || d.code === "CONFIG_BARE_SUPPORT",
  );
  for (const d of diagnostics) writeErr(formatDiagnostic(d, file, c));
  if (loaded.kind === "invalid") {
    writeErr(
      `\n${c.red(`${safe(file)}: invalid config, not starting`)} (${summarise(loaded.diagnostics, c)})\n`,
    );
    return EXIT_FAIL;
  }
  const { host, port } = listenAddress(options, loaded.config.http);
  const [{ createLogger }, { serveProcess }] = await Promise.all([
    import("../serve/logger.js"),
    import("../serve/process.js"),
  ]);
  const logger = createLogger();
  // /probe measures drift against the config served now, reloads included.
  let running: { handler: { config: Config } } | undefined;
  const probe =
    options.probeMetrics === true || loaded.config.http?.probe_metrics === true
      ? { servedConfig: () => running?.handler.config ?? loaded.config }
      : undefined;
  const code = await serveProcess({
    config: loaded.config,
    configFile: file,
    host,
    port,
    // On reload, the config's http block through the same flags and environment.
    listenAddress: (http) => listenAddress(options, http),
    logger,
    version: VERSION,
    routes: extraRoutes(options, flags.cacert, probe),
    onListening: (server) => {
      running = server;
    },
  });
  // Everything is closed; if a stray handle still holds the loop, do not hang after shutdown.
  setTimeout(() => process.exit(code), 2_000).unref();
  return code;
}
