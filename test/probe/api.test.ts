// /api/check as a web-standard handler with an injected check: limits, refusals, sharing.
import { describe, expect, it } from "vitest";
import { createProbeHandler } from "../../packages/cli/src/checker/api.js";
import { ConcurrencyCap, RateLimiter } from "../../packages/cli/src/checker/rate-limit.js";

const report = (name: string) => ({
  server_name: name,
  url: `https://${name}/.well-known/matrix/support`,
  status: "not_found",
  document: null,
  diagnostics: [],
  http: { status: 404, redirects: [], elapsed_ms: 3 },
});

const get = (query: string, from = "198.51.100.1", method = "GET") => {
  const request = new Request(`http://checker.test/api/check${query}`, { method });
  FROM.set(request, from);
  return request;
};
const FROM = new WeakMap<Request, string>();
const clientAddress = (r: Request) => FROM.get(r);

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe("createProbeHandler", () => {
  it("answers the check's JSON as is, uncached and without CORS", async () => {
    const seen: string[] = [];
    const handler = createProbeHandler({
      check: async (name) => {
        seen.push(name);
        return report(name);
      },
      clientAddress,
    });
    const response = await handler(get("?server=example.org"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(await response.json()).toEqual(report("example.org"));
    expect(seen).toEqual(["example.org"]);
  });

  it("400 with PROBE_NO_SERVER when the server parameter is missing or blank", async () => {
    const handler = createProbeHandler({ check: async (n) => report(n), clientAddress });
    for (const q of ["", "?server=", "?server=%20%20"]) {
      const response = await handler(get(q));
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("PROBE_NO_SERVER");
      expect(body.error.message).toMatch(/server=NAME/);
    }
  });

  it("405 with Allow for other methods", async () => {
    const handler = createProbeHandler({ check: async (n) => report(n), clientAddress });
    const response = await handler(get("?server=a.org", undefined, "POST"));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      "PROBE_METHOD_NOT_ALLOWED",
    );
  });

  it("429 with Retry-After once a client's burst is spent; other clients unaffected", async () => {
    let t = 0;
    const handler = createProbeHandler({
      check: async (n) => report(n),
      clientAddress,
      limiter: new RateLimiter({ burst: 2, refillMs: 5000, now: () => t }),
      reuseMs: 0,
      now: () => t,
    });
    expect((await handler(get("?server=a.org"))).status).toBe(200);
    expect((await handler(get("?server=b.org"))).status).toBe(200);
    const refused = await handler(get("?server=c.org"));
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("5");
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("PROBE_RATE_LIMITED");
    expect(body.error.message).toContain("5 s");
    expect((await handler(get("?server=c.org", "203.0.113.7"))).status).toBe(200);
    t += 5000;
    expect((await handler(get("?server=c.org"))).status).toBe(200);
  });

  it("rate-limits an IPv6 client by its /64", async () => {
    const handler = createProbeHandler({
      check: async (n) => report(n),
      clientAddress,
      limiter: new RateLimiter({ burst: 1, refillMs: 60_000 }),
      reuseMs: 0,
    });
    expect((await handler(get("?server=a.org", "2001:db8:1:2::1"))).status).toBe(200);
    expect((await handler(get("?server=b.org", "2001:db8:1:2::ffff"))).status).toBe(429);
    expect((await handler(get("?server=b.org", "2001:db8:1:3::1"))).status).toBe(200);
  });

  it("429 PROBE_BUSY when the global cap is reached, and room again after", async () => {
    const gates = new Map<string, ReturnType<typeof deferred<void>>>();
    const handler = createProbeHandler({
      check: async (name) => {
        const gate = deferred<void>();
        gates.set(name, gate);
        await gate.promise;
        return report(name);
      },
      clientAddress,
      cap: new ConcurrencyCap(2),
      reuseMs: 0,
    });
    const first = handler(get("?server=a.org", "192.0.2.1"));
    const second = handler(get("?server=b.org", "192.0.2.2"));
    const busy = await handler(get("?server=c.org", "192.0.2.3"));
    expect(busy.status).toBe(429);
    expect(((await busy.json()) as { error: { code: string } }).error.code).toBe("PROBE_BUSY");
    expect(busy.headers.get("retry-after")).not.toBeNull();
    gates.get("a.org")?.resolve();
    expect((await first).status).toBe(200);
    const third = handler(get("?server=c.org", "192.0.2.3"));
    await Promise.resolve();
    gates.get("b.org")?.resolve();
    await new Promise((r) => setTimeout(r, 0));
    gates.get("c.org")?.resolve();
    expect((await second).status).toBe(200);
    expect((await third).status).toBe(200);
  });

  it("shares one check between requests for the same name (in flight, then briefly reused)", async () => {
    let runs = 0;
    let t = 0;
    const gate = deferred<void>();
    const handler = createProbeHandler({
      check: async (name) => {
        runs++;
        await gate.promise;
        return report(name);
      },
      clientAddress,
      reuseMs: 10_000,
      now: () => t,
    });
    const a = handler(get("?server=example.org", "192.0.2.1"));
    const b = handler(get("?server=example.org", "192.0.2.2"));
    gate.resolve();
    expect((await a).status).toBe(200);
    expect((await b).status).toBe(200);
    expect(runs).toBe(1);
    t += 5_000;
    await handler(get("?server=example.org", "192.0.2.3"));
    expect(runs).toBe(1);
    t += 10_000;
    await handler(get("?server=example.org", "192.0.2.3"));
    expect(runs).toBe(2);
  });

  it("a check that throws (a bug) still answers a check-shaped result, once", async () => {
    const errors: unknown[] = [];
    const handler = createProbeHandler({
      check: async () => {
        throw new Error("boom");
      },
      clientAddress,
      onError: (e) => errors.push(e),
    });
    const response = await handler(get("?server=a.org"));
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      status: string;
      diagnostics: { code: string; message: string }[];
    };
    expect(body.status).toBe("unreachable");
    expect(body.diagnostics[0]?.code).toBe("PROBE_FAILED");
    expect(body.diagnostics[0]?.message).toContain("boom");
    expect(errors).toHaveLength(1);
  });

  it("HEAD answers headers only", async () => {
    const handler = createProbeHandler({ check: async (n) => report(n), clientAddress });
    const response = await handler(get("?server=a.org", undefined, "HEAD"));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
  });
});
