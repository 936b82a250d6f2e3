// The probe's guard in discovery's Node transport: names refused before any lookup, addresses judged
// after it, the socket connected to the judged address, every redirect hop judged again.
// Loopback only: a test policy allows 127.0.0.1 and refuses other loopback addresses, standing in
// for "public" and "private" (the real policy is table-tested as a pure function).
import type { LookupAddress } from "node:dns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  publicAddressPolicy,
  publicNameLookup,
  publicPortFetch,
} from "../../packages/cli/src/checker/guard.js";
import { createNodeTransport, type LookupFunction } from "../../packages/cli/src/transport/node.js";
import { checkServer } from "../../packages/lib/src/discover/check.js";
import { classifyError } from "../../packages/lib/src/discover/failure.js";
import type { FetchLike, ResponseLike } from "../../packages/lib/src/discover/types.js";
import { type Fleet, json, startFleet } from "../helpers/fleet.js";

function fakeDns(table: Record<string, string[]>) {
  const asked: string[] = [];
  const lookup: LookupFunction = (hostname, _options, callback) => {
    asked.push(hostname);
    const found = table[hostname];
    if (!found) {
      const e = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
        code: "ENOTFOUND",
      });
      queueMicrotask(() => callback(e, []));
      return;
    }
    const addresses: LookupAddress[] = found.map((address) => ({
      address,
      family: address.includes(":") ? 6 : 4,
    }));
    queueMicrotask(() => callback(null, addresses));
  };
  return { lookup, asked };
}

const lookupOnce = (lookup: LookupFunction, host: string) =>
  new Promise<{ error: NodeJS.ErrnoException | null; addresses: LookupAddress[] }>((resolve) =>
    lookup(host, { all: true }, (error, addresses) => resolve({ error, addresses })),
  );

describe("publicAddressPolicy", () => {
  it("allows public addresses and says why others are refused", () => {
    expect(publicAddressPolicy("93.184.216.34", 4, "example.org")).toBe(true);
    expect(publicAddressPolicy("2606:4700:4700::1111", 6, "example.org")).toBe(true);
    expect(publicAddressPolicy("10.1.2.3", 4, "example.org")).toBe("a private address");
    expect(publicAddressPolicy("::ffff:169.254.169.254", 6, "example.org")).toBe(
      "an IPv4-mapped IPv6 address for 169.254.169.254, a link-local address",
    );
  });
});

describe("publicNameLookup", () => {
  it("asks for absolute names only (no search domains)", async () => {
    const dns = fakeDns({ "example.org.": ["93.184.216.34"] });
    const result = await lookupOnce(publicNameLookup(dns.lookup), "Example.org");
    expect(result.error).toBeNull();
    expect(dns.asked).toEqual(["example.org."]);
  });

  it.each(["localhost", "db", "printer.local", "nas.home.arpa", "x.internal"])(
    "refuses %s before any query, as ADDRESS_REFUSED",
    async (host) => {
      const dns = fakeDns({});
      const { error } = await lookupOnce(publicNameLookup(dns.lookup), host);
      expect(dns.asked).toEqual([]);
      expect(error).toMatchObject({ code: "ERR_ADDRESS_REFUSED", address: host });
      const failure = classifyError(error, host, "connecting");
      expect(failure.phase).toBe("address");
      expect(failure.diagnostic.code).toBe("ADDRESS_REFUSED");
    },
  );
});

describe("publicPortFetch", () => {
  it("passes the HTTPS ports, refuses others as ADDRESS_REFUSED", async () => {
    const seen: string[] = [];
    const inner: FetchLike = async (url) => {
      seen.push(url);
      return { status: 204, headers: { get: () => null }, body: null } satisfies ResponseLike;
    };
    const fetch = publicPortFetch(inner);
    const init = {
      method: "GET" as const,
      headers: {},
      redirect: "manual" as const,
      signal: new AbortController().signal,
    };
    await fetch("https://example.org/.well-known/matrix/support", init);
    await fetch("https://example.org:443/x", init);
    await fetch("https://example.org:8443/x", init);
    const refused = await fetch("https://example.org:25/x", init).catch((e: unknown) => e);
    expect(seen).toHaveLength(3);
    const failure = classifyError(refused, "example.org", "connecting");
    expect(failure.diagnostic.code).toBe("ADDRESS_REFUSED");
    expect(failure.diagnostic.message).toContain("port 25");
  });
});

describe("the guarded transport (loopback fleet)", () => {
  let fleet: Fleet;
  const testPolicy = (address: string) =>
    address === "127.0.0.1" ? (true as const) : "not the test's public address";

  beforeAll(async () => {
    fleet = await startFleet();
    fleet.route("good.test", (_req, res) =>
      json(res, { contacts: [{ role: "m.role.admin", email_address: "a@example.net" }] }),
    );
    fleet.route("hop.test", (_req, res) => {
      res.writeHead(302, {
        location: "https://evil.test/.well-known/matrix/support",
        "access-control-allow-origin": "*",
      });
      res.end();
    });
    fleet.route("literal.test", (_req, res) => {
      res.writeHead(302, {
        location: `https://127.0.0.2:${fleet.port}/.well-known/matrix/support`,
        "access-control-allow-origin": "*",
      });
      res.end();
    });
  });
  afterAll(async () => {
    await fleet?.close();
  });

  async function check(name: string, table: Record<string, string[]>) {
    const dns = fakeDns(table);
    const transport = createNodeTransport({
      cacert: fleet.ca.cert,
      // Keep the host name (so the lookup runs), send port 443 to the fleet's port.
      connectTo: [`:443::${fleet.port}`],
      lookup: publicNameLookup(dns.lookup),
      addressPolicy: testPolicy,
    });
    try {
      const report = await checkServer(name, {
        fetch: transport.fetch,
        timeout: 30_000,
        preflight: false,
      });
      return { report, asked: dns.asked };
    } finally {
      await transport.close();
    }
  }

  it("connects to the allowed address among those resolved, after one lookup", async () => {
    const { report, asked } = await check("good.test", {
      "good.test.": ["127.0.0.2", "127.0.0.1"],
    });
    expect(report.status).toBe("found");
    expect(asked).toEqual(["good.test."]);
  });

  it("refuses a name whose every address is refused, without connecting", async () => {
    const before = fleet.hits("good.test");
    const { report } = await check("good.test", { "good.test.": ["127.0.0.2"] });
    expect(report.status).toBe("unreachable");
    expect(report.diagnostics[0]?.code).toBe("ADDRESS_REFUSED");
    expect(report.diagnostics[0]?.message).toContain("127.0.0.2");
    expect(fleet.hits("good.test")).toBe(before);
  });

  it("judges a redirect hop's name again", async () => {
    const { report, asked } = await check("hop.test", {
      "hop.test.": ["127.0.0.1"],
      "evil.test.": ["127.0.0.2"],
    });
    expect(report.status).toBe("unreachable");
    expect(report.http.redirects).toHaveLength(1);
    expect(report.diagnostics.map((d) => d.code)).toContain("ADDRESS_REFUSED");
    expect(asked).toEqual(["hop.test.", "evil.test."]);
    expect(fleet.hits("evil.test")).toBe(0);
  });

  it("judges a redirect hop to an IP literal", async () => {
    const { report } = await check("literal.test", { "literal.test.": ["127.0.0.1"] });
    expect(report.status).toBe("unreachable");
    const refused = report.diagnostics.find((d) => d.code === "ADDRESS_REFUSED");
    expect(refused?.message).toContain("127.0.0.2");
  });
});
