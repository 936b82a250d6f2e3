/**
 * Progress on stderr: a bar redrawn in place on a terminal (done/total when known, rate, ETA,
 * counts by status), plain periodic lines otherwise (logs and CI keep every line).
 */
import type { ScanStats } from "./engine.js";
import { STATUSES } from "./summary.js";

export interface ProgressOptions {
  stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Name lines in the input, when known (a file, counted before the run). */
  total?: number;
  /** How often to draw: default 200 ms on a terminal, 10 s otherwise. */
  intervalMs?: number;
  now?: () => number;
}

export interface Progress {
  update(stats: ScanStats): void;
  /** Clears the bar (terminal) so the summary starts on a clean line. */
  stop(): void;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "?";
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(h > 0 ? 2 : 1, "0");
  return `${h > 0 ? `${h}:` : ""}${mm}:${String(sec).padStart(2, "0")}`;
}

/** One progress line (without bar), e.g. `1200/5000 24% 98.1/s ETA 0:38 found 40 not_found 1100 ...`. */
export function progressText(
  stats: ScanStats,
  total: number | undefined,
  elapsedMs: number,
): string {
  const rate = elapsedMs > 0 ? (stats.written * 1000) / elapsedMs : 0;
  const parts: string[] = [];
  if (total !== undefined && total > 0) {
    const share = Math.min(100, Math.floor((100 * stats.read) / total));
    parts.push(`${stats.read}/${total} ${share}%`);
  } else {
    parts.push(`${stats.read} read`);
  }
  parts.push(`${rate.toFixed(1)}/s`);
  if (total !== undefined && rate > 0) {
    parts.push(`ETA ${formatDuration(Math.max(0, total - stats.read) / rate)}`);
  }
  // Zero counts are left out so the line (and the bar beside it) fits a terminal.
  for (const s of STATUSES) {
    const n = stats.summary.statusCount(s);
    if (n > 0) parts.push(`${s} ${n}`);
  }
  if (stats.excluded > 0) parts.push(`excluded ${stats.excluded}`);
  if (stats.alreadyDone > 0) parts.push(`already done ${stats.alreadyDone}`);
  return parts.join("  ");
}

export function createProgress(options: ProgressOptions): Progress {
  const { stream, total } = options;
  const tty = stream.isTTY === true;
  const interval = options.intervalMs ?? (tty ? 200 : 10_000);
  const now = options.now ?? (() => performance.now());
  const started = now();
  let last: ScanStats | undefined;
  let drawn = false;

  function draw(): void {
    if (!last) return;
    const text = progressText(last, total, now() - started);
    if (tty) {
      const columns = stream.columns !== undefined && stream.columns > 0 ? stream.columns : 80;
      const width = Math.max(20, columns - 1);
      let line = text;
      if (total !== undefined && total > 0) {
        // At least a short bar; the end of the text is cut on a narrow terminal instead.
        const barWidth = Math.max(10, Math.min(30, width - text.length - 3));
        const filled = Math.min(barWidth, Math.round((barWidth * last.read) / total));
        line = `[${"#".repeat(filled)}${".".repeat(barWidth - filled)}] ${text}`;
      }
      stream.write(`\r\x1b[2K${line.slice(0, width)}`);
      drawn = true;
    } else {
      stream.write(`scan: ${text}\n`);
    }
  }

  const timer = setInterval(draw, interval);
  timer.unref();
  return {
    update(stats) {
      last = stats;
    },
    stop() {
      clearInterval(timer);
      if (tty && drawn) stream.write("\r\x1b[2K");
    },
  };
}
