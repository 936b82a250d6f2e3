/**
 * Which addresses the server-side probe may connect to: only globally reachable unicast ones.
 * Pure functions over address text (no DNS, no sockets), so the whole policy is testable as a table.
 * Ranges from the IANA special-purpose registries:
 * https://www.iana.org/assignments/iana-ipv4-special-registry/
 * https://www.iana.org/assignments/iana-ipv6-special-registry/
 */

/** Why an address is refused; "global" means allowed. */
export type AddressRange =
  | "global"
  | "unspecified"
  | "private"
  | "loopback"
  | "link-local"
  | "multicast"
  | "broadcast"
  | "cgnat"
  | "documentation"
  | "benchmarking"
  | "reserved"
  | "unique-local"
  | "site-local"
  | "discard"
  | "nat64-local"
  | "scoped"
  | "invalid";

/** How an IPv4 address was carried inside an IPv6 one. */
export type Embedding = "ipv4-mapped" | "ipv4-compatible" | "nat64" | "6to4" | "teredo";

export interface AddressVerdict {
  allowed: boolean;
  /** The address as checked (brackets and zone stripped, IPv6 lower case). */
  address: string;
  family: 4 | 6 | 0;
  range: AddressRange;
  /** When the verdict came from an IPv4 address embedded in an IPv6 one. */
  embedding?: Embedding;
  embedded?: string;
}

/** Plain words for each range, for messages ("... is a private address"). */
export const RANGE_WORDS: Record<AddressRange, string> = {
  global: "a public address",
  unspecified: "the unspecified address",
  private: "a private address",
  loopback: "a loopback address",
  "link-local": "a link-local address",
  multicast: "a multicast address",
  broadcast: "the broadcast address",
  cgnat: "a carrier-grade NAT address (100.64.0.0/10)",
  documentation: "a documentation address",
  benchmarking: "a benchmarking address",
  reserved: "a reserved address",
  "unique-local": "a unique local IPv6 address (fc00::/7)",
  "site-local": "a site-local IPv6 address",
  discard: "a discard-only address",
  "nat64-local": "a local-use NAT64 address",
  scoped: "an address with a zone index",
  invalid: "not an IP address",
};

// --- IPv4 -------------------------------------------------------------------------------------

/** Dotted-quad text to a 32-bit number; only the canonical form (no octal, hex or short forms). */
export function parseIPv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = value * 256 + n;
  }
  return value;
}

export function formatIPv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join(".");
}

type V4Rule = readonly [base: string, bits: number, range: AddressRange];

/** Most specific first; anything not listed is global. */
const V4_RULES: readonly V4Rule[] = [
  ["255.255.255.255", 32, "broadcast"],
  ["0.0.0.0", 8, "unspecified"], // "this network"
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "cgnat"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "reserved"], // IETF protocol assignments
  ["192.0.2.0", 24, "documentation"], // TEST-NET-1
  ["192.88.99.0", 24, "reserved"], // deprecated 6to4 relay anycast
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "benchmarking"],
  ["198.51.100.0", 24, "documentation"], // TEST-NET-2
  ["203.0.113.0", 24, "documentation"], // TEST-NET-3
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"], // future use
];

const V4_TABLE = V4_RULES.map(([base, bits, range]) => {
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { net: (parseIPv4(base)! & mask) >>> 0, mask, range };
});

function rangeOfIPv4(value: number): AddressRange {
  for (const rule of V4_TABLE) if ((value & rule.mask) >>> 0 === rule.net) return rule.range;
  return "global";
}

// --- IPv6 -------------------------------------------------------------------------------------

