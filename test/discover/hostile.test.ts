/**
 * Discovery against real HTTPS servers on loopback (a CA made in the test): every server, honest or
 * hostile, ends in the right status within the timeout, with memory bounded by the size cap.
 */
import { once } from "node:events";
import { type AddressInfo, createServer as createTcpServer, type Socket } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeTransport, type NodeTransport } from "../../packages/cli/src/transport/node.js";
import { readCapped } from "../../packages/lib/src/discover/body.js";
import {
  checkServer,
  type DiscoveryResult,
  discoverSupport,
} from "../../packages/lib/src/discover/index.js";
import { CHECK_JSON_KEYS } from "../helpers/contract.js";
import { type Fleet, json, startFleet, stream } from "../helpers/fleet.js";
import { createCa, selfSigned } from "../helpers/tls.js";

const GOOD = {
  contacts: [
    { role: "m.role.admin", matrix_id: "@admin:good.test", email_address: "admin@good.test" },
    { role: "m.role.security", email_address: "security@elsewhere.test" },
  ],
  support_page: "https://good.test/help",
};
const MIB = 1024 * 1024;

let fleet: Fleet;
let transport: NodeTransport;
let silent: ReturnType<typeof createTcpServer>;
const silentSockets = new Set<Socket>();
let refusedPort: number;
const timers = new Set<ReturnType<typeof setInterval>>();
const sent: Record<string, Promise<number>> = {};

/** A gzip bomb: 1 GiB of zeros in about 1 MB, made of 1024 gzip members of 1 MiB each (cheap to build). */
const bombMember = gzipSync(Buffer.alloc(MIB), { level: 9 });
const BOMB_MEMBERS = 1024;

function discover(name: string, options: Parameters<typeof discoverSupport>[1] = {}) {
  // Generous bound: a loaded CI machine must not turn an honest answer into a timeout.
  return discoverSupport(name, { fetch: transport.fetch, timeout: 30_000, ...options });
}
/**
 * Opens a kept-alive connection to `host` (its /warm answers at once), so that a short timeout
 * afterwards measures the server's behaviour, not a TLS handshake on a loaded machine.
 */
async function warm(host: string): Promise<void> {
  const response = await transport.fetch(`https://${host}/warm`, {
    method: "GET",
    headers: {},
    redirect: "manual",
    signal: AbortSignal.timeout(30_000),
  });
  await readCapped(response.body, 1024); // read to the end so the connection stays open
}
const codes = (r: { diagnostics: { code: string }[] }) => r.diagnostics.map((d) => d.code);
function unreachable(r: DiscoveryResult) {
  expect(r.status, JSON.stringify(r.diagnostics)).toBe("unreachable");
  if (r.status !== "unreachable") throw new Error("unreachable expected");
  return r;
}

