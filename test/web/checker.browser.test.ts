import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWeb } from "../../packages/cli/scripts/build-web.mjs";
import { createWebChecker } from "../../packages/cli/src/checker/index.js";
import { RateLimiter } from "../../packages/cli/src/checker/rate-limit.js";
import { remoteAddress, toNodeListener } from "../../packages/lib/src/node/adapter.js";
import { createSupportHandler } from "../../packages/lib/src/server/handler.js";
import { available } from "../helpers/available.js";
import { CHROMIUM, launchChromiumForFleet, RESULTS } from "../helpers/chromium.js";
import { type Fleet, json, startFleet } from "../helpers/fleet.js";

const HOSTS = [
  "good.test",
  "missing.test",
  "invalid.test",
  "hostile.test",
  "nocors.test",
  "moved.test",
];

const GOOD = {
  contacts: [
    { role: "m.role.admin", matrix_id: "@admin:good.test", email_address: "admin@example.net" },
    { role: "m.role.security", email_address: "security@good.test" },
    { role: "m.role.admin", matrix_id: "@backup:example.net" },
  ],
  support_page: "https://good.test/help",
};

// Markup and javascript: URLs in every field, keys included.
const XSS = "<img src=x onerror=alert(1)><script>alert(2)</script>";
const HOSTILE = {
  contacts: [
    {
      role: `m.role.admin${XSS}`,
      matrix_id: "javascript:alert(3)//@a:hostile.test",
      email_address: `"><svg onload=alert(4)>@hostile.test`,
    },
    {
      role: "m.role.admin",
      matrix_id: `@<b onmouseover=alert(5)>x</b>:hostile.test`,
      email_address: "javascript:alert(6)",
    },
    {
      role: "m.role.security",
      matrix_id: "@sec:hostile.test",
      email_address: " JaVaScRiPt:alert(7)",
    },
  ],
  support_page: "javascript:alert(document.domain)",
  [`${XSS}`]: `${XSS} javascript:alert(8)`,
};

const hasChromium = available(CHROMIUM, "Debian's chromium");

