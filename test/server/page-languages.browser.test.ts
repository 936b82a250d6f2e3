// The support page in Japanese, German and English in a real browser (Debian's Chromium through
// playwright-core): each is readable (its text drawn with fonts that have its glyphs, nothing
// overflowing a phone), the language switch works without JavaScript, and the screenshots land in
// test-results/ for people to look at.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PassThrough } from "node:stream";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../packages/cli/src/serve/logger.js";
import { type RunningServer, startServer } from "../../packages/cli/src/serve/server.js";
import type { Config } from "../../packages/lib/src/config/types.js";
import { available } from "../helpers/available.js";
import { CHROMIUM, fontsOf, launchChromium, RESULTS } from "../helpers/chromium.js";

const config: Config = {
  server_name: "example.org",
  support: {
    contacts: [
      { role: "m.role.admin", matrix_id: "@admin:example.org", email_address: "admin@example.org" },
      { role: "m.role.admin", matrix_id: "@backup:example.net" },
      {
        role: "m.role.security",
        email_address: "security@example.org",
        pgp_key: "openpgp4fpr:0123456789ABCDEF0123456789ABCDEF01234567",
      },
      { role: "m.role.moderator", email_address: "abuse@example.org" },
    ],
    support_page: "https://example.org/help",
    policies: {
      privacy: {
        version: "1",
        en: { name: "Privacy policy", url: "https://example.org/privacy" },
        de: { name: "Datenschutzerklärung", url: "https://example.org/de/datenschutz" },
        ja: { name: "プライバシーポリシー", url: "https://example.org/ja/privacy" },
      },
    },
  },
  page: {
    texts: {
      en: { notes: ["Planned maintenance every Sunday from 22:00 UTC."] },
      de: { notes: ["Geplante Wartung jeden Sonntag ab 22:00 UTC."] },
      ja: { notes: ["毎週日曜日の 22:00（UTC）から定期メンテナンスを行います。"] },
    },
  },
};

describe.skipIf(!available(CHROMIUM, "Debian's chromium"))(
  "the support page's languages in Chromium",
  () => {
    let browser: Browser;
    let server: RunningServer;

    beforeAll(async () => {
      await mkdir(RESULTS, { recursive: true });
      const logger = createLogger({ destination: new PassThrough(), level: "silent" });
      server = await startServer({ config, host: "127.0.0.1", port: 0, logger });
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close(1000);
    });

    const cases = [
      { tag: "ja", locale: "ja-JP", h1: "example.org のサポート", font: /CJK|Noto Sans JP/i },
      { tag: "de", locale: "de-DE", h1: "Support für example.org", font: /./ },
      { tag: "en", locale: "en-US", h1: "Support for example.org", font: /./ },
    ];

    for (const c of cases) {
      it(`${c.tag}: negotiated from the browser's language, readable on a desktop and a phone`, async () => {
        for (const width of [1000, 360]) {
          const context = await browser.newContext({
            locale: c.locale,
            viewport: { width, height: 900 },
          });
          const page = await context.newPage();
          const res = await page.goto(server.url);
          expect(res?.headers()["content-language"]).toBe(c.tag);
          expect(await page.getAttribute("html", "lang")).toBe(c.tag);
          expect(await page.locator("h1").textContent()).toBe(c.h1);
          // Every glyph of the heading and the notes comes from a real font for that script.
          for (const selector of ["h1", ".note", "#role-0"]) {
            const fonts = await fontsOf(page, selector);
            expect(fonts.length, selector).toBeGreaterThan(0);
            expect(fonts.join(", "), selector).toMatch(c.font);
            expect(fonts.join(", "), selector).not.toMatch(/LastResort/i);
          }
          // Nothing wider than the screen: long words wrap, CJK breaks between characters.
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          expect(overflow).toBeLessThanOrEqual(0);
          await page.screenshot({
            path: path.join(
              RESULTS,
              `support-page-${c.tag}-${width < 500 ? "phone" : "desktop"}.png`,
            ),
            fullPage: true,
          });
          await context.close();
        }
      });
    }

    it("switches language with plain links, JavaScript off", async () => {
      const context = await browser.newContext({ javaScriptEnabled: false, locale: "en-US" });
      const page = await context.newPage();
      await page.goto(server.url);
      expect(await page.getAttribute("html", "lang")).toBe("en");
      await page
        .getByRole("navigation", { name: "Language" })
        .getByRole("link", { name: "日本語" })
        .click();
      await page.waitForURL(/\?lang=ja$/);
      expect(await page.getAttribute("html", "lang")).toBe("ja");
      expect(await page.locator("h1").textContent()).toBe("example.org のサポート");
      // The policy in the reader's language, the current language marked in the switch.
      expect(await page.locator('a[href="https://example.org/ja/privacy"]').count()).toBe(1);
      expect(await page.locator('nav a[aria-current="true"]').textContent()).toBe("日本語");
      await page
        .getByRole("navigation", { name: "言語" })
        .getByRole("link", { name: "Deutsch" })
        .click();
      expect(await page.getAttribute("html", "lang")).toBe("de");
      await context.close();
    });
  },
);
