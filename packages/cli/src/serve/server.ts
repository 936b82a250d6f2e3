/**
 * The Node HTTP server: hardened node:http settings, the current handler in a box that reloads
 * swap atomically, and a bounded graceful close.
 */
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Config } from "../../../lib/src/config/types.js";
import { toNodeListener } from "../../../lib/src/node/adapter.js";
import {
  createSupportHandler,
  type Routes,
  type SupportHandler,
  type SupportHandlerOptions,
} from "../../../lib/src/server/handler.js";
import type { Logger } from "./logger.js";
import type { ServerMetrics } from "./metrics.js";

/** Limits against slow and oversized clients. */
export interface Hardening {
  /** Time allowed to send the request headers (slowloris). */
  headersTimeoutMs: number;
  /** Time allowed to send the whole request. */
  requestTimeoutMs: number;
  /** Idle time before a keep-alive connection is closed. */
  keepAliveTimeoutMs: number;
  /** Largest request header block, in bytes. */
  maxHeaderSize: number;
  /** Requests served on one connection before it is closed. */
  maxRequestsPerSocket: number;
  /** How often the timeouts above are enforced. */
  checkIntervalMs: number;
}

export const DEFAULT_HARDENING: Hardening = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxHeaderSize: 16 * 1024,
  maxRequestsPerSocket: 10_000,
  checkIntervalMs: 1_000,
};

export interface StartOptions {
  config: Config;
  host: string;
  port: number;
  logger: Logger;
  metrics?: ServerMetrics | undefined;
  /**
   * Extra routes (the web checker's /check and /api/check), or a function giving them for each
   * config, called again on every swap (so a config can turn a route off).
   */
  routes?: (Routes | ((config: Config) => Routes)) | undefined;
  hardening?: Partial<Hardening> | undefined;
  /** Serve the config without checking it (see `SupportHandlerOptions.unchecked`). */
  unchecked?: boolean | undefined;
}

/** The extra routes for a config: `routes` itself, or what the function gives for that config. */
export function routesFor(routes: StartOptions["routes"], config: Config): Routes {
  return typeof routes === "function" ? routes(config) : (routes ?? {});
}

export interface RunningServer {
  readonly server: Server;
  /** e.g. `http://127.0.0.1:8080/` (the real port when 0 was asked). */
  readonly url: string;
  readonly address: AddressInfo;
  /** The handler being served now. */
  readonly handler: SupportHandler;
  /**
   * Swaps in a new config atomically: requests already running finish with the old one. Throws
   * `InvalidSupportError` (and keeps the old one) for an invalid config, unless started `unchecked`.
   */
  swap(config: Config): void;
  /** Stops accepting, lets in-flight requests finish, then force-closes after `timeoutMs`. Resolves true when nothing had to be forced. */
  close(timeoutMs?: number): Promise<boolean>;
}

export function formatUrl(address: AddressInfo): string {
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}/`;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const h = { ...DEFAULT_HARDENING, ...options.hardening };
  const { logger } = options;
  const handlerOptions = (config: Config): SupportHandlerOptions => ({
    routes: routesFor(options.routes, config),
    metrics: options.metrics,
    onError: (error, request) =>
      logger.error({ err: error, url: request.url }, "a mounted route failed"),
    unchecked: options.unchecked,
  });
  const box = { current: createSupportHandler(options.config, handlerOptions(options.config)) };
  let closing = false;
  const listener = toNodeListener(box, {
    onError: (error) => logger.error({ err: error }, "request failed"),
  });
  const server = createServer(
    {
      headersTimeout: h.headersTimeoutMs,
      requestTimeout: h.requestTimeoutMs,
      keepAliveTimeout: h.keepAliveTimeoutMs,
      maxHeaderSize: h.maxHeaderSize,
      connectionsCheckingInterval: h.checkIntervalMs,
    },
    (req, res) => {
      // While shutting down, answer but do not keep the connection.
      if (closing) res.setHeader("connection", "close");
      listener(req, res);
    },
  );
  server.maxRequestsPerSocket = h.maxRequestsPerSocket;
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    // Timeouts and malformed requests: answer plainly when the socket still can be written to.
    if (socket.writable && error.code !== "ECONNRESET") {
      const status =
        error.code === "HPE_HEADER_OVERFLOW"
          ? "431 Request Header Fields Too Large"
          : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
            ? "408 Request Timeout"
            : "400 Bad Request";
      socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
    } else socket.destroy();
  });

  server.listen(options.port, options.host);
  await Promise.race([
    once(server, "listening"),
    once(server, "error").then(([error]) => Promise.reject(error)),
  ]);
  const address = server.address() as AddressInfo;
  const url = formatUrl(address);

  let closed: Promise<boolean> | undefined;
  return {
    server,
    url,
    address,
    get handler() {
      return box.current;
    },
    swap(config) {
      box.current = createSupportHandler(config, handlerOptions(config));
    },
    close(timeoutMs = 10_000) {
      closed ??= new Promise<boolean>((resolve) => {
        closing = true;
        let forced = false;
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        const force = setTimeout(() => {
          forced = true;
          logger.warn({ timeoutMs }, "shutdown: forcing the remaining connections closed");
          server.closeAllConnections();
        }, timeoutMs);
        server.close(() => {
          clearInterval(sweep);
          clearTimeout(force);
          resolve(!forced);
        });
        server.closeIdleConnections();
      });
      return closed;
    },
  };
}
