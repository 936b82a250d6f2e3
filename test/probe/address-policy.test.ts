// The probe's address policy as a table: pure functions, no packet is ever sent.
import { describe, expect, it } from "vitest";
import {
  type AddressRange,
  checkAddress,
  checkHostName,
  describeVerdict,
  formatIPv6,
  parseIPv4,
  parseIPv6,
} from "../../packages/cli/src/checker/address-policy.js";

const IPV4_TABLE: [string, AddressRange][] = [
  // public
  ["1.1.1.1", "global"],
  ["8.8.8.8", "global"],
  ["93.184.216.34", "global"],
  ["223.255.255.255", "global"],
  ["100.63.255.255", "global"], // just below CGNAT
  ["100.128.0.0", "global"], // just above CGNAT
  ["172.15.255.255", "global"], // just below 172.16/12
  ["172.32.0.0", "global"], // just above
  ["192.0.1.1", "global"], // between 192.0.0/24 and TEST-NET-1
  ["198.17.255.255", "global"], // just below benchmarking
  ["198.20.0.0", "global"], // just above
  ["169.253.255.255", "global"],
  // unspecified / this network
  ["0.0.0.0", "unspecified"],
  ["0.1.2.3", "unspecified"],
  // private (RFC 1918)
  ["10.0.0.0", "private"],
  ["10.255.255.255", "private"],
  ["172.16.0.1", "private"],
  ["172.31.255.255", "private"],
  ["192.168.0.1", "private"],
  ["192.168.255.255", "private"],
  // CGNAT (RFC 6598)
  ["100.64.0.0", "cgnat"],
  ["100.127.255.255", "cgnat"],
  // loopback
  ["127.0.0.1", "loopback"],
  ["127.255.255.254", "loopback"],
  // link-local (and the cloud metadata address in it)
  ["169.254.0.1", "link-local"],
  ["169.254.169.254", "link-local"],
  // IETF protocol assignments, deprecated 6to4 relay
  ["192.0.0.1", "reserved"],
  ["192.0.0.170", "reserved"],
  ["192.88.99.1", "reserved"],
  // documentation (RFC 5737)
  ["192.0.2.1", "documentation"],
  ["198.51.100.7", "documentation"],
  ["203.0.113.255", "documentation"],
  // benchmarking (RFC 2544)
  ["198.18.0.1", "benchmarking"],
  ["198.19.255.255", "benchmarking"],
  // multicast, reserved, broadcast
  ["224.0.0.1", "multicast"],
  ["239.255.255.250", "multicast"],
  ["240.0.0.1", "reserved"],
  ["255.255.255.254", "reserved"],
  ["255.255.255.255", "broadcast"],
];

const IPV6_TABLE: [string, AddressRange][] = [
  // public
  ["2001:4860:4860::8888", "global"],
  ["2606:4700:4700::1111", "global"],
  ["2a00:1450:4001:81b::200e", "global"],
  ["2600::", "global"],
  ["[2001:4860:4860::8888]", "global"], // brackets as in URLs
  // special
  ["::", "unspecified"],
  ["::1", "loopback"],
  ["0:0:0:0:0:0:0:1", "loopback"],
  ["fe80::1", "link-local"],
  ["febf:ffff::1", "link-local"],
  ["fec0::1", "site-local"],
  ["fc00::1", "unique-local"],
  ["fd12:3456:789a::1", "unique-local"],
  ["ff02::1", "multicast"],
  ["ff0e::101", "multicast"],
  ["2001:db8::1", "documentation"],
  ["3fff::1", "documentation"],
  ["2001:2::1", "benchmarking"],
  ["2001:10::1", "reserved"], // ORCHID, inside 2001::/23
  ["100::1", "discard"],
  ["64:ff9b:1::1", "nat64-local"],
  ["5f00::1", "reserved"], // SRv6 SIDs
  ["4000::1", "reserved"], // outside 2000::/3
  ["::2", "reserved"], // IPv4-compatible 0.0.0.2
  ["fe80::1%eth0", "scoped"],
];

/** IPv4 embedded in IPv6: the verdict is the embedded address's. */
const EMBEDDED_TABLE: [string, AddressRange, string, string][] = [
  ["::ffff:127.0.0.1", "loopback", "ipv4-mapped", "127.0.0.1"],
  ["::ffff:7f00:1", "loopback", "ipv4-mapped", "127.0.0.1"],
  ["::FFFF:10.1.2.3", "private", "ipv4-mapped", "10.1.2.3"],
  ["::ffff:169.254.169.254", "link-local", "ipv4-mapped", "169.254.169.254"],
  ["::ffff:100.64.0.1", "cgnat", "ipv4-mapped", "100.64.0.1"],
  ["0:0:0:0:0:ffff:192.168.1.1", "private", "ipv4-mapped", "192.168.1.1"],
  ["::ffff:8.8.8.8", "global", "ipv4-mapped", "8.8.8.8"],
  ["::127.0.0.1", "reserved", "ipv4-compatible", "127.0.0.1"], // deprecated form: always refused
  ["::8.8.8.8", "reserved", "ipv4-compatible", "8.8.8.8"],
  ["64:ff9b::10.0.0.1", "private", "nat64", "10.0.0.1"],
  ["64:ff9b::7f00:1", "loopback", "nat64", "127.0.0.1"],
  ["64:ff9b::808:808", "global", "nat64", "8.8.8.8"],
  ["2002:7f00:1::", "loopback", "6to4", "127.0.0.1"],
  ["2002:c0a8:101::1", "private", "6to4", "192.168.1.1"],
  ["2002:808:808::1", "global", "6to4", "8.8.8.8"],
  // Teredo: server 65.54.227.120, client 10.0.0.1 stored inverted (f5ff:fffe)
  ["2001:0:4136:e378:8000:63bf:f5ff:fffe", "private", "teredo", "10.0.0.1"],
  // Teredo with a private server address
  ["2001:0:a00:1:8000:63bf:f7f7:f7f7", "private", "teredo", "10.0.0.1"],
  // Teredo: server 65.54.227.120, client 8.8.8.8 (inverted f7f7:f7f7)
  ["2001:0:4136:e378:8000:63bf:f7f7:f7f7", "global", "teredo", "8.8.8.8"],
];

