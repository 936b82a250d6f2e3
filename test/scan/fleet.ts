/**
 * A simulated fleet on loopback: ONE HTTPS server whose answer depends on the requested name, with
 * a test CA and a wildcard certificate for `*.fleet.test`. Reach it with
 * `--connect-to ::127.0.0.1:PORT --cacert CA`. The name's first label says what it serves:
 *   found-*    200, admin + security contacts, CORS      -> found
 *   admin-*    200, an admin contact only                -> found (no security contact)
 *   missing-*  404                                       -> not_found
 *   empty-*    200 {}                                    -> invalid
 *   html-*     200 an HTML page                          -> invalid
 *   broken-*   500                                       -> unreachable
 * Anything else under fleet.test is `found`. Names outside fleet.test fail TLS (wrong name).
 */
import { rmSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import type { TLSSocket } from "node:tls";
import { type FleetCerts, makeFleetCerts } from "../helpers/fleet-certs.mjs";

export { type FleetCerts, makeFleetCerts };

export interface Fleet {
  port: number;
  caFile: string;
  /** `--connect-to` and `--cacert` flags that send every name to this server. */
  flags: string[];
  /** Host of every GET received, in order. */
  gets: string[];
  /** Every TLS server name (SNI) a client connected with. */
  sni: Set<string>;
  /** Answers the first `n` GETs (counted from the start), parks the later ones until `release()`. */
  holdAfter(n: number): void;
  release(): void;
  /** Number of GETs parked now. */
  readonly parked: number;
  close(): Promise<void>;
}

export interface FleetOptions {
  /** Every answer waits this long (latency-bound benchmarks). */
  delayMs?: number;
  certs?: FleetCerts;
}

const CORS = { "access-control-allow-origin": "*" };

function answer(host: string): { status: number; type: string; body: string } {
  const name = host.replace(/:\d+$/, "");
  const kind = name.split(/[-.]/)[0];
  const doc = (contacts: object[]) =>
    JSON.stringify({ contacts, support_page: `https://${name}/help` });
  switch (kind) {
    case "missing":
      return { status: 404, type: "application/json", body: '{"errcode":"M_NOT_FOUND"}' };
    case "empty":
      return { status: 200, type: "application/json", body: "{}" };
    case "html":
      return { status: 200, type: "text/html", body: "<!doctype html><title>app</title>" };
    case "broken":
      return { status: 500, type: "text/plain", body: "oops" };
    case "admin":
      return {
        status: 200,
        type: "application/json",
        body: doc([{ role: "m.role.admin", email_address: `admin@${name}` }]),
      };
    default:
      return {
        status: 200,
        type: "application/json",
        body: doc([
          { role: "m.role.admin", matrix_id: `@admin:${name}`, email_address: `admin@${name}` },
          { role: "m.role.security", email_address: `security@${name}` },
        ]),
      };
  }
}

export async function startFleet(options: FleetOptions = {}): Promise<Fleet> {
  const ownCerts = options.certs === undefined;
  const certs = options.certs ?? makeFleetCerts();
  const gets: string[] = [];
  const sni = new Set<string>();
  let holdAfter = Number.POSITIVE_INFINITY;
  let parked: (() => void)[] = [];
  const server: Server = createServer(
    { key: certs.key, cert: certs.cert, keepAliveTimeout: 1000 },
    (req, res) => {
      const host = req.headers.host ?? "";
      if (req.method === "OPTIONS") {
        res.writeHead(204, {
          ...CORS,
          "access-control-allow-methods": "GET, OPTIONS",
          "content-length": "0",
        });
        res.end();
        return;
      }
      gets.push(host.replace(/:\d+$/, ""));
      const send = () => {
        const a = answer(host);
        res.writeHead(a.status, {
          ...CORS,
          "content-type": a.type,
          "content-length": String(Buffer.byteLength(a.body)),
        });
        res.end(a.body);
      };
      const go = () => (options.delayMs ? setTimeout(send, options.delayMs) : send());
      if (gets.length > holdAfter) parked.push(go);
      else go();
    },
  );
  server.on("secureConnection", (socket: TLSSocket) => {
    const name = (socket as TLSSocket & { servername?: string | false }).servername;
    if (typeof name === "string") sni.add(name);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const fleet: Fleet = {
    port,
    caFile: certs.caFile,
    flags: ["--connect-to", `::127.0.0.1:${port}`, "--cacert", certs.caFile],
    gets,
    sni,
    holdAfter(n) {
      holdAfter = n;
    },
    release() {
      holdAfter = Number.POSITIVE_INFINITY;
      const list = parked;
      parked = [];
      for (const go of list) go();
    },
    get parked() {
      return parked.length;
    },
    async close() {
      fleet.release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownCerts) rmSync(certs.dir, { recursive: true, force: true });
    },
  };
  return fleet;
}
