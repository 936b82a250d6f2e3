/**
 * The `serve` process: start the server, reload on SIGHUP and on file change (debounced), shut
 * down gracefully on SIGTERM/SIGINT. Resolves with the exit code once everything is closed.
 */
import { watch as chokidarWatch, type FSWatcher } from "chokidar";
import type { Config, HttpConfig } from "../../../lib/src/config/types.js";
import { diagnosticLine } from "../diagnostic-text.js";
import { describePublished, loadServerConfig } from "./load.js";
import type { Logger } from "./logger.js";
import { createMetrics, type ServerMetrics } from "./metrics.js";
import {
  type Hardening,
  type RunningServer,
  routesFor,
  type StartOptions,
  startServer,
} from "./server.js";

export interface ServeProcessOptions {
  /** The config already loaded and valid, and the file it came from (reloaded on change). */
  config: Config;
  configFile: string;
  host: string;
  port: number;
  /**
   * The address a config asks for, with whatever overrides its `http` block applied (`serve`
   * passes its flags and environment). Reloads compare it with the address actually bound.
   * Default: `http.host` and `http.port`, else `host` and `port` above.
   */
  listenAddress?: (http: HttpConfig | undefined) => { host: string; port: number };
  logger: Logger;
  version: string;
  /**
   * Extra routes mounted beside the support endpoint (the web checker), or a function giving
   * them for each config: called at start and on every reload.
   */
  routes?: StartOptions["routes"];
  hardening?: Partial<Hardening>;
  /** Longest wait for in-flight requests at shutdown before closing them (default 10 s). */
  shutdownTimeoutMs?: number;
  /** Watch the config file (default true). */
  watch?: boolean;
  /** Quiet period before a file change is reloaded (default 200 ms). */
  debounceMs?: number;
  /** Called once listening (tests use it). */
  onListening?: (server: RunningServer, controls: ServeControls) => void;
}

export interface ServeControls {
  /** Reloads the config file now; resolves true when the new config was swapped in. */
  reload(reason: string): Promise<boolean>;
  /** Starts a graceful shutdown. */
  shutdown(reason: string): void;
  readonly metrics: ServerMetrics;
}

