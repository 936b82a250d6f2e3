/** The light abort signal our Node transport accepts, and the Deadline that picks it. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { publicPortFetch } from "../../packages/cli/src/checker/guard.js";
import {
  acceptLightSignal,
  acceptsLightSignal,
  LightAbortSignal,
  sameSignalAs,
} from "../../packages/lib/src/discover/abort.js";
import { Deadline } from "../../packages/lib/src/discover/discover.js";
import type { FetchLike } from "../../packages/lib/src/discover/types.js";

const plainFetch: FetchLike = async () => {
  throw new Error("not called");
};

afterEach(() => {
  vi.useRealTimers();
});

describe("LightAbortSignal", () => {
  it("runs each listener once, in order, with aborted and reason already set", () => {
    const s = new LightAbortSignal();
    const seen: string[] = [];
    s.addEventListener("abort", () => seen.push(`a:${s.aborted}:${String(s.reason)}`));
    s.addEventListener("abort", () => seen.push("b"));
    s.abort("why");
    s.abort("again");
    expect(seen).toEqual(["a:true:why", "b"]);
    expect(s.reason).toBe("why");
  });

  it("forgets a removed listener, and ignores listeners added after the abort", () => {
    const s = new LightAbortSignal();
    const removed = vi.fn();
    const kept = vi.fn();
    s.addEventListener("abort", removed);
    s.addEventListener("abort", kept);
    s.removeEventListener("abort", removed);
    s.removeEventListener("abort", () => {}); // unknown: no effect
    s.abort(undefined);
    const late = vi.fn();
    s.addEventListener("abort", late);
    expect(removed).not.toHaveBeenCalled();
    expect(kept).toHaveBeenCalledOnce();
    expect(late).not.toHaveBeenCalled();
  });

  it("as EventTarget: a listener added twice runs once; one removed by an earlier one does not run", () => {
    const s = new LightAbortSignal();
    const twice = vi.fn();
    const removed = vi.fn();
    s.addEventListener("abort", twice);
    s.addEventListener("abort", twice);
    s.addEventListener("abort", () => s.removeEventListener("abort", removed));
    s.addEventListener("abort", removed);
    s.abort("x");
    expect(twice).toHaveBeenCalledOnce();
    expect(removed).not.toHaveBeenCalled();
  });

  it("a throwing listener does not stop the others; the error is reported, not swallowed", () => {
    const s = new LightAbortSignal();
    const after = vi.fn();
    const queued: (() => void)[] = [];
    vi.spyOn(globalThis, "queueMicrotask").mockImplementation((fn) => queued.push(fn));
    s.addEventListener("abort", () => {
      throw new Error("listener failed");
    });
    s.addEventListener("abort", after);
    s.abort(undefined);
    vi.restoreAllMocks();
    expect(after).toHaveBeenCalledOnce();
    // Rethrown from a microtask, as EventTarget reports a listener's error.
    expect(queued).toHaveLength(1);
    expect(() => queued[0]?.()).toThrow("listener failed");
  });
});

describe("Deadline", () => {
  it("gives a real AbortSignal to an unmarked fetch and a light one to a marked fetch", () => {
    const real = new Deadline(1000, undefined, plainFetch);
    expect(real.signal).toBeInstanceOf(AbortSignal);
    real.done();
    const marked = acceptLightSignal(async () => {
      throw new Error("not called");
    });
    expect(acceptsLightSignal(marked)).toBe(true);
    expect(acceptsLightSignal(plainFetch)).toBe(false);
    const light = new Deadline(1000, undefined, marked);
    expect(light.signal).toBeInstanceOf(LightAbortSignal);
    light.done();
  });

  it.each([
    ["real", plainFetch],
    ["light", acceptLightSignal((async () => {}) as unknown as FetchLike)],
  ])("%s: aborts at the timeout, marked as timed out", (_kind, fetch) => {
    vi.useFakeTimers();
    const d = new Deadline(500, undefined, fetch);
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

  it.each([
    ["real", plainFetch],
    ["light", acceptLightSignal((async () => {}) as unknown as FetchLike)],
  ])(
    "%s: follows the caller's signal (already aborted or later), not as a timeout",
    (_k, fetch) => {
      const before = new AbortController();
      before.abort("stopped");
      const d1 = new Deadline(10_000, before.signal, fetch);
      expect(d1.signal.aborted).toBe(true);
      expect(d1.signal.reason).toBe("stopped");
      expect(d1.timedOut).toBe(false);
      d1.done();

      const later = new AbortController();
      const d2 = new Deadline(10_000, later.signal, fetch);
      expect(d2.signal.aborted).toBe(false);
      later.abort("stopped later");
      expect(d2.signal.reason).toBe("stopped later");
      d2.done();

      // After done(), the caller's signal no longer reaches the deadline.
      const unlinked = new AbortController();
      const d3 = new Deadline(10_000, unlinked.signal, fetch);
      d3.done();
      unlinked.abort("too late");
      expect(d3.signal.aborted).toBe(false);
    },
  );
});

describe("wrappers", () => {
  it("a wrapper that passes its signal on is marked exactly when what it wraps is", () => {
    const marked = acceptLightSignal((async () => {}) as unknown as FetchLike);
    const wrap = (inner: FetchLike): FetchLike =>
      sameSignalAs(inner, (url, init) => inner(url, init));
    expect(acceptsLightSignal(wrap(marked))).toBe(true);
    expect(acceptsLightSignal(wrap(plainFetch))).toBe(false);
    // The probe's port guard is such a wrapper.
    expect(acceptsLightSignal(publicPortFetch(marked))).toBe(true);
    expect(acceptsLightSignal(publicPortFetch(plainFetch))).toBe(false);
  });
});