describe.skipIf(!hasChromium)("web checker in Chromium", () => {
  let fleet: Fleet;
  let server: Server;
  let browser: Browser;
  let base: string;
  let tmp: string;
  let close = async () => {};

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), "checker-web-"));
    await mkdir(RESULTS, { recursive: true });
    const webDir = path.join(tmp, "web");
    await buildWeb({ outDir: webDir, minify: false });

    fleet = await startFleet();
    const leaf = fleet.ca.issue(HOSTS);
    for (const host of HOSTS) fleet.certificate(host, leaf);
    fleet.route("good.test", (_req, res) => json(res, GOOD));
    fleet.route("missing.test", (_req, res) => json(res, { errcode: "M_NOT_FOUND" }, {}, 404));
    fleet.route("invalid.test", (_req, res) =>
      json(res, { contacts: [{ email_address: "not an email" }, { matrix_id: "alice" }] }),
    );
    fleet.route("hostile.test", (_req, res) =>
      json(res, HOSTILE, { "x-note": "<script>alert(9)</script>" }),
    );
    fleet.route("nocors.test", (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(GOOD));
    });
    fleet.route("moved.test", (_req, res) => {
      res.writeHead(301, {
        location: "https://good.test/.well-known/matrix/support",
        "access-control-allow-origin": "*",
      });
      res.end();
    });

    const checker = createWebChecker({
      allowPrivateTargets: true,
      cacert: fleet.ca.cert,
      connectTo: [fleet.connectTo],
      webDir,
      clientAddress: remoteAddress,
      // Every page load checks twice; the limit itself is unit-tested.
      limiter: new RateLimiter({ burst: 1000, refillMs: 1 }),
    });
    close = checker.close;
    const handler = createSupportHandler(
      { server_name: "example.org", support: { contacts: GOOD.contacts } },
      { routes: checker.routes },
    );
    server = createServer(toNodeListener(handler));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    browser = await launchChromiumForFleet(leaf.cert, fleet.port);
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server?.closeAllConnections();
    await close();
    await fleet?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  async function open(
    query: string,
    options: { width?: number; height?: number; dark?: boolean } = {},
  ): Promise<{ page: Page; dialogs: string[]; errors: string[] }> {
    const context = await browser.newContext({
      viewport: { width: options.width ?? 1200, height: options.height ?? 900 },
      colorScheme: options.dark ? "dark" : "light",
    });
    const page = await context.newPage();
    const dialogs: string[] = [];
    const errors: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${base}/check${query}`);
    return { page, dialogs, errors };
  }

  const verdictOf = async (page: Page) => {
    const verdict = page.locator("#result [data-verdict]");
    await verdict.waitFor({ timeout: 20_000 });
    return verdict.getAttribute("data-verdict");
  };

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(RESULTS, `web-checker-${name}.png`), fullPage: true });

  it("a correct server shows its contacts, fetched both ways", async () => {
    const { page, errors } = await open("?server=good.test");
    expect(await verdictOf(page)).toBe("works");
    await expect.poll(() => page.locator("#verdict-title").textContent()).toBe("Works");
    const cards = page.locator(".cards .card");
    expect(await cards.count()).toBe(3);
    expect(await cards.nth(0).locator("h4").textContent()).toBe("Administrator");
    expect(await cards.nth(1).locator("h4").textContent()).toBe("Security");
    expect(await cards.nth(2).locator("h4").textContent()).toBe("Administrator");
    expect(await page.locator('a[href="https://matrix.to/#/@admin:good.test"]').count()).toBe(1);
    expect(await page.locator('a[href="mailto:admin@example.net"]').count()).toBe(1);
    expect(await page.locator('a[href="https://good.test/help"]').count()).toBe(1);
    // Both ways to fetch succeeded.
    expect(await page.locator(".sources .source-ok").count()).toBe(2);
    expect(await page.locator(".sources").textContent()).toContain("Read the file (HTTP 200)");
    expect(await page.locator("#status").textContent()).toMatch(/^Works\./);
    expect(errors).toEqual([]);
    await shot(page, "good-desktop-light");
    await page.emulateMedia({ colorScheme: "dark" });
    await shot(page, "good-desktop-dark");
    await page.context().close();
  });

  it("looks right on a phone, light and dark", async () => {
    for (const dark of [false, true]) {
      // The narrowest phones in light, a common one in dark.
      const { page } = await open("?server=good.test", {
        width: dark ? 390 : 320,
        height: 844,
        dark,
      });
      await verdictOf(page);
      // Nothing overflows sideways at phone width.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await shot(page, `good-phone-${dark ? "dark" : "light"}`);
      await page.context().close();
    }
  });

  it('a 404 says "not published"', async () => {
    const { page } = await open("?server=missing.test");
    expect(await verdictOf(page)).toBe("not-published");
    expect(await page.locator("#verdict-title").textContent()).toBe("Not published");
    expect(await page.locator(".problems").textContent()).toContain(
      "publishes no support information",
    );
    await shot(page, "missing");
    await page.context().close();
  });

  it("an invalid file lists its problems, with hints and spec links", async () => {
    const { page } = await open("?server=invalid.test");
    expect(await verdictOf(page)).toBe("broken");
    const problems = page.locator(".problems .problem");
    expect(await problems.count()).toBeGreaterThanOrEqual(2);
    const text = await page.locator(".problems").textContent();
    expect(text).toContain("ROLE_MISSING");
    expect(await page.locator(".problems .problem-hint").count()).toBeGreaterThan(0);
    const spec = page.locator(".problems .problem-spec a").first();
    expect(await spec.getAttribute("href")).toMatch(/^https:\/\/spec\.matrix\.org\//);
    await shot(page, "invalid");
    await page.context().close();
  });

  it("a hostile file renders inert: no dialog, no javascript: link, no injected element", async () => {
    const { page, dialogs, errors } = await open("?server=hostile.test");
    await verdictOf(page);
    // Give any injected handler a chance to fire: hover and click everything clickable.
    for (const a of await page.locator("#result a").all()) await a.hover();
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    const found = await page.evaluate(() => {
      const result = document.getElementById("result") as HTMLElement;
      return {
        jsLinks: [...document.querySelectorAll("[href], [src], [action], [formaction]")]
          .map(
            (e) =>
              e.getAttribute("href") ?? e.getAttribute("src") ?? e.getAttribute("action") ?? "",
          )
          .filter((v) => /^\s*javascript:/i.test(v)),
        injected: result.querySelectorAll("img, script, svg, iframe, object, embed, b").length,
        handlers: [...result.querySelectorAll("*")].filter((e) =>
          [...e.attributes].some((a) => a.name.startsWith("on")),
        ).length,
        text: result.textContent ?? "",
      };
    });
    expect(found.jsLinks).toEqual([]);
    expect(found.injected).toBe(0);
    expect(found.handlers).toBe(0);
    // The markup is shown as text.
    expect(found.text).toContain("<img src=x onerror=alert(1)>");
    expect(found.text).toContain("javascript:alert(3)//@a:hostile.test");
    expect(found.text).toContain("@<b onmouseover=alert(5)>x</b>:hostile.test");
    expect(errors).toEqual([]);
    await shot(page, "hostile");
    await page.context().close();
  });

  it("even a hostile probe answer renders inert (the page trusts no field)", async () => {
    const evil = "javascript:alert(11)";
    const answer = {
      server_name: "<img src=x onerror=alert(12)>",
      url: evil,
      status: "found",
      document: {
        contacts: [
          { role: "<script>alert(13)</script>", matrix_id: evil, email_address: `${evil}@x.org` },
          { role: "m.role.admin", matrix_id: "@ok:example.org", email_address: "<b>@x.org" },
        ],
        support_page: " JAVASCRIPT:alert(14)",
      },
      diagnostics: [
        {
          code: "<i>X</i>",
          severity: "warning",
          message: "<img src=x onerror=alert(15)>",
          spec: evil,
          hint: "<svg onload=alert(16)>",
          path: "<u>",
        },
        { code: "BAD", severity: "<b>", message: "dropped: unknown severity" },
      ],
      http: {
        status: 200,
        redirects: [
          {
            url: evil,
            status: 301,
            location: "data:text/html,<script>alert(17)</script>",
            access_control_allow_origin: null,
          },
        ],
        headers: {
          "content-type": "<script>alert(18)</script>",
          "access-control-allow-origin": "*",
        },
        elapsed_ms: 1,
      },
    };
    const context = await browser.newContext();
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.route("**/api/check?**", (route) =>
      route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(answer) }),
    );
    await page.goto(`${base}/check?server=probe-hostile.test`);
    await verdictOf(page);
    for (const a of await page.locator("#result a").all()) await a.hover();
    await page.waitForTimeout(200);
    expect(dialogs).toEqual([]);
    const found = await page.evaluate(() => {
      const result = document.getElementById("result") as HTMLElement;
      return {
        hrefs: [...result.querySelectorAll("a")].map((a) => a.getAttribute("href") ?? ""),
        injected: result.querySelectorAll("img, script, svg, iframe, b, i, u").length,
        text: result.textContent ?? "",
      };
    });
    for (const href of found.hrefs) expect(href).toMatch(/^(https:|mailto:|\/api\/check\?)/);
    expect(found.injected).toBe(0);
    expect(found.text).toContain("<img src=x onerror=alert(15)>");
    expect(found.text).toContain("JAVASCRIPT:alert(14)");
    expect(found.text).not.toContain("dropped: unknown severity");
    await page.context().close();
  });

  it("PGP keys (MSC4439) are links only as https: URLs or well-formed fingerprints", async () => {
    const fpr = "openpgp4fpr:67FAAA655DBD691E7957E0951594E544D8F8F21E";
    const hostile = [
      "javascript:alert(21)",
      " JaVaScRiPt:alert(22)",
      "data:text/html,<script>alert(23)</script>",
      "vbscript:msgbox(24)",
      "openpgp4fpr:--platformpluginpath%20%5C%5Cattacker%5Cshare",
      "openpgp4fpr:1594E544D8F8F21E",
      "http://example.org/key.asc",
      "dns:HASH._openpgpkey.example.org?type=OPENPGPKEY",
    ];
    const contact = (i: number, key: Record<string, string>) => ({
      role: "m.role.security",
      email_address: `s${i}@example.org`,
      ...key,
    });
    const answer = {
      server_name: "keys.test",
      url: "https://keys.test/.well-known/matrix/support",
      status: "found",
      document: {
        contacts: [
          ...hostile.map((pgp_key, i) => contact(i, { pgp_key })),
          contact(90, { pgp_key: fpr }),
          contact(91, { "dev.zirco.msc4439.pgp_key": "https://example.org/key.asc" }),
        ],
      },
      diagnostics: [],
      http: { status: 200, redirects: [], headers: { "access-control-allow-origin": "*" } },
    };
    const context = await browser.newContext();
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.route("**/api/check?**", (route) =>
      route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(answer) }),
    );
    await page.goto(`${base}/check?server=keys.test`);
    await verdictOf(page);
    for (const a of await page.locator(".cards a").all()) await a.hover();
    await page.waitForTimeout(200);
    expect(dialogs).toEqual([]);
    const keys = await page.evaluate(() =>
      [...document.querySelectorAll(".cards .ways dt")]
        .filter((dt) => dt.textContent === "PGP key")
        .map((dt) => {
          const dd = dt.nextElementSibling as HTMLElement;
          return { text: dd.textContent ?? "", href: dd.querySelector("a")?.getAttribute("href") };
        }),
    );
    expect(keys).toHaveLength(hostile.length + 2);
    expect(keys.filter((k) => k.href !== undefined).map((k) => k.href)).toEqual([
      fpr,
      "https://example.org/key.asc",
    ]);
    // The others are shown as published, as text.
    for (const value of hostile) expect(keys.map((k) => k.text)).toContain(value);
    await shot(page, "pgp-keys");
    await context.close();
  });

  it("a slow check shows its progress, one line per way of fetching", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route("**/api/check?**", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${base}/check?server=good.test`);
    const progress = page.locator("#progress");
    await progress.waitFor({ state: "visible" });
    expect(await progress.textContent()).toContain("Checking good.test");
    await expect
      .poll(() => progress.locator(".step-state").allTextContents(), { timeout: 20_000 })
      .toEqual(["done", "checking…"]);
    await expect.poll(() => progress.locator(".elapsed").textContent()).not.toBe("0 s");
    expect(await page.locator("#result").isHidden()).toBe(true);
    await shot(page, "progress");
    release();
    expect(await verdictOf(page)).toBe("works");
    expect(await progress.isHidden()).toBe(true);
    await context.close();
  });

  it("explicit error states: a refused probe, then neither way working", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const refusal = {
      error: {
        code: "PROBE_RATE_LIMITED",
        severity: "error",
        message: "Too many checks from your address: try again in 6 s",
      },
    };
    await page.route("**/api/check?**", (route) =>
      route.fulfill({
        status: 429,
        contentType: "application/json",
        body: JSON.stringify(refusal),
      }),
    );
    await page.goto(`${base}/check?server=good.test`);
    // The browser's own result stands; the probe's refusal is shown as it came.
    expect(await verdictOf(page)).toBe("works");
    expect(await page.locator(".sources").textContent()).toContain(refusal.error.message);
    await page.unroute("**/api/check?**");
    await page.route("**/api/check?**", (route) => route.abort());
    await page.route("https://gone.test/**", (route) => route.abort());
    await page.locator("#server").fill("gone.test");
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.locator(".summary").textContent(), { timeout: 20_000 })
      .toBe("The support file of gone.test could not be fetched: see below for why.");
    expect(await page.locator("#verdict-title").textContent()).toBe("Broken");
    expect(await page.locator(".sources").textContent()).toContain(
      "The checker's server could not be reached.",
    );
    await shot(page, "could-not-check");
    await context.close();
  });

  it("a file without CORS: the browser is blocked, the probe says which header is missing", async () => {
    const { page } = await open("?server=nocors.test");
    await verdictOf(page);
    expect(await page.locator(".sources .source-bad").count()).toBe(1);
    const problems = await page.locator(".problems").textContent();
    expect(problems).toContain("BROWSER_BLOCKED");
    expect(problems).toContain("CORS_MISSING");
    // The contacts still show, from the probe.
    expect(await page.locator(".cards .card").count()).toBe(3);
    await shot(page, "nocors");
    await page.context().close();
  });

  it("shows the redirect chain", async () => {
    const { page } = await open("?server=moved.test");
    await verdictOf(page);
    const hops = await page.locator(".hops").textContent();
    expect(hops).toContain("301 from https://moved.test/.well-known/matrix/support");
    expect(hops).toContain("https://good.test/.well-known/matrix/support");
    await page.context().close();
  });

  it("keyboard only: type, Enter, Tab into the result; the URL is shareable and Back works", async () => {
    const { page } = await open("");
    await page.keyboard.press("Tab"); // skip link
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("server");
    await page.keyboard.type("good.test");
    await page.keyboard.press("Enter");
    expect(await verdictOf(page)).toBe("works");
    expect(new URL(page.url()).search).toBe("?server=good.test");
    let inResult = false;
    for (let i = 0; i < 6 && !inResult; i++) {
      await page.keyboard.press("Tab");
      inResult = await page.evaluate(
        () => document.getElementById("result")?.contains(document.activeElement) ?? false,
      );
    }
    expect(inResult).toBe(true);
    // Enter on the focused "Copy as JSON" button announces the outcome.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Copy as JSON");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#status").textContent()).toMatch(/Copied|Could not copy/);
    // A second check, then Back returns to the first result.
    await page.locator("#server").fill("missing.test");
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.locator("#result [data-verdict]").getAttribute("data-verdict"), {
        timeout: 20_000,
      })
      .toBe("not-published");
    await page.goBack();
    await expect
      .poll(() => page.locator("#result [data-verdict]").getAttribute("data-verdict"), {
        timeout: 20_000,
      })
      .toBe("works");
    expect(await page.locator("#server").inputValue()).toBe("good.test");
    await page.context().close();
  });

  it("serves the page with a strict CSP and the bundle with long-cache hashed names", async () => {
    const page = await fetch(`${base}/check`);
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    const html = await page.text();
    expect(html).not.toMatch(/<script>(?!<)/); // no inline script
    expect(html).not.toMatch(/\son\w+=/); // no inline handlers
    const script = /src="(\/check\/assets\/main-[0-9a-f]{12}\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${base}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(asset.headers.get("content-type")).toMatch(/^text\/javascript/);
    // Node's fetch asks for gzip and decodes it: the bundle goes compressed.
    expect(asset.headers.get("content-encoding")).toBe("gzip");
    expect((await asset.text()).length).toBeGreaterThan(1000);
    expect((await fetch(`${base}/check/assets/nope.js`)).status).toBe(404);
    // No external assets: every src/href in the page is same-origin or the spec link.
    const external = [...html.matchAll(/(?:src|href)="([^"]+)"/g)]
      .map((m) => m[1] ?? "")
      .filter((u) => /^https?:/.test(u) && !u.startsWith("https://spec.matrix.org/"));
    expect(external).toEqual([]);
  });
});
