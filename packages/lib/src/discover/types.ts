/** The discovery client's types: what goes in (options), what comes out (a result union). */
import type { Diagnostic } from "../core/diagnostics.js";
import type { SupportDocument } from "../core/types.js";

/** The part of a body reader discovery uses; a web `ReadableStream` reader is one. */
export interface BodyReader {
  /** The next chunk, or `done`. */
  read(): Promise<{ done: boolean; value?: Uint8Array | undefined }>;
  /** Stops reading and releases the connection. */
  cancel(reason?: unknown): Promise<void>;
}

/** A response body: a web `ReadableStream<Uint8Array>`, or anything with the same two methods. */
export interface BodyLike {
  /** A reader of the body's chunks. */
  getReader(): BodyReader;
  /** Discards the body. */
  cancel(reason?: unknown): Promise<void>;
}

/** The part of a `Response` discovery reads; the web `fetch`, undici's and our Node transport satisfy it. */
export interface ResponseLike {
  readonly status: number;
  readonly statusText?: string;
  /** `opaqueredirect` in browsers, where `redirect: "manual"` hides the hop. */
  readonly type?: string;
  readonly url?: string;
  readonly headers: { get(name: string): string | null };
  readonly body: BodyLike | null;
}

/** What discovery passes to `fetch`. */
export interface RequestInitLike {
  method: "GET" | "OPTIONS";
  headers: Record<string, string>;
  redirect: "manual" | "follow";
  signal: AbortSignal;
}

/** A `fetch`-compatible function: the global one, undici's, or a test double. */
export type FetchLike = (url: string, init: RequestInitLike) => Promise<ResponseLike>;

/** Options of `discoverSupport`; every one is optional. */
export interface DiscoverOptions {
  /** Defaults to the global `fetch`. Any fetch-compatible function works (undici's, a test double, a proxy). */
  fetch?: FetchLike | undefined;
  /** Cancels the whole discovery. */
  signal?: AbortSignal | undefined;
  /** For the whole discovery, every redirect and the body included (ms, default 10 000). */
  timeout?: number | undefined;
  /** Body size cap after decompression (bytes, default 65 536). */
  maxBytes?: number | undefined;
  /** Redirects followed before giving up (default 5). */
  maxRedirects?: number | undefined;
  /** Sent as User-Agent where the platform allows it (browsers do not). */
  userAgent?: string | undefined;
  /** Sent as Origin so the answer shows its CORS headers (browsers send their own). */
  origin?: string | undefined;
  /** Run the spec core's checks beyond the spec (no security contact, ...). Default false. */
  lint?: boolean | undefined;
}

/** Time limit of a whole discovery: 10 s. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Body cap after decompression: 64 KiB. */
export const DEFAULT_MAX_BYTES = 64 * 1024;
/** Redirects followed at most: 5. */
export const DEFAULT_MAX_REDIRECTS = 5;
/** The `Origin` sent so that answers show their CORS headers. */
export const DEFAULT_ORIGIN = "https://matrix-support.invalid";
/** The `User-Agent` sent where the platform allows it. */
export const DEFAULT_USER_AGENT = "matrix-support/0.2 (+https://github.com/matrix-support)";

/** One redirect followed: where it was, what it answered, and whether browsers may follow it. */
export interface RedirectHop {
  url: string;
  status: number;
  location: string;
  /** The hop's Access-Control-Allow-Origin, null when absent (browsers stop at such a hop). */
  access_control_allow_origin: string | null;
}

/** What happened on the wire; the `http` member of `check --json`. */
export interface HttpTrace {
  /** The final answer's status; absent when no answer came. */
  status?: number;
  redirects: RedirectHop[];
  /** The final answer's headers that matter (lower-case names); absent when no answer came. */
  headers?: Record<string, string>;
  elapsed_ms: number;
}

/** Which step failed, for `unreachable`. */
export type FailurePhase =
  | "server_name"
  | "dns"
  | "address"
  | "connect"
  | "tls"
  | "headers"
  | "redirect"
  | "http"
  | "body"
  | "aborted";

/** What every discovery result carries. */
/** What every discovery result has, whatever its status. */
export interface ResultBase {
  serverName: string;
  /** The support URL looked up; null when the server name is invalid. */
  url: string | null;
  diagnostics: Diagnostic[];
  http: HttpTrace;
  /** Where the final answer came from (after redirects). */
  finalUrl?: string;
  /** Bytes of body read (after decompression). */
  bytes?: number;
}

/** 200 with a usable document: every usable contact kept, what was dropped in `diagnostics`. */
export interface Found extends ResultBase {
  status: "found";
  document: SupportDocument;
  /** The parsed JSON as served, before lenient parsing. */
  value: unknown;
}

/** 404: the server publishes nothing. */
export interface NotFound extends ResultBase {
  status: "not_found";
  document: null;
}

/** An answer with nothing usable: `200 {}`, an HTML fallback page, JSON of the wrong shape. */
export interface Invalid extends ResultBase {
  status: "invalid";
  document: null;
  /** The parsed JSON when the body was JSON. */
  value?: unknown;
}

/** No usable answer: DNS, refused, TLS, timeout, 5xx, size cap, redirect loop... */
export interface Unreachable extends ResultBase {
  status: "unreachable";
  document: null;
  failure: { phase: FailurePhase; code: string; message: string };
}

/** The outcome of a discovery: switch on `status`. */
export type DiscoveryResult = Found | NotFound | Invalid | Unreachable;
/** `found`, `not_found`, `invalid` or `unreachable`. */
export type DiscoveryStatus = DiscoveryResult["status"];
