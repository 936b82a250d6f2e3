// report --html in real Chromium: no request leaves the page, nothing from the data runs, the
// table filters and sorts, the charts render, and a screenshot is kept for people to look at.
import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderHtmlReport, reportRow } from "../../packages/cli/src/scan/html-report.js";
import { available } from "../helpers/available.js";
import { CHROMIUM, launchChromium } from "../helpers/chromium.js";
import { sampleRecords } from "./html-report-data.js";

describe.skipIf(!available(CHROMIUM, "Debian's chromium"))("report --html in Chromium", () => {
  let browser: Browser;
  let file: string;

  beforeAll(async () => {
    const dir = join(tmpdir(), `ms-report-${process.pid}`);
    await mkdir(dir, { recursive: true });
    file = join(dir, "report.html");
    const scans = [
      { label: "week-1.jsonl", rows: sampleRecords().slice(0, 3).map(reportRow) },
      { label: "week-2.jsonl", rows: sampleRecords().map(reportRow) },
    ];
    await writeFile(file, renderHtmlReport(scans));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("loads with no request beyond itself, no CSP violation and no script from the data", async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const requests: string[] = [];
    page.on("request", (r) => {
      if (r.url() !== pathToFileURL(file).href) requests.push(r.url());
    });
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(m.text());
    });
    page.on("pageerror", (e) => problems.push(e.message));
    await page.goto(pathToFileURL(file).href);
    expect(requests).toEqual([]);
    expect(problems).toEqual([]);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.locator("svg.track").count()).toBeGreaterThan(8);
    expect(await page.locator("figure.trend").count()).toBe(4);
    // The hostile server's name is on the page as text.
    await expect
      .poll(() => page.locator("#servers tbody tr").nth(4).locator("td").first().textContent())
      .toContain("<img src=x");
    await mkdir("test-results", { recursive: true });
    await page.screenshot({ path: "test-results/report-html.png", fullPage: true });
    await page.close();
  });

  it("filters and sorts the table with the keyboard", async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href);
    const rows = page.locator("#servers tbody tr");
    await page.getByLabel("Filter").fill("example");
    expect(await rows.locator("visible=true").count()).toBe(5);
    await page.getByLabel("Filter").fill("gone");
    expect(await rows.locator("visible=true").count()).toBe(1);
    await page.getByLabel("Filter").fill("");
    const status = page.getByRole("button", { name: "status" });
    await status.focus();
    await page.keyboard.press("Enter");
    expect(await page.locator("th", { has: status }).getAttribute("aria-sort")).toBe("ascending");
    expect(await rows.first().locator("td").nth(1).textContent()).toBe("found");
    await page.keyboard.press("Enter");
    expect(await rows.first().locator("td").nth(1).textContent()).toBe("unreachable");
    await page.close();
  });
});
