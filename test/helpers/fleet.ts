/**
 * A tiny programmable HTTPS "fleet": one loopback server that plays any number of hosts. The
 * answer depends on the requested name (SNI for the certificate, Host for the handler), so one
 * port stands in for example.org, www.example.org, evil.test... Point clients at it with curl's
 * --connect-to (`fleet.connectTo` sends every host:port there) and trust `fleet.ca.cert`.
 *
 *   const fleet = await startFleet();
 *   fleet.route("example.org", (req, res) => json(res, { contacts: [...] }));
 *   fleet.certificate("expired.test", fleet.ca.issue(["expired.test"], { expired: true }));
 *   const transport = createNodeTransport({ cacert: fleet.ca.cert, connectTo: [fleet.connectTo] });
 *   ...
 *   await fleet.close();   // in afterAll
 *
 * Unrouted hosts answer 404. Every server and socket is closed by `close()`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { createSecureContext, type SecureContext } from "node:tls";
import { createCa, type KeyPairPem, type TestCa } from "./tls.js";

export type Handler = (req: IncomingMessage, res: ServerResponse, host: string) => void;

export interface Fleet {
  /** The CA that signed every default certificate; clients trust `ca.cert`. */
  readonly ca: TestCa;
  readonly port: number;
  /** `::127.0.0.1:PORT`: a --connect-to rule sending every host and port to the fleet. */
  readonly connectTo: string;
  /** Answers requests for `host` (exact, lower case, without port). */
  route(host: string, handler: Handler): void;
  /** Serves this certificate for `host` (SNI) instead of a fresh one from `ca`. */
  certificate(host: string, pair: KeyPairPem): void;
  /** Requests served so far, per host. */
  hits(host: string): number;
  close(): Promise<void>;
}

export interface FleetOptions {
  /** Reuse a CA (default: a new one). */
  ca?: TestCa;
}

export async function startFleet(options: FleetOptions = {}): Promise<Fleet> {
  const ca = options.ca ?? createCa();
  const handlers = new Map<string, Handler>();
  const contexts = new Map<string, SecureContext>();
  const counts = new Map<string, number>();
  const sockets = new Set<Socket>();
  const contextFor = (host: string): SecureContext => {
    let ctx = contexts.get(host);
    if (!ctx) {
      ctx = createSecureContext(ca.issue([host]));
      contexts.set(host, ctx);
    }
    return ctx;
  };
  const fallback = ca.issue(["localhost", "127.0.0.1"]);
  const server: Server = createServer(
    {
      ...fallback,
      SNICallback: (servername, cb) => cb(null, contextFor(servername.toLowerCase())),
    },
    (req, res) => {
      const host = (req.headers.host ?? "").replace(/:\d+$/, "").toLowerCase();
      counts.set(host, (counts.get(host) ?? 0) + 1);
      const handler = handlers.get(host);
      if (handler) handler(req, res, host);
      else {
        res.statusCode = 404;
        res.end();
      }
    },
  );
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  // Idle sockets stay open longer than the client keeps them, so a loaded machine's late timers
  // cannot make the server close a socket just as the client reuses it.
  server.keepAliveTimeout = 60_000;
  // A client that cancels mid-body resets the socket; that is expected here.
  server.on("clientError", (_e, s) => s.destroy());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    ca,
    port,
    connectTo: `::127.0.0.1:${port}`,
    route: (host, handler) => handlers.set(host.toLowerCase(), handler),
    certificate: (host, pair) => contexts.set(host.toLowerCase(), createSecureContext(pair)),
    hits: (host) => counts.get(host.toLowerCase()) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Sends `body` (an object is JSON-encoded) as application/json with `Access-Control-Allow-Origin: *`. */
export function json(
  res: ServerResponse,
  body: unknown,
  headers: Record<string, string> = {},
  status = 200,
): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "access-control-allow-origin": "*",
    ...headers,
  });
  res.end(text);
}

/**
 * Streams `total` bytes made of `chunk` repeated, honouring backpressure, and stops when the
 * client goes away: huge bodies without holding them in memory. Resolves with the bytes written.
 */
export function stream(
  res: ServerResponse,
  chunk: Buffer,
  total: number,
  headers: Record<string, string> = {},
): Promise<number> {
  res.writeHead(200, { "access-control-allow-origin": "*", ...headers });
  let sent = 0;
  return new Promise((resolve) => {
    const pump = () => {
      while (sent < total && !res.destroyed) {
        const piece = total - sent >= chunk.length ? chunk : chunk.subarray(0, total - sent);
        sent += piece.length;
        if (!res.write(piece)) return void res.once("drain", pump);
      }
      if (!res.destroyed) res.end();
      resolve(sent);
    };
    res.on("close", () => resolve(sent));
    pump();
  });
}