export async function serveProcess(options: ServeProcessOptions): Promise<number> {
  const { logger, configFile } = options;
  const metrics = createMetrics({ version: options.version });
  let running: RunningServer;
  try {
    running = await startServer({
      config: options.config,
      host: options.host,
      port: options.port,
      logger,
      metrics,
      routes: options.routes,
      hardening: options.hardening,
    });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const why =
      e.code === "EADDRINUSE"
        ? "the address is already in use"
        : e.code === "EACCES"
          ? "permission denied (ports below 1024 need privileges)"
          : e.code === "EADDRNOTAVAIL"
            ? "no such local address"
            : e.message;
    logger.error(
      { host: options.host, port: options.port },
      `cannot listen on ${options.host}:${options.port}: ${why}`,
    );
    return 2;
  }

  let generation = 1;
  let current = options.config;
  metrics.configLoaded(generation);
  const published = describePublished(current);
  let mounted = Object.keys(routesFor(options.routes, current));
  logger.info(
    {
      url: running.url,
      server_name: current.server_name,
      config: configFile,
      published,
      paths: { page: "/", health: "/healthz", metrics: "/metrics" },
      mounted,
    },
    `serving ${current.server_name ?? "(no server_name)"} on ${running.url}: ${published.join(", ")}; support page at /${mounted.length > 0 ? `; also ${mounted.join(", ")}` : ""}`,
  );

  const listenAddress =
    options.listenAddress ??
    ((http: HttpConfig | undefined) => ({
      host: http?.host ?? options.host,
      port: http?.port ?? options.port,
    }));

  // Reloads run one at a time, in order.
  let queue: Promise<boolean> = Promise.resolve(true);
  const reload = (reason: string): Promise<boolean> => {
    queue = queue.then(async () => {
      const result = await loadServerConfig(configFile);
      if (result.kind !== "ok") {
        metrics.reloadFailed();
        const problems =
          result.kind === "unreadable"
            ? [result.message]
            : result.diagnostics
                .filter((d) => d.severity === "error")
                .map((d) => diagnosticLine(d, configFile));
        logger.error(
          { reason, config: configFile, generation, problems },
          `config reload refused, still serving the previous config: ${problems.join("; ")}`,
        );
        return false;
      }
      // Compared with the address bound (or asked for at start, e.g. port 0), not with the
      // previous config: a config put back to the bound address needs no restart.
      const wanted = listenAddress(result.config.http);
      const bound = running.address;
      if (
        (wanted.host !== options.host && wanted.host !== bound.address) ||
        (wanted.port !== options.port && wanted.port !== bound.port)
      ) {
        const listening = hostPort(bound.address, bound.port);
        const asked = hostPort(wanted.host, wanted.port);
        logger.warn(
          { config: configFile, listening, wanted: asked },
          `the config now asks to listen on ${asked}, but the server is listening on ${listening}: restart the process to listen on the new address`,
        );
      }
      running.swap(result.config);
      current = result.config;
      generation += 1;
      metrics.configLoaded(generation);
      for (const d of result.diagnostics.filter((x) => x.severity === "warning"))
        logger.warn({ code: d.code }, diagnosticLine(d, configFile));
      const now = describePublished(current);
      const before = mounted;
      mounted = Object.keys(routesFor(options.routes, current));
      const changed = mounted.join() !== before.join();
      logger.info(
        { reason, config: configFile, generation, published: now, mounted },
        `config reloaded (generation ${generation}): ${now.join(", ")}${changed ? `; ${mounted.length > 0 ? `now also ${mounted.join(", ")}` : `no longer ${before.join(", ")}`}` : ""}`,
      );
      return true;
    });
    return queue;
  };

  let watcher: FSWatcher | undefined;
  let debounce: NodeJS.Timeout | undefined;
  if (options.watch !== false) {
    watcher = chokidarWatch(configFile, { ignoreInitial: true, atomic: true });
    const schedule = (event: string) => {
      clearTimeout(debounce);
      debounce = setTimeout(() => void reload(`file ${event}`), options.debounceMs ?? 200);
    };
    watcher.on("change", () => schedule("change"));
    watcher.on("add", () => schedule("add"));
    watcher.on("unlink", () =>
      logger.warn({ config: configFile }, "config file removed; still serving the current config"),
    );
    watcher.on("error", (error) => logger.warn({ err: error }, "cannot watch the config file"));
  }

  return await new Promise<number>((resolve) => {
    let stopping = false;
    const onHup = () => void reload("SIGHUP");
    const shutdown = (reason: string) => {
      if (stopping) {
        // A second signal (Ctrl-C twice): stop waiting for slow clients.
        logger.warn({ reason }, "shutdown: second signal, closing every connection now");
        running.server.closeAllConnections();
        return;
      }
      stopping = true;
      logger.info({ reason }, `shutting down (${reason}): finishing in-flight requests`);
      process.off("SIGHUP", onHup);
      clearTimeout(debounce);
      const timeoutMs = options.shutdownTimeoutMs ?? 10_000;
      void Promise.all([running.close(timeoutMs), watcher?.close(), queue.catch(() => {})]).then(
        ([clean]) => {
          process.off("SIGTERM", onTerm);
          process.off("SIGINT", onInt);
          logger.info({ clean }, clean ? "stopped" : "stopped (some connections were cut)");
          resolve(0);
        },
      );
    };
    const onTerm = () => shutdown("SIGTERM");
    const onInt = () => shutdown("SIGINT");
    process.on("SIGHUP", onHup);
    process.on("SIGTERM", onTerm);
    process.on("SIGINT", onInt);
    options.onListening?.(running, { reload, shutdown, metrics });
  });
}

/** `host:port`, with an IPv6 address in brackets. */
function hostPort(host: string, port: number): string {
  return `${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}:${port}`;
}
