/** Node-only: loads the built checker page (dist/web, made by scripts/build-web.mjs) into memory. */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { WebAsset, WebAssets } from "./check-page.js";

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".map": "application/json",
};

/**
 * Where the build lives: beside this module once built (dist/probe -> dist/web); when running
 * from the sources (tests, tsx), the project's dist/web.
 */
export function defaultWebDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.basename(path.dirname(here)) === "src"
    ? path.resolve(here, "..", "..", "dist", "web")
    : path.resolve(here, "..", "web");
}

/** Which page of the build, and the folder of its assets (both relative to the build). */
export interface WebLayout {
  page: string;
  assets: string;
}

/** The checker: check.html and assets/. */
export const CHECKER_LAYOUT: WebLayout = { page: "check.html", assets: "assets" };

/** Reads the page and every file of its assets; an Error (never a throw) when the build is missing. */
export async function loadWebAssets(
  dir = defaultWebDir(),
  layout: WebLayout = CHECKER_LAYOUT,
): Promise<WebAssets | Error> {
  try {
    const html = new Uint8Array(await readFile(path.join(dir, layout.page)));
    const files = new Map<string, WebAsset>();
    const assetsDir = path.join(dir, layout.assets);
    for (const name of await readdir(assetsDir)) {
      const type = TYPES[path.extname(name)];
      if (!type) continue;
      const body = new Uint8Array(await readFile(path.join(assetsDir, name)));
      // Compressed once at start-up: the bundle is mostly text and served to every visitor.
      const gzip = new Uint8Array(gzipSync(body, { level: 9 }));
      files.set(name, gzip.byteLength < body.byteLength ? { body, gzip, type } : { body, type });
    }
    return { html, files };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return new Error(
      code === "ENOENT"
        ? `${dir} has no built page; run \`npm run build\``
        : `cannot read ${dir}: ${(error as Error).message}`,
    );
  }
}
