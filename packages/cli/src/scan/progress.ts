/**
 * Progress on stderr: a bar redrawn in place on a terminal (done/total when known, rate, ETA,
 * counts by status), plain periodic lines otherwise (logs and CI keep every line).
 *
 * "Done" counts names finished with: checked and written, or skipped (duplicate, opt-out, already
 * in the output). The counts shown beside it add up to it; checks still running are shown apart.
 */
import type { ScanStats } from "./engine.js";
import { STATUSES } from "./summary.js";

export interface ProgressOptions {
  stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Name lines in the input, when known (a file, counted before the run). */
  total?: number | undefined;
  /** The per-server timeout: the ETA is never shorter than a running check may still take. */
  timeoutMs?: number | undefined;
  /** How often to draw: default 200 ms on a terminal, 10 s otherwise. */
  intervalMs?: number | undefined;
  now?: (() => number) | undefined;
}

export interface Progress {
  update(stats: ScanStats): void;
  /** Clears the bar (terminal), so a message can be written on a clean line; it comes back. */
  clear(): void;
  /** Stops drawing and clears the bar (terminal) so the summary starts on a clean line. */
  stop(): void;
}

/** Checks that must have finished before an ETA is shown: fewer say nothing about the rest. */
export const MIN_FINISHED_FOR_ETA = 10;

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "?";
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(h > 0 ? 2 : 1, "0");
  return `${h > 0 ? `${h}:` : ""}${mm}:${String(sec).padStart(2, "0")}`;
}

/** Names finished with: checked and written, or skipped. */
export function finishedNames(stats: ScanStats): number {
  return stats.written + stats.duplicates + stats.excluded + stats.alreadyDone;
}

export interface ProgressTextOptions {
  /** The per-server timeout. */
  timeoutMs?: number | undefined;
  /** How long the oldest check still running has been running. */
  oldestRunningMs?: number | undefined;
}

/**
 * One progress line (without bar), e.g.
 * `1200/5000 24%  running 20  98.1/s  ETA 0:38  found 40  not_found 1100  ...`.
 * The rate counts finished checks; the ETA divides the names left by it, and is never shorter than
 * the oldest running check may still take (its timeout minus its age). No ETA before
 * MIN_FINISHED_FOR_ETA checks have finished.
 */
export function progressText(
  stats: ScanStats,
  total: number | undefined,
  elapsedMs: number,
  options: ProgressTextOptions = {},
): string {
  const done = finishedNames(stats);
  const rate = elapsedMs > 0 ? (stats.written * 1000) / elapsedMs : 0;
  const parts: string[] = [];
  if (total !== undefined && total > 0) {
    const share = Math.min(100, Math.floor((100 * done) / total));
    parts.push(`${done}/${total} ${share}%`);
  } else {
    parts.push(`${done} done`);
  }
  if (stats.inFlight > 0) parts.push(`running ${stats.inFlight}`);
  parts.push(`${rate.toFixed(1)}/s`);
  if (total !== undefined && rate > 0 && stats.written >= MIN_FINISHED_FOR_ETA) {
    let eta = Math.max(0, total - done) / rate;
    const { timeoutMs, oldestRunningMs } = options;
    if (stats.inFlight > 0 && timeoutMs !== undefined && oldestRunningMs !== undefined)
      eta = Math.max(eta, Math.max(0, timeoutMs - oldestRunningMs) / 1000);
    parts.push(`ETA ${formatDuration(eta)}`);
  }
  // Zero counts are left out so the line (and the bar beside it) fits a terminal.
  for (const s of STATUSES) {
    const n = stats.summary.statusCount(s);
    if (n > 0) parts.push(`${s} ${n}`);
  }
  // A status outside the usual four (a checker that reports another) still counts.
  const other = stats.written - STATUSES.reduce((n, s) => n + stats.summary.statusCount(s), 0);
  if (other > 0) parts.push(`other ${other}`);
  if (stats.duplicates > 0) parts.push(`duplicate ${stats.duplicates}`);
  if (stats.excluded > 0) parts.push(`excluded ${stats.excluded}`);
  if (stats.alreadyDone > 0) parts.push(`already done ${stats.alreadyDone}`);
  return parts.join("  ");
}

export function createProgress(options: ProgressOptions): Progress {
  const { stream, total, timeoutMs } = options;
  const tty = stream.isTTY === true;
  const interval = options.intervalMs ?? (tty ? 200 : 10_000);
  const now = options.now ?? (() => performance.now());
  const started = now();
  let last: ScanStats | undefined;
  let drawn = false;

  function draw(): void {
    if (!last) return;
    const at = now();
    const text = progressText(last, total, at - started, {
      timeoutMs,
      ...(last.oldestRunningSince !== undefined
        ? { oldestRunningMs: at - last.oldestRunningSince }
        : {}),
    });
    if (tty) {
      const columns = stream.columns !== undefined && stream.columns > 0 ? stream.columns : 80;
      const width = Math.max(20, columns - 1);
      let line = text;
      if (total !== undefined && total > 0) {
        // At least a short bar; the end of the text is cut on a narrow terminal instead.
        const barWidth = Math.max(10, Math.min(30, width - text.length - 3));
        const filled = Math.min(barWidth, Math.round((barWidth * finishedNames(last)) / total));
        line = `[${"#".repeat(filled)}${".".repeat(barWidth - filled)}] ${text}`;
      }
      stream.write(`\r\x1b[2K${line.slice(0, width)}`);
      drawn = true;
    } else {
      stream.write(`scan: ${text}\n`);
    }
  }

  function clear(): void {
    if (tty && drawn) stream.write("\r\x1b[2K");
    drawn = false;
  }

  const timer = setInterval(draw, interval);
  timer.unref();
  return {
    update(stats) {
      last = stats;
    },
    clear,
    stop() {
      clearInterval(timer);
      clear();
    },
  };
}
