// The checker page in Japanese and German in a real browser (Debian's Chromium through
// playwright-core): served in the browser's language, the result's words and the common
// diagnostic messages translated, glyphs from real fonts, the language switch keeping the server.
// The remote server and the probe are answered by the browser's request routing: no network.
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createWebChecker } from "../../packages/cli/src/checker/index.js";
import { DOCUMENT_CODES } from "../../packages/lib/src/core/catalogue/document.js";
import { diagnosticFrom } from "../../packages/lib/src/core/diagnostics.js";
import { available } from "../helpers/available.js";
import { CHROMIUM, fontsOf, RESULTS } from "../helpers/chromium.js";
import { pagesInChromium, publishJson } from "../helpers/web-pages.js";

const diagnostic = diagnosticFrom(DOCUMENT_CODES);

const DOCUMENT = {
  contacts: [{ role: "m.role.admin", matrix_id: "@admin:good.test", email_address: "a@good.test" }],
  support_page: "https://good.test/help",
};
const PROBE_ANSWER = {
  server_name: "good.test",
  url: "https://good.test/.well-known/matrix/support",
  status: "found",
  document: DOCUMENT,
  diagnostics: [
    diagnostic("NO_SECURITY_CONTACT", "/contacts"),
    diagnostic("NO_OFF_DOMAIN_CONTACT", "/contacts", { server_name: "good.test" }),
  ],
  http: {
    status: 200,
    redirects: [],
    headers: { "content-type": "application/json", "access-control-allow-origin": "*" },
    elapsed_ms: 12,
  },
};

describe.skipIf(!available(CHROMIUM, "Debian's chromium"))(
  "the checker page's languages in Chromium",
  () => {
    const served = pagesInChromium({
      minify: true,
      checker: (webDir) => createWebChecker({ webDir, check: async () => PROBE_ANSWER }),
    });

    async function open(locale: string, query: string, width = 1000): Promise<Page> {
      const context = await served.browser.newContext({ locale, viewport: { width, height: 900 } });
      const page = await context.newPage();
      // The server being checked, as the browser fetches it directly.
      await publishJson(page, "good.test", DOCUMENT);
      await page.goto(`${served.base}/check${query}`);
      await page.locator("#result [data-verdict]").waitFor({ timeout: 20_000 });
      return page;
    }

    it("Japanese: the page, the result and the common diagnostics, drawn in a CJK font", async () => {
      const page = await open("ja-JP", "?server=good.test");
      expect(await page.getAttribute("html", "lang")).toBe("ja");
      expect(await page.locator("h1").textContent()).toBe("Matrix サポートチェッカー");
      expect(await page.locator("#verdict-title").textContent()).toBe("正常（警告あり）");
      expect(await page.locator(".summary").textContent()).toBe(
        "good.test は連絡先 1 件とサポートページを公開しています。修正が必要：エラー 0 件、警告 2 件。",
      );
      const problems = await page.locator(".problems").textContent();
      expect(problems).toContain("「m.role.security」の連絡先がありません");
      expect(problems).toContain("すべての連絡先が good.test 自身にあります");
      // The hint stays English, marked as such.
      expect(await page.locator(".problem-hint").first().getAttribute("lang")).toBe("en");
      expect(await page.locator(".cards h4").first().textContent()).toBe("管理者");
      expect(await page.title()).toBe("good.test · Matrix サポートチェッカー");
      for (const selector of ["h1", "#verdict-title", ".summary"]) {
        const fonts = (await fontsOf(page, selector)).join(", ");
        expect(fonts, selector).toMatch(/CJK|Noto Sans JP/i);
      }
      // The language switch keeps the server being looked at.
      const de = page.locator('footer nav a[hreflang="de"]');
      expect(await de.getAttribute("href")).toBe("?lang=de&server=good.test");
      await page.screenshot({ path: path.join(RESULTS, "checker-ja-desktop.png"), fullPage: true });
      await page.context().close();
      const phone = await open("ja-JP", "?server=good.test", 360);
      const overflow = await phone.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await phone.screenshot({ path: path.join(RESULTS, "checker-ja-phone.png"), fullPage: true });
      await phone.context().close();
    });

    it("German by ?lang=, kept when checking another server", async () => {
      const page = await open("en-US", "?lang=de&server=good.test");
      expect(await page.getAttribute("html", "lang")).toBe("de");
      expect(await page.locator("#verdict-title").textContent()).toBe(
        "Funktioniert, mit Warnungen",
      );
      expect(await page.locator(".sources").textContent()).toContain("Datei gelesen (HTTP 200)");
      await page.screenshot({ path: path.join(RESULTS, "checker-de-desktop.png"), fullPage: true });
      await page.locator("#server").fill("good.test:8448");
      await page.keyboard.press("Enter");
      await page.waitForURL(/server=good\.test%3A8448/);
      expect(new URL(page.url()).searchParams.get("lang")).toBe("de");
      await page.context().close();
    });
  },
);
