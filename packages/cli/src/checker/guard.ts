/**
 * The probe's guard, plugged into discovery's Node transport: a lookup that refuses local-only names
 * and resolves absolute names only, and an address policy that judges every address the lookup
 * returned (or a --resolve/--connect-to target, or an IP literal) before the socket connects to
 * exactly that address. Every redirect hop opens its connection through the same two hooks.
 */
import { lookup as dnsLookup } from "node:dns";
import { PHASE_PROPERTY } from "../../../lib/src/discover/failure.js";
import type { FetchLike } from "../../../lib/src/discover/types.js";
import type {
  AddressPolicy,
  LookupFunction,
  NodeTransport,
  NodeTransportOptions,
} from "../transport/node.js";
import {
  checkAddress,
  checkHostName,
  describeNameVerdict,
  describeVerdict,
} from "./address-policy.js";

/** Allows globally reachable unicast addresses only (see ./address-policy.ts for the ranges). */
export const publicAddressPolicy: AddressPolicy = (address) => {
  const verdict = checkAddress(address);
  return verdict.allowed ? true : describeVerdict(verdict);
};

const systemLookup: LookupFunction = (hostname, options, callback) =>
  dnsLookup(hostname, options, callback);

/**
 * Refuses special-use and single-label names before any query; asks for the others as absolute
 * names (a trailing dot), so no local search domain is ever appended.
 */
export function publicNameLookup(base: LookupFunction = systemLookup): LookupFunction {
  return (hostname, options, callback) => {
    const verdict = checkHostName(hostname);
    if (!verdict.allowed) {
      const reason = describeNameVerdict(verdict);
      const error = Object.assign(new Error(`refused to look up ${hostname}: ${reason}`), {
        code: "ERR_ADDRESS_REFUSED",
        address: hostname,
        reason,
        [PHASE_PROPERTY]: "address",
      });
      queueMicrotask(() => callback(error, []));
      return;
    }
    base(`${verdict.host}.`, options, callback);
  };
}

/** HTTPS ports the public probe follows a redirect to: the default, and the common alternative. */
export const PUBLIC_PORTS: ReadonlySet<string> = new Set(["", "443", "8443"]);

/**
 * Refuses URLs on other ports (a redirect to `https://host:25/` would turn the probe into a port
 * scanner of public hosts); the support URL itself never names a port.
 */
export function publicPortFetch(fetch: FetchLike): FetchLike {
  return (url, init) => {
    let port: string;
    let host: string;
    try {
      ({ port, host } = new URL(url));
    } catch {
      return fetch(url, init);
    }
    if (PUBLIC_PORTS.has(port)) return fetch(url, init);
    const reason = `port ${port} is not one the checker fetches (only 443 and 8443)`;
    const error = Object.assign(new Error(`refused to connect to ${host}: ${reason}`), {
      code: "ERR_ADDRESS_REFUSED",
      address: host,
      reason,
      [PHASE_PROPERTY]: "address",
    });
    return Promise.reject(error);
  };
}

/** How the checker and the probe reach servers: `serve`'s probe flags. */
export interface ProbeTransportOptions {
  /** Lift the address policy (tests, private deployments): `serve --allow-private-targets`. */
  allowPrivateTargets?: boolean | undefined;
  /** curl's --cacert, --resolve, --connect-to, as given to `serve`. */
  cacert?: NodeTransportOptions["cacert"];
  resolve?: readonly string[] | undefined;
  connectTo?: readonly string[] | undefined;
}

/** The transport of the checker and the probe, guarded unless the options lift the guard. */
export interface GuardedTransport {
  /** The transport, made on first use: undici loads on the first check, not at start-up. */
  transport(): Promise<NodeTransport>;
  /** `fetch` limited to the public ports, unless private targets are allowed. */
  guard(fetch: FetchLike): FetchLike;
  /** Closes the transport if it was made. */
  close(): Promise<void>;
}

export function guardedTransport(options: ProbeTransportOptions): GuardedTransport {
  let ready: Promise<NodeTransport> | undefined;
  const open = options.allowPrivateTargets === true;
  return {
    transport: () =>
      (ready ??= import("../transport/node.js").then(({ createNodeTransport }) =>
        createNodeTransport({
          cacert: options.cacert,
          resolve: options.resolve,
          connectTo: options.connectTo,
          ...(open ? {} : { addressPolicy: publicAddressPolicy, lookup: publicNameLookup() }),
        }),
      )),
    guard: (fetch) => (open ? fetch : publicPortFetch(fetch)),
    close: async () => {
      if (ready) await (await ready).close();
    },
  };
}
