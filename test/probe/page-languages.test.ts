// /check and /new per language: negotiated like the support page (?lang=, Accept-Language, the
// config's default language), with Content-Language, Vary and an ETag per language; the bundles
// carry English only.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as esbuild from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadWebAssets } from "../../packages/cli/src/checker/assets.js";
import { createPageHandler } from "../../packages/cli/src/checker/check-page.js";
import {
  createGeneratorPage,
  createWebChecker,
  GENERATOR_PATH,
} from "../../packages/cli/src/checker/index.js";
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
  // The generator's template, as the build leaves it (its head filled, the probe named).
  await mkdir(path.join(dir, "web", "new", "assets"), { recursive: true });
  const generator = (
    await readFile(path.join(root, "packages/cli/src/web/generator/new.html"), "utf8")
  ).replace(
    "{{head}}",
    '<meta name="matrix-support-probe" content="/api/check">\n<script defer src="/new/assets/generator.js"></script>',
  );
  await writeFile(path.join(dir, "web", "new.html"), generator);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const req = (target: string, headers: Record<string, string> = {}, method = "GET") =>
  new Request(`http://checker.test${target}`, { method, headers });
const langOf = (html: string) => html.match(/<html lang="([^"]+)"/)?.[1];

/** A page asked for in Japanese: says so, varies on the header, keeps its policy. Its HTML. */
async function japanese(
  h: (request: Request) => Response | Promise<Response>,
  target: string,
  heading: string,
): Promise<string> {
  const ja = await h(req(target, { "accept-language": "ja-JP,ja;q=0.9,en;q=0.5" }));
  expect(ja.status).toBe(200);
  expect(ja.headers.get("content-language")).toBe("ja");
  expect(ja.headers.get("vary")).toBe("Accept-Language");
  expect(ja.headers.get("content-security-policy")).toContain("script-src 'self'");
  const html = await ja.text();
  expect(langOf(html)).toBe("ja");
  expect(html).toContain(`<h1>${heading}</h1>`);
  return html;
}