describe("checkAddress: IPv4", () => {
  it.each(IPV4_TABLE)("%s is %s", (address, range) => {
    const v = checkAddress(address);
    expect(v.family).toBe(4);
    expect(v.range).toBe(range);
    expect(v.allowed).toBe(range === "global");
  });
});

describe("checkAddress: IPv6", () => {
  it.each(IPV6_TABLE)("%s is %s", (address, range) => {
    const v = checkAddress(address);
    expect(v.family).toBe(6);
    expect(v.range).toBe(range);
    expect(v.allowed).toBe(range === "global");
  });
});

describe("checkAddress: IPv4 embedded in IPv6", () => {
  it.each(EMBEDDED_TABLE)("%s is %s (%s %s)", (address, range, embedding, embedded) => {
    const v = checkAddress(address);
    expect(v.range).toBe(range);
    expect(v.embedding).toBe(embedding);
    expect(v.embedded).toBe(embedded);
    expect(v.allowed).toBe(range === "global");
  });
});

describe("checkAddress: anything not a canonical address is refused", () => {
  it.each([
    "",
    "localhost",
    "example.org",
    "127.1", // short form: URL parsers expand it, the policy never guesses
    "0x7f.0.0.1",
    "0177.0.0.1",
    "2130706433",
    "256.1.1.1",
    "1.2.3.4.5",
    "01.2.3.4",
    "1::2::3",
    "1:2:3:4:5:6:7:8:9",
    "::ffff:1.2.3",
    "::ffff:256.0.0.1",
    "12345::",
    ":1::",
    "g::1",
  ])("%j is invalid", (text) => {
    const v = checkAddress(text);
    expect(v.allowed).toBe(false);
    expect(v.range).toBe("invalid");
  });
});

describe("reasons in plain words", () => {
  it("names the range, and what an IPv6 address embeds", () => {
    expect(describeVerdict(checkAddress("10.0.0.1"))).toBe("a private address");
    expect(describeVerdict(checkAddress("::ffff:127.0.0.1"))).toBe(
      "an IPv4-mapped IPv6 address for 127.0.0.1, a loopback address",
    );
    expect(describeVerdict(checkAddress("100.64.1.1"))).toMatch(/carrier-grade NAT/);
  });
});

describe("parsers", () => {
  it("parses and prints IPv6 canonically (RFC 5952)", () => {
    expect(formatIPv6(parseIPv6("2001:0db8:0000:0000:0000:0000:0000:0001")!)).toBe("2001:db8::1");
    expect(formatIPv6(parseIPv6("2001:db8:0:1:1:1:1:1")!)).toBe("2001:db8:0:1:1:1:1:1");
    expect(formatIPv6(parseIPv6("::ffff:1.2.3.4")!)).toBe("::ffff:102:304");
    expect(formatIPv6(parseIPv6("1:0:0:2:0:0:0:3")!)).toBe("1:0:0:2::3");
    expect(parseIPv6("1:2:3:4:5:6:1.2.3.4")).toEqual([1, 2, 3, 4, 5, 6, 0x102, 0x304]);
    expect(parseIPv6("::")).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });
  it("takes only canonical dotted quads", () => {
    expect(parseIPv4("192.168.0.1")).toBe(0xc0a80001);
    expect(parseIPv4("192.168.000.1")).toBeUndefined();
  });
});

describe("checkHostName", () => {
  it.each([
    ["example.org", true],
    ["matrix.example.org", true],
    ["Example.ORG", true],
    ["example.org.", true],
    ["xn--bcher-kva.example", true],
    ["localhost", false],
    ["LOCALHOST", false],
    ["localhost.", false],
    ["foo.localhost", false],
    ["printer.local", false],
    ["router.home.arpa", false],
    ["db.internal", false],
    ["something.onion", false],
    ["x.invalid", false],
    ["x.alt", false],
    ["intranet", false],
    ["db", false],
    ["bad_name.example", false],
    ["", false],
    ["a..b", false],
  ])("%s allowed: %s", (host, allowed) => {
    expect(checkHostName(host).allowed).toBe(allowed);
  });
  it("says why", () => {
    expect(checkHostName("db")).toMatchObject({ allowed: false, reason: "single-label" });
    expect(checkHostName("a.local")).toMatchObject({ allowed: false, reason: "local-name" });
  });
});

describe("IPv6 text round trip (property)", () => {
  it("prints what the URL parser prints, and parses back", async () => {
    const fc = (await import("fast-check")).default;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 }),
        (groups) => {
          const text = formatIPv6(groups);
          expect(parseIPv6(text)).toEqual(groups);
          expect(`[${text}]`).toBe(
            new URL(`http://[${groups.map((g) => g.toString(16)).join(":")}]/`).hostname,
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
