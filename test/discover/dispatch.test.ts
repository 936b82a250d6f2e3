/**
 * The Node transport's request path (src/discover/dispatch.ts) against a plain loopback HTTP
 * server: whole bodies through the pause/resume of a slow reader, stacked content codings, aborts
 * before and after the headers, and a cancelled body that leaves the agent usable.
 */
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, createGzip, gzipSync } from "node:zlib";
import { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dispatchAsResponse } from "../../packages/cli/src/transport/dispatch.js";
import { LightAbortSignal } from "../../packages/lib/src/discover/abort.js";
import type { RequestInitLike, ResponseLike } from "../../packages/lib/src/discover/types.js";

const BIG = Buffer.alloc(3 * 1024 * 1024);
for (let i = 0; i < BIG.length; i++) BIG[i] = (i * 7 + (i >> 10)) & 0xff;
const TEXT = Buffer.from('{"contacts":[{"role":"m.role.admin","email_address":"a@example.org"}]}');

let server: Server;
let base: string;
let agent: Agent;
let hits = 0;

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
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  agent = new Agent({ connections: 2 });
});
afterAll(async () => {
  await agent.destroy();
  server.closeAllConnections();
  server.close();
});

const init = (signal: AbortSignal = new AbortController().signal): RequestInitLike => ({
  method: "GET",
  headers: { accept: "*/*" },
  redirect: "manual",
  signal,
});

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

describe("dispatchAsResponse", () => {
  it("reads a 3 MiB body whole through a slow reader (the socket pauses and resumes)", async () => {
    const response = await dispatchAsResponse(agent, `${base}/big`, init());
    expect(response.status).toBe(200);
    const body = await readAll(response, true);
    expect(body.length).toBe(BIG.length);
    expect(body.equals(BIG)).toBe(true);
  });

  it("undoes stacked codings in reverse order, and joins repeated headers", async () => {
    const response = await dispatchAsResponse(agent, `${base}/stacked`, init());
    expect((await readAll(response)).equals(TEXT)).toBe(true);
    const plain = await dispatchAsResponse(agent, `${base}/plain`, init());
    expect(plain.headers.get("X-Twice")).toBe("a, b");
    expect(plain.headers.get("content-type")).toBe("application/json");
    expect(plain.headers.get("etag")).toBeNull();
    await readAll(plain);
  });

  it("rejects at once for a signal aborted before the request, which is never sent", async () => {
    const before = hits;
    const c = new AbortController();
    c.abort(new Error("stopped"));
    await expect(dispatchAsResponse(agent, `${base}/plain`, init(c.signal))).rejects.toThrow(
      "stopped",
    );
    expect(hits).toBe(before);
  });

  it("an abort after the headers fails the reader with the reason (light signal too)", async () => {
    for (const make of [
      () => {
        const c = new AbortController();
        return { signal: c.signal, abort: (e: Error) => c.abort(e) };
      },
      () => {
        const s = new LightAbortSignal();
        return { signal: s as unknown as AbortSignal, abort: (e: Error) => s.abort(e) };
      },
    ]) {
      const { signal, abort } = make();
      const response = await dispatchAsResponse(agent, `${base}/slow`, init(signal));
      const reader = response.body?.getReader();
      expect((await reader?.read())?.done).toBe(false);
      const pending = reader?.read();
      abort(new Error("timed out"));
      await expect(pending).rejects.toThrow("timed out");
    }
  });

  it.each(["/slow", "/gzslow"])(
    "%s: cancel() ends a read already waiting (done, as a WHATWG reader), and later reads",
    async (path) => {
      for (const how of ["reader", "body"] as const) {
        const response = await dispatchAsResponse(agent, `${base}${path}`, init());
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

  it("a cancelled body ends that request and leaves the agent usable", async () => {
    const response = await dispatchAsResponse(agent, `${base}/big`, init());
    const reader = response.body?.getReader();
    await reader?.read();
    await reader?.cancel();
    const next = await dispatchAsResponse(agent, `${base}/plain`, init());
    expect((await readAll(next)).equals(TEXT)).toBe(true);
  });
});
