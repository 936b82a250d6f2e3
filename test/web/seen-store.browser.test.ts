// LocalStorageSeenStore in a real browser (Debian's Chromium through playwright-core): watchSupport
// bundled for the browser remembers a document across page loads and holds a high-risk change.
// Discovery is replaced in the page (no network): this is about the store and the bundle.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { build } from "esbuild";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { available } from "../helpers/available.js";
import { CHROMIUM, launchChromium } from "../helpers/chromium.js";

const ROOT = resolve(import.meta.dirname, "../..");
const hasChromium = available(CHROMIUM, "Debian's chromium");

// The page's script: window.look(documentJson) runs watchSupport with the browser's localStorage.
const ENTRY = `
import { LocalStorageSeenStore, watchSupport } from "./packages/lib/src/discover/index.ts";
window.look = async (doc) => {
  const document = JSON.parse(doc);
  const r = await watchSupport("example.org", {
    store: new LocalStorageSeenStore(),
    discover: async (serverName) => ({
      status: "found", serverName, url: "https://example.org/.well-known/matrix/support",
      document, value: document, diagnostics: [], http: { status: 200, redirects: [], elapsed_ms: 1 },
    }),
  });
  return { seen: r.seen, risk: r.changes ? r.changes.risk : null, remembered: r.remembered,
           codes: r.changes ? r.changes.changes.map((c) => c.code) : [],
           stored: localStorage.getItem("matrix-support:seen:example.org") !== null };
};
`;

describe.skipIf(!hasChromium)("LocalStorageSeenStore in Chromium", () => {
  let server: Server;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    const bundle = await build({
      stdin: { contents: ENTRY, resolveDir: ROOT, loader: "ts" },
      bundle: true,
      write: false,
      format: "esm",
      platform: "browser",
      target: "es2022",
      logLevel: "silent",
    });
    const script = bundle.outputFiles[0]?.text ?? "";
    server = createServer((req, res) => {
      if (req.url === "/app.js") {
        res.writeHead(200, { "content-type": "text/javascript" });
        res.end(script);
      } else {
        res.writeHead(200, { "content-type": "text/html" });
        res.end('<!doctype html><title>seen</title><script type="module" src="/app.js"></script>');
      }
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  });

  it("remembers across page loads and holds a security contact moved to another domain", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const look = async (doc: unknown) => {
      await page.goto(base);
      await page.waitForFunction(() => "look" in window);
      return page.evaluate(
        (d) => (window as unknown as { look: (d: string) => Promise<unknown> }).look(d),
        JSON.stringify(doc),
      );
    };
    const original = {
      contacts: [
        { role: "m.role.admin", email_address: "admin@example.org" },
        { role: "m.role.security", email_address: "security@example.org" },
      ],
    };
    const moved = {
      contacts: [
        { role: "m.role.admin", email_address: "admin@example.org" },
        { role: "m.role.security", email_address: "security@evil.example" },
      ],
    };
    expect(await look(original)).toEqual({
      seen: "first",
      risk: null,
      remembered: true,
      codes: [],
      stored: true,
    });
    // A new page load: the document comes back from localStorage.
    expect(await look(original)).toMatchObject({ seen: "unchanged", remembered: false });
    for (let i = 0; i < 2; i++)
      expect(await look(moved)).toEqual({
        seen: "held",
        risk: "high",
        remembered: false,
        codes: ["CHANGE_SECURITY_CONTACT_MOVED", "CHANGE_CONTACT_CHANGED"],
        stored: true,
      });
    await context.close();
    // Another profile (context) has seen nothing: localStorage is per origin and per profile.
    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await other.goto(base);
    await other.waitForFunction(() => "look" in window);
    const first = await other.evaluate(
      (d) => (window as unknown as { look: (d: string) => Promise<{ seen: string }> }).look(d),
      JSON.stringify(moved),
    );
    expect(first.seen).toBe("first");
    await fresh.close();
  });
});
