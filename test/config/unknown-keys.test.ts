/** Unknown config keys: a warning at the key, with a "did you mean" for near misses of known keys. */
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../packages/cli/src/config/parse.js";
import { checkConfig } from "../../packages/lib/src/config/check.js";

const VALID = {
  server_name: "example.org",
  support: { contacts: [{ role: "m.role.admin", email_address: "admin@example.net" }] },
};
const unknown = (value: Record<string, unknown>) =>
  checkConfig({ ...VALID, ...value }).filter((d) => d.code === "CONFIG_UNKNOWN_KEY");

describe("unknown config keys", () => {
  it.each([
    [{ http: { hsot: "127.0.0.1" } }, "/http/hsot", "http.hsot", "host"],
    [{ http: { prot: 8080 } }, "/http/prot", "http.prot", "port"],
    [{ http: { cache_maxage: 60 } }, "/http/cache_maxage", "http.cache_maxage", "cache_max_age"],
    [
      { http: { "cache-max-age": 60 } },
      "/http/cache-max-age",
      "http.cache-max-age",
      "cache_max_age",
    ],
    [{ htpp: {} }, "/htpp", "htpp", "http"],
    [{ sever_name: "x" }, "/sever_name", "sever_name", "server_name"],
    [{ suport: {} }, "/suport", "suport", "support"],
    [{ wellknown: {} }, "/wellknown", "wellknown", "well_known"],
    [{ well_known: { clinet: {} } }, "/well_known/clinet", "well_known.clinet", "client"],
    [{ well_known: { Server: {} } }, "/well_known/Server", "well_known.Server", "server"],
  ])("%j: suggests the known key at that level in the hint", (value, path, key, suggestion) => {
    const [d] = unknown(value);
    expect(d).toMatchObject({ severity: "warning", path, message: `Unknown config key "${key}"` });
    expect(d?.hint).toContain(`did you mean "${suggestion}"?`);
    expect(d?.hint).toContain("ignored");
  });

  it.each([
    [{ frobnicate: 1 }],
    [{ http: { tls: true } }],
    [{ http: { x: 1 } }],
    [{ well_known: { matrix: {} } }],
  ])("%j: no suggestion when nothing known is within two edits", (value) => {
    const [d] = unknown(value);
    expect(d?.code).toBe("CONFIG_UNKNOWN_KEY");
    expect(d?.hint).not.toContain("did you mean");
    expect(d?.hint).toContain("ignored");
  });

  it("suggests only keys of the same level (host is not a top-level key)", () => {
    const [d] = unknown({ hots: 1 });
    expect(d?.hint ?? "").not.toContain('"host"');
  });

  it("shows the suggestion with the position in a YAML config", () => {
    const text =
      "server_name: example.org\nsupport:\n  support_page: https://example.org/help\nhttp:\n  hsot: 0.0.0.0\n";
    const d = parseConfig(text, { fileName: "c.yaml" }).diagnostics.find(
      (x) => x.code === "CONFIG_UNKNOWN_KEY",
    );
    expect(d).toMatchObject({ line: 5, column: 3 });
    expect(d?.hint).toContain('did you mean "host"?');
  });
});
