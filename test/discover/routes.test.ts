/** curl's --resolve and --connect-to, parsed and applied as pure functions. */
import { describe, expect, it } from "vitest";
import { parseConnectTo, parseResolve, route } from "../../packages/lib/src/discover/routes.js";

const rule = <T>(r: { ok: true; rule: T } | { ok: false; reason: string }): T => {
  if (!r.ok) throw new Error(r.reason);
  return r.rule;
};

describe("parseResolve", () => {
  it("reads HOST:PORT:ADDR with IPv4, IPv6 and several addresses", () => {
    expect(rule(parseResolve("Example.org:443:127.0.0.1"))).toEqual({
      host: "example.org",
      port: 443,
      addresses: ["127.0.0.1"],
    });
    expect(rule(parseResolve("example.org:443:[::1],127.0.0.2")).addresses).toEqual([
      "::1",
      "127.0.0.2",
    ]);
    expect(rule(parseResolve("+*:443:::1")).addresses).toEqual(["::1"]);
  });
  it("refuses what curl would", () => {
    for (const bad of [
      "example.org",
      "example.org:443",
      "example.org:x:1.2.3.4",
      ":443:1.2.3.4",
      "a:443:example.com",
    ])
      expect(parseResolve(bad).ok).toBe(false);
  });
});

describe("parseConnectTo", () => {
  it("reads the four fields; empty ones are wildcards or keep the original", () => {
    expect(rule(parseConnectTo("::127.0.0.1:8443"))).toEqual({ toHost: "127.0.0.1", toPort: 8443 });
    expect(rule(parseConnectTo("example.org:443:[::1]:"))).toEqual({
      host: "example.org",
      port: 443,
      toHost: "::1",
    });
  });
  it("refuses a wrong field count or port", () => {
    expect(parseConnectTo("a:443:b").ok).toBe(false);
    expect(parseConnectTo("a:99999:b:1").ok).toBe(false);
  });
});

describe("route", () => {
  const ct = [
    rule(parseConnectTo("example.org:443:backend.test:8443")),
    rule(parseConnectTo(":8448::9000")),
  ];
  const rs = [rule(parseResolve("backend.test:8443:10.0.0.1"))];
  it("applies the first matching --connect-to, then --resolve on the target", () => {
    expect(route("example.org", 443, ct, rs)).toEqual({
      host: "backend.test",
      port: 8443,
      addresses: ["10.0.0.1"],
    });
    expect(route("other.test", 8448, ct, rs)).toEqual({ host: "other.test", port: 9000 });
    expect(route("other.test", 443, ct, rs)).toEqual({ host: "other.test", port: 443 });
  });
  it("matches --resolve on host and port only", () => {
    expect(route("backend.test", 443, [], rs)).toEqual({ host: "backend.test", port: 443 });
  });
});
