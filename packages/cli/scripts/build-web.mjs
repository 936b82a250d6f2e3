// Builds the web checker: bundles src/web/checker/main.ts and check.css with esbuild into
// dist/web/assets/ under content-hashed names, and writes dist/web/check.html pointing at them
// (with Subresource Integrity). `serve` reads dist/web/ at start-up.
import { createHash } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { runIfMain } from "./run-build.mjs";

// The CLI package's folder (packages/cli): sources in src/, the build in dist/.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The URL path the assets are served under (see src/checker/check-page.ts). */
export const ASSET_PREFIX = "/check/assets/";

const integrity = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
const hashed = (name, bytes) => {
  const ext = path.extname(name);
  const hash = createHash("sha256").update(bytes).digest("hex").slice(0, 12);
  return `${path.basename(name, ext)}-${hash}${ext}`;
};

/**
 * Builds into `outDir` (default dist/web). Returns the manifest: logical name -> hashed file name.
 * @param {{ outDir?: string, minify?: boolean }} [options]
 */
export async function buildWeb(options = {}) {
  const outDir = options.outDir ?? path.join(root, "dist", "web");
  const assetsDir = path.join(outDir, "assets");
  await rm(outDir, { recursive: true, force: true });
  await mkdir(assetsDir, { recursive: true });

  const bundle = await esbuild.build({
    entryPoints: [
      path.join(root, "src/web/checker/main.ts"),
      path.join(root, "src/web/checker/check.css"),
    ],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: ["es2022", "chrome109", "firefox115", "safari16"],
    minify: options.minify ?? true,
    legalComments: "none",
    write: false,
    outdir: assetsDir,
    logLevel: "silent",
  });
  const manifest = {};
  const files = new Map();
  for (const out of bundle.outputFiles) {
    const name = path.basename(out.path);
    const file = hashed(name, out.contents);
    files.set(name, { file, bytes: out.contents });
  }
  const icon = await readFile(path.join(root, "src/web/checker/icon.svg"));
  files.set("icon.svg", { file: hashed("icon.svg", icon), bytes: icon });
  for (const [name, { file, bytes }] of files) {
    await writeFile(path.join(assetsDir, file), bytes);
    manifest[name] = file;
  }

  const js = files.get("main.js");
  const css = files.get("check.css");
  if (!js || !css) throw new Error("esbuild produced no main.js or check.css");
  const template = await readFile(path.join(root, "src/web/checker/check.html"), "utf8");
  const values = {
    script: ASSET_PREFIX + js.file,
    script_integrity: integrity(js.bytes),
    style: ASSET_PREFIX + css.file,
    style_integrity: integrity(css.bytes),
    icon: ASSET_PREFIX + files.get("icon.svg").file,
  };
  const html = template.replace(/\{\{(\w+)\}\}/g, (whole, key) => {
    if (!(key in values)) throw new Error(`check.html: unknown placeholder ${whole}`);
    return values[key];
  });
  await writeFile(path.join(outDir, "check.html"), html);
  await writeFile(path.join(outDir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

await runIfMain(import.meta.url, "build-web", buildWeb);
