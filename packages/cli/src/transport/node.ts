/**
 * Node-only: a `fetch` for discovery with curl's --cacert, --resolve and --connect-to, a custom DNS
 * lookup and an address policy, on undici@7's own `request()`. The TLS context is created once
 * here, not per connection; TLS sessions are resumed.
 *
 * `transport.fetch` goes through one Agent whose connections are kept alive and shared by every
 * caller. `transport.session()` gives a fetch with connections of its own, one per origin, on
 * which requests are pipelined (HTTP/1.1), and closes them when told: `check` and `scan` open one
 * session per server, so its GET and its CORS preflight share one TLS connection, and nothing is
 * left open once the server is done.
 *
 * DNS-rebinding safety for callers that refuse some addresses: the policy judges the addresses the
 * lookup returns, and the socket connects to exactly those (never to a second lookup).
 */
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import * as net from "node:net";
import * as tls from "node:tls";
import { Agent, type buildConnector, Client, type Dispatcher, request } from "undici";
import { PHASE_PROPERTY } from "../../../lib/src/discover/failure.js";
import {
  type ConnectToRule,
  isIpLiteral,
  parseConnectTo,
  parseResolve,
  type ResolveRule,
  route,
  unbracket,
} from "../../../lib/src/discover/routes.js";
import type {
  FailurePhase,
  FetchLike,
  RequestInitLike,
  ResponseLike,
} from "../../../lib/src/discover/types.js";
import { type TransportFlags as CommandLineFlags, checkTransportFlags } from "./flags.js";
import { asResponse } from "./response.js";

