/**
 * The probe's guard, plugged into discovery's Node transport: a lookup that refuses local-only names
 * and resolves absolute names only, and an address policy that judges every address the lookup
 * returned (or a --resolve/--connect-to target, or an IP literal) before the socket connects to
 * exactly that address. Every redirect hop opens its connection through the same two hooks.
 */
import { lookup as dnsLookup } from "node:dns";
import { PHASE_PROPERTY } from "../discover/failure.js";
import type { AddressPolicy, LookupFunction } from "../discover/node.js";
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
