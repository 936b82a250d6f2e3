import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSupportHandler } from "../../packages/lib/src/server/handler.js";
import {
  escapeHtml,
  renderSupportPage,
  SUPPORT_PAGE_CSS,
  safeHref,
  supportPageCssPath,
  supportPageIconPath,
} from "../../packages/lib/src/server/support-page.js";
import {
  emptySupportConfig,
  exampleConfig,
  hostileConfig,
  url,
  withExtensionsConfig,
} from "./helpers.js";

const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);

describe("the support page", () => {
  it("is served with a strict CSP, no script and no inline style", async () => {
    const h = createSupportHandler(exampleConfig);
    const res = await h(new Request(url("/")));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("script-src");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const html = await res.text();
    expect(html).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('name="viewport"');
  });

  it("serves its stylesheet from a hashed, immutable path, with light and dark schemes", async () => {
    const h = createSupportHandler(exampleConfig);
    const html = await (await h(new Request(url("/")))).text();
    const path = supportPageCssPath();
    expect(path).toMatch(/^\/assets\/support\.[0-9a-z]+\.css$/);
    expect(html).toContain(`href="${path}"`);
    const css = await h(new Request(url(path)));
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(css.headers.get("cache-control")).toContain("immutable");
    expect(await css.text()).toBe(SUPPORT_PAGE_CSS);
    expect(SUPPORT_PAGE_CSS).toContain("prefers-color-scheme: dark");
    expect(SUPPORT_PAGE_CSS).toContain(":focus-visible");
    const icon = await h(new Request(url(supportPageIconPath())));
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toBe("image/svg+xml");
    expect(html).toContain(`href="${supportPageIconPath()}"`);
  });

  it("says who to contact for what, with role names in plain words and safe links", () => {
    const html = renderSupportPage(exampleConfig);
    expect(html).toContain("<h1>Support for example.org</h1>");
    expect(html).toContain(">Administrator</h3>");
    expect(html).toContain(">Security</h3>");
    expect(html).toContain("Any question about this server.");
    expect(hrefs(html)).toEqual(
      expect.arrayContaining([
        "https://matrix.to/#/@admin:example.org",
        "mailto:admin@example.org",
        "mailto:security@example.org",
        "https://example.org/help",
        "/.well-known/matrix/support",
      ]),
    );
  });

  it("shows unknown roles verbatim, PGP keys (MSC4439) and policies (MSC4266)", () => {
    const html = renderSupportPage(withExtensionsConfig);
    expect(html).toContain(">com.example.role.abuse</h3>");
    expect(html).toContain('href="openpgp4fpr:0123456789ABCDEF0123456789ABCDEF01234567"');
    expect(html).toContain('<a href="https://example.org/privacy">Privacy policy</a>');
    // Security comes before the unknown role, whatever the published order.
    expect(html.indexOf(">Security</h3>")).toBeLessThan(html.indexOf(">com.example.role.abuse<"));
  });

  it("links a PGP key only as an https: URL or a well-formed fingerprint (MSC4439), never hostile values", () => {
    const fpr = "openpgp4fpr:67FAAA655DBD691E7957E0951594E544D8F8F21E";
    const hostile = [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      " javascript:alert(1)",
      "\tjavascript:alert(1)",
      "java\nscript:alert(1)",
      "vbscript:msgbox(1)",
      "data:text/html,<script>alert(1)</script>",
      "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
      "openpgp4fpr:--platformpluginpath%20%5C%5Cattacker%5Cshare",
      'openpgp4fpr:ABCD" onmouseover="alert(1)',
      "openpgp4fpr:1594E544D8F8F21E",
      "http://example.org/key.asc",
      'https://example.org/"><script>alert(1)</script>',
      "dns:HASH._openpgpkey.example.org?type=OPENPGPKEY",
      "file:///etc/passwd",
      "//evil.example/key",
    ];
    const contacts = [
      ...hostile.map((pgp_key, i) => ({
        role: "m.role.security",
        email_address: `s${i}@example.org`,
        pgp_key,
      })),
      { role: "m.role.admin", email_address: "a@example.org", pgp_key: fpr },
      {
        role: "m.role.admin",
        email_address: "b@example.org",
        "dev.zirco.msc4439.pgp_key": "https://example.org/b.asc",
      },
    ];
    const html = renderSupportPage({ server_name: "example.org", support: { contacts } });
    const keyLinks = hrefs(html).filter(
      (h) => h !== undefined && !/^(mailto:|\/|\?lang=|https:\/\/matrix\.to)/.test(h),
    );
    expect(keyLinks).toEqual([fpr, "https://example.org/b.asc"]);
    expect(html).not.toMatch(/<script|onmouseover="/i);
    // Every hostile value is still shown, as text.
    for (const value of hostile) expect(html).toContain(escapeHtml(value));
  });

  it("says plainly when nothing is published", () => {
    const html = renderSupportPage(emptySupportConfig);
    expect(html).toContain("does not publish any support contacts");
    expect(html).not.toContain('href="/.well-known/matrix/support"');
  });

  it("escapes every value and links only http(s), mailto and well-formed openpgp4fpr", () => {
    const html = renderSupportPage(hostileConfig);
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("evil&lt;script&gt;");
    for (const href of hrefs(html)) expect(href).toMatch(/^(https:|mailto:|\/|\?lang=)/);
    expect(html).not.toContain('href="javascript');
    expect(html).toContain("javascript:alert(document.cookie)"); // shown as text
  });

  it("never lets an arbitrary value break out of its text or attribute", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (role, mxid, email) => {
        const html = renderSupportPage({
          server_name: "example.org",
          support: {
            contacts: [{ role: `x${role}`, matrix_id: `@${mxid}:e.org`, email_address: email }],
          },
        });
        expect(html).not.toMatch(
          /<(?!\/?(?:!doctype|html|head|meta|title|link|body|nav|header|p|h[1-3]|main|section|code|ul|li|dl|dt|dd|a|footer|strong)[\s>])/i,
        );
        for (const href of hrefs(html)) expect(href).toMatch(/^(https:|mailto:|\/|\?lang=)/);
      }),
      { numRuns: 200 },
    );
  });

  it("safeHref keeps only well-formed web, mail and key links", () => {
    expect(safeHref("https://example.org/help")).toBe("https://example.org/help");
    expect(safeHref("http://example.org")).toBe("http://example.org");
    expect(safeHref("mailto:a@example.org")).toBe("mailto:a@example.org");
    const fpr = "openpgp4fpr:67FAAA655DBD691E7957E0951594E544D8F8F21E";
    expect(safeHref(fpr)).toBe(fpr);
    for (const bad of [
      "openpgp4fpr:ABCDEF",
      "openpgp4fpr:--platformpluginpath%20%5C%5Cattacker%5Cshare",
      "javascript:alert(1)",
      "data:text/html,x",
      "dns:example.org",
      "https:nohost",
      "vbscript:x",
      " https://x",
    ])
      expect(safeHref(bad), bad).toBeUndefined();
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
    );
  });
});
