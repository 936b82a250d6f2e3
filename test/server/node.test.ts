import { connect, type Socket } from "node:net";
import { PassThrough } from "node:stream";
import express from "express";
import Fastify from "fastify";
import { afterAll, describe, expect, it } from "vitest";
import { createLogger } from "../../packages/cli/src/serve/logger.js";
import { createMetrics } from "../../packages/cli/src/serve/metrics.js";
import { startServer } from "../../packages/cli/src/serve/server.js";
import { toNodeListener, toNodeMiddleware } from "../../packages/lib/src/node/adapter.js";
import { wellKnownBodies } from "../../packages/lib/src/server/bodies.js";
import { createSupportHandler } from "../../packages/lib/src/server/handler.js";
import { exampleConfig } from "./helpers.js";

const SUPPORT = "/.well-known/matrix/support";
const BODY = wellKnownBodies(exampleConfig).support!;
const logger = createLogger({ destination: new PassThrough(), level: "silent" });
const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function start(options: Partial<Parameters<typeof startServer>[0]> = {}) {
  const running = await startServer({
    config: exampleConfig,
    host: "127.0.0.1",
    port: 0,
    logger,
    ...options,
  });
  cleanups.push(() => running.close(1000));
  return running;
}

describe("the node:http server", () => {
  it("serves the same bytes and headers as the web handler", async () => {
    const metrics = createMetrics({ version: "test", defaults: false });
    const s = await start({ metrics });
    const res = await fetch(new URL(SUPPORT, s.url));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(BODY);
    const web = await createSupportHandler(exampleConfig)(new Request(`http://x${SUPPORT}`));
    for (const h of [
      "content-type",
      "etag",
      "cache-control",
      "access-control-allow-origin",
      "x-content-type-options",
      "content-length",
    ])
      expect(res.headers.get(h), h).toBe(web.headers.get(h));
    const etag = res.headers.get("etag")!;
    expect(
      (await fetch(new URL(SUPPORT, s.url), { headers: { "if-none-match": etag } })).status,
    ).toBe(304);
    expect((await fetch(new URL("/check", s.url))).status).toBe(404);
    const text = await (await fetch(new URL("/metrics", s.url))).text();
    expect(text).toContain('matrix_support_http_requests_total{route="support",status="200"} 1');
    expect(text).toContain('matrix_support_http_requests_total{route="support",status="304"} 1');
    expect(text).toContain('matrix_support_http_requests_total{route="other",status="404"} 1');
  });

  it("bridges other requests, bodies included, to mounted routes", async () => {
    const s = await start({
      routes: { "/echo": async (req) => new Response(`${req.method} ${await req.text()}`) },
    });
    const res = await fetch(new URL("/echo", s.url), { method: "POST", body: "hello" });
    expect(await res.text()).toBe("POST hello");
  });

  it("bridges many requests on one keep-alive connection without piling up listeners", async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on("warning", onWarning);
    const s = await start({ routes: { "/echo": () => new Response("ok") } });
    for (let i = 0; i < 30; i++) {
      const res = await fetch(new URL("/echo", s.url));
      expect(await res.text()).toBe("ok");
    }
    process.off("warning", onWarning);
    expect(warnings.filter((w) => w.name === "MaxListenersExceededWarning")).toEqual([]);
  });

  it("aborts a mounted route's request when the client goes away", async () => {
    let aborted!: () => void;
    const wasAborted = new Promise<void>((r) => {
      aborted = r;
    });
    let entered!: () => void;
    const inside = new Promise<void>((r) => {
      entered = r;
    });
    const s = await start({
      routes: {
        "/wait": (req) =>
          new Promise<Response>((resolve) => {
            req.signal.addEventListener("abort", () => {
              aborted();
              resolve(new Response("late"));
            });
            entered();
          }),
      },
    });
    const client = new AbortController();
    const pending = fetch(new URL("/wait", s.url), { signal: client.signal }).catch(() => "gone");
    await inside;
    client.abort();
    expect(await pending).toBe("gone");
    await wasAborted;
  });

  it("refuses oversized headers with 431", async () => {
    const s = await start({ hardening: { maxHeaderSize: 4096 } });
    const res = await fetch(new URL(SUPPORT, s.url), { headers: { "x-big": "a".repeat(8000) } });
    expect(res.status).toBe(431);
  });

  it("300 half-open connections do not delay a normal request, and are cut at the headers timeout", async () => {
    const s = await start({ hardening: { headersTimeoutMs: 1500, checkIntervalMs: 250 } });
    const sockets: Socket[] = [];
    const closed: Promise<string>[] = [];
    await Promise.all(
      Array.from({ length: 300 }, () => {
        const socket = connect(s.address.port, "127.0.0.1");
        sockets.push(socket);
        let got = "";
        socket.on("data", (d) => {
          got += d.toString();
        });
        socket.on("error", () => {});
        closed.push(new Promise((r) => socket.on("close", () => r(got))));
        return new Promise<void>((resolve) =>
          socket.on("connect", () => {
            // Headers that never end: no blank line.
            socket.write(`GET ${SUPPORT} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: `);
            resolve();
          }),
        );
      }),
    );
    cleanups.push(() => {
      for (const x of sockets) x.destroy();
    });
    const res = await fetch(new URL(SUPPORT, s.url));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(BODY);
    // The normal request was answered while every slow connection was still open.
    expect(sockets.filter((x) => x.destroyed).length).toBe(0);
    const answers = await Promise.all(closed);
    expect(answers.every((a) => a === "" || a.startsWith("HTTP/1.1 408"))).toBe(true);
  });

  it("finishes in-flight requests on close, refusing new connections", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let entered!: () => void;
    const inside = new Promise<void>((r) => {
      entered = r;
    });
    const s = await start({
      routes: {
        "/slow": async () => {
          entered();
          await gate;
          return new Response("done");
        },
      },
    });
    const pending = fetch(new URL("/slow", s.url));
    await inside;
    const closing = s.close(5000);
    await expect(fetch(new URL(SUPPORT, s.url))).rejects.toThrow();
    release();
    const res = await pending;
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("done");
    expect(await closing).toBe(true);
  });
});

