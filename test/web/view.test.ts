// The page's reading of `check --json` (untrusted: it carries remote data) and its verdicts.
import { describe, expect, it } from "vitest";
import {
  corsOf,
  normaliseServerInput,
  primaryView,
  readCheck,
  summaryOf,
  verdictOf,
} from "../../packages/cli/src/web/checker/view.js";
import { safeUrl } from "../../packages/cli/src/web/common/dom.js";

const base = {
  server_name: "example.org",
  url: "https://example.org/.well-known/matrix/support",
  status: "found",
  document: { contacts: [{ role: "m.role.admin", email_address: "a@example.org" }] },
  diagnostics: [],
  http: {
    status: 200,
    redirects: [],
    headers: { "access-control-allow-origin": "*" },
    elapsed_ms: 5,
  },
};
const warning = { code: "CORS_MISSING", severity: "warning", message: "m" };
const error = { code: "ROLE_MISSING", severity: "error", message: "m", path: "/contacts/0" };

describe("readCheck", () => {
  it("reads a check result", () => {
    const v = readCheck(base);
    expect(v?.contacts).toEqual([{ role: "m.role.admin", email: "a@example.org" }]);
    expect(v?.httpStatus).toBe(200);
    expect(v?.headers["access-control-allow-origin"]).toBe("*");
  });

  it("reads a contact's MSC4439 PGP key, stable or unstable name, as published", () => {
    const doc = (contact: Record<string, unknown>) =>
      readCheck({
        ...base,
        document: { contacts: [{ role: "m.role.admin", email_address: "a@x.org", ...contact }] },
      })?.contacts[0];
    expect(doc({ pgp_key: "javascript:alert(1)" })?.pgpKey).toBe("javascript:alert(1)");
    expect(doc({ "dev.zirco.msc4439.pgp_key": "https://x.org/k" })?.pgpKey).toBe("https://x.org/k");
    expect(doc({ pgp_key: { href: "x" } })).toEqual({ role: "m.role.admin", email: "a@x.org" });
  });

  it("refuses what is not a check result", () => {
    for (const bad of [
      null,
      1,
      "x",
      [],
      {},
      { server_name: "a", status: "weird" },
      { status: "found" },
    ])
      expect(readCheck(bad)).toBeUndefined();
  });

  it("drops fields of the wrong type instead of rendering them", () => {
    const v = readCheck({
      ...base,
      document: {
        contacts: [
          { role: 1, email_address: "a@b.c" },
          { role: "m.role.admin" },
          { role: "m.role.admin", matrix_id: { toString: "x" } },
          "nope",
          { role: "m.role.security", matrix_id: "@s:example.org" },
        ],
        support_page: 42,
      },
      diagnostics: [
        warning,
        { code: "X", severity: "fatal", message: "m" },
        { severity: "error" },
        7,
      ],
      http: { status: "200", redirects: [{ url: 1 }], headers: { a: 1, B: "x" } },
    });
    expect(v?.contacts).toEqual([{ role: "m.role.security", matrixId: "@s:example.org" }]);
    expect(v?.supportPage).toBeUndefined();
    expect(v?.diagnostics.map((d) => d.code)).toEqual(["CORS_MISSING"]);
    expect(v?.httpStatus).toBeUndefined();
    expect(v?.redirects).toEqual([]);
    expect(v?.headers).toEqual({ b: "x" });
  });
});

describe("verdictOf and summaryOf", () => {
  const view = (over: Record<string, unknown>) => readCheck({ ...base, ...over })!;
  it.each([
    [{}, "works"],
    [{ diagnostics: [warning] }, "warnings"],
    [{ diagnostics: [{ ...warning, severity: "info" }] }, "works"],
    [{ diagnostics: [error, warning] }, "broken"],
    [{ status: "invalid", document: null }, "broken"],
    [{ status: "unreachable", document: null }, "broken"],
    [{ status: "not_found", document: null }, "not-published"],
  ])("%j -> %s", (over, verdict) => {
    expect(verdictOf(view(over))).toBe(verdict);
  });

  it("says what is published and what to fix", () => {
    expect(summaryOf(view({}))).toBe("example.org publishes 1 contact.");
    expect(
      summaryOf(
        view({
          document: { ...base.document, support_page: "https://x" },
          diagnostics: [error, warning],
        }),
      ),
    ).toBe("example.org publishes 1 contact and a support page. 1 error and 1 warning to fix.");
    expect(summaryOf(view({ status: "not_found", document: null }))).toMatch(
      /publishes no support file/,
    );
  });
});

