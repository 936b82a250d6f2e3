/**
 * Server names. https://spec.matrix.org/latest/appendices/#server-name
 *
 *   server_name = hostname [ ":" port ]      port = 1*5DIGIT
 *   hostname    = IPv4address / "[" IPv6address "]" / dns-name
 *   IPv6address = 2*45IPv6char   (hex digits, ":" and ".")
 *   dns-name    = 1*255dns-char  (letters, digits, "-", ".")
 *
 * Beyond the grammar: a DNS name has no empty label ("a..b", ".a" are refused); one trailing dot
 * (the DNS root, "example.org.") is accepted with an advisory.
 */
import { fail, type GrammarResult } from "./result.js";

/** The parts of a valid server name. */
export interface ServerName {
  /** The hostname as written; IPv6 literals keep their brackets. */
  host: string;
  port?: number;
  kind: "ipv4" | "ipv6" | "dns";
  /** Deviations from the spec's recommendations (not errors): upper case, over 230 chars. */
  advisories: string[];
}

const IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const IPV6_BODY = /^[0-9A-Fa-f:.]{2,45}$/;
const DNS_NAME = /^[A-Za-z0-9.-]{1,255}$/;

/** Parses a server name (`host[:port]`) against the spec's grammar. */
export function parseServerName(input: string): GrammarResult<ServerName> {
  if (typeof input !== "string") return fail("not a string");
  if (input.length === 0) return fail("it is empty");
  if (input.trim() !== input) return fail("it has surrounding white space");
  let host: string;
  let portText: string | undefined;
  let kind: ServerName["kind"];
  if (input.startsWith("[")) {
    const close = input.indexOf("]");
    if (close < 0) return fail("an IPv6 literal is missing its closing ']'");
    host = input.slice(0, close + 1);
    const body = input.slice(1, close);
    if (!IPV6_BODY.test(body))
      return fail("an IPv6 literal holds 2 to 45 hex digits, ':' and '.' between brackets");
    if (!body.includes(":")) return fail("an IPv6 literal must contain ':'");
    const rest = input.slice(close + 1);
    if (rest !== "") {
      if (!rest.startsWith(":")) return fail("only ':port' may follow an IPv6 literal");
      portText = rest.slice(1);
    }
    kind = "ipv6";
  } else {
    const colon = input.indexOf(":");
    host = colon < 0 ? input : input.slice(0, colon);
    if (colon >= 0) portText = input.slice(colon + 1);
    if (host.length === 0) return fail("the hostname is empty");
    if (IPV4.test(host)) {
      kind = "ipv4";
    } else if (DNS_NAME.test(host)) {
      // The spec's grammar allows '.' anywhere, but no DNS name has an empty label: "a..b",
      // ".a" and "." cannot be looked up. One trailing dot (the DNS root) is allowed, with an
      // advisory below.
      const labels = (host.endsWith(".") ? host.slice(0, -1) : host).split(".");
      if (labels.some((l) => l === ""))
        return fail("a DNS name cannot have an empty label (two dots in a row, or a leading dot)");
      kind = "dns";
    } else {
      const bad = [...host].find((c) => !/[A-Za-z0-9.-]/.test(c));
      return fail(
        host.length > 255
          ? "a DNS name is at most 255 characters"
          : `a DNS name holds only letters, digits, '-' and '.', not ${bad === undefined ? "that" : JSON.stringify(bad)}`,
      );
    }
  }
  let port: number | undefined;
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText)) return fail("the port must be 1 to 5 digits");
    port = Number(portText);
    if (port < 1 || port > 65535) return fail("the port must be between 1 and 65535");
  }
  const advisories: string[] = [];
  if (kind === "dns" && /[A-Z]/.test(host)) advisories.push("server names should be lower case");
  if (kind === "dns" && host.endsWith("."))
    advisories.push(
      "a trailing dot makes another server name: Matrix compares server names as text, so write it without the dot",
    );
  if (input.length > 230) advisories.push("server names should be at most 230 characters");
  const result: { ok: true } & ServerName = { ok: true, host, kind, advisories };
  if (port !== undefined) result.port = port;
  return result;
}

/** True when `input` is a valid server name. */
export function isServerName(input: string): boolean {
  return parseServerName(input).ok;
}

/** The hostname part (no port) of a server name, lower-cased for comparisons; undefined if invalid. */
export function serverHost(serverName: string): string | undefined {
  const parsed = parseServerName(serverName);
  return parsed.ok ? parsed.host.toLowerCase() : undefined;
}
