/**
 * TOML configs: every diagnostic has a real line and column (syntax errors from smol-toml, the
 * others from the key's place in the text), and parse errors get a hint about their own format.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { locateToml, parseConfig } from "../../packages/cli/src/config/parse.js";
import type { Diagnostic } from "../../packages/lib/src/core/index.js";

const toml = (text: string) => parseConfig(text, { fileName: "matrix-support.toml" }).diagnostics;
const at = (ds: Diagnostic[], code: string, path?: string) => {
  const d = ds.find((x) => x.code === code && (path === undefined || x.path === path));
  if (!d) throw new Error(`no ${code} ${path ?? ""} in ${JSON.stringify(ds)}`);
  return [d.line, d.column];
};

describe("TOML config diagnostics are located", () => {
  it("locates document diagnostics at the [[support.contacts]] table that makes `support`", () => {
    const text = [
      "# comment", //                                 1
      'server_name = "example.org"', //               2
      "", //                                          3
      "[[support.contacts]]", //                      4
      'role = "m.role.admin"', //                     5
      'email_address = "admin@example.org"', //       6
    ].join("\n");
    const ds = toml(text);
    // Every contact is on example.org: said at the table that holds the contacts, not at 1:1.
    expect(at(ds, "NO_OFF_DOMAIN_CONTACT", "/support")).toEqual([4, 1]);
    expect(at(ds, "NO_SECURITY_CONTACT", "/support")).toEqual([4, 1]);
  });

  it("locates keys under [support] and each [[support.contacts]] entry", () => {
    const text = [
      'server_name = "example.org"', //               1
      "[support]", //                                 2
      'support_page = "http://example.org/help"', // 3
      "", //                                          4
      "[[support.contacts]]", //                      5
      'role = "m.role.admin"', //                     6
      'email_address = "admin@example.net"', //       7
      "", //                                          8
      "  [[support.contacts]]", //                    9
      '  email_address = "mailto:sec@example.net"', // 10
    ].join("\n");
    const ds = toml(text);
    expect(at(ds, "SUPPORT_PAGE_HTTP", "/support/support_page")).toEqual([3, 1]);
    expect(at(ds, "ROLE_MISSING", "/support/contacts/1")).toEqual([9, 3]);
    expect(at(ds, "EMAIL_MAILTO", "/support/contacts/1/email_address")).toEqual([10, 3]);
    expect(at(ds, "NO_SECURITY_CONTACT", "/support")).toEqual([2, 1]);
  });

  it("locates values inside inline tables and arrays, over several lines", () => {
    const text = [
      'server_name = "example.org"', //                                          1
      "[support]", //                                                            2
      "contacts = [", //                                                         3
      '  { role = "m.role.admin", email_address = "admin@example.net" },', //   4
      "  # a comment with [brackets] and { braces", //                           5
      '  { role = "bogus", email_address = "mailto:a@example.net" },', //       6
      "]", //                                                                    7
    ].join("\n");
    const ds = toml(text);
    expect(at(ds, "ROLE_NOT_NAMESPACED", "/support/contacts/1/role")).toEqual([6, 5]);
    expect(at(ds, "EMAIL_MAILTO", "/support/contacts/1/email_address")).toEqual([6, 21]);
  });

  it("locates dotted keys, and `support` made by a dotted key", () => {
    const text = [
      'server_name = "example.org"',
      'support.contacts = [ { role = "m.role.admin", email_address = "mailto:a@example.net" } ]',
    ].join("\n");
    const ds = toml(text);
    expect(at(ds, "EMAIL_MAILTO")).toEqual([2, 47]);
    expect(at(ds, "NO_SECURITY_CONTACT", "/support")).toEqual([2, 1]);
  });

  it("is not fooled by headers inside multi-line strings, quoted keys or comments", () => {
    const text = [
      'server_name = "example.org"', //                     1
      'note = """', //                                      2
      "[http]", //                                          3
      'hsot = "inside a string"', //                        4
      '"""', //                                             5
      "# [http]", //                                        6
      '[ "http" ]', //                                      7
      'hsot = "127.0.0.1" # the real one', //               8
      '[well_known.client."m.homeserver"]', //            9
      'base_url = "ftp://matrix.example.org"', //           10
      "[support]", //                                       11
      'support_page = "https://example.org/help"', //       12
    ].join("\n");
    const ds = toml(text);
    expect(at(ds, "CONFIG_UNKNOWN_KEY", "/note")).toEqual([2, 1]);
    expect(at(ds, "CONFIG_UNKNOWN_KEY", "/http/hsot")).toEqual([8, 1]);
    expect(at(ds, "CONFIG_WELL_KNOWN_CLIENT", "/well_known/client")).toEqual([9, 1]);
  });

  it("puts a whole-file diagnostic at the first key, not at 1:1 above the comments", () => {
    const text = '# my config\n\n[support]\nsupport_page = "https://example.org/help"\n';
    expect(at(toml(text), "CONFIG_NO_SERVER_NAME", "")).toEqual([3, 1]);
  });

  it("handles CRLF line ends and literal strings", () => {
    const text =
      "server_name = 'example.org'\r\n[support]\r\nsupport_page = 'javascript:alert(1)'\r\n";
    expect(at(toml(text), "SUPPORT_PAGE_UNSAFE_SCHEME", "/support/support_page")).toEqual([3, 1]);
  });

  it("gives syntax errors smol-toml's line and column, without repeating 'Invalid TOML document'", () => {
    const ds = toml('server_name = "example.org"\n[http]\nport = "80\n');
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ code: "PARSE_ERROR", line: 3 });
    expect(ds[0]?.column).toBeGreaterThan(1);
    expect(ds[0]?.message).toMatch(/^Not valid TOML: /);
    expect(ds[0]?.message).not.toContain("Invalid TOML document");
  });
});

describe("the TOML position finder", () => {
  it("never throws and stays inside the text, whatever the text", () => {
    const unit = fc.constantFrom(..."[]{}=.,#\"'\\\n\r \tab_-1");
    fc.assert(
      fc.property(
        fc.string({ unit, maxLength: 80 }),
        fc.constantFrom("", "/a", "/a/0/b"),
        (t, p) => {
          const pos = locateToml(t, p);
          if (pos) {
            const lines = t.split("\n");
            expect(pos.line).toBeLessThanOrEqual(lines.length);
            expect(pos.column).toBeLessThanOrEqual((lines[pos.line - 1]?.length ?? 0) + 1);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("parse-error hints speak the file's own format", () => {
  it("TOML: no talk of JSON quotes and commas", () => {
    const [d] = toml("server_name = example.org\n");
    expect(d?.code).toBe("PARSE_ERROR");
    expect(d?.hint).toMatch(/TOML/);
    expect(d?.hint).not.toMatch(/JSON|comma/);
  });

  it("YAML: about indentation and quoting, not JSON", () => {
    const [d] = parseConfig("server_name: example.org\nsupport:\n  contacts: [ {role: admin\n", {
      fileName: "matrix-support.yaml",
    }).diagnostics;
    expect(d?.code).toBe("PARSE_ERROR");
    expect(d?.hint).toMatch(/YAML/);
    expect(d?.hint).toMatch(/indent/i);
    expect(d?.hint).not.toMatch(/JSON/);
  });

  it("JSON keeps its hint about quotes and commas", () => {
    const [d] = parseConfig('{"server_name": "example.org",}', { fileName: "x.json" }).diagnostics;
    expect(d?.code).toBe("PARSE_ERROR");
    expect(d?.hint).toMatch(/JSON/);
    expect(d?.hint).toMatch(/comma/);
  });
});
