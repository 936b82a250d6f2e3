// /check and /check/assets/* as web-standard handlers over a built (or missing) page.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadWebAssets } from "../../packages/cli/src/checker/assets.js";
import {
  CHECK_CSP,
  createAssetHandler,
  createPageHandler,
} from "../../packages/cli/src/checker/check-page.js";
import { createWebChecker } from "../../packages/cli/src/checker/index.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "probe-page-"));
  await mkdir(path.join(dir, "web", "assets"), { recursive: true });
  await writeFile(path.join(dir, "web", "check.html"), "<!doctype html><title>t</title>");
  await writeFile(path.join(dir, "web", "assets", "main-0123456789ab.js"), "export {};\n");
  await writeFile(path.join(dir, "web", "assets", "notes.txt"), "not served");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const req = (p: string, method = "GET") => new Request(`http://checker.test${p}`, { method });

describe("the page and its assets", () => {
  it("serves the page with the strict CSP and no caching", async () => {
    const page = createPageHandler(() => loadWebAssets(path.join(dir, "web")));
    const response = await page(req("/check?server=example.org"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toBe(CHECK_CSP);
    expect(CHECK_CSP).toContain("require-trusted-types-for 'script'");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(await response.text()).toContain("<title>t</title>");
    expect(await (await page(req("/check", "HEAD"))).text()).toBe("");
    const post = await page(req("/check", "POST"));
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });

  it("serves hashed assets immutable, and nothing else", async () => {
    const assets = createAssetHandler(() => loadWebAssets(path.join(dir, "web")));
    const js = await assets(req("/check/assets/main-0123456789ab.js"));
    expect(js.status).toBe(200);
    expect(js.headers.get("cache-control")).toContain("immutable");
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    const gzipped = await assets(
      new Request("http://checker.test/check/assets/main-0123456789ab.js", {
        headers: { "accept-encoding": "gzip, br" },
      }),
    );
    expect(gzipped.headers.get("vary")).toBe("accept-encoding");
    // Tiny files are not worth compressing; the real bundle is (see the browser test).
    expect(gzipped.headers.get("content-encoding")).toBeNull();
    expect((await assets(req("/check/assets/notes.txt"))).status).toBe(404);
    expect((await assets(req("/check/assets/../check.html"))).status).toBe(404);
    expect((await assets(req("/check/assets/"))).status).toBe(404);
  });

  it("without a build, /check answers 503 saying what to run", async () => {
    const page = createPageHandler(() => loadWebAssets(path.join(dir, "missing")));
    const response = await page(req("/check"));
    expect(response.status).toBe(503);
    expect(await response.text()).toMatch(/npm run build/);
  });

  it("createWebChecker mounts /check, /check/assets/* and /api/check, and the generator's /new", () => {
    const checker = createWebChecker({ check: async () => ({}), webDir: path.join(dir, "web") });
    expect(Object.keys(checker.routes).sort()).toEqual([
      "/api/check",
      "/check",
      "/check/assets/*",
      "/new",
      "/new/assets/*",
    ]);
  });
});
