/** `support_page`: an absolute URI (RFC 3986), and what validateSupport makes of its scheme. */
import { describe, expect, it } from "vitest";
import { isAbsoluteUri, parseUri, validateSupport } from "../../../packages/lib/src/core/index.js";

const pageCodes = (support_page: string) =>
  validateSupport({ support_page }, { lint: false }).diagnostics.map((d) => d.code);

describe("parseUri", () => {
  it("accepts absolute web addresses, with the scheme lower-cased and the host", () => {
    expect(parseUri("https://example.org/support.html")).toEqual({
      ok: true,
      scheme: "https",
      host: "example.org",
    });
    expect(parseUri("HTTPS://Example.org:8443/a/b?c=d&e#f")).toMatchObject({
      ok: true,
      scheme: "https",
    });
    expect(parseUri("https://[2001:db8::1]:8443/")).toMatchObject({
      ok: true,
      host: "[2001:db8::1]",
    });
    expect(parseUri("https://example.org/%C3%BC")).toMatchObject({ ok: true });
  });

  it("accepts matrix.to links with a raw '#' inside the fragment", () => {
    expect(parseUri("https://matrix.to/#/#room:example.org")).toMatchObject({
      ok: true,
      host: "matrix.to",
    });
    expect(parseUri("https://matrix.to/#/@admin:example.org")).toMatchObject({ ok: true });
  });

  it("parses other schemes (validateSupport decides what they are worth)", () => {
    expect(parseUri("mailto:admin@example.org")).toMatchObject({ ok: true, scheme: "mailto" });
    expect(parseUri("javascript:alert(1)")).toMatchObject({ ok: true, scheme: "javascript" });
    expect(parseUri("openpgp4fpr:0123456789ABCDEF")).toMatchObject({
      ok: true,
      scheme: "openpgp4fpr",
    });
  });

  it("rejects relative references, surrounding white space and bad characters", () => {
    const cases: [string, string][] = [
      ["", "empty"],
      ["/support.html", "no scheme"],
      ["example.org/support", "no scheme"],
      ["www.example.org", "no scheme"],
      [" https://example.org", "white space"],
      ["https://example.org\n", "white space"],
      ["https://example.org/a b", "U+0020"],
      ["https://exa mple.org/", "U+0020"],
      ["https://example.org/<x>", "'<'"],
      ["https://", "needs a host"],
      ["https:/example.org", "needs a host"],
      ["https://example.org:port/", "port"],
      ["https://[::1/", "']'"],
      ["1https://example.org", "scheme"],
    ];
    for (const [input, reason] of cases) {
      expect(parseUri(input), JSON.stringify(input)).toMatchObject({
        ok: false,
        reason: expect.stringContaining(reason),
      });
      expect(isAbsoluteUri(input)).toBe(false);
    }
  });
});

describe("support_page schemes in validateSupport", () => {
  it("https is fine, http a warning", () => {
    expect(pageCodes("https://example.org/help")).toEqual([]);
    expect(pageCodes("http://example.org/help")).toEqual(["SUPPORT_PAGE_HTTP"]);
    expect(pageCodes("https://matrix.to/#/#support:example.org")).toEqual([]);
  });

  it("javascript:, vbscript: and data: (links that run code) are errors", () => {
    for (const page of [
      "javascript:alert(document.cookie)",
      "JavaScript:alert(1)",
      "data:text/html;base64,PHNjcmlwdD4=",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox(1)",
      "VBScript:msgbox(1)",
      " javascript:alert(1)",
      "java\nscript:alert(1)",
      "\tjavascript:alert(1)\n",
    ]) {
      const { valid, diagnostics } = validateSupport({ support_page: page }, { lint: false });
      expect(valid, page).toBe(false);
      expect(diagnostics, page).toEqual([
        expect.objectContaining({ code: "SUPPORT_PAGE_UNSAFE_SCHEME", path: "/support_page" }),
      ]);
    }
  });

  it("other schemes are URIs, as the spec asks: a warning, not an error", () => {
    for (const page of [
      "mailto:admin@example.org",
      "matrix:r/support:example.org",
      "tel:+1-201-555-0123",
      "urn:example:support",
      "file:///srv/help.html",
      "ftp://example.org/help.txt",
      "constructor:x",
    ]) {
      const { valid, diagnostics } = validateSupport({ support_page: page }, { lint: false });
      expect(valid, page).toBe(true);
      expect(diagnostics, page).toEqual([
        expect.objectContaining({
          code: "SUPPORT_PAGE_NOT_WEB",
          severity: "warning",
          path: "/support_page",
        }),
      ]);
    }
  });

  it("says why in the hint", () => {
    const hint = (page: string) => validateSupport({ support_page: page }).diagnostics[0]?.hint;
    expect(
      validateSupport({ support_page: "javascript:alert(1)" }).diagnostics[0]?.message,
    ).toContain("runs code");
    expect(hint("file:///etc/passwd")).toContain("own machine");
    expect(hint("mailto:a@example.org")).toContain("email_address");
    expect(hint("matrix:r/help:example.org")).toContain("matrix.to");
    expect(hint("constructor:x")).toContain("web page");
  });

  it("surrounding white space is an error, not trimmed", () => {
    expect(pageCodes(" https://example.org/help")).toEqual(["SUPPORT_PAGE_INVALID"]);
    expect(pageCodes("https://example.org/help\n")).toEqual(["SUPPORT_PAGE_INVALID"]);
  });
});