beforeAll(async () => {
  fleet = await startFleet();
  const r = fleet.route;
  r("good.test", (_q, s) => json(s, GOOD));
  r("missing.test", (_q, s) => json(s, "", {}, 404));
  r("empty-object.test", (_q, s) => json(s, {}));
  r("error500.test", (_q, s) => json(s, { error: "oops" }, {}, 500));
  r("redirect.test", (_q, s) => {
    s.writeHead(302, {
      location: "https://good.test/.well-known/matrix/support",
      "access-control-allow-origin": "*",
    });
    s.end();
  });
  r("same-host.test", (q, s) => {
    if (q.url === "/support.json") return json(s, GOOD);
    s.writeHead(301, { location: "/support.json" });
    s.end();
  });
  r("loop.test", (q, s) => {
    s.writeHead(302, { location: q.url === "/a" ? "/b" : "/a" });
    s.end();
  });
  r("downgrade.test", (_q, s) => {
    s.writeHead(301, { location: "http://good.test/.well-known/matrix/support" });
    s.end();
  });
  r("huge.test", (_q, s) => {
    sent.huge = stream(s, Buffer.alloc(64 * 1024, 0x20), 50 * MIB, {
      "content-type": "application/json",
    });
  });
  r("bomb.test", (_q, s) => {
    sent.bomb = stream(s, bombMember, bombMember.length * BOMB_MEMBERS, {
      "content-type": "application/json",
      "content-encoding": "gzip",
    });
  });
  r("drip.test", (q, s) => {
    if (q.url === "/warm") return json(s, {});
    s.writeHead(200, { "content-type": "application/json", "access-control-allow-origin": "*" });
    const t = setInterval(() => s.write(" "), 500);
    timers.add(t);
    s.on("close", () => clearInterval(t));
  });
  r("hang.test", (q, s) => {
    // Accepts the request for the file and never answers; /warm opens the connection first.
    if (q.url === "/warm") json(s, {});
  });
  r("html-type.test", (_q, s) => json(s, GOOD, { "content-type": "text/html; charset=utf-8" }));
  r("spa.test", (_q, s) => {
    s.writeHead(200, { "content-type": "text/html" });
    s.end("<!doctype html><html><body><div id=app></div></body></html>");
  });
  r("nocors.test", (_q, s) => {
    s.writeHead(200, { "content-type": "application/json" });
    s.end(JSON.stringify(GOOD));
  });
  r("badutf8.test", (_q, s) => {
    s.writeHead(200, { "content-type": "application/json", "access-control-allow-origin": "*" });
    s.end(
      Buffer.concat([
        Buffer.from('{"contacts":[{"role":"m.role.admin","email_address":"a'),
        Buffer.from([0xff, 0xfe]),
        Buffer.from('@x.test"}]}'),
      ]),
    );
  });
  r("gzip.test", (_q, s) => {
    s.writeHead(200, {
      "content-type": "application/json",
      "content-encoding": "gzip",
      "access-control-allow-origin": "*",
    });
    s.end(gzipSync(JSON.stringify(GOOD)));
  });
  r("proto.test", (_q, s) =>
    json(
      s,
      '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},' +
        '"contacts":[{"role":"m.role.admin","email_address":"a@proto.test","__proto__":{"x":1}}]}',
    ),
  );
  r("deep.test", (_q, s) => json(s, `{"contacts":${"[".repeat(20_000)}${"]".repeat(20_000)}}`));
  r("short.test", (q) => {
    q.socket.write(
      'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"contacts":',
    );
    q.socket.end();
  });
  r("chunked.test", (_q, s) => {
    s.writeHead(200, { "content-type": "application/json", "access-control-allow-origin": "*" });
    const text = JSON.stringify(GOOD);
    for (let i = 0; i < text.length; i += 7) s.write(text.slice(i, i + 7));
    s.end();
  });
  r("empty.test", (_q, s) => json(s, ""));
  r("array.test", (_q, s) => json(s, []));
  r("types.test", (_q, s) => json(s, { contacts: "admin@types.test", support_page: 42 }));
  r("mixed.test", (_q, s) =>
    json(s, {
      contacts: [
        { role: "m.role.admin", email_address: "admin@mixed.test" },
        { role: "m.role.security", email_address: "not an email" },
      ],
    }),
  );
  r("slow.test", (_q, s) => {
    const t = setTimeout(() => json(s, GOOD), 300);
    s.on("close", () => clearTimeout(t));
  });
  r("preflight.test", (q, s) => {
    if (q.method === "OPTIONS") {
      s.writeHead(204, {
        "access-control-allow-origin": "*",
        "access-control-allow-methods": "POST",
      });
      return s.end();
    }
    json(s, GOOD);
  });
  fleet.certificate("self-signed.test", selfSigned(["self-signed.test"]));
  fleet.certificate("other-ca.test", createCa("another CA").issue(["other-ca.test"]));
  fleet.certificate("expired.test", fleet.ca.issue(["expired.test"], { expired: true }));
  fleet.certificate("wrong-name.test", fleet.ca.issue(["someone-else.test"]));
  for (const h of ["self-signed.test", "other-ca.test", "expired.test", "wrong-name.test"])
    r(h, (_q, s) => json(s, GOOD));

  silent = createTcpServer((s) => {
    silentSockets.add(s);
    s.on("close", () => silentSockets.delete(s));
  });
  silent.listen(0, "127.0.0.1");
  await once(silent, "listening");
  const closed = createTcpServer();
  closed.listen(0, "127.0.0.1");
  await once(closed, "listening");
  refusedPort = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));

  transport = createNodeTransport({
    cacert: fleet.ca.cert,
    connectTo: [
      `silent.test:443:127.0.0.1:${(silent.address() as AddressInfo).port}`,
      `refused.test:443:127.0.0.1:${refusedPort}`,
      fleet.connectTo,
    ],
    // Nothing may leave loopback: any name not routed above fails as NXDOMAIN.
    lookup: (_h, _o, cb) =>
      cb(Object.assign(new Error("no DNS in tests"), { code: "ENOTFOUND" }), []),
  });
});

