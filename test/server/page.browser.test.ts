// The support page in a real browser (Debian's Chromium through playwright-core): the strict CSP
// lets its stylesheet through and blocks nothing else, light and dark schemes apply, links are
// reachable by keyboard, and it fits a phone. Skipped when /usr/bin/chromium is absent.
import { PassThrough } from "node:stream";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../packages/cli/src/serve/logger.js";
import { type RunningServer, startServer } from "../../packages/cli/src/serve/server.js";
import { available } from "../helpers/available.js";
import { CHROMIUM, launchChromium } from "../helpers/chromium.js";
import { exampleConfig, hostileConfig } from "./helpers.js";

describe.skipIf(!available(CHROMIUM, "Debian's chromium"))("the support page in Chromium", () => {
  let browser: Browser;
  let server: RunningServer;
  let hostile: RunningServer;

  beforeAll(async () => {
    const logger = createLogger({ destination: new PassThrough(), level: "silent" });
    server = await startServer({ config: exampleConfig, host: "127.0.0.1", port: 0, logger });
    // Invalid on purpose (a script in the server name and a javascript: support page).
    hostile = await startServer({
      config: hostileConfig,
      host: "127.0.0.1",
      port: 0,
      logger,
      unchecked: true,
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close(1000);
    await hostile?.close(1000);
  });

  it("applies its stylesheet under the CSP, in light and dark, with no console errors", async () => {
    const backgrounds: string[] = [];
    for (const colorScheme of ["light", "dark"] as const) {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") problems.push(m.text());
      });
      page.on("pageerror", (e) => problems.push(e.message));
      const res = await page.goto(server.url);
      expect(res?.status()).toBe(200);
      backgrounds.push(await page.evaluate(() => getComputedStyle(document.body).backgroundColor));
      // The card style comes from the stylesheet: proof that the CSP let it through.
      const cardBorder = await page.evaluate(
        () => getComputedStyle(document.querySelector(".role") as Element).borderTopStyle,
      );
      expect(cardBorder).toBe("solid");
      expect(problems).toEqual([]);
      await context.close();
    }
    expect(backgrounds[0]).toBe("rgb(255, 255, 255)");
    expect(backgrounds[1]).toBe("rgb(18, 18, 20)");
  });

  it("reaches every link by keyboard and fits a phone without sideways scrolling", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(server.url);
    const links = await page.locator("a").count();
    expect(links).toBeGreaterThan(3);
    const focused: string[] = [];
    for (let i = 0; i < links; i++) {
      await page.keyboard.press("Tab");
      focused.push(await page.evaluate(() => (document.activeElement as HTMLAnchorElement).href));
    }
    expect(focused).toContain("https://matrix.to/#/@admin:example.org");
    expect(focused).toContain("mailto:security@example.org");
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
    );
    expect(overflow).toBe(false);
    await context.close();
  });

  it("renders hostile values as text: no script runs, no dialog opens", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    let dialogs = 0;
    page.on("dialog", async (d) => {
      dialogs++;
      await d.dismiss();
    });
    await page.goto(hostile.url);
    expect(await page.locator("script, img").count()).toBe(0);
    const hrefs = await page
      .locator("a")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    for (const href of hrefs) expect(href).not.toMatch(/^javascript:/i);
    await page.locator("a").first().click();
    expect(dialogs).toBe(0);
    await context.close();
  });
});
