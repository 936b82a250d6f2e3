/**
 * matrix-support/scan: bulk discovery for Node. Streams names in and `check --json` results out as
 * JSONL, resumable after a crash; `report` reads the file back. The checker is injected, so the
 * engine runs with the discovery client or any function of the same shape.
 */

export { createScanChecker, type ScanChecker, type TransportFlags } from "./checker.js";
export {
  type CheckFn,
  failedCheckRecord,
  runScan,
  type ScanOptions,
  type ScanOutcome,
  type ScanStats,
} from "./engine.js";
export {
  type ExcludeList,
  type ExcludeProblem,
  type ExcludeResult,
  parseExcludeList,
  requestHost,
} from "./exclude.js";
export {
  loadExcludeList,
  MAX_EXCLUDE_BYTES,
  type NameList,
  openNameList,
  skippedLine,
} from "./inputs.js";
export {
  type LineSink,
  memorySink,
  type OutputResult,
  openOutput,
  parseRecordLine,
  readScanFile,
  streamSink,
} from "./jsonl.js";
export { countNames, type Line, type NameLine, nameOf, readNames, splitLines } from "./lines.js";
export {
  createProgress,
  finishedNames,
  formatDuration,
  MIN_FINISHED_FOR_ETA,
  type Progress,
  type ProgressOptions,
  progressText,
} from "./progress.js";
export { type Clock, createRateLimiter, parseRate, type RateLimiter, realClock } from "./rate.js";
export {
  CSV_HEADER,
  type CsvReport,
  type CsvReportOptions,
  csvField,
  csvLine,
  csvRow,
  type FileSummary,
  MAX_BAD_LINES_SHOWN,
  type RecordLine,
  readRecords,
  summariseFile,
  unreadableScanFile,
  writeCsvReport,
} from "./report.js";
export {
  formatSummary,
  generalMessage,
  type Painter,
  type ProblemCount,
  type ScanRecord,
  ScanSummary,
  STATUSES,
  type SummaryData,
} from "./summary.js";
