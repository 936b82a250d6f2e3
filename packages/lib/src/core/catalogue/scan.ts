/**
 * Catalogue: what the bulk scan records itself (not findings about a server's file), and what the
 * `scan` and `report` commands tell their user. Owned by src/scan and src/cli/scan.ts.
 */
import type { CatalogueEntry } from "../diagnostics.js";

export const SCAN_CODES = {
  SCAN_CHECK_FAILED: {
    severity: "error",
    message: "The checker failed on this server: {detail}",
    hint: "This is a bug in matrix-support, not a problem of the server; please report it. The server was recorded as unreachable.",
  },
  // ---- scan: flags and inputs (exit 2, nothing scanned) ----
  SCAN_RATE_INVALID: {
    severity: "error",
    message: "Cannot use this rate: {reason}",
    hint: "For example --rate 10/s, --rate 300/min or --rate 5000/h.",
  },
  SCAN_FLAGS_INVALID: {
    severity: "error",
    message: "Cannot connect as asked: {reason}",
    hint: "--cacert, --resolve and --connect-to work as in curl. Nothing was scanned.",
  },
  SCAN_FILE_UNREADABLE: {
    severity: "error",
    message: "Cannot read {file}: {reason}",
  },
  SCAN_INPUT_TERMINAL: {
    severity: "error",
    message: "No server names: standard input is a terminal",
    hint: "Give a FILE of server names (one per line), or pipe them in: `... | matrix-support scan - --out results.jsonl`.",
  },
  SCAN_LINE_SKIPPED: {
    severity: "warning",
    message: "Skipped: {reason}",
    hint: "The line names no server, so it was not checked; the other names were.",
  },
  SCAN_EXCLUDE_UNREADABLE: {
    severity: "error",
    message: "Cannot use the opt-out list: {reason}",
    hint: "Nothing was scanned: servers that opted out are never contacted, so the list must be read first.",
  },
  SCAN_EXCLUDE_BAD_LINE: {
    severity: "error",
    message: '"{text}" is not a server name: {reason}',
    hint: "An opt-out list holds server names (example.org), or *.example.org for every subdomain, one per line.",
  },
  SCAN_EXCLUDE_INVALID: {
    severity: "error",
    message: "The opt-out list {file} has {count} bad line(s); nothing was scanned",
    hint: "Fix the lines named above: an opt-out list is honoured exactly or not at all.",
  },
  // ---- scan: the output file ----
  SCAN_OUTPUT_EXISTS: {
    severity: "error",
    message:
      "{file} already holds results; add --resume to continue that scan, or remove the file to start again",
    hint: "Nothing was changed: scan never overwrites results. Another --out starts a new scan beside it.",
  },
  SCAN_OUTPUT_UNWRITABLE: {
    severity: "error",
    message: "Cannot write {file}: {reason}",
    hint: "Nothing was scanned; a file already there is left as it was.",
  },
  SCAN_RESUME_STDOUT: {
    severity: "error",
    message: "--resume needs an output file, not standard output",
    hint: "Give --out FILE: what a scan wrote to standard output cannot be read back.",
  },
  SCAN_RESUME_FOREIGN: {
    severity: "error",
    message: "Not a scan result line: --resume only continues a file written by scan",
    hint: "Nothing in the file was changed. Choose another --out to start a new scan.",
  },
  SCAN_OUTPUT_REPAIRED: {
    severity: "warning",
    message:
      "The last line was torn by a crash and is cut off ({bytes} bytes): the file is repaired, and that server is checked again",
  },
  SCAN_RESUMING: {
    severity: "info",
    message: "Resuming: {count} server(s) already in {file} are not checked again",
  },
  // ---- scan: the run ----
  SCAN_STOPPING: {
    severity: "info",
    message: "{signal}: finishing the requests in flight, then stopping (again to abort them)",
  },
  SCAN_DONE: {
    severity: "info",
    message:
      "{count} server(s) checked in {seconds} s ({rate}/s); skipped: {duplicates} duplicate(s), {excluded} excluded (opt-out)",
  },
  SCAN_DONE_RESUMED: {
    severity: "info",
    message:
      "{count} server(s) checked in {seconds} s ({rate}/s) in this run, {before} before it; skipped: {duplicates} duplicate(s), {excluded} excluded (opt-out). The whole of {file}:",
  },
  SCAN_WRITE_FAILED: {
    severity: "error",
    message: "Cannot write {file}: {reason}",
    hint: "The results written so far are kept; run the same command again with --resume to continue.",
  },
  SCAN_READ_FAILED: {
    severity: "error",
    message: "Cannot read {file} any further: {reason}",
    hint: "The results written so far are kept; run the same command again with --resume to continue.",
  },
  SCAN_INTERRUPTED: {
    severity: "info",
    message: "Stopped before the end; run the same command with --resume to continue",
  },
  SCAN_INTERRUPTED_STDOUT: {
    severity: "info",
    message:
      "Stopped before the end; standard output cannot be resumed: run again with --out FILE, then --resume continues it",
  },
  // ---- report ----
  REPORT_OPTIONS_CONFLICT: {
    severity: "error",
    message: "--csv and --json cannot be combined",
    hint: "Run report once for each.",
  },
  REPORT_HTML_CONFLICT: {
    severity: "error",
    message: "--html cannot be combined with {flag}",
    hint: "--html writes one page of its own; run report once for each output.",
  },
  REPORT_ONE_FILE: {
    severity: "error",
    message: "{count} files given: only --html reads several scans (in time order)",
    hint: "Give one scan file, or add --html for a report over time; --diff takes the older scan as its value.",
  },
  REPORT_BAD_LINE: {
    severity: "warning",
    message: "Skipped: {reason}",
  },
  REPORT_MORE_BAD_LINES: {
    severity: "warning",
    message: "{count} more bad line(s) skipped",
  },
  REPORT_NOT_A_SCAN: {
    severity: "error",
    message:
      "No check result in {lines} line(s): this is not a file written by scan, so there is nothing to report",
    hint: "Give the --out file of `matrix-support scan` (one `check --json` object per line).",
  },
  REPORT_REPEATED_LAST: {
    severity: "warning",
    message: "{count} server name(s) listed more than once; the last line counts",
  },
  REPORT_FAIL_ON_INVALID: {
    severity: "error",
    message: '--fail-on takes high or medium, not "{value}"',
  },
  REPORT_FAIL_ON_WITHOUT_DIFF: {
    severity: "error",
    message: "--fail-on goes with --diff OLD.jsonl NEW.jsonl",
  },
  REPORT_CSV_WRITE_FAILED: {
    severity: "error",
    message: "Cannot write the CSV: {reason}",
  },
  REPORT_DUPLICATES: {
    severity: "info",
    message: "{count} repeated server name(s) counted once",
  },
  // ---- report --diff (owned by src/scan/diff.ts) ----
  SCAN_FILE_BROKE: {
    severity: "info",
    message: "The file broke: {before} -> {after}{detail}",
    hint: "Someone looking for this server's contacts will not find them until it is fixed.",
  },
  SCAN_FILE_FIXED: {
    severity: "info",
    message: "The server now publishes a usable file: {before} -> {after}",
  },
  SCAN_STATUS_CHANGED: {
    severity: "info",
    message: "The status changed: {before} -> {after}{detail}",
  },
  SCAN_SERVER_ADDED: {
    severity: "info",
    message: "Only in the new scan (status {after})",
  },
  SCAN_SERVER_DROPPED: {
    severity: "info",
    message: "Only in the old scan (status {before})",
  },
} as const satisfies Record<string, CatalogueEntry>;
