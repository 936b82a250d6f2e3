/** Streaming line splitting on bytes, so offsets are exact and a whole input is never held. */

import type { Diagnostic } from "../../../lib/src/core/index.js";
import { decodeStrict } from "../files.js";

export interface Line {
  /** The line's bytes without its `\n` (a `\r` before it is kept; callers decide). */
  bytes: Buffer;
  /** Byte offset of the line's first byte. */
  start: number;
  /** Byte offset just after the line's `\n` (or its last byte when unterminated). */
  end: number;
  /** False for a last line without `\n`: in a JSONL file, a write torn by a crash. */
  terminated: boolean;
  /** True when the line was longer than `maxLineBytes` and only its start is kept. */
  truncated: boolean;
}

const NEWLINE = 0x0a;

/**
 * Splits a byte stream into lines. Memory is bounded by `maxLineBytes` (plus one chunk): a longer
 * line keeps only its first `maxLineBytes` bytes and is flagged `truncated`.
 */
export async function* splitLines(
  source: AsyncIterable<Uint8Array | string>,
  maxLineBytes = 1024 * 1024,
): AsyncGenerator<Line> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let truncated = false;
  let lineStart = 0;
  let offset = 0;
  for await (const raw of source) {
    const chunk =
      typeof raw === "string"
        ? Buffer.from(raw)
        : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf(NEWLINE, from);
      if (nl < 0) break;
      const piece = chunk.subarray(from, nl);
      const bytes = take(pending, pendingBytes, piece, maxLineBytes);
      yield {
        bytes,
        start: lineStart,
        end: offset + nl + 1,
        terminated: true,
        truncated: truncated || pendingBytes + piece.length > maxLineBytes,
      };
      pending = [];
      pendingBytes = 0;
      truncated = false;
      from = nl + 1;
      lineStart = offset + from;
    }
    const rest = chunk.subarray(from);
    if (rest.length > 0) {
      const room = maxLineBytes - pendingBytes;
      if (room > 0) {
        // Copy: the source may reuse its chunk buffers.
        const kept = Buffer.from(rest.subarray(0, room));
        pending.push(kept);
        pendingBytes += kept.length;
      }
      if (rest.length > room) truncated = true;
    }
    offset += chunk.length;
  }
  if (pendingBytes > 0 || truncated) {
    yield {
      bytes: Buffer.concat(pending, pendingBytes),
      start: lineStart,
      end: offset,
      terminated: false,
      truncated,
    };
  }
}

function take(pending: Buffer[], pendingBytes: number, piece: Buffer, max: number): Buffer {
  if (pendingBytes === 0) return piece.length <= max ? piece : piece.subarray(0, max);
  const room = Math.max(0, max - pendingBytes);
  return Buffer.concat([...pending, piece.subarray(0, room)]);
}

export interface NameLine {
  name: string;
  /** 1-based line number in the input. */
  line: number;
}

/** A server name is at most 255 + 6 characters; anything far longer is kept only as a malformed name. */
export const MAX_NAME_LINE_BYTES = 4096;

/**
 * Server names from a list: one per line, surrounding white space trimmed, blank lines and `#`
 * comments skipped (a `#` after a name starts a comment too: no server name contains `#`), a
 * UTF-8 BOM and CRLF line ends accepted. Malformed names are passed on: judging them is the
 * checker's job, so they end up as results, not crashes. A line that is not UTF-8 is no name at
 * all: it is skipped, and `onBadLine` is told with INPUT_NOT_UTF8 (line, column, byte offset).
 */
export async function* readNames(
  source: AsyncIterable<Uint8Array | string>,
  onBadLine?: (problem: Diagnostic) => void,
): AsyncGenerator<NameLine> {
  let lineNumber = 0;
  for await (const line of splitLines(source, MAX_NAME_LINE_BYTES)) {
    lineNumber++;
    const decoded = decodeStrict(line.bytes, { offset: line.start, line: lineNumber });
    if (!decoded.ok) {
      onBadLine?.(decoded.diagnostic);
      continue;
    }
    const name = nameOfText(decoded.text);
    if (name !== undefined) yield { name, line: lineNumber };
  }
}

const decoder = new TextDecoder("utf-8");

/** The name on one line of a list, or undefined for a blank or comment line. */
export function nameOf(bytes: Uint8Array, first = false): string | undefined {
  let text = decoder.decode(bytes);
  if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return nameOfText(text);
}

function nameOfText(line: string): string | undefined {
  let text = line;
  const hash = text.indexOf("#");
  if (hash >= 0) text = text.slice(0, hash);
  text = text.trim();
  return text === "" ? undefined : text;
}

/** Counts the names in a list without keeping them (for a progress total). */
export async function countNames(source: AsyncIterable<Uint8Array | string>): Promise<number> {
  let n = 0;
  for await (const _ of readNames(source)) n++;
  return n;
}
