import { describe, expect, it } from "vitest";
import {
  formatDuration,
  progressText,
  type ScanStats,
  ScanSummary,
} from "../../packages/cli/src/scan/index.js";

function stats(read: number, written: number): ScanStats {
  const summary = new ScanSummary();
  for (let i = 0; i < written; i++)
    summary.add({ server_name: `s${i}`, status: i % 2 ? "found" : "not_found", document: null });
  return { read, written, inFlight: 0, duplicates: 0, alreadyDone: 0, excluded: 3, summary };
}

describe("progress", () => {
  it("shows done/total, rate, ETA and counts by status when the total is known", () => {
    const text = progressText(stats(200, 100), 1000, 10_000);
    expect(text).toBe("200/1000 20%  10.0/s  ETA 1:20  found 50  not_found 50  excluded 3");
  });

  it("shows what was read when the total is unknown (standard input)", () => {
    expect(progressText(stats(5, 4), undefined, 2000)).toMatch(/^5 read {2}2\.0\/s {2}found 2/);
  });

  it("formats durations", () => {
    expect(formatDuration(59)).toBe("0:59");
    expect(formatDuration(3725)).toBe("1:02:05");
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe("?");
  });
});
