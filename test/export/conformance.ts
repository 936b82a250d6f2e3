/**
 * The one definition of "served right", written once and run against every target (nginx, Caddy,
 * Apache with the exported snippets) and against `matrix-support serve` itself.
 */
import { request } from "undici";
import { expect } from "vitest";
import type { WellKnownBodies } from "../../packages/lib/src/server/bodies.js";

export interface Expected {
  /** `wellKnownBodies(config)`: the exact bytes each path must send, or absent = 404. */
  bodies: WellKnownBodies;
  cacheMaxAge: number;
}

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

async function send(
  url: string,
  method: string,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const res = await request(url, {
    method,
    headers: { origin: "https://app.example", ...headers },
  });
  const body = Buffer.from(await res.body.arrayBuffer());
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers))
    if (v !== undefined) flat[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  return { status: res.statusCode, headers: flat, body };
}

const list = (v: string | undefined) =>
  (v ?? "")
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);

async function expectPreflight(url: string, label: string): Promise<void> {
  const r = await send(url, "OPTIONS", {
    "access-control-request-method": "GET",
    "access-control-request-headers": "authorization, x-requested-with",
  });
  expect(r.status, `${label}: OPTIONS status`).toBe(204);
  expect(r.headers["access-control-allow-origin"], `${label}: preflight ACAO`).toBe("*");
  const methods = list(r.headers["access-control-allow-methods"]);
  expect(methods, `${label}: preflight methods`).toEqual(
    expect.arrayContaining(["get", "options"]),
  );
  expect(list(r.headers["access-control-allow-headers"]), `${label}: preflight headers`).toEqual(
    expect.arrayContaining(["x-requested-with", "content-type", "authorization"]),
  );
  expect(r.body.length, `${label}: preflight body`).toBe(0);
}

/** Asserts everything a client and a browser rely on, for every well-known path, at `base`. */
export async function expectServedRight(base: string, expected: Expected): Promise<void> {
  const root = base.replace(/\/+$/, "");
  for (const name of ["support", "client", "server"] as const) {
    const url = `${root}/.well-known/matrix/${name}`;
    const label = `${base} ${name}`;
    const body = expected.bodies[name];
    if (body === undefined) {
      const r = await send(url, "GET");
      expect(r.status, `${label}: unconfigured answers 404`).toBe(404);
      expect(r.body.toString("utf8").trim(), `${label}: never {}`).not.toBe("{}");
      if (name === "support") {
        // Nothing to publish: a readable 404 (CORS), and the preflight still works.
        expect(r.headers["access-control-allow-origin"], `${label}: 404 ACAO`).toBe("*");
        await expectPreflight(url, label);
      }
      continue;
    }

    const get = await send(url, "GET");
    expect(get.status, `${label}: GET status`).toBe(200);
    // Compared as text first for a readable diff, then as bytes.
    expect(get.body.toString("utf8"), `${label}: body`).toBe(body);
    expect(get.body.equals(Buffer.from(body, "utf8")), `${label}: body bytes`).toBe(true);
    expect(get.headers["content-type"], `${label}: Content-Type`).toBe("application/json");
    expect(get.headers["access-control-allow-origin"], `${label}: ACAO`).toBe("*");
    expect(get.headers["cache-control"], `${label}: Cache-Control`).toBe(
      `public, max-age=${expected.cacheMaxAge}`,
    );
    expect(get.headers["x-content-type-options"], `${label}: nosniff`).toBe("nosniff");

    const head = await send(url, "HEAD");
    expect(head.status, `${label}: HEAD status`).toBe(200);
    expect(head.headers["content-type"], `${label}: HEAD Content-Type`).toBe("application/json");
    expect(head.headers["access-control-allow-origin"], `${label}: HEAD ACAO`).toBe("*");
    expect(head.body.length, `${label}: HEAD body`).toBe(0);

    await expectPreflight(url, label);

    const post = await send(url, "POST", { "content-type": "application/json" });
    expect(post.status, `${label}: POST status`).toBe(405);
    expect(post.headers["access-control-allow-origin"], `${label}: 405 ACAO`).toBe("*");
  }
  const other = await send(`${root}/.well-known/matrix/nothing-here`, "GET");
  expect(other.status, `${base}: unknown well-known`).toBe(404);
}
