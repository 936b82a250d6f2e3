/**
 * MSC4402 (spec v1.20): a .well-known redirect should carry the CORS headers. `serve` (the library
 * handler behind the Node adapter, with the web checker mounted as `serve --checker` does) never
 * redirects: not for the well-known files, not for any spelling of them, not for its other paths.
 * Its only 3xx is 304 Not Modified, which carries the CORS headers of the file.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebChecker } from "../../packages/cli/src/checker/index.js";
import { toNodeListener } from "../../packages/lib/src/node/adapter.js";
import { createSupportHandler } from "../../packages/lib/src/server/handler.js";
import { CLIENT_PATHS, redirectsAt } from "../helpers/redirects.js";
import { emptySupportConfig, exampleConfig } from "./helpers.js";

const OTHER_PATHS = [
  "/",
  "//",
  "/index.html",
  "/healthz",
  "/healthz/",
  "/metrics",
  "/check",
  "/check/",
  "/check/assets/",
  "/api/check",
  "/api/check/",
  "/.well-known",
  "/.well-known/",
  "/.well-known/matrix",
  "/.well-known/matrix/",
];

describe.each([
  ["a published support file", exampleConfig],
  ["nothing published", emptySupportConfig],
])("serve with %s", (_label, config) => {
  let server: Server;
  let base = "";
  let close = async () => {};

  beforeAll(async () => {
    const checker = createWebChecker({ check: async () => ({}) });
    close = checker.close;
    const handler = createSupportHandler(config, { routes: checker.routes });
    server = createServer(toNodeListener(handler));
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((done) => server.close(() => done()));
    await close();
  });

  it("never answers with a redirect", async () => {
    expect(await redirectsAt(base, [...CLIENT_PATHS, ...OTHER_PATHS])).toEqual([]);
  });

  it("its one 3xx, 304 Not Modified, carries the CORS headers", async () => {
    const first = await request(`${base}/.well-known/matrix/support`);
    await first.body.dump();
    const etag = first.headers.etag;
    if (first.statusCode === 404) {
      expect(etag).toBeUndefined();
      return;
    }
    expect(typeof etag).toBe("string");
    const again = await request(`${base}/.well-known/matrix/support`, {
      headers: { "if-none-match": String(etag), origin: "https://app.example" },
    });
    await again.body.dump();
    expect(again.statusCode).toBe(304);
    expect(again.headers["access-control-allow-origin"]).toBe("*");
  });
});