afterAll(async () => {
  for (const t of timers) clearInterval(t);
  await transport.close();
  for (const s of silentSockets) s.destroy();
  await new Promise((resolve) => silent.close(resolve));
  await fleet.close();
});

describe("honest servers", () => {
  it("a correct file is found, with every contact and the support page", async () => {
    const r = await discover("good.test");
    expect(r.status, JSON.stringify(r.diagnostics)).toBe("found");
    expect(r.document).toEqual(GOOD);
    expect(r.http.status).toBe(200);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("404 means the server publishes nothing", async () => {
    const r = await discover("missing.test");
    expect(r.status, JSON.stringify(r)).toBe("not_found");
    expect(codes(r)).toEqual(["NOT_PUBLISHED"]);
  });

  it("a gzip-encoded file is decoded", async () => {
    expect((await discover("gzip.test")).document).toEqual(GOOD);
  });

  it("a chunked body is reassembled", async () => {
    expect((await discover("chunked.test")).document).toEqual(GOOD);
  });

  it("a slow but valid answer inside the timeout is found", async () => {
    expect((await discover("slow.test", { timeout: 30_000 })).status).toBe("found");
  });

  it("valid JSON served as text/html is used, with a warning from the check", async () => {
    const r = await checkServer("html-type.test", { fetch: transport.fetch, timeout: 30_000 });
    expect(r.status, JSON.stringify(r.diagnostics)).toBe("found");
    expect(codes(r)).toContain("CONTENT_TYPE_NOT_JSON");
  });

  it("no CORS header: found, and the check says browsers cannot read it", async () => {
    const r = await checkServer("nocors.test", { fetch: transport.fetch, timeout: 30_000 });
    expect(r.status, JSON.stringify(r.diagnostics)).toBe("found");
    expect(codes(r)).toContain("CORS_MISSING");
    expect(r.diagnostics.find((d) => d.code === "CORS_MISSING")?.path).toBeUndefined();
  });

  it("one good and one bad contact: found, the good one kept, a diagnostic at /contacts/1", async () => {
    const r = await discover("mixed.test");
    expect(r.status, JSON.stringify(r.diagnostics)).toBe("found");
    expect(r.document?.contacts).toEqual([
      { role: "m.role.admin", email_address: "admin@mixed.test" },
    ]);
    expect(r.diagnostics.some((d) => d.path?.startsWith("/contacts/1"))).toBe(true);
  });

  it("a server name with a port is looked up on port 443 of the hostname", async () => {
    const t = createNodeTransport({
      cacert: fleet.ca.cert,
      connectTo: [`good.test:443:127.0.0.1:${fleet.port}`],
      lookup: (_h, _o, cb) => cb(Object.assign(new Error("no DNS"), { code: "ENOTFOUND" }), []),
    });
    try {
      const r = await discoverSupport("good.test:8448", { fetch: t.fetch, timeout: 30_000 });
      expect(r.url).toBe("https://good.test/.well-known/matrix/support");
      expect(r.status, JSON.stringify(r.diagnostics)).toBe("found");
    } finally {
      await t.close();
    }
  });

  it("--resolve pins the address after --connect-to picked the port", async () => {
    const t = createNodeTransport({
      cacert: fleet.ca.cert,
      connectTo: [`good.test:443::${fleet.port}`],
      resolve: [`good.test:${fleet.port}:127.0.0.1`],
      lookup: (_h, _o, cb) => cb(Object.assign(new Error("no DNS"), { code: "ENOTFOUND" }), []),
    });
    try {
      expect((await discoverSupport("good.test", { fetch: t.fetch })).status).toBe("found");
    } finally {
      await t.close();
    }
  });
});

describe("redirects", () => {
  it("a redirect to a valid file is followed, recorded, and warned about when it changes host", async () => {
    const r = await checkServer("redirect.test", { fetch: transport.fetch, timeout: 30_000 });
    expect(r.status, JSON.stringify(r.diagnostics)).toBe("found");
    expect(r.http.redirects).toEqual([
      {
        url: "https://redirect.test/.well-known/matrix/support",
        status: 302,
        location: "https://good.test/.well-known/matrix/support",
        access_control_allow_origin: "*",
      },
    ]);
    expect(codes(r)).toContain("REDIRECT_OTHER_HOST");
    expect(codes(r)).not.toContain("CORS_MISSING_ON_REDIRECT");
  });

  it("a same-host redirect without CORS is followed and flagged for browsers", async () => {
    const r = await checkServer("same-host.test", { fetch: transport.fetch, timeout: 30_000 });
    expect(r.status, JSON.stringify(r)).toBe("found");
    expect(codes(r)).not.toContain("REDIRECT_OTHER_HOST");
    expect(codes(r)).toContain("CORS_MISSING_ON_REDIRECT");
    // The message cites the rule: spec v1.20, MSC4402.
    expect(r.diagnostics.find((d) => d.code === "CORS_MISSING_ON_REDIRECT")).toMatchObject({
      severity: "warning",
      message: expect.stringMatching(
        /^The redirect from https:\/\/same-host\.test\/.* \(30\d\) has no Access-Control-Allow-Origin header: .*v1\.20, MSC4402/,
      ),
      spec: "https://github.com/matrix-org/matrix-spec-proposals/pull/4402",
    });
  });

  it("a redirect loop is stopped", async () => {
    const r = unreachable(await discover("loop.test"));
    expect(r.failure.phase).toBe("redirect");
    expect(codes(r)).toContain("REDIRECT_LOOP");
    expect(r.http.redirects.length).toBeLessThanOrEqual(3);
  });

  it("a redirect to http is refused", async () => {
    const r = unreachable(await discover("downgrade.test"));
    expect(codes(r)).toEqual(["REDIRECT_INSECURE"]);
  });
});

describe("hostile servers", () => {
  it("a 50 MB body stops at the size cap", async () => {
    const r = unreachable(await discover("huge.test"));
    expect(codes(r)).toEqual(["BODY_TOO_LARGE"]);
    expect(r.bytes).toBeLessThanOrEqual(64 * 1024 + 64 * 1024);
    // The client hung up: the server could not push more than socket buffers hold.
    expect(await sent.huge).toBeLessThan(10 * MIB);
  });

  it("a gzip bomb (1 GiB inflated) stops at the cap, not after inflating", async () => {
    const r = unreachable(await discover("bomb.test"));
    expect(codes(r)).toEqual(["BODY_TOO_LARGE"]);
    expect(r.bytes).toBeLessThanOrEqual(64 * 1024 + 64 * 1024);
  });

  it("headers then one byte every 500 ms ends at the timeout, in the body phase", async () => {
    await warm("drip.test");
    const r = unreachable(await discover("drip.test", { timeout: 2000 }));
    expect(r.failure.phase).toBe("body");
    expect(codes(r)).toEqual(["TIMEOUT"]);
  });

  it("a server that accepts and never answers ends at the timeout", async () => {
    const r = unreachable(await discover("silent.test", { timeout: 800 }));
    expect(codes(r)).toEqual(["TIMEOUT"]);
    // TCP was accepted; the TLS handshake never finished.
    expect(r.failure.phase).toBe("tls");
  });

  it("a server that takes the request and never answers ends at the timeout", async () => {
    await warm("hang.test");
    const r = unreachable(await discover("hang.test", { timeout: 800 }));
    expect(r.failure.phase).toBe("headers");
    expect(codes(r)).toEqual(["TIMEOUT"]);
  });

  it("500 is unreachable (a server error)", async () => {
    const r = unreachable(await discover("error500.test"));
    expect(r.failure.phase).toBe("http");
    expect(codes(r)).toEqual(["HTTP_SERVER_ERROR"]);
  });

  it("a body shorter than its Content-Length is incomplete", async () => {
    const r = unreachable(await discover("short.test"));
    expect(r.failure.phase).toBe("body");
    expect(codes(r)).toEqual(["BODY_INCOMPLETE"]);
  });

  it("__proto__ and constructor keys never touch prototypes", async () => {
    const r = await discover("proto.test");
    expect(r.status, JSON.stringify(r.diagnostics)).toBe("found");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(r.document)).toBe(Object.prototype);
    expect(Object.hasOwn(r.document ?? {}, "__proto__")).toBe(true);
  });
});

describe("answers with nothing usable", () => {
  it.each([
    ["empty-object.test", "EMPTY_DOCUMENT", "200 {}"],
    ["spa.test", "BODY_IS_HTML", "an HTML page"],
    ["badutf8.test", "BODY_NOT_UTF8", "invalid UTF-8"],
    ["deep.test", "DOCUMENT_TOO_DEEP", "20,000 levels of nesting"],
    ["empty.test", "BODY_EMPTY", "an empty body"],
    ["array.test", "NOT_AN_OBJECT", "[]"],
    ["types.test", "WRONG_TYPE", "wrong types"],
  ])("%s is invalid with %s (%s)", async (host, code) => {
    const r = await discover(host);
    expect(r.status, JSON.stringify(r.diagnostics)).toBe("invalid");
    expect(r.document).toBeNull();
    expect(codes(r)).toContain(code);
  });
});

describe("TLS and connection failures say which phase failed", () => {
  it.each([
    ["self-signed.test", "TLS_CERT_SELF_SIGNED"],
    ["other-ca.test", "TLS_CERT_UNTRUSTED"],
    ["expired.test", "TLS_CERT_EXPIRED"],
    ["wrong-name.test", "TLS_CERT_WRONG_NAME"],
  ])("%s: %s", async (host, code) => {
    const r = unreachable(await discover(host));
    expect(r.failure.phase).toBe("tls");
    expect(codes(r)).toEqual([code]);
  });

  it("a refused connection", async () => {
    const r = unreachable(await discover("refused.test"));
    expect(r.failure.phase).toBe("connect");
    expect(codes(r)).toEqual(["CONNECT_FAILED"]);
  });

  it("a name that does not resolve", async () => {
    const t = createNodeTransport({
      lookup: (_h, _o, cb) => cb(Object.assign(new Error("nope"), { code: "ENOTFOUND" }), []),
    });
    try {
      const r = unreachable(await discoverSupport("nowhere.test", { fetch: t.fetch }));
      expect(r.failure.phase).toBe("dns");
      expect(codes(r)).toEqual(["DNS_FAILED"]);
    } finally {
      await t.close();
    }
  });

  it("an address policy refuses before connecting", async () => {
    const t = createNodeTransport({
      cacert: fleet.ca.cert,
      connectTo: [fleet.connectTo],
      addressPolicy: (address) => (address === "127.0.0.1" ? "loopback" : true),
    });
    try {
      const before = fleet.hits("good.test");
      const r = unreachable(await discoverSupport("good.test", { fetch: t.fetch }));
      expect(r.failure.phase).toBe("address");
      expect(codes(r)).toEqual(["ADDRESS_REFUSED"]);
      expect(fleet.hits("good.test")).toBe(before);
    } finally {
      await t.close();
    }
  });

  it("an invalid server name is never fetched", async () => {
    const r = unreachable(await discover("bad name"));
    expect(r.url).toBeNull();
    expect(r.failure.phase).toBe("server_name");
  });

  it("an aborted signal cancels", async () => {
    const r = unreachable(await discover("slow.test", { signal: AbortSignal.abort() }));
    expect(r.failure.phase).toBe("aborted");
  });
});

describe("the preflight", () => {
  it("reports an OPTIONS answer that does not allow GET", async () => {
    const r = await checkServer("preflight.test", { fetch: transport.fetch, timeout: 30_000 });
    expect(codes(r)).toContain("PREFLIGHT_NO_GET");
  });

  it("a good server passes with no transport warning", async () => {
    const r = await checkServer("good.test", { fetch: transport.fetch, timeout: 30_000 });
    expect(r.diagnostics.filter((d) => d.path === undefined)).toEqual([]);
    expect(Object.keys(r)).toEqual(CHECK_JSON_KEYS);
  });
});