describe("framework examples via the Node adapter", () => {
  const listen = async (app: {
    listen: (port: number, host: string, cb: () => void) => unknown;
  }) => {
    const server = await new Promise<import("node:http").Server>((resolve) => {
      const srv = app.listen(0, "127.0.0.1", () => resolve(srv as import("node:http").Server));
    });
    cleanups.push(() => new Promise((r) => server.close(r)));
    const address = server.address() as import("node:net").AddressInfo;
    return `http://127.0.0.1:${address.port}`;
  };

  it("Express: a middleware that falls through for the app's own routes", async () => {
    const support = createSupportHandler(exampleConfig);
    const app = express();
    app.get("/hello", (_req, res) => {
      res.send("hello from express");
    });
    app.use(toNodeMiddleware(support));
    app.use((_req, res) => {
      res.status(404).send("express 404");
    });
    const base = await listen(app);
    const res = await fetch(`${base}${SUPPORT}`);
    expect(await res.text()).toBe(BODY);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(await (await fetch(`${base}/hello`)).text()).toBe("hello from express");
    expect(await (await fetch(`${base}/elsewhere`)).text()).toBe("express 404");
  });

  it("Express: mounted under /.well-known/matrix", async () => {
    const app = express();
    app.use("/.well-known/matrix", toNodeMiddleware(createSupportHandler(exampleConfig)));
    const base = await listen(app);
    expect(await (await fetch(`${base}${SUPPORT}`)).text()).toBe(BODY);
  });

  it("Fastify: a wildcard route handing the raw request to the adapter", async () => {
    const listener = toNodeListener(createSupportHandler(exampleConfig));
    const app = Fastify();
    app.get("/hello", async () => "hello from fastify");
    app.all("/.well-known/matrix/*", (request, reply) => {
      reply.hijack();
      listener(request.raw, reply.raw);
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
    cleanups.push(() => app.close());
    const address = app.server.address() as import("node:net").AddressInfo;
    const base = `http://127.0.0.1:${address.port}`;
    const res = await fetch(`${base}${SUPPORT}`);
    expect(await res.text()).toBe(BODY);
    expect((await fetch(`${base}${SUPPORT}`, { method: "OPTIONS" })).status).toBe(204);
    expect((await fetch(`${base}${SUPPORT}`, { method: "POST" })).status).toBe(405);
    expect(await (await fetch(`${base}/hello`)).text()).toBe("hello from fastify");
  });
});