/** IPv6 text (RFC 4291 section 2.2, with an optional trailing dotted quad) to 8 groups of 16 bits. */
export function parseIPv6(text: string): number[] | undefined {
  if (!/^[0-9A-Fa-f:.]+$/.test(text)) return undefined;
  let body = text;
  const tail: number[] = [];
  const lastColon = body.lastIndexOf(":");
  if (body.slice(lastColon + 1).includes(".")) {
    const v4 = parseIPv4(body.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    tail.push(v4 >>> 16, v4 & 0xffff);
    body = body.slice(0, lastColon + 1);
    // Keep a trailing "::" intact; a single trailing ":" before the quad is only a separator.
    if (!body.endsWith("::")) body = body.slice(0, -1);
  }
  const halves = body.split("::");
  if (halves.length > 2) return undefined;
  const groups = (s: string): number[] | undefined => {
    if (s === "") return [];
    const out: number[] = [];
    for (const g of s.split(":")) {
      if (!/^[0-9A-Fa-f]{1,4}$/.test(g)) return undefined;
      out.push(Number.parseInt(g, 16));
    }
    return out;
  };
  const head = groups(halves[0] ?? "");
  if (!head) return undefined;
  if (halves.length === 1) {
    const all = [...head, ...tail];
    return all.length === 8 ? all : undefined;
  }
  const rest = groups(halves[1] ?? "");
  if (!rest) return undefined;
  const known = head.length + rest.length + tail.length;
  if (known > 7) return undefined; // "::" stands for at least one group
  return [...head, ...new Array<number>(8 - known).fill(0), ...rest, ...tail];
}

/** Canonical text (RFC 5952): lower case, longest zero run compressed. */
export function formatIPv6(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLen).join(":")}`;
}

/** True when the first `bits` bits of `groups` equal those of `prefix`. */
function inPrefix(groups: readonly number[], prefix: readonly number[], bits: number): boolean {
  for (let i = 0; i < 8 && bits > 0; i++, bits -= 16) {
    const take = Math.min(16, bits);
    const mask = (0xffff << (16 - take)) & 0xffff;
    if (((groups[i] ?? 0) & mask) !== ((prefix[i] ?? 0) & mask)) return false;
  }
  return true;
}

const v6 = (text: string): number[] => parseIPv6(text)!;
const P = {
  mapped: v6("::ffff:0:0"),
  nat64: v6("64:ff9b::"),
  nat64Local: v6("64:ff9b:1::"),
  discard: v6("100::"),
  teredo: v6("2001::"),
  benchmarking: v6("2001:2::"),
  documentation: v6("2001:db8::"),
  ietf: v6("2001::"),
  sixToFour: v6("2002::"),
  documentation2: v6("3fff::"),
  srv6: v6("5f00::"),
  globalUnicast: v6("2000::"),
  ula: v6("fc00::"),
  linkLocal: v6("fe80::"),
  siteLocal: v6("fec0::"),
  multicast: v6("ff00::"),
};

const v4At = (groups: readonly number[], index: number): number =>
  (((groups[index] ?? 0) << 16) | (groups[index + 1] ?? 0)) >>> 0;

function verdictOfIPv6(groups: number[], address: string): AddressVerdict {
  const result = (range: AddressRange): AddressVerdict => ({
    allowed: range === "global",
    address,
    family: 6,
    range,
  });
  const embedded = (embedding: Embedding, value: number): AddressVerdict => {
    const range = rangeOfIPv4(value);
    return { ...result(range), embedding, embedded: formatIPv4(value) };
  };
  const isZero = (from: number, to: number) => groups.slice(from, to).every((g) => g === 0);

  if (isZero(0, 8)) return result("unspecified");
  if (isZero(0, 7) && groups[7] === 1) return result("loopback");
  if (inPrefix(groups, P.mapped, 96)) return embedded("ipv4-mapped", v4At(groups, 6));
  // Deprecated IPv4-compatible form ::a.b.c.d: never global, but name what it hides.
  if (isZero(0, 6))
    return {
      ...result("reserved"),
      embedding: "ipv4-compatible",
      embedded: formatIPv4(v4At(groups, 6)),
    };
  if (inPrefix(groups, P.nat64, 96)) return embedded("nat64", v4At(groups, 6));
  if (inPrefix(groups, P.nat64Local, 48)) return result("nat64-local");
  if (inPrefix(groups, P.discard, 64)) return result("discard");
  if (inPrefix(groups, P.teredo, 32)) {
    // Teredo: the server's IPv4 in bits 32-63, the client's (inverted) in bits 96-127.
    const server = v4At(groups, 2);
    const client = ~v4At(groups, 6) >>> 0;
    const serverRange = rangeOfIPv4(server);
    if (serverRange !== "global") return embedded("teredo", server);
    return embedded("teredo", client);
  }
  if (inPrefix(groups, P.benchmarking, 48)) return result("benchmarking");
  if (inPrefix(groups, P.documentation, 32)) return result("documentation");
  if (inPrefix(groups, P.ietf, 23)) return result("reserved");
  if (inPrefix(groups, P.sixToFour, 16)) return embedded("6to4", v4At(groups, 1));
  if (inPrefix(groups, P.documentation2, 20)) return result("documentation");
  if (inPrefix(groups, P.srv6, 16)) return result("reserved");
  if (inPrefix(groups, P.globalUnicast, 3)) return result("global");
  if (inPrefix(groups, P.ula, 7)) return result("unique-local");
  if (inPrefix(groups, P.linkLocal, 10)) return result("link-local");
  if (inPrefix(groups, P.siteLocal, 10)) return result("site-local");
  if (inPrefix(groups, P.multicast, 8)) return result("multicast");
  return result("reserved"); // everything outside 2000::/3 is unallocated or special
}

/**
 * The verdict for one IP address (IPv4 dotted quad, or IPv6 with or without brackets).
 * Anything that is not a canonical address is refused as "invalid".
 */
export function checkAddress(input: string): AddressVerdict {
  let text = input.trim();
  if (text.startsWith("[") && text.endsWith("]")) text = text.slice(1, -1);
  const v4 = parseIPv4(text);
  if (v4 !== undefined) {
    const range = rangeOfIPv4(v4);
    return { allowed: range === "global", address: formatIPv4(v4), family: 4, range };
  }
  const zone = text.indexOf("%");
  if (zone >= 0) {
    const groups = parseIPv6(text.slice(0, zone));
    // A zone index only means something on a local link: never a public target.
    return groups
      ? { allowed: false, address: formatIPv6(groups), family: 6, range: "scoped" }
      : { allowed: false, address: input, family: 0, range: "invalid" };
  }
  const groups = parseIPv6(text);
  if (!groups) return { allowed: false, address: input, family: 0, range: "invalid" };
  return verdictOfIPv6(groups, formatIPv6(groups));
}

/**
 * Why an address is refused, as a phrase: "a private address", "an IPv4-mapped IPv6 address for
 * 127.0.0.1, a loopback address". For an allowed address, "a public address".
 */
export function describeVerdict(v: AddressVerdict): string {
  if (v.embedding && v.embedded) {
    const how =
      v.embedding === "ipv4-mapped"
        ? "an IPv4-mapped IPv6 address"
        : v.embedding === "ipv4-compatible"
          ? "a deprecated IPv4-compatible IPv6 address"
          : v.embedding === "nat64"
            ? "a NAT64 address"
            : v.embedding === "6to4"
              ? "a 6to4 address"
              : "a Teredo address";
    if (v.embedding === "ipv4-compatible") return `${how} (for ${v.embedded})`;
    return `${how} for ${v.embedded}, ${RANGE_WORDS[v.range]}`;
  }
  return RANGE_WORDS[v.range];
}

// --- Host names -------------------------------------------------------------------------------

/** Special-use names that never lead to a public server (RFC 6761, RFC 6762, RFC 8375, ICANN). */
const LOCAL_SUFFIXES = ["localhost", "local", "home.arpa", "internal", "onion", "invalid", "alt"];

export type NameVerdict =
  | { allowed: true; host: string }
  | { allowed: false; host: string; reason: "local-name" | "single-label" | "invalid" };

/**
 * The verdict for a DNS host name before it is resolved: local-only special-use names, and
 * single-label names (which a resolver completes with local search domains), are refused.
 */
export function checkHostName(input: string): NameVerdict {
  const host = input.toLowerCase().replace(/\.$/, "");
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(host) || host.length > 253)
    return { allowed: false, host, reason: "invalid" };
  for (const suffix of LOCAL_SUFFIXES)
    if (host === suffix || host.endsWith(`.${suffix}`))
      return { allowed: false, host, reason: "local-name" };
  if (!host.includes(".")) return { allowed: false, host, reason: "single-label" };
  return { allowed: true, host };
}

/** Why a name is refused, as a phrase. */
export function describeNameVerdict(v: NameVerdict): string {
  if (v.allowed) return "a public name";
  switch (v.reason) {
    case "local-name":
      return "a special-use name that only exists on local networks";
    case "single-label":
      return "a name without a dot, which resolvers complete with local search domains";
    default:
      return "not a valid host name";
  }
}
