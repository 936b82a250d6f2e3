/**
 * One TLS connection per checked server: the GET and the CORS preflight share it (the preflight
 * pipelined behind the GET), it is closed once the server is done, and the findings are those of
 * a GET and a preflight on separate connections. Counted on a loopback TLS server: handshakes
 * (`secureConnection` events, per SNI name), requests, and the sockets still open.
 */
import { once } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSecureContext, type SecureContext, type TLSSocket } from "node:tls";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { run } from "../../packages/cli/src/cli/program.js";
import { createScanChecker } from "../../packages/cli/src/scan/checker.js";
import { createNodeTransport, type NodeTransport } from "../../packages/cli/src/transport/node.js";
import { type CheckReport, checkServer } from "../../packages/lib/src/discover/index.js";
import { createCa, type TestCa } from "../helpers/tls.js";

const DOC = {
  contacts: [
    { role: "m.role.admin", email_address: "admin@example.org" },
    { role: "m.role.security", email_address: "security@example.org" },
  ],
  support_page: "https://example.org/help",
};
const CORS = { "access-control-allow-origin": "*" };

let ca: TestCa;
let server: Server;
let port: number;
let dir: string;
let cacertFile: string;
let transport: NodeTransport;
const handshakes = new Map<string, number>();
const requests: string[] = [];
const open = new Set<Socket>();

/** Per connection: settles when the GET's answer has been sent. */
const getSent = new WeakMap<Socket, Promise<void>>();
/** abrupt.test's connections so far. */
let abruptConnections = 0;

function answer(req: IncomingMessage, res: ServerResponse): void {
  const host = (req.headers.host ?? "").replace(/:\d+$/, "");
  const kind = host.split(".")[0];
  const get = () => {
    res.writeHead(200, { "content-type": "application/json", ...CORS });
    res.end(JSON.stringify(DOC));
  };
  if (req.method === "GET")
    getSent.set(req.socket, new Promise((resolve) => res.on("finish", () => resolve())));
  if (kind === "abrupt" && req.method === "OPTIONS" && ++abruptConnections === 1) {
    // The first connection ends, unannounced, once the GET is answered: the preflight pipelined
    // behind it is never answered there.
    void getSent.get(req.socket)?.then(() => setImmediate(() => req.socket.destroy()));
    return;
  }
  if (req.method === "OPTIONS") {
    if (kind === "preflight500") res.writeHead(500);
    else
      res.writeHead(204, {
        ...(kind === "nocors" ? {} : CORS),
        "access-control-allow-methods": kind === "noget" || kind === "close" ? "POST" : "GET",
      });
    return void res.end();
  }
  switch (kind) {
    case "close":
      // The server ends the connection after the GET: the pipelined preflight goes unanswered.
      res.setHeader("connection", "close");
      get();
      return;
    case "nocors":
      res.writeHead(200, { "content-type": "application/json" });
      return void res.end(JSON.stringify(DOC));
    case "same":
      if (req.url === "/support.json") {
        get();
        return;
      }
      res.writeHead(301, { location: "/support.json" });
      return void res.end();
    case "away":
      res.writeHead(302, { location: "https://a.good.test/.well-known/matrix/support", ...CORS });
      return void res.end();
    case "slow":
      return void setTimeout(get, 200);
    case "gone":
      res.writeHead(404, CORS);
      return void res.end();
    default:
      get();
  }
}

