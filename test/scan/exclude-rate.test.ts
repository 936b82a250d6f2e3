import { describe, expect, it } from "vitest";
import {
  type Clock,
  createRateLimiter,
  parseExcludeList,
  parseRate,
} from "../../packages/cli/src/scan/index.js";

describe("parseExcludeList", () => {
  const parsed = parseExcludeList("# opted out\nExample.org\n*.corp.example\n\n[::1]:8448\n");
  if (!parsed.ok) throw new Error("expected a list");
  const list = parsed.list;

  it("matches on the host a request would go to, whatever the port or case", () => {
    expect(list.size).toBe(3);
    expect(list.has("example.org")).toBe(true);
    expect(list.has("EXAMPLE.org:8448")).toBe(true);
    expect(list.has("[::1]")).toBe(true);
    expect(list.has("sub.example.org")).toBe(false);
  });

  it("covers subdomains with *.domain, not the domain itself", () => {
    expect(list.has("a.corp.example")).toBe(true);
    expect(list.has("a.b.corp.example:443")).toBe(true);
    expect(list.has("corp.example")).toBe(false);
    expect(list.has("xcorp.example")).toBe(false);
  });

  it("names each bad line", () => {
    const bad = parseExcludeList("ok.org\nnot a name\n*.\n");
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems.map((p) => p.line)).toEqual([2, 3]);
  });
});

describe("parseRate", () => {
  it("reads N/s, N/min, N/h and a bare N", () => {
    expect(parseRate("50/s")).toEqual({ ok: true, perSecond: 50 });
    expect(parseRate("120/min")).toEqual({ ok: true, perSecond: 2 });
    expect(parseRate("3600/h")).toEqual({ ok: true, perSecond: 1 });
    expect(parseRate("2.5")).toEqual({ ok: true, perSecond: 2.5 });
  });
  it("refuses nonsense with a reason", () => {
    for (const t of ["", "fast", "0/s", "5/fortnight", "-1/s"]) expect(parseRate(t).ok).toBe(false);
  });
});

/** A clock that only moves when someone sleeps: rate limiting tested without real time. */
function fakeClock(): Clock & { t: number; sleeps: number[] } {
  const c = {
    t: 0,
    sleeps: [] as number[],
    now: () => c.t,
    sleep: async (ms: number) => {
      c.sleeps.push(ms);
      c.t += ms;
    },
  };
  return c;
}

describe("createRateLimiter", () => {
  it("spaces starts 1/rate apart, without a catch-up burst after a pause", async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter(10, clock);
    const starts: number[] = [];
    for (let i = 0; i < 4; i++) {
      await limiter.take();
      starts.push(clock.t);
    }
    expect(starts).toEqual([0, 100, 200, 300]);
    clock.t += 1000; // idle for a second
    await limiter.take();
    await limiter.take();
    expect(clock.t).toBe(1400);
  });

  it("refuses a slot once the stop signal fired", async () => {
    const limiter = createRateLimiter(1, fakeClock());
    const stop = new AbortController();
    stop.abort();
    expect(await limiter.take(stop.signal)).toBe(false);
  });
});
