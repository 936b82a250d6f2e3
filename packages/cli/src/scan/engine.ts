/**
 * The bulk engine: names in, one result line per distinct name out, with bounded concurrency, an
 * optional rate limit and an opt-out list honoured before any request. It holds only the set of
 * names already done or dispatched; names stream in and results stream out.
 */
import { setMaxListeners } from "node:events";
import { diagnostic } from "../../../lib/src/core/index.js";
import { failedCheckReport } from "../../../lib/src/discover/check.js";
import type { ExcludeList } from "./exclude.js";
import type { LineSink } from "./jsonl.js";
import type { NameLine } from "./lines.js";
import type { RateLimiter } from "./rate.js";
import { type ScanRecord, ScanSummary } from "./summary.js";

/** Checks one server: resolves to its `check --json` object. The signal aborts it (hard stop). */
export type CheckFn = (serverName: string, signal: AbortSignal) => Promise<ScanRecord>;

export interface ScanOptions {
  names: AsyncIterable<NameLine>;
  check: CheckFn;
  sink: LineSink;
  /** Requests in flight at most. */
  concurrency: number;
  rate?: RateLimiter | undefined;
  exclude?: ExcludeList | undefined;
  /** Names already in the output (resume): skipped, not modified. */
  done?: Set<string> | undefined;
  /** Graceful stop (first SIGINT): start nothing new, let requests in flight finish and be written. */
  stop?: AbortSignal | undefined;
  /** Hard stop (second SIGINT): abort requests in flight; their results are not written. */
  abort?: AbortSignal | undefined;
  /** Called after each name is handled, and when a check starts (for progress). */
  onProgress?: ((stats: ScanStats) => void) | undefined;
}

export interface ScanStats {
  /** Name lines read from the input (blank and comment lines not counted). */
  read: number;
  /** Results written in this run. */
  written: number;
  /** Requests in flight now. */
  inFlight: number;
  /** When the oldest check still in flight started (`performance.now()`), if any. */
  oldestRunningSince?: number;
  duplicates: number;
  /** Skipped because the output already had them (resume). */
  alreadyDone: number;
  excluded: number;
  summary: ScanSummary;
}

export interface ScanOutcome {
  stats: ScanStats;
  /** True when a stop or abort ended the run before the input did. */
  interrupted: boolean;
  /** A write error stopped the run (the message names the output). */
  writeError?: string;
  /** Reading the input failed part-way. */
  readError?: string;
}

/** The result recorded when the checker itself fails (a bug, never a server's fault): still a line. */
export function failedCheckRecord(serverName: string, error: unknown): ScanRecord {
  const detail = error instanceof Error ? error.message : String(error);
  return failedCheckReport(serverName, diagnostic("SCAN_CHECK_FAILED", undefined, { detail }));
}

export async function runScan(options: ScanOptions): Promise<ScanOutcome> {
  const { check, sink, rate, exclude, stop, abort, onProgress } = options;
  // Names from the output file (resume) and names dispatched in this run: the only state kept.
  const resumed = options.done;
  const seen = new Set<string>();
  const stats: ScanStats = {
    read: 0,
    written: 0,
    inFlight: 0,
    duplicates: 0,
    alreadyDone: 0,
    excluded: 0,
    summary: new ScanSummary(),
  };
  let writeError: string | undefined;
  let readError: string | undefined;
  // Start times of the checks in flight, oldest first (a Map iterates in insertion order).
  const running = new Map<number, number>();
  let nextCheck = 0;
  const oldestRunning = () => {
    const first = running.values().next();
    if (first.done) delete stats.oldestRunningSince;
    else stats.oldestRunningSince = first.value;
  };
  const iterator = options.names[Symbol.asyncIterator]();
  let exhausted = false;
  const halted = () =>
    stop?.aborted === true ||
    abort?.aborted === true ||
    writeError !== undefined ||
    readError !== undefined;
  const hardSignal = abort ?? new AbortController().signal;
  // Every request in flight listens on this one signal: more than the default 10 is expected.
  setMaxListeners(Math.max(10, options.concurrency * 4), hardSignal);

  // A stop must not wait for the next input line (standard input may be idle for ever): the read
  // is raced against the stop; a name that arrives after it is dropped, and --resume redoes it.
  const stopped = new Promise<"stopped">((resolve) => {
    const done = () => resolve("stopped");
    for (const s of [stop, abort]) {
      if (s?.aborted) done();
      else s?.addEventListener("abort", done, { once: true });
    }
  });
  let reading = 0;
  async function nextName(): Promise<IteratorResult<NameLine> | "stopped"> {
    reading++;
    const pending = iterator.next().finally(() => {
      reading--;
    });
    const next = await Promise.race([pending, stopped]);
    if (next === "stopped") pending.catch(() => {}); // its outcome no longer matters
    return next;
  }

  async function worker(): Promise<void> {
    while (!halted()) {
      let next: IteratorResult<NameLine> | "stopped";
      try {
        next = await nextName();
      } catch (error) {
        readError ??= error instanceof Error ? error.message : String(error);
        return;
      }
      if (next === "stopped") return;
      if (next.done) {
        exhausted = true;
        return;
      }
      if (halted()) return;
      const { name } = next.value;
      stats.read++;
      if (resumed?.has(name)) {
        stats.alreadyDone++;
        onProgress?.(stats);
        continue;
      }
      if (seen.has(name)) {
        stats.duplicates++;
        onProgress?.(stats);
        continue;
      }
      seen.add(name);
      if (exclude?.has(name)) {
        stats.excluded++;
        onProgress?.(stats);
        continue;
      }
      if (rate && !(await rate.take(stop))) {
        // Stopped while waiting for a slot: not requested, not written; --resume will do it.
        seen.delete(name);
        return;
      }
      if (halted()) {
        seen.delete(name);
        return;
      }
      stats.inFlight++;
      const id = nextCheck++;
      running.set(id, performance.now());
      oldestRunning();
      onProgress?.(stats);
      let record: ScanRecord;
      try {
        record = await check(name, hardSignal);
      } catch (error) {
        record = failedCheckRecord(name, error);
      } finally {
        stats.inFlight--;
        running.delete(id);
        oldestRunning();
      }
      if (abort?.aborted) return; // an aborted request's result says nothing about the server
      try {
        await sink.write(`${JSON.stringify(record)}\n`);
      } catch (error) {
        writeError ??= error instanceof Error ? error.message : String(error);
        return;
      }
      stats.written++;
      stats.summary.add(record);
      onProgress?.(stats);
    }
  }

  const workers = Array.from({ length: Math.max(1, options.concurrency) }, () => worker());
  await Promise.all(workers);
  if (!exhausted && iterator.return) {
    // Close the input (e.g. the file handle) when the run stopped early; with a read still
    // pending, the close is queued behind it, so it is not awaited.
    const closing = iterator.return(undefined).catch(() => {});
    if (reading === 0) await closing;
  }
  const outcome: ScanOutcome = {
    stats,
    interrupted: !exhausted || abort?.aborted === true || writeError !== undefined,
  };
  if (writeError !== undefined) outcome.writeError = writeError;
  if (readError !== undefined) outcome.readError = readError;
  return outcome;
}
