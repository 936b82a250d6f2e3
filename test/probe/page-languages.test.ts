// /check per language: negotiated like the support page (?lang=, Accept-Language, the config's
// default language), with Content-Language and Vary; the bundle carries English only.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as esbuild from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadWebAssets } from "../../packages/cli/src/checker/assets.js";
import { createPageHandler } from "../../packages/cli/src/checker/check-page.js";
import { createWebChecker } from "../../packages/cli/src/checker/index.js";
import { extraRoutes } from "../../packages/cli/src/serve/extra-routes.js";

const root = path.join(import.meta.dirname, "../..");
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "probe-page-lang-"));
  await mkdir(path.join(dir, "web", "assets"), { recursive: true });
  // The real template, as the build leaves it (its own slots filled).
  const template = (
    await readFile(path.join(root, "packages/cli/src/web/checker/check.html"), "utf8")
  ).replace(/\{\{(\w+)\}\}/g, "/check/assets/$1");
  await writeFile(path.join(dir, "web", "check.html"), template);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const req = (target: string, headers: Record<string, string> = {}, method = "GET") =>
  new Request(`http://checker.test${target}`, { method, headers });
const langOf = (html: string) => html.match(/<html lang="([^"]+)"/)?.[1];

describe("the checker page's language", () => {
  const page = () => createPageHandler(() => loadWebAssets(path.join(dir, "web")));

  it("follows Accept-Language and ?lang=, saying which and varying on the header", async () => {
    const h = page();
    const ja = await h(req("/check", { "accept-language": "ja-JP,ja;q=0.9" }));
    expect(ja.status).toBe(200);
    expect(ja.headers.get("content-language")).toBe("ja");
    expect(ja.headers.get("vary")).toBe("Accept-Language");
    expect(ja.headers.get("content-security-policy")).toContain("script-src 'self'");
    const html = await ja.text();
    expect(langOf(html)).toBe("ja");
    expect(html).toContain("<h1>Matrix サポートチェッカー</h1>");
    const de = await h(req("/check?server=example.org&lang=de", { "accept-language": "ja" }));
    expect(de.headers.get("content-language")).toBe("de");
    expect(langOf(await de.text())).toBe("de");
    expect(langOf(await (await h(req("/check?lang=zh-CN"))).text())).toBe("zh-Hans");
    expect(langOf(await (await h(req("/check?lang=xx", { "accept-language": "nl" }))).text())).toBe(
      "nl",
    );
    const head = await h(req("/check?lang=ru", {}, "HEAD"));
    expect(head.headers.get("content-language")).toBe("ru");
    expect(await head.text()).toBe("");
  });

  it("renders each language once and answers later requests with the same bytes", async () => {
    const h = page();
    const a = await (await h(req("/check", { "accept-language": "fr" }))).arrayBuffer();
    const b = await (await h(req("/check?lang=fr"))).arrayBuffer();
    expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
  });

  it("uses the config's default language when the browser asks for none of the page's", async () => {
    const h = createPageHandler(() => loadWebAssets(path.join(dir, "web")), {
      defaultLanguage: "pl",
    });
    expect(langOf(await (await h(req("/check", { "accept-language": "sv" }))).text())).toBe("pl");
    expect(langOf(await (await h(req("/check"))).text())).toBe("pl");
    expect(langOf(await (await h(req("/check", { "accept-language": "it" }))).text())).toBe("it");
  });

  it("serve takes the default language from the config, sharing the checker across reloads", async () => {
    const routes = extraRoutes({});
    const de = routes({ server_name: "example.org", page: { default_language: "de" } });
    const en = routes({ server_name: "example.org" });
    expect(Object.keys(de).sort()).toEqual([
      "/api/check",
      "/check",
      "/check/assets/*",
      "/new",
      "/new/assets/*",
    ]);
    expect(de["/api/check"]).toBe(en["/api/check"]);
    // Without the checker only the generator page stays (it works without the probe).
    expect(Object.keys(routes({ server_name: "x", http: { checker: false } })).sort()).toEqual([
      "/new",
      "/new/assets/*",
    ]);
    const checker = createWebChecker({ check: async () => ({}), webDir: path.join(dir, "web") });
    const page = checker.routesFor("es")["/check"]!;
    expect(langOf(await (await page(req("/check"))).text())).toBe("es");
    expect(checker.routesFor("es")).toBe(checker.routesFor("es"));
  });
});

describe("the checker's bundle", () => {
  it("carries English only: the other languages come with the page", async () => {
    const result = await esbuild.build({
      entryPoints: [path.join(root, "packages/cli/src/web/checker/main.ts")],
      bundle: true,
      write: false,
      metafile: true,
      format: "esm",
      platform: "browser",
      outdir: path.join(root, "dist", "bundle-lang-test"),
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain("packages/cli/src/web/i18n/messages/en.ts");
    expect(inputs).toContain("packages/lib/src/server/i18n/en.ts");
    const others = inputs.filter((f) =>
      /i18n\/(messages\/)?(de|fr|es|pt-br|it|nl|pl|ru|ja|zh-hans|index)\.ts$/.test(f),
    );
    expect(others).toEqual([]);
  });
});
