/** The cache's expiry rules, with an injected clock and a fake discovery (no network). */
import { describe, expect, it } from "vitest";
import { answerTtl, errorTtl, nextEntry } from "../../packages/lib/src/discover/cache.js";
import {
  type DiscoveryResult,
  DEFAULT_CACHE_POLICY as P,
  SupportCache,
} from "../../packages/lib/src/discover/index.js";

const HOUR = 3_600_000;
const T0 = Date.parse("2026-01-01T00:00:00Z");

function found(headers: Record<string, string> = {}): DiscoveryResult {
  return {
    status: "found",
    serverName: "example.org",
    url: "https://example.org/.well-known/matrix/support",
    document: { support_page: "https://example.org/help" },
    value: { support_page: "https://example.org/help" },
    diagnostics: [],
    http: { status: 200, redirects: [], headers, elapsed_ms: 1 },
  };
}
function notFound(): DiscoveryResult {
  return { ...found(), status: "not_found", document: null };
}
function down(): DiscoveryResult {
  return {
    ...found(),
    status: "unreachable",
    document: null,
    failure: { phase: "connect", code: "CONNECT_FAILED", message: "refused" },
  };
}

describe("answerTtl: Cache-Control and Expires within bounds", () => {
  it("defaults to 24 h when the answer says nothing", () => {
    expect(answerTtl({}, P, T0)).toBe(24 * HOUR);
  });
  it("honours max-age, minus Age", () => {
    expect(answerTtl({ "cache-control": "public, max-age=7200" }, P, T0)).toBe(2 * HOUR);
    expect(answerTtl({ "cache-control": "max-age=7200", age: "3600" }, P, T0)).toBe(HOUR);
  });
  it("caps at 48 h and floors at 5 min", () => {
    expect(answerTtl({ "cache-control": "max-age=31536000" }, P, T0)).toBe(48 * HOUR);
    expect(answerTtl({ "cache-control": "max-age=0" }, P, T0)).toBe(5 * 60_000);
    expect(answerTtl({ "cache-control": "no-cache" }, P, T0)).toBe(5 * 60_000);
  });
  it("uses Expires minus Date without max-age", () => {
    const date = new Date(T0).toUTCString();
    const expires = new Date(T0 + 3 * HOUR).toUTCString();
    expect(answerTtl({ date, expires }, P, T0)).toBe(3 * HOUR);
    expect(answerTtl({ date, expires: "0" }, P, T0)).toBe(5 * 60_000);
  });
  it("no-store means do not keep it", () => {
    expect(answerTtl({ "cache-control": "no-store" }, P, T0)).toBeNull();
    expect(nextEntry(undefined, found({ "cache-control": "no-store" }), T0, P)).toBeNull();
  });
});

describe("negative caching and backoff", () => {
  it("a 404 is kept for an hour", () => {
    expect(nextEntry(undefined, notFound(), T0, P)?.expiresAt).toBe(T0 + HOUR);
  });
  it("errors back off exponentially up to an hour", () => {
    expect([1, 2, 3, 7, 20].map((n) => errorTtl(n, P))).toEqual([
      60_000,
      120_000,
      240_000,
      HOUR,
      HOUR,
    ]);
    const first = nextEntry(undefined, down(), T0, P)!;
    const second = nextEntry(first, down(), T0 + 60_000, P)!;
    expect([first.failures, second.failures]).toEqual([1, 2]);
    expect(second.expiresAt).toBe(T0 + 60_000 + 120_000);
  });
  it("keeps the last good document while the server is down, for up to 7 days", () => {
    const good = nextEntry(undefined, found(), T0, P)!;
    const later = nextEntry(good, down(), T0 + 25 * HOUR, P)!;
    expect(later.result.status).toBe("found");
    expect(later.failures).toBe(1);
    const tooLate = nextEntry(good, down(), T0 + 8 * 24 * HOUR, P)!;
    expect(tooLate.result.status).toBe("unreachable");
  });
});

describe("SupportCache", () => {
  function setup(results: DiscoveryResult[]) {
    let now = T0;
    const calls: string[] = [];
    const cache = new SupportCache({
      now: () => now,
      discover: async (name) => {
        calls.push(name);
        return results.shift() ?? down();
      },
    });
    return { cache, calls, advance: (ms: number) => (now += ms) };
  }

  it("serves fresh entries from the cache, then refetches", async () => {
    const { cache, calls, advance } = setup([found({ "cache-control": "max-age=3600" }), found()]);
    expect((await cache.get("example.org")).source).toBe("network");
    advance(30 * 60_000);
    expect((await cache.get("Example.org")).source).toBe("cache");
    expect(calls).toHaveLength(1);
    advance(2 * HOUR); // past the stale-while-revalidate window too
    expect((await cache.get("example.org")).source).toBe("network");
    expect(calls).toHaveLength(2);
  });

  it("serves stale while revalidating, once", async () => {
    const { cache, calls, advance } = setup([found({ "cache-control": "max-age=3600" }), found()]);
    await cache.get("example.org");
    advance(HOUR + 60_000);
    const [a, b] = await Promise.all([cache.get("example.org"), cache.get("example.org")]);
    expect([a.source, b.source]).toEqual(["stale", "stale"]);
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toHaveLength(2);
    expect((await cache.get("example.org")).source).toBe("cache");
  });

  it("serves the last good document when the refresh fails", async () => {
    const { cache, advance } = setup([found(), down()]);
    await cache.get("example.org");
    advance(3 * 24 * HOUR);
    const r = await cache.get("example.org");
    expect(r.result.status).toBe("found");
    expect(r.source).toBe("stale");
  });
});
