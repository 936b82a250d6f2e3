/**
 * `matrix-support serve [--config FILE] [--host H] [--port N]`: the support endpoint, the pages
 * and the probes from a config file, reloaded on SIGHUP and on change (src/serve/ does the work).
 */
import { stat } from "node:fs/promises";
import type { Config } from "../../../lib/src/config/types.js";
import { diagnostic } from "../../../lib/src/core/index.js";
import {
  DEFAULT_CONFIG_FILES,
  findConfig,
  isListenHost,
  type ListenOverride,
  listenAddress,
} from "../serve/defaults.js";
import { extraRoutes } from "../serve/extra-routes.js";
import { checkTransportFlags } from "../transport/flags.js";
import { VERSION } from "../version.js";
import type { CommandSpec } from "./command.js";
import { collect } from "./command-line.js";
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

export const spec: CommandSpec = {
  name: "serve",
  description:
    "Serve /.well-known/matrix/support (and client/server), a support page at /, /healthz and /metrics from a config file; reloads on SIGHUP and on file change",
  options: [
    {
      flags: "--config <file>",
      description: `config file, YAML, JSON or TOML, or a bare support document (default: ./${DEFAULT_CONFIG_FILES.join(", ./")}; \`matrix-support init\` writes one)`,
    },
    {
      flags: "--host <host>",
      description: "address to listen on (over MATRIX_SUPPORT_HOST and http.host)",
    },
    {
      flags: "--port <port>",
      description:
        "port to listen on, 0 for any free port (over MATRIX_SUPPORT_PORT and http.port)",
      parse: intOption("--port", 0, 65535),
    },
    {
      flags: "--no-checker",
      description:
        "do not serve the public checker (/check, /api/check), which fetches other servers' files on request; for private networks and servers that must make no outbound requests (also http.checker: false)",
    },
    {
      flags: "--allow-private-targets",
      description:
        "let the web checker's probe fetch private, loopback and link-local addresses (tests, private deployments)",
    },
    {
      flags: "--cacert <file>",
      description: "probe: trust the PEM certificates in FILE instead of the system's",
    },
    {
      flags: "--resolve <host:port:addr>",
      description: "probe: curl's --resolve (repeatable)",
      parse: collect,
      default: [],
    },
    {
      flags: "--connect-to <host1:port1:host2:port2>",
      description: "probe: curl's --connect-to (repeatable)",
      parse: collect,
      default: [],
    },
    {
      flags: "--probe-metrics",
      description:
        "answer GET /probe?target=NAME[&expect=FILE_OR_URL] in the Prometheus text format, as the blackbox exporter (also http.probe_metrics: true)",
    },
    {
      flags: "--probe-expect-dir <dir>",
      description: "the files /probe?expect=NAME may name (configs or documents)",
    },
  ],
  action: (options: ServeOptions) => serveCommand(options),
};

/** MATRIX_SUPPORT_HOST and MATRIX_SUPPORT_PORT, checked as the flags are (a usage error otherwise). */
export function listenEnvironment(env: NodeJS.ProcessEnv = process.env): ListenOverride {
  const out: ListenOverride = {};
  const port = env.MATRIX_SUPPORT_PORT;
  if (port !== undefined && port !== "")
    out.port = intOption("MATRIX_SUPPORT_PORT", 0, 65535)(port.trim());
  const host = env.MATRIX_SUPPORT_HOST?.trim();
  if (host) out.host = checkListenHost(host, "MATRIX_SUPPORT_HOST");
  return out;
}

function checkListenHost(value: string, flag: string): string {
  if (!isListenHost(value))
    throw new UsageError(diagnostic("FLAG_HOST_INVALID", undefined, { flag, value }).message);
  return value;
}

export async function serveCommand(options: ServeOptions): Promise<number> {
  if (options.host !== undefined) checkListenHost(options.host, "--host");
  // The probe's --cacert/--resolve/--connect-to: the same checks and messages as check and scan.
  const transport = await checkTransportFlags(options);
  if (!transport.ok) throw new UsageError(transport.message);
  if (options.probeExpectDir !== undefined) {
    const dir = await stat(options.probeExpectDir).catch(() => undefined);
    if (!dir?.isDirectory())
      throw new UsageError(
        diagnostic("FLAG_NOT_A_DIRECTORY", undefined, {
          flag: "--probe-expect-dir",
          value: options.probeExpectDir,
        }).message,
      );
  }
  const c = colours(process.stderr);
  const file = options.config ?? (await findConfig());
  if (file === undefined) {
    const names = DEFAULT_CONFIG_FILES.map((n) => `./${n}`).join(", ");
    writeErr(formatDiagnostic(diagnostic("CONFIG_NO_FILE", undefined, { names }), undefined, c));
    return EXIT_USAGE;
  }
  // Loaded on use: the server stack (pino, prom-client, chokidar) must not slow other commands' start-up.
  const { loadServerConfig, startupDiagnostics } = await import("../serve/load.js");
  const loaded = await loadServerConfig(file);
  if (loaded.kind === "unreadable") {
    writeErr(`matrix-support serve: ${safe(loaded.message)}\n`);
    return EXIT_USAGE;
  }
  for (const d of startupDiagnostics(loaded.diagnostics)) writeErr(formatDiagnostic(d, file, c));
  if (loaded.kind === "invalid") {
    writeErr(
      `\n${c.red(`${safe(file)}: invalid config, not starting`)} (${summarise(loaded.diagnostics, c)})\n`,
    );
    return EXIT_FAIL;
  }
  const fromEnv = listenEnvironment();
  const flags: ListenOverride = {
    host: options.host,
    port: options.port,
  };
  const { host, port } = listenAddress([flags, fromEnv], loaded.config.http);
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
    listenAddress: (http) => listenAddress([flags, fromEnv], http),
    logger,
    version: VERSION,
    routes: extraRoutes({
      checker: options.checker,
      allowPrivateTargets: options.allowPrivateTargets === true,
      cacert: transport.cacert,
      resolve: options.resolve ?? [],
      connectTo: options.connectTo ?? [],
      probe,
      probeExpectDir: options.probeExpectDir,
    }),
    onListening: (server) => {
      running = server;
    },
  });
  // Everything is closed; if a stray handle still holds the loop, do not hang after shutdown.
  setTimeout(() => process.exit(code), 2_000).unref();
  return code;
}