describe("corsOf", () => {
  const view = (http: Record<string, unknown>) => readCheck({ ...base, http })!;
  it("reads the final answer and every redirect hop", () => {
    expect(
      corsOf(view({ status: 200, redirects: [], headers: { "access-control-allow-origin": "*" } }))
        .kind,
    ).toBe("open");
    expect(corsOf(view({ status: 200, redirects: [], headers: {} })).kind).toBe("missing");
    expect(
      corsOf(
        view({
          status: 200,
          redirects: [],
          headers: { "access-control-allow-origin": "https://a" },
        }),
      ),
    ).toEqual({ kind: "restricted", value: "https://a" });
    const hop = {
      url: "https://a/x",
      status: 301,
      location: "https://b/x",
      access_control_allow_origin: null,
    };
    expect(
      corsOf(
        view({ status: 200, redirects: [hop], headers: { "access-control-allow-origin": "*" } }),
      ).kind,
    ).toBe("redirect-missing");
    expect(corsOf(view({ redirects: [] })).kind).toBe("unknown");
  });
});

describe("normaliseServerInput", () => {
  it.each([
    ["example.org", "example.org"],
    ["  example.org  ", "example.org"],
    ["@alice:example.org", "example.org"],
    ["@alice:example.org:8448", "example.org:8448"],
    ["https://example.org/", "example.org"],
    ["HTTPS://Example.org/help?x=1", "example.org"],
    ["example.org/", "example.org"],
    ["[::1]:8448", "[::1]:8448"],
  ])("%j -> %j", (input, out) => {
    expect(normaliseServerInput(input)).toBe(out);
  });
});

describe("safeUrl", () => {
  it.each([
    ["https://example.org/help", "https://example.org/help"],
    ["http://example.org/", "http://example.org/"],
    ["mailto:a@example.org", "mailto:a@example.org"],
    ["javascript:alert(1)", undefined],
    [" JavaScript:alert(1)", undefined],
    ["java\tscript:alert(1)", undefined],
    ["data:text/html,<script>alert(1)</script>", undefined],
    ["vbscript:x", undefined],
    ["//evil.example/", undefined],
    ["/relative", undefined],
    [42, undefined],
  ])("%j -> %j", (input, out) => {
    expect(safeUrl(input)).toBe(out);
  });
});

describe("primaryView", () => {
  const v = (over: Record<string, unknown>) => readCheck({ ...base, ...over })!;
  const blocked = { code: "BROWSER_BLOCKED", severity: "warning", message: "m" };
  const ok = (view: ReturnType<typeof v>) => ({ ok: true as const, view });
  it("rests on the probe, adding the browser's refusal", () => {
    const probe = v({ diagnostics: [warning] });
    const browser = v({ status: "unreachable", document: null, diagnostics: [blocked] });
    const merged = primaryView({ probe: ok(probe), browser: ok(browser) });
    expect(merged?.diagnostics.map((d) => d.code)).toEqual(["BROWSER_BLOCKED", "CORS_MISSING"]);
    expect(merged?.raw).toBe(probe.raw);
  });
  it("falls back to the browser when the probe has no result, or only the browser got an answer", () => {
    const browser = v({});
    expect(primaryView({ probe: { ok: false }, browser: ok(browser) })).toBe(browser);
    const refused = v({ status: "unreachable", document: null });
    expect(primaryView({ probe: ok(refused), browser: ok(browser) })).toBe(browser);
    expect(primaryView({ probe: { ok: false }, browser: { ok: false } })).toBeUndefined();
  });
});
