/**
 * The Node transport's `fetch` and `session()` against a plain loopback HTTP server: whole bodies
 * through a slow reader, stacked content codings, aborts before and after the headers, cancelled
 * bodies, and a session's requests sharing one connection that `close()` ends.
 */
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { brotliCompressSync, createGzip, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeTransport, type NodeTransport } from "../../packages/cli/src/transport/node.js";
import type { RequestInitLike, ResponseLike } from "../../packages/lib/src/discover/types.js";

const BIG = Buffer.alloc(3 * 1024 * 1024);
for (let i = 0; i < BIG.length; i++) BIG[i] = (i * 7 + (i >> 10)) & 0xff;
const TEXT = Buffer.from('{"contacts":[{"role":"m.role.admin","email_address":"a@example.org"}]}');

let server: Server;
let base: string;
let transport: NodeTransport;
let hits = 0;
let connections = 0;
const open = new Set<Socket>();

beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    if (req.url === "/big") {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      // In 64 KiB writes, so the client sees many chunks.
      for (let at = 0; at < BIG.length; at += 65536) res.write(BIG.subarray(at, at + 65536));
      res.end();
    } else if (req.url === "/stacked") {
      // Codings apply in the order listed: gzip first, then br.
      res.writeHead(200, { "content-encoding": "gzip, br" });
      res.end(brotliCompressSync(gzipSync(TEXT)));
    } else if (req.url === "/gzslow") {
      // A gzip stream that starts and never ends.
      res.writeHead(200, { "content-encoding": "gzip" });
      const gz = createGzip();
      gz.pipe(res);
      gz.write("{");
      gz.flush();
    } else if (req.url === "/slow") {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("{");
      // Never ends by itself; the test aborts it.
    } else {
      res.writeHead(200, { "content-type": "application/json", "x-twice": ["a", "b"] });
      res.end(TEXT);
    }
  });
  server.on("connection", (s: Socket) => {
    connections++;
    open.add(s);
    s.on("close", () => open.delete(s));
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  transport = createNodeTransport({ connections: 2 });
});
afterAll(async () => {
  await transport.close();
  server.closeAllConnections();
  server.close();
});

const init = (
  signal: AbortSignal = new AbortController().signal,
  method: "GET" | "OPTIONS" = "GET",
): RequestInitLike => ({ method, headers: { accept: "*/*" }, redirect: "manual", signal });

async function readAll(response: ResponseLike, pause = false): Promise<Buffer> {
  const reader = response.body?.getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const r = await reader?.read();
    if (!r || r.done) break;
    chunks.push(r.value as Uint8Array);
    if (pause) await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return Buffer.concat(chunks);
}

/** Resolves once the server has no socket open (the client closed them). */
async function allClosed(): Promise<void> {
  while (open.size > 0) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe("transport.fetch", () => {
  it("reads a 3 MiB body whole through a slow reader (the socket pauses and resumes)", async () => {
    const response = await transport.fetch(`${base}/big`, init());
    expect(response.status).toBe(200);
    const body = await readAll(response, true);
    expect(body.length).toBe(BIG.length);
    expect(body.equals(BIG)).toBe(true);
  });

  it("undoes stacked codings in reverse order, and joins repeated headers", async () => {
    const response = await transport.fetch(`${base}/stacked`, init());
    expect((await readAll(response)).equals(TEXT)).toBe(true);
    const plain = await transport.fetch(`${base}/plain`, init());
    expect(plain.headers.get("X-Twice")).toBe("a, b");
    expect(plain.headers.get("content-type")).toBe("application/json");
    expect(plain.headers.get("etag")).toBeNull();
    expect(plain.url).toBe(`${base}/plain`);
    await readAll(plain);
  });

  it("rejects at once for a signal aborted before the request, which is never sent", async () => {
    const before = hits;
    const c = new AbortController();
    c.abort(new Error("stopped"));
    await expect(transport.fetch(`${base}/plain`, init(c.signal))).rejects.toThrow("stopped");
    const s = transport.session();
    await expect(s.fetch(`${base}/plain`, init(c.signal))).rejects.toThrow("stopped");
    await s.close();
    expect(hits).toBe(before);
  });

  it("an abort after the headers fails a waiting read with the reason", async () => {
    const c = new AbortController();
    const response = await transport.fetch(`${base}/slow`, init(c.signal));
    const reader = response.body?.getReader();
    expect((await reader?.read())?.done).toBe(false);
    const pending = reader?.read();
    c.abort(new Error("timed out"));
    await expect(pending).rejects.toThrow("timed out");
  });

  it.each(["/slow", "/gzslow"])(
    "%s: cancel() ends a read already waiting (done, as a WHATWG reader), and later reads",
    async (path) => {
      for (const how of ["reader", "body"] as const) {
        const response = await transport.fetch(`${base}${path}`, init());
        const reader = response.body?.getReader();
        expect((await reader?.read())?.done).toBe(false);
        const pending = reader?.read();
        if (how === "reader") await reader?.cancel();
        else await response.body?.cancel();
        expect(await pending).toEqual({ done: true });
        expect(await reader?.read()).toEqual({ done: true });
      }
    },
  );

  it("a cancelled body ends that request and leaves the transport usable", async () => {
    const response = await transport.fetch(`${base}/big`, init());
    const reader = response.body?.getReader();
    await reader?.read();
    await reader?.cancel();
    const next = await transport.fetch(`${base}/plain`, init());
    expect((await readAll(next)).equals(TEXT)).toBe(true);
  });
});

describe("transport.session()", () => {
  it("sends a GET and an OPTIONS to one origin on one connection, which close() ends", async () => {
    await transport.close(); // no kept-alive connection of the shared agent in the count
    transport = createNodeTransport({ connections: 2 });
    await allClosed();
    const before = connections;
    const s = transport.session();
    const signal = new AbortController().signal;
    // Side by side, as check sends them.
    const [get, options] = await Promise.all([
      s.fetch(`${base}/plain`, init(signal)),
      s.fetch(`${base}/plain`, init(signal, "OPTIONS")),
    ]);
    expect((await readAll(get)).equals(TEXT)).toBe(true);
    await readAll(options);
    expect(connections - before).toBe(1);
    expect(open.size).toBe(1);
    await s.close();
    await allClosed();
    expect(open.size).toBe(0);
  });

  it("transport.close() ends the sessions still open", async () => {
    const s = transport.session();
    await readAll(await s.fetch(`${base}/plain`, init()));
    expect(open.size).toBeGreaterThan(0);
    await transport.close();
    await allClosed();
    expect(open.size).toBe(0);
    transport = createNodeTransport({ connections: 2 });
  });
});
