// The per-client token bucket and the global concurrency cap, on an injected clock.
import { describe, expect, it } from "vitest";
import {
  ConcurrencyCap,
  clientKeyOf,
  RateLimiter,
} from "../../packages/cli/src/checker/rate-limit.js";

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("RateLimiter", () => {
  it("allows a burst, then refuses with the wait until the next token", () => {
    const c = clock();
    const limiter = new RateLimiter({ burst: 3, refillMs: 6000, now: c.now });
    expect(limiter.take("a")).toEqual({ ok: true, remaining: 2 });
    expect(limiter.take("a")).toEqual({ ok: true, remaining: 1 });
    expect(limiter.take("a")).toEqual({ ok: true, remaining: 0 });
    expect(limiter.take("a")).toEqual({ ok: false, retryAfterMs: 6000 });
    c.advance(2000);
    expect(limiter.take("a")).toEqual({ ok: false, retryAfterMs: 4000 });
  });

  it("refills one token per interval, never above the burst", () => {
    const c = clock();
    const limiter = new RateLimiter({ burst: 2, refillMs: 1000, now: c.now });
    limiter.take("a");
    limiter.take("a");
    c.advance(1000);
    expect(limiter.take("a").ok).toBe(true);
    expect(limiter.take("a").ok).toBe(false);
    c.advance(60_000);
    expect(limiter.take("a")).toEqual({ ok: true, remaining: 1 });
    expect(limiter.take("a")).toEqual({ ok: true, remaining: 0 });
    expect(limiter.take("a").ok).toBe(false);
  });

  it("keeps clients apart", () => {
    const c = clock();
    const limiter = new RateLimiter({ burst: 1, refillMs: 1000, now: c.now });
    expect(limiter.take("a").ok).toBe(true);
    expect(limiter.take("a").ok).toBe(false);
    expect(limiter.take("b").ok).toBe(true);
  });

  it("mints nothing when the clock goes backwards", () => {
    const c = clock();
    const limiter = new RateLimiter({ burst: 1, refillMs: 1000, now: c.now });
    limiter.take("a");
    c.advance(-50_000);
    expect(limiter.take("a").ok).toBe(false);
  });

  it("forgets the least recently seen clients beyond maxClients", () => {
    const c = clock();
    const limiter = new RateLimiter({ burst: 1, refillMs: 1000, maxClients: 2, now: c.now });
    limiter.take("a");
    limiter.take("b");
    limiter.take("a"); // a is now the most recent
    limiter.take("c"); // evicts b
    expect(limiter.size).toBe(2);
    expect(limiter.take("a").ok).toBe(false); // a kept its empty bucket
    expect(limiter.take("b").ok).toBe(true); // b starts afresh
  });

  it("rejects nonsense settings", () => {
    expect(() => new RateLimiter({ burst: 0, refillMs: 1000 })).toThrow(RangeError);
    expect(() => new RateLimiter({ burst: 1, refillMs: 0 })).toThrow(RangeError);
  });
});

describe("ConcurrencyCap", () => {
  it("admits up to max, then refuses until one is released", () => {
    const cap = new ConcurrencyCap(2);
    const r1 = cap.tryAcquire();
    const r2 = cap.tryAcquire();
    expect(r1).not.toBeNull();
    expect(r2).not.toBeNull();
    expect(cap.tryAcquire()).toBeNull();
    r1?.();
    r1?.(); // releasing twice frees one slot only
    expect(cap.inFlight).toBe(1);
    expect(cap.tryAcquire()).not.toBeNull();
    expect(cap.tryAcquire()).toBeNull();
  });
});

describe("clientKeyOf", () => {
  it.each([
    ["203.0.113.9", "203.0.113.9"],
    ["::ffff:203.0.113.9", "203.0.113.9"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:db8:1:2:ffff::1", "2001:db8:1:2::/64"],
    ["[2001:db8:1:2::9]", "2001:db8:1:2::/64"],
    ["fe80::1%eth0", "fe80::/64"],
    [undefined, "unknown"],
    ["", "unknown"],
  ])("%s -> %s", (address, key) => {
    expect(clientKeyOf(address)).toBe(key);
  });
});
