import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import {
  createProgress,
  formatDuration,
  progressText,
  type ScanStats,
  ScanSummary,
} from "../../packages/cli/src/scan/index.js";

function stats(read: number, written: number, more: Partial<ScanStats> = {}): ScanStats {
  const summary = new ScanSummary();
  for (let i = 0; i < written; i++)
    summary.add({ server_name: `s${i}`, status: i % 2 ? "found" : "not_found", document: null });
  return {
    read,
    written,
    inFlight: 0,
    duplicates: 0,
    alreadyDone: 0,
    excluded: 3,
    summary,
    ...more,
  };
}

/** The numbers after each label in a progress line. */
const counts = (text: string): Record<string, number> =>
  Object.fromEntries(
    [
      ...text.matchAll(
        /(found|not_found|invalid|unreachable|duplicate|excluded|already done) (\d+)/g,
      ),
    ].map((m) => [m[1], Number(m[2])]),
  );

describe("progress", () => {
  it("counts finished names, not started ones: the counts beside it add up to it", () => {
    // 200 names read: 100 checked and written, 3 excluded, 2 duplicates, 20 still running.
    const s = stats(200, 100, { inFlight: 20, duplicates: 2 });
    const text = progressText(s, 1000, 10_000);
    expect(text).toMatch(/^105\/1000 10% {2}running 20 {2}10\.0\/s {2}ETA 1:30 {2}/);
    const c = counts(text);
    expect(Object.values(c).reduce((a, b) => a + b, 0)).toBe(105);
  });

  it("shows what is done when the total is unknown (standard input)", () => {
    expect(progressText(stats(5, 4, { excluded: 0 }), undefined, 2000)).toMatch(
      /^4 done {2}2\.0\/s {2}found 2/,
    );
  });

  it("shows no ETA before enough checks have finished", () => {
    expect(progressText(stats(20, 9, { inFlight: 11 }), 1000, 1000)).not.toMatch(/ETA/);
    expect(progressText(stats(20, 10, { inFlight: 10 }), 1000, 1000)).toMatch(/ETA/);
  });

  it("never shows an ETA shorter than the oldest running check may still take", () => {
    // 995 of 1000 done at 100/s: 5 names left would say 0:00, but a slow server started 2 s ago
    // may take its whole 30 s timeout.
    const s = stats(1000, 992, { inFlight: 5, excluded: 3 });
    expect(progressText(s, 1000, 9_920)).toMatch(/ETA 0:00/);
    expect(progressText(s, 1000, 9_920, { timeoutMs: 30_000, oldestRunningMs: 2_000 })).toMatch(
      /ETA 0:28/,
    );
    // Nothing running: nothing to wait for.
    const idle = stats(1000, 992, { inFlight: 0, excluded: 3 });
    expect(progressText(idle, 1000, 9_920, { timeoutMs: 30_000 })).toMatch(/ETA 0:00/);
  });

  it("clears its line on a terminal before a message, and draws it again afterwards", async () => {
    let screen = "";
    const stream = Object.assign(
      new Writable({
        write(chunk, _e, cb) {
          screen += String(chunk);
          cb();
        },
      }),
      { isTTY: true, columns: 100 },
    );
    const progress = createProgress({ stream, total: 10, intervalMs: 5 });
    progress.update(stats(3, 2, { excluded: 0, inFlight: 1 }));
    // Wait for the first draw (polling, so a loaded machine only makes the wait longer).
    for (let i = 0; i < 1000 && screen === ""; i++) await new Promise((r) => setTimeout(r, 10));
    expect(screen).toMatch(/\[#+\.+\] 2\/10 20%/);
    screen = "";
    progress.clear();
    expect(screen).toBe("\r\x1b[2K");
    progress.clear(); // nothing drawn since: nothing to clear
    expect(screen).toBe("\r\x1b[2K");
    progress.stop();
  });

  it("formats durations", () => {
    expect(formatDuration(59)).toBe("0:59");
    expect(formatDuration(3725)).toBe("1:02:05");
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe("?");
  });
});
