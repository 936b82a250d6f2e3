/** The optional global rate limit (`--rate N/s`): request starts spaced evenly, no bursts. */

export type RateResult = { ok: true; perSecond: number } | { ok: false; reason: string };

const UNITS: Record<string, number> = { s: 1, sec: 1, m: 60, min: 60, h: 3600 };

/** `"50/s"`, `"600/min"`, `"1000/h"`, `"2.5/s"` or a bare `"50"` (per second). */
export function parseRate(text: string): RateResult {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:\/\s*([a-z]+))?\s*$/i.exec(text);
  if (!m) return { ok: false, reason: `"${text}" is not a rate; write it as N/s, N/min or N/h` };
  const count = Number(m[1]);
  const unit = (m[2] ?? "s").toLowerCase();
  const seconds = UNITS[unit];
  if (seconds === undefined)
    return { ok: false, reason: `unknown unit "/${m[2]}" in "${text}"; use /s, /min or /h` };
  if (!(count > 0)) return { ok: false, reason: "the rate must be more than 0" };
  return { ok: true, perSecond: count / seconds };
}

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener("abort", done);
        resolve();
      }
      signal?.addEventListener("abort", done, { once: true });
    }),
};

export interface RateLimiter {
  /** Waits for the next start slot. Resolves false (without taking a slot) when `signal` aborts first. */
  take(signal?: AbortSignal): Promise<boolean>;
}

/** Slots every 1/perSecond seconds; a caller that arrives late starts at once (no catch-up burst). */
export function createRateLimiter(perSecond: number, clock: Clock = realClock): RateLimiter {
  const interval = 1000 / perSecond;
  let next = Number.NEGATIVE_INFINITY;
  return {
    async take(signal) {
      if (signal?.aborted) return false;
      const now = clock.now();
      const slot = Math.max(now, next);
      next = slot + interval;
      if (slot > now) await clock.sleep(slot - now, signal);
      // An aborted wait gives its slot back only when it was the last one handed out.
      if (signal?.aborted) {
        if (next === slot + interval) next = slot;
        return false;
      }
      return true;
    },
  };
}
