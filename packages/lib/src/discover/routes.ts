/**
 * curl's `--resolve HOST:PORT:ADDR[,ADDR...]` and `--connect-to HOST1:PORT1:HOST2:PORT2`, parsed and
 * applied as pure functions (the Node transport and the web checker share them). As in curl: an
 * empty HOST1 or PORT1 matches any, an empty HOST2 or PORT2 keeps the original, the first matching
 * rule wins, and --resolve applies to the host and port actually connected to.
 */

/** A parsed `--resolve` rule. */
export interface ResolveRule {
  /** Lower case; `*` matches any host. */
  host: string;
  port: number;
  /** IP addresses, without brackets. */
  addresses: string[];
}

/** A parsed `--connect-to` rule. */
export interface ConnectToRule {
  /** Lower case; undefined matches any host. */
  host?: string;
  /** Undefined matches any port. */
  port?: number;
  /** Undefined keeps the requested host. */
  toHost?: string;
  /** Undefined keeps the requested port. */
  toPort?: number;
}

/** A parsed rule, or why the text is not one. */
export type RuleResult<T> = { ok: true; rule: T } | { ok: false; reason: string };

/** Splits at ':' outside brackets, so IPv6 literals such as `[::1]` stay whole. */
function fields(text: string): string[] {
  const out: string[] = [];
  let current = "";
  let inBracket = false;
  for (const c of text) {
    if (c === "[") inBracket = true;
    else if (c === "]") inBracket = false;
    if (c === ":" && !inBracket) {
      out.push(current);
      current = "";
    } else current += c;
  }
  out.push(current);
  return out;
}

/** `[::1]` -> `::1`; anything else unchanged. */
export const unbracket = (h: string): string =>
  h.startsWith("[") && h.endsWith("]") ? h.slice(1, -1) : h;

function port(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && n <= 65535 ? n : undefined;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
export function isIpLiteral(address: string): 4 | 6 | 0 {
  const m = IPV4.exec(address);
  if (m) return m.slice(1).every((o) => Number(o) <= 255) ? 4 : 0;
  return /^[0-9a-f:.]+$/i.test(address) && address.includes(":") ? 6 : 0;
}

/** Parses curl's `--resolve HOST:PORT:ADDR[,ADDR...]`. */
export function parseResolve(text: string): RuleResult<ResolveRule> {
  const spec = text.startsWith("+") ? text.slice(1) : text;
  // HOST:PORT:ADDR, where ADDR may hold IPv6 literals (bracketed or bare).
  const first = fields(spec);
  if (first.length < 3)
    return { ok: false, reason: `--resolve takes HOST:PORT:ADDR, not "${text}"` };
  const [hostText = "", portText = ""] = first;
  const rest = first.slice(2).join(":");
  const host = unbracket(hostText).toLowerCase();
  if (host === "") return { ok: false, reason: `--resolve "${text}": the host is empty` };
  const p = port(portText);
  if (p === undefined) return { ok: false, reason: `--resolve "${text}": bad port "${portText}"` };
  const addresses = rest.split(",").map((a) => unbracket(a.trim()));
  const bad = addresses.find((a) => isIpLiteral(a) === 0);
  if (bad !== undefined)
    return { ok: false, reason: `--resolve "${text}": "${bad}" is not an IP address` };
  return { ok: true, rule: { host, port: p, addresses } };
}

/** Parses curl's `--connect-to HOST1:PORT1:HOST2:PORT2`. */
export function parseConnectTo(text: string): RuleResult<ConnectToRule> {
  const parts = fields(text);
  if (parts.length !== 4)
    return { ok: false, reason: `--connect-to takes HOST1:PORT1:HOST2:PORT2, not "${text}"` };
  const [h1 = "", p1 = "", h2 = "", p2 = ""] = parts;
  const rule: ConnectToRule = {};
  if (h1 !== "") rule.host = unbracket(h1).toLowerCase();
  if (h2 !== "") rule.toHost = unbracket(h2);
  for (const [value, key] of [
    [p1, "port"],
    [p2, "toPort"],
  ] as const) {
    if (value === "") continue;
    const n = port(value);
    if (n === undefined)
      return { ok: false, reason: `--connect-to "${text}": bad port "${value}"` };
    rule[key] = n;
  }
  return { ok: true, rule };
}

/** Where to connect for a requested host and port (host without brackets, lower case). */
export function route(
  host: string,
  requestedPort: number,
  connectTo: readonly ConnectToRule[],
  resolve: readonly ResolveRule[],
): { host: string; port: number; addresses?: string[] } {
  const h = host.toLowerCase();
  const rule = connectTo.find(
    (r) =>
      (r.host === undefined || r.host === h) && (r.port === undefined || r.port === requestedPort),
  );
  const toHost = rule?.toHost !== undefined ? unbracket(rule.toHost) : host;
  const toPort = rule?.toPort ?? requestedPort;
  const t = toHost.toLowerCase();
  const pinned = resolve.find((r) => (r.host === "*" || r.host === t) && r.port === toPort);
  return pinned
    ? { host: toHost, port: toPort, addresses: pinned.addresses }
    : { host: toHost, port: toPort };
}
