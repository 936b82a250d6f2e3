/**
 * An answer of undici's `request()` as the `ResponseLike` discovery reads: repeated headers joined
 * as fetch joins them, and the body decompressed as fetch does (gzip, deflate, br; lenient about a
 * missing end; stacked codings undone in reverse) through zlib streams. The body is read one chunk
 * at a time, so backpressure stops the socket, and the inflater, as soon as the reader stops:
 * the reader's size cap (discovery's `readCapped`) stops a compression bomb after one chunk past
 * the cap. Node only.
 */
import { pipeline, type Readable, type Transform } from "node:stream";
import * as zlib from "node:zlib";
import type { Dispatcher } from "undici";
import type { BodyLike, BodyReader, ResponseLike } from "../../../lib/src/discover/types.js";

function decoder(coding: string): Transform | undefined {
  const lenient = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  switch (coding) {
    case "gzip":
    case "x-gzip":
      return zlib.createGunzip(lenient);
    case "deflate":
      return zlib.createInflate(lenient);
    case "br":
      return zlib.createBrotliDecompress({
        flush: zlib.constants.BROTLI_OPERATION_FLUSH,
        finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
      });
    default:
      return undefined;
  }
}

/** The decoders for a Content-Encoding value, last coding first; none when one is unknown. */
export function decodersFor(contentEncoding: string | null): Transform[] {
  if (!contentEncoding) return [];
  const codings = contentEncoding
    .toLowerCase()
    .split(",")
    .map((c) => c.trim())
    .filter((c) => c !== "" && c !== "identity")
    .reverse();
  const decoders: Transform[] = [];
  for (const coding of codings) {
    const d = decoder(coding);
    // An unknown coding leaves the bytes as sent (fetch does the same).
    if (!d) return [];
    decoders.push(d);
  }
  return decoders;
}

/** One reason for every cancelled body: an error made per cancel costs its stack trace. */
const CANCELLED = new DOMException("the body was cancelled", "AbortError");

/**
 * A Node stream as a `BodyLike`. As a WHATWG reader: `cancel()` ends the stream (and so the
 * request) and makes every read done, one already waiting too; an error of the stream (an abort,
 * a socket closed early, bad compressed data) rejects the read.
 */
export function streamBody(stream: Readable): BodyLike {
  // The reader gets the stream's errors; without a listener of its own, an error (or undici's
  // "aborted" on a cancel) before the first read would be an uncaught exception.
  stream.on("error", () => {});
  const chunks = stream[Symbol.asyncIterator]();
  let cancelled = false;
  const cancel = async () => {
    cancelled = true;
    stream.destroy(CANCELLED);
  };
  const reader: BodyReader = {
    async read() {
      if (cancelled) return { done: true };
      try {
        const next = await chunks.next();
        return next.done || cancelled ? { done: true } : { done: false, value: next.value };
      } catch (error) {
        if (cancelled) return { done: true };
        throw error;
      }
    },
    cancel,
  };
  return { getReader: () => reader, cancel };
}

export function asResponse(url: string, data: Dispatcher.ResponseData): ResponseLike {
  const { headers } = data;
  const get = (name: string): string | null => {
    const v = headers[name.toLowerCase()];
    return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
  };
  const decoders = decodersFor(get("content-encoding"));
  const last = decoders.at(-1);
  // pipeline() passes errors and destruction along the chain both ways: cancelling the last
  // decoder ends the request; an abort of the request fails the reader.
  if (last) pipeline([data.body, ...decoders], () => {});
  return {
    status: data.statusCode,
    statusText: data.statusText ?? "",
    url,
    headers: { get },
    body: streamBody(last ?? data.body),
  };
}
