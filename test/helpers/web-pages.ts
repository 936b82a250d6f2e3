/**
 * The web pages (checker, generator) for the browser tests: built into a temporary folder and
 * served on loopback with the checker's routes beside the support endpoint, as `serve` mounts
 * them. Everything it starts, `close()` stops. And what the tests read off a page.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { buildWeb } from "../../packages/cli/scripts/build-web.mjs";
import type { WebChecker } from "../../packages/cli/src/checker/index.js";
import { toNodeListener } from "../../packages/lib/src/node/adapter.js";
import { createSupportHandler } from "../../packages/lib/src/server/handler.js";
import { launchChromium, RESULTS } from "./chromium.js";

export interface ServedPages {
  /** `http://127.0.0.1:PORT` */
  base: string;
  /** The build (its static copy is in `new/`). */
  webDir: string;
  close(): Promise<void>;
}

export async function serveWebPages(options: {
  minify: boolean;
  /** The checker's routes over the build in `webDir`. */
  checker: (webDir: string) => WebChecker;
}): Promise<ServedPages> {
  const tmp = await mkdtemp(path.join(tmpdir(), "web-pages-"));
  await mkdir(RESULTS, { recursive: true });
  const webDir = path.join(tmp, "web");
  await buildWeb({ outDir: webDir, minify: options.minify });
  const checker = options.checker(webDir);
  const handler = createSupportHandler(
    {
      server_name: "example.org",
      support: { contacts: [{ role: "m.role.admin", email_address: "a@example.org" }] },
    },
    { routes: checker.routes },
  );
  const server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    webDir,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await checker.close();
      await rm(tmp, { recursive: true, force: true });
    },
  };
}

/**
 * For a describe block: serves the pages and starts Chromium before its tests, stops both after.
 * The fields are there once the block's tests run.
 */
export function pagesInChromium(options: Parameters<typeof serveWebPages>[0]): {
  readonly base: string;
  readonly webDir: string;
  readonly browser: Browser;
} {
  let pages: ServedPages | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    pages = await serveWebPages(options);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await pages?.close();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("pagesInChromium: read before its beforeAll ran");
    return value;
  };
  return {
    get base() {
      return ready(pages).base;
    },
    get webDir() {
      return ready(pages).webDir;
    },
    get browser() {
      return ready(browser);
    },
  };
}

/** The texts an input points at (its aria-describedby: help and messages), one per line. */
export function describedText(input: Locator): Promise<string> {
  return input.evaluate((node) =>
    (node.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join("\n"),
  );
}

/**
 * The browser's requests to `https://HOST/...` answered with `value` as JSON, CORS allowed: a
 * server publishing a support file, without any network.
 */
export async function publishJson(page: Page, host: string, value: unknown): Promise<void> {
  await page.route(`https://${host}/**`, (route) =>
    route.fulfill({
      status: 200,
      contentType: "application/json",
      headers: { "access-control-allow-origin": "*" },
      body: JSON.stringify(value),
    }),
  );
}
