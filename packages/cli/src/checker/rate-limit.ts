/**
 * Abuse limits for the probe: a per-client token bucket and a global cap on checks in flight.
 * Clocks are injected so tests never wait.
 */
import { diagnostic } from "../../../lib/src/core/catalogue/index.js";
import type { Diagnostic } from "../../../lib/src/core/diagnostics.js";
import { formatIPv6, parseIPv4, parseIPv6 } from "./address-policy.js";

export interface RateLimiterOptions {
  /** Checks a client may make in a burst. */
  burst: number;
  /** Milliseconds to earn back one check. */
  refillMs: number;
  /** Clients remembered at most; beyond it the least recently seen are forgotten. */
  maxClients?: number;
  now?: () => number;
}

export type RateDecision = { ok: true; remaining: number } | { ok: false; retryAfterMs: number };

/** Credit in milliseconds of refill (one check costs `refillMs`): integers, so no rounding drift. */
interface Bucket {
  credit: number;
  at: number;
}

/** Token bucket per client key. Memory is bounded by `maxClients`. */
/** What a client over its limit is told: the catalogue's message and the Retry-After seconds. */
export function rateLimited(
  limiter: RateLimiter,
  retryAfterMs: number,
): { diagnostic: Diagnostic; seconds: number } {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return {
    seconds,
    diagnostic: diagnostic("PROBE_RATE_LIMITED", undefined, {
      seconds,
      burst: limiter.burst,
      every: Math.round(limiter.refillMs / 1000),
    }),
  };
}

export class RateLimiter {
  readonly burst: number;
  readonly refillMs: number;
  private readonly maxClients: number;
  private readonly now: () => number;
  // A Map iterates in insertion order: re-inserting on use keeps the least recent first.
  private readonly buckets = new Map<string, Bucket>();

  constructor(options: RateLimiterOptions) {
    if (!(options.burst >= 1) || !(options.refillMs > 0))
      throw new RangeError("burst must be >= 1 and refillMs > 0");
    this.burst = Math.floor(options.burst);
    this.refillMs = Math.ceil(options.refillMs);
    this.maxClients = options.maxClients ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Takes one token for `key` if there is one. */
  take(key: string): RateDecision {
    const now = this.now();
    const bucket = this.current(key, now);
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    this.evict();
    if (bucket.credit >= this.refillMs) {
      bucket.credit -= this.refillMs;
      return { ok: true, remaining: Math.floor(bucket.credit / this.refillMs) };
    }
    return { ok: false, retryAfterMs: this.refillMs - bucket.credit };
  }

  /** Clients currently remembered (for tests and metrics). */
  get size(): number {
    return this.buckets.size;
  }

  private current(key: string, now: number): Bucket {
    const full = this.burst * this.refillMs;
    const old = this.buckets.get(key);
    if (!old) return { credit: full, at: now };
    // A clock that goes backwards earns nothing rather than minting tokens.
    const earned = Math.max(0, now - old.at);
    return { credit: Math.min(full, old.credit + earned), at: Math.max(now, old.at) };
  }

  private evict(): void {
    while (this.buckets.size > this.maxClients) {
      const oldest = this.buckets.keys().next();
      if (oldest.done) return;
      this.buckets.delete(oldest.value);
    }
  }
}

/** A global cap on work in flight: `tryAcquire` answers at once, never queues. */
export class ConcurrencyCap {
  private active = 0;
  constructor(readonly max: number) {
    if (!(max >= 1)) throw new RangeError("max must be >= 1");
  }

  /** A release function when there is room, null when the cap is reached. Release is idempotent. */
  tryAcquire(): (() => void) | null {
    if (this.active >= this.max) return null;
    this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
    };
  }

  get inFlight(): number {
    return this.active;
  }
}

/**
 * The rate-limit key for a client address: IPv4 as is; IPv6 by its /64, since one host usually
 * owns a whole /64; IPv4-mapped IPv6 as the IPv4 it maps.
 */
export function clientKeyOf(address: string | undefined): string {
  if (!address) return "unknown";
  const text = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (parseIPv4(text) !== undefined) return text;
  const groups = parseIPv6(text);
  if (!groups) return address;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff)
    return `${(groups[6] ?? 0) >>> 8}.${(groups[6] ?? 0) & 255}.${(groups[7] ?? 0) >>> 8}.${(groups[7] ?? 0) & 255}`;
  return `${formatIPv6([...groups.slice(0, 4), 0, 0, 0, 0])}/64`;
}
