/**
 * What `scan` reads before it contacts anyone: the opt-out list (read whole, honoured exactly or
 * not at all) and the list of names (a file, counted first for the progress display, or standard
 * input). Each refusal is a catalogue diagnostic and the place to name with it.
 */
import { createReadStream } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { type Diagnostic, diagnostic } from "../../../lib/src/core/index.js";
import type { Placed } from "../diagnostic-text.js";
import { describeFsError, InputError, readText } from "../files.js";
import { type ExcludeList, parseExcludeList } from "./exclude.js";
import { countNames } from "./lines.js";

/** An opt-out list is read whole before the scan starts: refused by its size over 16 MiB. */
export const MAX_EXCLUDE_BYTES = 16 * 1024 * 1024;

/** The opt-out list of `--exclude FILE`, or every reason it cannot be used (each bad line named). */
export async function loadExcludeList(
  file: string,
  maxBytes = MAX_EXCLUDE_BYTES,
): Promise<{ ok: true; list: ExcludeList } | { ok: false; diagnostics: Placed[] }> {
  let text: string;
  try {
    text = await readText(file, maxBytes);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const d = diagnostic("SCAN_EXCLUDE_UNREADABLE", undefined, { reason: error.message });
    return { ok: false, diagnostics: [{ diagnostic: d, where: "--exclude" }] };
  }
  const parsed = parseExcludeList(text);
  if (parsed.ok) return parsed;
  const diagnostics: Placed[] = parsed.problems.map((p) => {
    const d = diagnostic("SCAN_EXCLUDE_BAD_LINE", undefined, { text: p.text, reason: p.reason });
    d.line = p.line;
    return { diagnostic: d, where: file };
  });
  const count = parsed.problems.length;
  const d = diagnostic("SCAN_EXCLUDE_INVALID", undefined, { file, count });
  diagnostics.push({ diagnostic: d, where: "--exclude" });
  return { ok: false, diagnostics };
}

/** Where the names come from, opened. */
export interface NameList {
  input: AsyncIterable<Uint8Array | string>;
  /** The names in a regular file, counted before the scan (for done/total and an ETA). */
  total?: number | undefined;
  /** Closes the file; standard input is left to the caller. */
  close(): Promise<void>;
}

/**
 * The list of names: `-` is standard input (refused when it is a terminal: nobody would type a
 * fleet), anything else a file, opened before anything is written so that a typo costs nothing.
 */
export async function openNameList(
  file: string,
  options: { stdin: NodeJS.ReadStream; count: boolean },
): Promise<{ ok: true; names: NameList } | { ok: false; refused: Placed }> {
  if (file === "-") {
    if (options.stdin.isTTY) {
      const d = diagnostic("SCAN_INPUT_TERMINAL", undefined);
      return { ok: false, refused: { diagnostic: d, where: "standard input" } };
    }
    return { ok: true, names: { input: options.stdin, close: async () => {} } };
  }
  const unreadable = (reason: string) => ({
    ok: false as const,
    refused: { diagnostic: diagnostic("SCAN_FILE_UNREADABLE", undefined, { file, reason }) },
  });
  let handle: FileHandle | undefined;
  try {
    handle = await open(file, "r");
    const st = await handle.stat();
    if (st.isDirectory()) {
      await handle.close();
      return unreadable("it is a directory");
    }
    // A regular file can be counted first; a pipe cannot.
    const total =
      st.isFile() && options.count ? await countNames(createReadStream(file)) : undefined;
    const opened = handle;
    return {
      ok: true,
      names: {
        input: opened.createReadStream(),
        total,
        close: () => opened.close(),
      },
    };
  } catch (error) {
    await handle?.close().catch(() => {});
    return unreadable(describeFsError(error));
  }
}

/**
 * A line of the name list that is no name (not UTF-8: `readNames` says so with INPUT_NOT_UTF8),
 * as the scan reports it: skipped, at that line and column, as `report` names its bad lines.
 */
export function skippedLine(problem: Diagnostic): Diagnostic {
  const skipped = diagnostic("SCAN_LINE_SKIPPED", undefined, { reason: problem.message });
  if (problem.line !== undefined) skipped.line = problem.line;
  if (problem.column !== undefined) skipped.column = problem.column;
  return skipped;
}
