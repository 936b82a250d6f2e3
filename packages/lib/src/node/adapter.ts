/**
 * The Node adapter: serves a SupportHandler from node:http (and Express, Fastify, Connect...).
 * Built-in paths are written straight from precomputed bytes; everything else is bridged to the
 * web-standard handler as a Request and its Response written back.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { answerToResponse, type SupportHandler, targetPath } from "../server/handler.js";
import { INTERNAL_ERROR } from "../server/site.js";

/** A handler, or a box holding the current one (swapped on reload). */
export type HandlerSource = SupportHandler | { readonly current: SupportHandler };

/** Options of `toNodeListener` and `toNodeMiddleware`. */
export interface NodeListenerOptions {
  /** Told about errors while bridging a request (the client gets a 500 or a closed socket). */
  onError?: ((error: unknown) => void) | undefined;
}

/** A node:http request listener. */
export type NodeListener = (req: IncomingMessage, res: ServerResponse) => void;
/** A Connect/Express-style middleware. */
export type NodeMiddleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

const current = (source: HandlerSource): SupportHandler =>
  typeof source === "function" ? source : source.current;

/** The path as the client sent it: Express strips its mount path from `url` but keeps `originalUrl`. */
function requestTarget(req: IncomingMessage): string {
  return (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? "/";
}

/**
 * If-None-Match and Accept-Language from the raw headers, in one pass: `req.headers` is built
 * lazily and costs a fresh object per request.
 */
function conditionalHeaders(raw: readonly string[]): {
  ifNoneMatch: string | undefined;
  acceptLanguage: string | undefined;
} {
  let ifNoneMatch: string | undefined;
  let acceptLanguage: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    // Repeated fields combine into one list (RFC 9110 section 5.3).
    if (name.length === 13 && name.toLowerCase() === "if-none-match")
      ifNoneMatch = ifNoneMatch === undefined ? raw[i + 1] : `${ifNoneMatch}, ${raw[i + 1]}`;
    else if (name.length === 15 && name.toLowerCase() === "accept-language")
      acceptLanguage =
        acceptLanguage === undefined ? raw[i + 1] : `${acceptLanguage}, ${raw[i + 1]}`;
  }
  return { ifNoneMatch, acceptLanguage };
}

/** A Node `(req, res)` listener for `http.createServer`, or the last middleware of a framework. */
export function toNodeListener(
  source: HandlerSource,
  options: NodeListenerOptions = {},
): NodeListener {
  return (req, res) => {
    const handler = current(source);
    const target = requestTarget(req);
    const headers = conditionalHeaders(req.rawHeaders);
    const a = handler.answer(
      req.method ?? "GET",
      target,
      headers.ifNoneMatch,
      headers.acceptLanguage,
    );
    if (a) {
      res.writeHead(a.status, a.headers);
      res.end(a.body);
      return;
    }
    bridge(handler, req, res, target, options).catch((error: unknown) => {
      options.onError?.(error);
      if (!res.headersSent) {
        res.writeHead(INTERNAL_ERROR.status, INTERNAL_ERROR.headers);
        res.end(INTERNAL_ERROR.body);
      } else res.destroy();
    });
  };
}

/**
 * Connect/Express-style middleware: answers the paths the handler serves and calls `next()` for
 * the rest, so the framework's own routes keep working.
 */
export function toNodeMiddleware(
  source: HandlerSource,
  options: NodeListenerOptions = {},
): NodeMiddleware {
  const listener = toNodeListener(source, options);
  return (req, res, next) => {
    let pathname = targetPath(requestTarget(req));
    try {
      pathname = new URL(pathname, "http://localhost").pathname;
    } catch {
      // keep the raw path; the handler answers 404 for it
    }
    if (!current(source).handles(pathname)) {
      next();
      return;
    }
    listener(req, res);
  };
}

/** Builds a web Request from a Node request. The body streams; `signal` aborts it (a client gone). */
export function toWebRequest(
  req: IncomingMessage,
  target = requestTarget(req),
  signal?: AbortSignal,
): Request {
  let url: URL;
  try {
    url = new URL(target, `http://${req.headers.host ?? "localhost"}`);
  } catch {
    url = new URL(target.startsWith("/") ? target : "/", "http://localhost");
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(":")) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const method = req.method ?? "GET";
  const init: RequestInit & { duplex?: "half" } = { method, headers };
  if (signal) init.signal = signal;
  if (method !== "GET" && method !== "HEAD") {
    init.body = Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>;
    init.duplex = "half";
  }
  const request = new Request(url, init);
  if (req.socket.remoteAddress) REMOTE_ADDRESSES.set(request, req.socket.remoteAddress);
  return request;
}

// The peer address of each bridged request (a web Request has no place for it); the web checker's
// probe rate-limits by it.
const REMOTE_ADDRESSES = new WeakMap<Request, string>();

/** The socket peer address of a Request built by `toWebRequest`, if any. */
export function remoteAddress(request: Request): string | undefined {
  return REMOTE_ADDRESSES.get(request);
}

/** Writes a web Response to a Node response, streaming the body. */
export async function writeWebResponse(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  res.writeHead(response.status, response.statusText || undefined, headers);
  if (!response.body) {
    res.end();
    return;
  }
  const body = Readable.fromWeb(response.body as unknown as NodeReadableStream<Uint8Array>);
  await new Promise<void>((resolve, reject) => {
    body.on("error", reject);
    res.on("close", resolve);
    body.pipe(res);
  });
}

async function bridge(
  handler: SupportHandler,
  req: IncomingMessage,
  res: ServerResponse,
  target: string,
  options: NodeListenerOptions,
): Promise<void> {
  // Aborted when the client goes away before the answer is written. Listening on the response,
  // not the socket: a keep-alive socket would collect one listener per request.
  const controller = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  let response: Response;
  try {
    response = await handler(toWebRequest(req, target, controller.signal));
  } catch (error) {
    options.onError?.(error);
    response = answerToResponse(INTERNAL_ERROR);
  }
  await writeWebResponse(response, res);
}