beforeAll(async () => {
  ca = createCa();
  const contexts = new Map<string, SecureContext>();
  server = createServer(
    {
      ...ca.issue(["localhost"]),
      SNICallback: (name, cb) => {
        const ctx = contexts.get(name) ?? createSecureContext(ca.issue([name]));
        contexts.set(name, ctx);
        cb(null, ctx);
      },
    },
    (req, res) => {
      requests.push(`${req.method} ${req.headers.host}${req.url}`);
      answer(req, res);
    },
  );
  server.on("secureConnection", (s: TLSSocket) => {
    const name = typeof s.servername === "string" ? s.servername : "";
    handshakes.set(name, (handshakes.get(name) ?? 0) + 1);
  });
  server.on("connection", (s: Socket) => {
    open.add(s);
    s.on("close", () => open.delete(s));
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  port = (server.address() as AddressInfo).port;
  dir = await mkdtemp(join(tmpdir(), "one-connection-"));
  cacertFile = join(dir, "ca.pem");
  await writeFile(cacertFile, ca.cert);
  transport = makeTransport();
});

function makeTransport(): NodeTransport {
  return createNodeTransport({
    cacert: ca.cert,
    connectTo: [`::127.0.0.1:${port}`],
    // Nothing may leave loopback.
    lookup: (_h, _o, cb) =>
      cb(Object.assign(new Error("no DNS in tests"), { code: "ENOTFOUND" }), []),
  });
}

afterAll(async () => {
  await transport.close();
  server.closeAllConnections();
  server.close();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  handshakes.clear();
  requests.length = 0;
});

/** Resolves once the server has no socket open (the client closed them). */
async function allClosed(): Promise<void> {
  while (open.size > 0) await new Promise((resolve) => setTimeout(resolve, 10));
}

async function checkInSession(name: string): Promise<CheckReport> {
  const session = transport.session();
  try {
    return await checkServer(name, { fetch: session.fetch, timeout: 30_000 });
  } finally {
    await session.close();
  }
}

const codes = (r: CheckReport) => r.diagnostics.map((d) => d.code).sort();

describe("a check in a session", () => {
  it("makes one TLS handshake and two requests per server: the GET, then the preflight", async () => {
    const names = ["a.good.test", "b.good.test", "c.good.test"];
    for (const name of names) {
      const r = await checkInSession(name);
      expect(r.status, JSON.stringify(r.diagnostics)).toBe("found");
      expect(r.diagnostics.filter((d) => d.path === undefined)).toEqual([]);
    }
    expect(Object.fromEntries(handshakes)).toEqual({
      "a.good.test": 1,
      "b.good.test": 1,
      "c.good.test": 1,
    });
    expect(requests).toEqual(
      names.flatMap((n) => [
        `GET ${n}/.well-known/matrix/support`,
        `OPTIONS ${n}/.well-known/matrix/support`,
      ]),
    );
    await allClosed();
  });

  it.each([
    "a.good.test",
    "slow.test",
    "nocors.test",
    "noget.test",
    "preflight500.test",
    "same.test",
    "away.test",
    "gone.test",
    "close.test",
  ])("%s: the same findings as a GET and a preflight on separate connections", async (name) => {
    // The shared agent of another transport: a GET and a preflight side by side open two.
    const other = makeTransport();
    let separate: CheckReport;
    try {
      separate = await checkServer(name, { fetch: other.fetch, timeout: 30_000 });
    } finally {
      await other.close();
    }
    const shared = await checkInSession(name);
    expect(shared.status).toBe(separate.status);
    expect(codes(shared)).toEqual(codes(separate));
    expect(shared.http.redirects).toEqual(separate.http.redirects);
  });

  it("the preflight is judged on its own: PREFLIGHT_NO_GET, PREFLIGHT_NO_CORS, PREFLIGHT_FAILED", async () => {
    expect(codes(await checkInSession("noget.test"))).toContain("PREFLIGHT_NO_GET");
    expect(codes(await checkInSession("nocors.test"))).toContain("PREFLIGHT_NO_CORS");
    expect(codes(await checkInSession("preflight500.test"))).toContain("PREFLIGHT_FAILED");
  });

  it("a server that closes the connection after the GET still gets its preflight, on a new connection", async () => {
    const r = await checkInSession("close.test");
    expect(r.status).toBe("found");
    // The preflight was answered (it does not allow GET), not lost with the first connection.
    expect(codes(r)).toContain("PREFLIGHT_NO_GET");
    expect(codes(r)).not.toContain("PREFLIGHT_FAILED");
    expect(handshakes.get("close.test")).toBe(2);
  });

  it("a server that closes the connection after the GET unannounced: the preflight is sent again", async () => {
    abruptConnections = 0;
    const r = await checkInSession("abrupt.test");
    expect(r.status).toBe("found");
    expect(r.diagnostics.filter((d) => d.path === undefined)).toEqual([]);
    expect(handshakes.get("abrupt.test")).toBe(2);
    expect(requests.filter((q) => q.startsWith("OPTIONS"))).toHaveLength(2);
  });

  it("a session's connections go through the transport's connector: the address policy holds", async () => {
    const guarded = createNodeTransport({
      cacert: ca.cert,
      connectTo: [`::127.0.0.1:${port}`],
      addressPolicy: (address) => (address === "127.0.0.1" ? "loopback" : true),
    });
    const session = guarded.session();
    try {
      const r = await checkServer("policy.good.test", { fetch: session.fetch, timeout: 30_000 });
      expect(r.status).toBe("unreachable");
      expect(codes(r)).toEqual(["ADDRESS_REFUSED"]);
      expect(handshakes.size).toBe(0);
      expect(requests).toEqual([]);
    } finally {
      await session.close();
      await guarded.close();
    }
  });

  it("a redirect on the same host stays on the one connection", async () => {
    const r = await checkInSession("same.test");
    expect(r.status).toBe("found");
    expect(handshakes.get("same.test")).toBe(1);
    expect(requests.filter((q) => q.startsWith("OPTIONS"))).toHaveLength(1);
  });
});

describe("scan and check", () => {
  it("scan's checker: one handshake per server, and no socket left open after each", async () => {
    const made = await createScanChecker(
      { cacert: cacertFile, connectTo: [`::127.0.0.1:${port}`] },
      30_000,
    );
    if (!made.ok) throw new Error(made.message);
    try {
      const names = ["s1.good.test", "s2.good.test", "s3.good.test", "s4.good.test"];
      for (const name of names) {
        const r = await made.check(name, new AbortController().signal);
        expect(r.status).toBe("found");
        await allClosed();
      }
      expect([...handshakes.values()]).toEqual([1, 1, 1, 1]);
      expect(requests.filter((q) => q.startsWith("OPTIONS"))).toHaveLength(names.length);
    } finally {
      await made.close();
    }
  });

  it("matrix-support check: one handshake per server named", async () => {
    const out = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    let code: number;
    try {
      code = await run([
        "node",
        "matrix-support",
        "check",
        "x.good.test",
        "y.good.test",
        "--json",
        "--cacert",
        cacertFile,
        "--connect-to",
        `::127.0.0.1:${port}`,
      ]);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    expect(code).toBe(0);
    expect(Object.fromEntries(handshakes)).toEqual({ "x.good.test": 1, "y.good.test": 1 });
    expect(requests.filter((q) => q.startsWith("OPTIONS"))).toHaveLength(2);
  });
});
