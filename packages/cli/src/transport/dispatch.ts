/**
 * One request through an undici Dispatcher, answered as a `ResponseLike`, without the stream
 * machinery of `undici.request`: the handler queues body chunks for the reader and pauses the
 * socket when the reader falls behind. Redirects are not followed (the caller records them); a
 * compressed body goes through zlib chunk by chunk, so a size cap stops a bomb early. Node only.
 */
import { PassThrough, pipeline, type Readable } from "node:stream";
import * as zlib from "node:zlib";
import type { Dispatcher } from "undici";
import type {
  BodyLike,
  BodyReader,
  RequestInitLike,
  ResponseLike,
} from "../../../lib/src/discover/types.js";

/** Bytes queued for the reader before the socket is paused. */
const HIGH_WATER = 64 * 1024;

/** Decompresses as fetch does (gzip, deflate, br; lenient about a missing end), chunk by chunk. */
function decoder(encoding: string): NodeJS.ReadWriteStream | undefined {
  const lenient = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  switch (encoding) {
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
function decodersFor(contentEncoding: string | null): NodeJS.ReadWriteStream[] {
  if (!contentEncoding) return [];
  const codings = contentEncoding
    .toLowerCase()
    .split(",")
    .map((c) => c.trim())
    .filter((c) => c !== "" && c !== "identity");
  // Codings apply in order, so they are undone in reverse; an unknown one leaves the bytes as sent.
  const decoders = codings.reverse().map(decoder);
  return decoders.every((d) => d !== undefined) ? (decoders as NodeJS.ReadWriteStream[]) : [];
}

/** Where the handler puts what arrives: plain chunks, or the input of a zlib pipeline. */
interface Sink {
  /** False when the reader is behind: the socket pauses until `onDrain` runs. */
  push(chunk: Uint8Array): boolean;
  end(): void;
  fail(error: unknown): void;
  body: BodyLike;
}

/**
 * What one reader waits on. The producer sets `ended` or `error` and calls `notify()`; `cancel()`
 * makes every read done, pending ones too, as a WHATWG reader's.
 */
class ReadState {
  ended = false;
  cancelled = false;
  error: unknown = undefined;
  private wake: (() => void) | undefined;

  notify(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  /** A reader taking chunks with `take` (null: none yet) until the end, an error or `stop`. */
  reader(take: () => Uint8Array | null, stop: () => void): BodyReader {
    return {
      read: async () => {
        for (;;) {
          if (this.cancelled) return { done: true };
          const value = take();
          if (value !== null) return { done: false, value };
          if (this.error !== undefined) throw this.error;
          if (this.ended) return { done: true };
          await new Promise<void>((resolve) => {
            this.wake = resolve;
          });
        }
      },
      cancel: async () => stop(),
    };
  }
}

/** Chunks queued for one reader; `resume` restarts a paused socket, `cancel` ends the request. */
function chunkSink(resume: () => void, cancel: () => void): Sink {
  const chunks: Uint8Array[] = [];
  let head = 0;
  let queued = 0;
  const state = new ReadState();
  const stop = () => {
    if (state.cancelled) return;
    state.cancelled = true;
    chunks.length = 0;
    head = 0;
    state.notify();
    cancel();
  };
  const take = (): Uint8Array | null => {
    if (head === chunks.length) return null;
    const value = chunks[head] as Uint8Array;
    chunks[head++] = undefined as unknown as Uint8Array;
    if (head === chunks.length) {
      chunks.length = 0;
      head = 0;
    }
    const wasFull = queued >= HIGH_WATER;
    queued -= value.byteLength;
    if (wasFull && queued < HIGH_WATER) resume();
    return value;
  };
  const reader = state.reader(take, stop);
  return {
    push(chunk) {
      chunks.push(chunk);
      queued += chunk.byteLength;
      state.notify();
      return queued < HIGH_WATER;
    },
    end() {
      state.ended = true;
      state.notify();
    },
    fail(e) {
      state.error ??= e;
      state.notify();
    },
    body: { getReader: () => reader, cancel: async () => stop() },
  };
}

/** A Node stream as a `BodyLike`, read in paused mode (cheaper than an async iterator per body). */
function streamBody(stream: Readable): BodyLike {
  const state = new ReadState();
  const notify = () => state.notify();
  stream
    .on("readable", notify)
    .on("end", () => {
      state.ended = true;
      notify();
    })
    .on("error", (e: unknown) => {
      state.error ??= e;
      notify();
    })
    .on("close", () => {
      // Destroyed without an error reaching us (e.g. the pipeline's error came after): a reader
      // must still wake up.
      if (!state.ended && !state.cancelled)
        state.error ??= Object.assign(new Error("the body stream closed early"), {
          code: "UND_ERR_SOCKET",
        });
      notify();
    });
  const stop = () => {
    state.cancelled = true;
    notify();
    stream.destroy();
  };
  const reader = state.reader(() => stream.read() as Uint8Array | null, stop);
  return { getReader: () => reader, cancel: async () => stop() };
}

/** Compressed bodies: the chunks go into the first decoder, the reader reads the last one. */
function decodingSink(
  decoders: NodeJS.ReadWriteStream[],
  resume: () => void,
  cancel: () => void,
): Sink {
  const input = new PassThrough({ highWaterMark: HIGH_WATER });
  input.on("drain", resume);
  const output = pipeline([input, ...decoders], () => {}) as unknown as Readable;
  const body = streamBody(output);
  return {
    push: (chunk) => input.write(chunk),
    end: () => input.end(),
    fail: (error) => input.destroy(error instanceof Error ? error : new Error(String(error))),
    body: {
      getReader: () => {
        const r = body.getReader();
        return {
          read: () => r.read(),
          async cancel() {
            cancel();
            await r.cancel();
          },
        };
      },
      cancel: async () => {
        cancel();
        await body.cancel();
      },
    },
  };
}

function headerGetter(headers: Record<string, string | string[] | undefined>) {
  return (name: string): string | null => {
    const v = headers[name.toLowerCase()];
    return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
  };
}

/**
 * Sends one request and resolves with the response once its headers are in. An abort of
 * `init.signal` rejects at once, before a connection exists too (as fetch does), and while the
 * body is still arriving fails the body's reader; once the body is all in, it is the reader's.
 */
export function dispatchAsResponse(
  dispatcher: Dispatcher,
  url: string,
  init: RequestInitLike,
): Promise<ResponseLike> {
  const signal = init.signal;
  return new Promise<ResponseLike>((resolve, reject) => {
    const u = new URL(url);
    let controller: Dispatcher.DispatchController | undefined;
    let sink: Sink | undefined;
    let settled = false;
    const reasonOf = () => signal.reason ?? new DOMException("aborted", "AbortError");
    const fail = (error: unknown) => {
      signal.removeEventListener("abort", onAbort);
      if (!settled) {
        settled = true;
        reject(error);
      } else sink?.fail(error);
    };
    const onAbort = () => {
      const reason = reasonOf();
      if (controller && !controller.aborted) controller.abort(reason as Error);
      fail(reason);
    };
    if (signal.aborted) {
      reject(reasonOf());
      return;
    }
    signal.addEventListener("abort", onAbort, { once: true });
    const cancel = () => {
      if (controller && !controller.aborted)
        controller.abort(new DOMException("the body was cancelled", "AbortError"));
    };
    const resume = () => controller?.resume();
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(c) {
        controller = c;
        if (signal.aborted) c.abort(reasonOf() as Error);
      },
      onResponseStart(_c, statusCode, headers, statusMessage) {
        // 1xx informational answers come before the real one.
        if (statusCode < 200) return;
        const get = headerGetter(headers);
        const decoders = decodersFor(get("content-encoding"));
        sink =
          decoders.length > 0 ? decodingSink(decoders, resume, cancel) : chunkSink(resume, cancel);
        settled = true;
        resolve({
          status: statusCode,
          statusText: statusMessage ?? "",
          url,
          headers: { get },
          body: sink.body,
        });
      },
      onResponseData(c, chunk) {
        if (sink && !sink.push(chunk)) c.pause();
      },
      onResponseEnd() {
        signal.removeEventListener("abort", onAbort);
        sink?.end();
      },
      onResponseError(_c, error) {
        fail(error);
      },
    };
    dispatcher.dispatch(
      {
        origin: u.origin,
        path: `${u.pathname}${u.search}`,
        method: init.method,
        headers: { "accept-encoding": "gzip, deflate, br", ...init.headers },
      },
      handler,
    );
  });
}