describe("the checker page's language", () => {
  const page = () => createPageHandler(() => loadWebAssets(path.join(dir, "web")));

  it("follows Accept-Language and ?lang=, saying which and varying on the header", async () => {
    const h = page();
    await japanese(h, "/check", "Matrix サポートチェッカー");
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

describe("the generator page's language", () => {
  const webDir = () => path.join(dir, "web");
  const page = (defaultLanguage?: string) =>
    createGeneratorPage({ webDir: webDir(), probe: false, defaultLanguage })[GENERATOR_PATH]!;

  it("follows Accept-Language and ?lang=, saying which and varying on the header", async () => {
    const h = page();
    const html = await japanese(h, "/new", "Matrix サポートファイルを作成");
    expect(html).toContain('<label for="server-name">サーバー名</label>');
    // Without the probe (serve --no-checker), the page names none, in every language.
    expect(html).not.toContain("matrix-support-probe");
    const de = await h(req("/new?lang=de", { "accept-language": "ja" }));
    expect(de.headers.get("content-language")).toBe("de");
    expect(langOf(await de.text())).toBe("de");
    expect(langOf(await (await h(req("/new?lang=pt"))).text())).toBe("pt-BR");
    expect(
      langOf(await (await h(req("/new", { "accept-language": "zh-TW, fr;q=0.5" }))).text()),
    ).toBe("fr");
    // English stays the default.
    const en = await h(req("/new"));
    expect(en.headers.get("content-language")).toBe("en");
    expect(await en.text()).toContain("<title>Write your Matrix support file</title>");
  });

  it("has an ETag per language, and answers 304 only for the same language", async () => {
    const h = page();
    const ja = await h(req("/new?lang=ja"));
    const de = await h(req("/new?lang=de"));
    const jaTag = ja.headers.get("etag");
    const deTag = de.headers.get("etag");
    expect(jaTag).toMatch(/^"[0-9a-z]+-[0-9a-z]+"$/);
    expect(deTag).toMatch(/^"[0-9a-z]+-[0-9a-z]+"$/);
    expect(jaTag).not.toBe(deTag);
    // The same language, asked for either way, is the same bytes and the same tag.
    const again = await h(req("/new", { "accept-language": "ja" }));
    expect(again.headers.get("etag")).toBe(jaTag);
    const fresh = await h(req("/new?lang=ja", { "if-none-match": jaTag ?? "" }));
    expect(fresh.status).toBe(304);
    expect(fresh.headers.get("etag")).toBe(jaTag);
    expect(fresh.headers.get("vary")).toBe("Accept-Language");
    expect(fresh.headers.get("content-language")).toBe("ja");
    expect(await fresh.text()).toBe("");
    const stale = await h(req("/new?lang=de", { "if-none-match": jaTag ?? "" }));
    expect(stale.status).toBe(200);
    expect(langOf(await stale.text())).toBe("de");
    const head = await h(req("/new?lang=ru", {}, "HEAD"));
    expect(head.headers.get("content-language")).toBe("ru");
    expect(head.headers.get("etag")).toBe((await h(req("/new?lang=ru"))).headers.get("etag"));
    expect(await head.text()).toBe("");
  });

  it("uses the config's default language, with the checker and without it", async () => {
    const h = page("it");
    expect(langOf(await (await h(req("/new", { "accept-language": "sv" }))).text())).toBe("it");
    expect(langOf(await (await h(req("/new", { "accept-language": "nl" }))).text())).toBe("nl");
    const checker = createWebChecker({ check: async () => ({}), webDir: webDir() });
    const routes = checker.routesFor("es");
    const html = await (await routes[GENERATOR_PATH]!(req("/new"))).text();
    expect(langOf(html)).toBe("es");
    expect(html).toContain('<meta name="matrix-support-probe" content="/api/check">');
    expect(langOf(await (await checker.routes[GENERATOR_PATH]!(req("/new"))).text())).toBe("en");
    const serve = extraRoutes({ checker: false });
    const offline = serve({ server_name: "example.org", page: { default_language: "pl" } });
    expect(Object.keys(offline).sort()).toEqual(["/new", "/new/assets/*"]);
  });
});

/** A page's bundle as the build makes it (minified): its text, and the sources it carries. */
async function bundleOf(entry: string, format: "esm" | "iife") {
  const result = await esbuild.build({
    entryPoints: [path.join(root, entry)],
    bundle: true,
    write: false,
    metafile: true,
    minify: true,
    format,
    platform: "browser",
    mainFields: ["browser", "module", "main"],
    outdir: path.join(root, "dist", "bundle-lang-test"),
    logLevel: "silent",
  });
  const [output] = Object.values(result.metafile.outputs);
  const carried = Object.entries(output?.inputs ?? {})
    .filter(([, v]) => v.bytesInOutput > 0)
    .map(([file]) => file);
  return { text: result.outputFiles[0]?.text ?? "", carried };
}

describe.each([
  ["checker", "packages/cli/src/web/checker/main.ts", "esm", "Write your Matrix support file"],
  ["generator", "packages/cli/src/web/generator/main.ts", "iife", "Matrix support checker"],
] as const)("the %s's bundle", (_, entry, format, otherPage) => {
  it("carries English only: the other languages come with the page", async () => {
    const { text, carried } = await bundleOf(entry, format);
    expect(carried).toContain("packages/cli/src/web/i18n/messages/en.ts");
    expect(carried).toContain("packages/lib/src/server/i18n/en.ts");
    const others = carried.filter((f) =>
      /i18n\/(messages\/)?(de|fr|es|pt-br|it|nl|pl|ru|ja|zh-hans|index)\.ts$/.test(f),
    );
    expect(others).toEqual([]);
    // Nor the other page's English: each script reads its own block.
    expect(text).not.toContain(otherPage);
  });
});
