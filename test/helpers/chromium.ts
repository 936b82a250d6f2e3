/**
 * Debian's Chromium for the browser tests (through playwright-core, never a downloaded browser),
 * started with the flags every page test uses, and what the language tests ask of it.
 */
import { createHash, X509Certificate } from "node:crypto";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/** Where the browser tests write their screenshots, for people to look at. */
export const RESULTS = path.resolve("test-results");

/** Headless, and quiet: no updates, no first-run work, no requests of its own. */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      ...extraArgs,
    ],
  });
}

/**
 * Chromium for pages that reach the loopback fleet: every `*.test` name goes to 127.0.0.1:`port`,
 * and the fleet's leaf certificate (PEM) is trusted by its key, as a real CA-signed one would be.
 */
export function launchChromiumForFleet(leafCert: string, port: number): Promise<Browser> {
  const spki = createHash("sha256")
    .update(new X509Certificate(leafCert).publicKey.export({ type: "spki", format: "der" }))
    .digest("base64");
  return launchChromium([
    "--disable-sync",
    "--disable-quic",
    `--host-resolver-rules=MAP *.test 127.0.0.1:${port}`,
    `--ignore-certificate-errors-spki-list=${spki}`,
  ]);
}

/** The families Chromium drew an element's text with (DevTools protocol). */
export async function fontsOf(page: Page, selector: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("DOM.enable");
  await cdp.send("CSS.enable");
  const { root } = await cdp.send("DOM.getDocument", { depth: -1 });
  const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
  await cdp.detach();
  return fonts.map((f) => f.familyName);
}
