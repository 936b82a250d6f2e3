/** Reading a body safely: streamed, cut at a byte cap, decoded as strict UTF-8. Runs everywhere. */
import type { BodyLike } from "./types.js";

/** `readCapped`'s answer: the bytes, or how much was read before the cap or the error. */
export type BodyRead =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; tooLarge: true; read: number }
  | { ok: false; tooLarge: false; read: number; error: unknown };

/**
 * Reads a stream up to `maxBytes`, then cancels it: a huge or compressed-bomb body costs at most
 * the cap (plus one chunk) in memory, since decompression happens chunk by chunk upstream.
 * `progress` is told the running byte count so a timeout can say how much arrived.
 */
export async function readCapped(
  body: BodyLike | null,
  maxBytes: number,
  progress?: (bytes: number) => void,
): Promise<BodyRead> {
  if (!body) return { ok: true, bytes: new Uint8Array(0) };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!value) continue;
      size += value.byteLength;
      progress?.(size);
      if (size > maxBytes) {
        // Fire and forget: cancelling must not wait for a server that keeps streaming.
        reader.cancel().catch(() => {});
        return { ok: false, tooLarge: true, read: size };
      }
      chunks.push(value);
    }
  } catch (error) {
    reader.cancel().catch(() => {});
    return { ok: false, tooLarge: false, read: size, error };
  }
  if (chunks.length === 1) return { ok: true, bytes: chunks[0]! };
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return { ok: true, bytes };
}

// Stateless between calls (no `stream: true`), so one decoder serves every body.
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** Strict UTF-8: the text, or the offset of the first invalid byte (never a silent U+FFFD). */
export function decodeUtf8(
  bytes: Uint8Array,
): { ok: true; text: string } | { ok: false; offset: number } {
  try {
    return { ok: true, text: strictUtf8.decode(bytes) };
  } catch {
    return { ok: false, offset: firstInvalidUtf8(bytes) };
  }
}

/** The offset of the first byte that breaks UTF-8 (RFC 3629: no overlongs, no surrogates). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) [n, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [n, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = c & (0xff >> (n + 2));
    for (let k = 1; k <= n; k++) {
      const x = b[i + k];
      if (x === undefined || (x & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (x & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return b.length;
}