/** `dns.lookup`'s shape; the one called is always asked for all addresses. */
export type LookupFunction = (
  hostname: string,
  options: { all: true; family?: number },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/** `true` to allow connecting to `address`, or the reason it is refused. */
export type AddressPolicy = (address: string, family: 4 | 6, host: string) => true | string;

export interface NodeTransportOptions {
  /** PEM certificates trusted INSTEAD of the system's roots (curl's --cacert). */
  cacert?: string | Buffer | readonly (string | Buffer)[] | undefined;
  /** curl's --resolve: `HOST:PORT:ADDR[,ADDR]` strings or parsed rules. */
  resolve?: readonly (string | ResolveRule)[] | undefined;
  /** curl's --connect-to: `HOST1:PORT1:HOST2:PORT2` strings or parsed rules. */
  connectTo?: readonly (string | ConnectToRule)[] | undefined;
  /** Replaces `dns.lookup` (e.g. to resolve once through a chosen resolver). */
  lookup?: LookupFunction | undefined;
  /** Judges every address before connecting, --resolve ones included. */
  addressPolicy?: AddressPolicy | undefined;
  /** TCP connect plus TLS handshake (ms, default 10 000). */
  connectTimeout?: number | undefined;
  /** Connections kept per origin (default 16). */
  connections?: number | undefined;
}

/** Requests with connections of their own: one per origin, closed by `close()`. */
export interface NodeSession {
  fetch: FetchLike;
  /** Closes the session's connections at once (whatever is still in flight fails). */
  close(): Promise<void>;
}

export interface NodeTransport {
  fetch: FetchLike;
  /** The undici Agent of `fetch`, for callers that use undici directly. */
  dispatcher: Dispatcher;
  /**
   * A fetch for the requests about one server: requests to one origin share one connection, the
   * later ones pipelined behind the first (GET and OPTIONS only, both safe), until `close()`.
   */
  session(): NodeSession;
  /** Closes idle connections and ends the Agent, and every session still open. */
  close(): Promise<void>;
}

/** Requests in flight at once on one connection of a session: the GET and the preflight. */
const SESSION_PIPELINING = 2;

/** What a request still queued in a closed session fails with (made once: stacks cost). */
const SESSION_CLOSED = Object.assign(new Error("the transport session was closed"), {
  code: "ERR_SESSION_CLOSED",
});

/** A socket error: the connection closed (or broke) before the answer was in. */
const socketClosed = (error: unknown): boolean =>
  error instanceof Error && "code" in error && error.code === "UND_ERR_SOCKET";

/**
 * `pending`, or the signal's reason as soon as it aborts: undici keeps a request that waits for
 * its connection queued until the connection is made or fails, but a caller's timeout must end
 * the wait at once (as fetch does). An answer that comes after all the same is released.
 */
function untilAborted(
  pending: Promise<Dispatcher.ResponseData>,
  signal: AbortSignal,
): Promise<Dispatcher.ResponseData> {
  return new Promise((resolve, reject) => {
    let aborted = false;
    const onAbort = () => {
      aborted = true;
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    pending.then(
      (data) => {
        signal.removeEventListener("abort", onAbort);
        if (aborted) data.body.on("error", () => {}).destroy();
        else resolve(data);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/** One request through `dispatcher`, answered once its headers are in; redirects not followed. */
async function send(
  dispatcher: Dispatcher,
  url: string,
  init: RequestInitLike,
): Promise<ResponseLike> {
  const signal = init.signal;
  // Never dispatched: not even a connection is opened.
  if (signal.aborted) throw signal.reason;
  const data = await untilAborted(
    request(url, {
      dispatcher,
      method: init.method,
      headers: { "accept-encoding": "gzip, deflate, br", ...init.headers },
      signal,
      // GET and OPTIONS are safe methods (RFC 9110, 9.2.1): undici may pipeline them and send
      // them again on a new connection when the server closed the old one before answering.
      idempotent: true,
      // Do not wait for the GET's headers before writing the preflight behind it.
      blocking: false,
    }),
    signal,
  );
  return asResponse(url, data);
}

function rules<T>(
  list: readonly (string | T)[] | undefined,
  parse: (s: string) => { ok: true; rule: T } | { ok: false; reason: string },
): T[] {
  return (list ?? []).map((r) => {
    if (typeof r !== "string") return r;
    const parsed = parse(r);
    if (!parsed.ok) throw new RangeError(parsed.reason);
    return parsed.rule;
  });
}

function tagged(error: Error, phase: FailurePhase): Error {
  if (!(PHASE_PROPERTY in error)) Object.assign(error, { [PHASE_PROPERTY]: phase });
  return error;
}

function refused(address: string, host: string, reason: string): Error {
  const e = new Error(`refused to connect to ${address} for ${host}: ${reason}`);
  return Object.assign(e, {
    code: "ERR_ADDRESS_REFUSED",
    address,
    reason,
    [PHASE_PROPERTY]: "address",
  });
}

const defaultLookup: LookupFunction = (hostname, options, callback) =>
  dnsLookup(hostname, options, callback);

type ConnectOptions = buildConnector.Options;
type ConnectCallback = buildConnector.Callback;

export function createNodeTransport(options: NodeTransportOptions = {}): NodeTransport {
  const resolveRules = rules(options.resolve, parseResolve);
  const connectToRules = rules(options.connectTo, parseConnectTo);
  const baseLookup = options.lookup ?? defaultLookup;
  const policy = options.addressPolicy;
  const connectTimeout = options.connectTimeout ?? 10_000;
  // Once: with `ca` given per connection, Node would rebuild the context every time.
  const secureContext = tls.createSecureContext(
    options.cacert ? { ca: options.cacert as string | Buffer | (string | Buffer)[] } : {},
  );
  const sessions = new Map<string, Buffer>();

  function judge(addresses: LookupAddress[], host: string): LookupAddress[] | Error {
    if (!policy) return addresses;
    let reason = "";
    let last = "";
    const allowed = addresses.filter((a) => {
      const verdict = policy(a.address, a.family === 6 ? 6 : 4, host);
      if (verdict !== true) [reason, last] = [verdict, a.address];
      return verdict === true;
    });
    return allowed.length > 0 ? allowed : refused(last, host, reason);
  }

  // Connections being opened, per origin, and how far they got: lets a request that times out
  // say whether it was still connecting or in the TLS handshake.
  const opening = new Map<string, Set<{ tcp: boolean }>>();
  const originKey = (protocol: string, hostname: string, port: string | number) =>
    `${protocol}//${unbracket(hostname).toLowerCase()}:${Number(port) || (protocol === "https:" ? 443 : 80)}`;

  function connect(opts: ConnectOptions, callback: ConnectCallback): void {
    const https = opts.protocol === "https:";
    const key = originKey(opts.protocol, opts.hostname, opts.port);
    const state = { tcp: false };
    const states = opening.get(key) ?? new Set();
    opening.set(key, states.add(state));
    const settle = () => {
      states.delete(state);
      if (states.size === 0) opening.delete(key);
    };
    const requested = unbracket(opts.hostname);
    const target = route(
      requested,
      Number(opts.port) || (https ? 443 : 80),
      connectToRules,
      resolveRules,
    );
    const pinned = target.addresses?.map((address) => ({
      address,
      family: isIpLiteral(address) === 6 ? 6 : 4,
    }));
    const lookup: net.LookupFunction = (hostname, lookupOptions, cb) => {
      const done = (error: NodeJS.ErrnoException | null, found: LookupAddress[]) => {
        const judged = error ? tagged(error, "dns") : judge(found, requested);
        if (judged instanceof Error) cb(judged, lookupOptions.all ? [] : "", 4);
        else if (lookupOptions.all) cb(null, judged);
        else cb(null, judged[0]!.address, judged[0]!.family);
      };
      const f = lookupOptions.family;
      const family = f === "IPv6" ? 6 : f === "IPv4" ? 4 : typeof f === "number" ? f : 0;
      if (pinned) done(null, pinned);
      else baseLookup(hostname, { all: true, family }, done);
    };
    let host = unbracket(target.host);
    const literal = isIpLiteral(host);
    if (literal !== 0 || pinned) {
      // No lookup happens for a literal: judge it (or the pinned address) here.
      const list = pinned ?? [{ address: host, family: literal }];
      const judged = judge(list, requested);
      if (judged instanceof Error) {
        settle();
        queueMicrotask(() => callback(judged, null));
        return;
      }
      host = judged[0]!.address;
    }
    let tcpConnected = false;
    let finished = false;
    const finish = (error: Error | null, socket: net.Socket) => {
      if (finished) return;
      finished = true;
      settle();
      clearTimeout(timer);
      if (error) {
        socket.destroy();
        callback(tagged(error, tcpConnected ? "tls" : "connect"), null);
      } else callback(null, socket);
    };
    const sessionKey = `${requested}:${target.host}:${target.port}`;
    const socket: net.Socket = https
      ? tls.connect({
          host,
          port: target.port,
          lookup,
          secureContext,
          servername: isIpLiteral(requested) === 0 ? requested : undefined,
          // Verify against the name asked for, wherever --connect-to sent the socket.
          checkServerIdentity: (_name, cert) => tls.checkServerIdentity(requested, cert),
          session: sessions.get(sessionKey),
          ALPNProtocols: ["http/1.1"],
          socket: opts.httpSocket,
        })
      : net.connect({ host, port: target.port, lookup });
    if (https)
      socket.on("session", (session: Buffer) => {
        if (sessions.size > 256) sessions.clear();
        sessions.set(sessionKey, session);
      });
    const timer = setTimeout(() => {
      const e = Object.assign(
        new Error(
          `no ${tcpConnected ? "TLS handshake" : "connection"} within ${connectTimeout} ms`,
        ),
        { code: "ERR_CONNECT_TIMEOUT" },
      );
      finish(e, socket);
    }, connectTimeout);
    socket.setNoDelay(true);
    socket.once("connect", () => {
      tcpConnected = true;
      state.tcp = true;
    });
    socket.once(https ? "secureConnect" : "connect", () => {
      // undici writes the requests waiting for this connection one by one, in this same turn of
      // the event loop: corked until the next turn, a GET and the preflight pipelined behind it
      // go out in one write (one TLS record, one segment) instead of two.
      socket.cork();
      setImmediate(() => socket.uncork());
      finish(null, socket);
    });
    socket.once("error", (error: Error) => finish(error, socket));
  }

  const connector: buildConnector.connector = connect;
  const agent = new Agent({
    connect: connector,
    connections: options.connections ?? 16,
    keepAliveTimeout: 10_000,
  });

  /** `send`, with the phase of a request aborted while its connection was being opened. */
  async function sendTagged(
    dispatcher: Dispatcher,
    url: string,
    init: RequestInitLike,
  ): Promise<ResponseLike> {
    try {
      return await send(dispatcher, url, init);
    } catch (error) {
      const u = new URL(url);
      const states = init.signal.aborted
        ? opening.get(originKey(u.protocol, u.hostname, u.port))
        : undefined;
      // The shared SESSION_CLOSED is never tagged: a phase would stick to it for good.
      if (!states || !(error instanceof Error) || error === SESSION_CLOSED) throw error;
      const tls = [...states].some((s) => s.tcp);
      throw tagged(error, tls ? "tls" : "connect");
    }
  }

  /** The sessions still open, as the function that closes each. */
  const openSessions = new Set<() => Promise<void>>();
  function session(): NodeSession {
    // One undici Client per origin: one connection, requests pipelined on it.
    const clients = new Map<string, Client>();
    // Origins that have answered in this session: their connection was in use.
    const answered = new Set<string>();
    let closed = false;
    const clientFor = (origin: string): Client => {
      let client = clients.get(origin);
      if (!client) {
        client = new Client(origin, {
          connect: connector,
          pipelining: SESSION_PIPELINING,
          keepAliveTimeout: 10_000,
        });
        clients.set(origin, client);
      }
      return client;
    };
    const close = async () => {
      closed = true;
      openSessions.delete(close);
      const all = [...clients.values()];
      clients.clear();
      await Promise.all(all.map((client) => client.destroy(SESSION_CLOSED)));
    };
    openSessions.add(close);
    return {
      async fetch(url, init) {
        if (closed) throw SESSION_CLOSED;
        const origin = new URL(url).origin;
        try {
          const response = await sendTagged(clientFor(origin), url, init);
          answered.add(origin);
          return response;
        } catch (error) {
          // A request pipelined behind an answer whose server then closed the connection (e.g.
          // `Connection: close`, or a keep-alive limit): the server never saw it, so it is sent
          // again, once, on a new connection.
          if (!answered.has(origin) || init.signal.aborted || closed || !socketClosed(error))
            throw error;
          return await sendTagged(clientFor(origin), url, init);
        }
      },
      close,
    };
  }

  return {
    fetch: (url, init) => sendTagged(agent, url, init),
    dispatcher: agent,
    session,
    async close() {
      await Promise.all([...openSessions].map((closeSession) => closeSession()));
      // A peer still streaming must not hold the process: end gracefully, or destroy after 2 s.
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        agent.close(),
        new Promise<void>((resolve) => {
          timer = setTimeout(() => resolve(agent.destroy()), 2000);
          timer.unref();
        }),
      ]);
      clearTimeout(timer);
    },
  };
}

// ---- from command-line flags (check, scan, serve share these) ----

/** `--cacert FILE`, `--resolve ...`, `--connect-to ...` and `--timeout MS` as given on a command line. */
export interface TransportFlags extends CommandLineFlags {
  /** Used as the connect timeout. */
  timeout?: number;
}

/**
 * A transport from command-line flags, or the message naming the flag that is wrong (a malformed
 * rule, an unreadable or certificate-less --cacert file): callers print it and exit 2.
 */
export async function transportFromFlags(
  flags: TransportFlags,
  extra: Omit<NodeTransportOptions, "cacert" | "resolve" | "connectTo"> = {},
): Promise<{ ok: true; transport: NodeTransport } | { ok: false; message: string }> {
  const checked = await checkTransportFlags(flags);
  if (!checked.ok) return checked;
  const { cacert } = checked;
  const transport = createNodeTransport({
    connectTimeout: flags.timeout,
    ...extra,
    cacert,
    resolve: flags.resolve ?? [],
    connectTo: flags.connectTo ?? [],
  });
  return { ok: true, transport };
}
