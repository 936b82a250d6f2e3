/** Discovery's Deadline: one real AbortSignal for a timer and the caller's signal. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { Deadline } from "../../packages/lib/src/discover/discover.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("Deadline", () => {
  it("gives a real AbortSignal", () => {
    const d = new Deadline(1000);
    expect(d.signal).toBeInstanceOf(AbortSignal);
    d.done();
  });

  it("aborts at the timeout, marked as timed out, with a TimeoutError", () => {
    vi.useFakeTimers();
    const d = new Deadline(500);
    const onAbort = vi.fn();
    d.signal.addEventListener("abort", onAbort);
    vi.advanceTimersByTime(499);
    expect(d.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(d.signal.aborted).toBe(true);
    expect(d.timedOut).toBe(true);
    expect((d.signal.reason as DOMException).name).toBe("TimeoutError");
    expect(onAbort).toHaveBeenCalledOnce();
    d.done();
  });

  it("never fires after done()", () => {
    vi.useFakeTimers();
    const d = new Deadline(500);
    d.done();
    vi.advanceTimersByTime(1000);
    expect(d.signal.aborted).toBe(false);
    expect(d.timedOut).toBe(false);
  });

  it("follows the caller's signal (already aborted or later), not as a timeout", () => {
    const before = new AbortController();
    before.abort("stopped");
    const d1 = new Deadline(10_000, before.signal);
    expect(d1.signal.aborted).toBe(true);
    expect(d1.signal.reason).toBe("stopped");
    expect(d1.timedOut).toBe(false);
    d1.done();

    const later = new AbortController();
    const d2 = new Deadline(10_000, later.signal);
    expect(d2.signal.aborted).toBe(false);
    later.abort("stopped later");
    expect(d2.signal.reason).toBe("stopped later");
    expect(d2.timedOut).toBe(false);
    d2.done();

    // After done(), the caller's signal no longer reaches the deadline.
    const unlinked = new AbortController();
    const d3 = new Deadline(10_000, unlinked.signal);
    d3.done();
    unlinked.abort("too late");
    expect(d3.signal.aborted).toBe(false);
  });
});
