// The generator page as built (dist/web/new.html and the static copy dist/web/new/) and as
// `serve` mounts it (/new beside /check): headers, policy, the probe named only when there is one.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildWeb,
  GENERATOR_ASSET_PREFIX,
  STATIC_GENERATOR_CSP,
} from "../../packages/cli/scripts/build-web.mjs";
import {
  CHECK_CSP,
  createGeneratorPage,
  createWebChecker,
  GENERATOR_PATH,
} from "../../packages/cli/src/checker/index.js";
import type { Routes } from "../../packages/lib/src/server/handler.js";
import { createSupportHandler } from "../../packages/lib/src/server/handler.js";
import { LANGUAGE_TAGS } from "../../packages/lib/src/server/i18n/index.js";

let tmp: string;
let webDir: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "generator-page-"));
  webDir = path.join(tmp, "web");
  await buildWeb({ outDir: webDir, minify: false });
});

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const handlerFor = (routes: Routes) =>
  createSupportHandler(
    {
      server_name: "example.org",
      support: { contacts: [{ role: "m.role.admin", email_address: "a@example.org" }] },
    },
    { routes },
  );

const get = (routes: Routes, url: string, init: RequestInit = {}) =>
  handlerFor(routes)(new Request(`http://localhost${url}`, init));

describe("the built pages", () => {
  it("the served page: absolute hashed URLs with integrity, the probe named", async () => {
    const html = await readFile(path.join(webDir, "new.html"), "utf8");
    expect(html).toMatch(
      /<script defer src="\/new\/assets\/generator-[0-9a-f]{12}\.js" integrity="sha384-[A-Za-z0-9+/=]+"><\/script>/,
    );
    expect(html).toMatch(
      /<link rel="stylesheet" href="\/new\/assets\/generator-style-[0-9a-f]{12}\.css" integrity="sha384-/,
    );
    expect(html).toContain('<meta name="matrix-support-probe" content="/api/check">');
    expect(html).not.toContain("Content-Security-Policy");
    expect(html).not.toMatch(/<script>|\son\w+=|style=/);
  });

  it("the static copy: a page per language, relative URLs, its policy in a <meta>, no probe", async () => {
    const dir = path.join(webDir, "new");
    const assets = await readdir(path.join(dir, "assets"));
    const pages = LANGUAGE_TAGS.map((tag) => [
      tag,
      tag === "en" ? "index.html" : `${tag}/index.html`,
    ]);
    for (const [tag, file] of pages) {
      const html = await readFile(path.join(dir, file as string), "utf8");
      expect(html, file).toContain(`<html lang="${tag}">`);
      expect(html).toContain(
        `<meta http-equiv="Content-Security-Policy" content="${STATIC_GENERATOR_CSP}">`,
      );
      expect(html).not.toContain("matrix-support-probe");
      // file:// refuses integrity attributes (no CORS there): none in the static copy.
      expect(html).not.toContain("integrity=");
      expect(html).not.toMatch(/<script>|\son\w+=|style=/);
      const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? "");
      const up = tag === "en" ? "" : "../";
      // The language switch names each language's file, relative to this one.
      const switchLinks = [...html.matchAll(/href="([^"]+)" hreflang=/g)].map((m) => m[1]);
      expect(switchLinks).toEqual(pages.map(([, f]) => `${up}${f}`));
      const local = refs.filter((r) => !/^https?:|^#/.test(r) && !switchLinks.includes(r));
      expect(local.length).toBe(3);
      for (const ref of local) {
        expect(ref).toMatch(new RegExp(`^${up}assets/[\\w-]+-[0-9a-f]{12}\\.(js|css|svg)$`));
        expect(assets).toContain(ref.slice(`${up}assets/`.length));
      }
      // The only remote link is the spec's.
      expect(refs.filter((r) => /^https?:/.test(r))).toEqual([
        "https://spec.matrix.org/latest/client-server-api/#getwell-knownmatrixsupport",
      ]);
    }
    // The same policy as the checker's, less what a <meta> cannot say and the probe.
    expect(STATIC_GENERATOR_CSP).toContain("require-trusted-types-for 'script'");
    expect(STATIC_GENERATOR_CSP).not.toContain("unsafe");
  });
});

describe("serve mounts /new beside /check", () => {
  it("serves the page with the checker's policy and the probe named", async () => {
    const checker = createWebChecker({ webDir, check: async () => ({}) });
    const res = await get(checker.routes, GENERATOR_PATH);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toBe(CHECK_CSP);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await res.text();
    expect(html).toContain('<meta name="matrix-support-probe" content="/api/check">');
    const script = /src="(\/new\/assets\/generator-[0-9a-f]{12}\.js)"/.exec(html)?.[1] as string;
    const asset = await get(checker.routes, script);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(asset.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect((await get(checker.routes, `${GENERATOR_ASSET_PREFIX}nope.js`)).status).toBe(404);
    expect((await get(checker.routes, GENERATOR_PATH, { method: "POST" })).status).toBe(405);
    // The checker's own page is still there.
    expect((await get(checker.routes, "/check")).status).toBe(200);
    await checker.close();
  });

  it("without the probe (serve --no-checker) the page names none", async () => {
    const routes = createGeneratorPage({ webDir, probe: false });
    const res = await get(routes, GENERATOR_PATH);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain("matrix-support-probe");
    expect(html).toContain("<title>Write your Matrix support file</title>");
    expect((await get(routes, "/api/check?server=example.org")).status).toBe(404);
  });

  it("a missing build answers 503 saying what to run", async () => {
    const routes = createGeneratorPage({ webDir: path.join(tmp, "nowhere"), probe: true });
    const res = await get(routes, GENERATOR_PATH);
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/^The generator page is not built: .*npm run build/);
  });
});
