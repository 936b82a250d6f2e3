// Builds the web checker: bundles src/web/checker/main.ts and check.css with esbuild into
// dist/web/assets/ under content-hashed names, and writes dist/web/check.html pointing at them
// (with Subresource Integrity). `serve` reads dist/web/ at start-up.
// Then the generator page (src/web/generator/): its bundle in dist/web/new/assets/, the page
// template `serve` renders per language at /new (dist/web/new.html) and a self-contained static
// copy for any static host or a file:// URL, one page per language (dist/web/new/index.html in
// English, dist/web/new/TAG/index.html for the others; relative URLs, the policy in a <meta>).
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import { runIfMain } from "./run-build.mjs";

// The CLI package's folder (packages/cli): sources in src/, the build in dist/.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The URL path the assets are served under (see src/checker/check-page.ts). */
export const ASSET_PREFIX = "/check/assets/";
/** Where `serve` serves the generator's assets (see src/checker/generator-page.ts). */
export const GENERATOR_ASSET_PREFIX = "/new/assets/";
/** The probe the served generator page may use (src/checker/api.ts's PROBE_PATH). */
const PROBE_PATH = "/api/check";

/**
 * The static copy's policy, as a <meta> (a static host sends no header of ours): the checker's
 * policy (src/checker/check-page.ts) without what a <meta> cannot carry (frame-ancestors) and
 * without a server of ours to talk to (connect-src https: only: "load what is live").
 */
export const STATIC_GENERATOR_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src https:",
  "base-uri 'none'",
  "form-action 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join("; ");

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
  await buildGenerator(outDir, options.minify ?? true, icon, manifest);
  await writeFile(path.join(outDir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

const escapeAttribute = (text) =>
  text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/**
 * The generator: one classic-script bundle (a file:// page may not load module scripts) and its
 * stylesheet under dist/web/new/assets/, the served page's template dist/web/new.html (absolute
 * URLs, Subresource Integrity, the probe named; `serve` fills its words per language) and the
 * static copy, one page per language (relative URLs, its CSP in a <meta>, no probe). The static
 * copy carries no integrity attributes: browsers refuse them on file:// (no CORS there), and on a
 * static host the assets come from the same place as the page itself.
 */
async function buildGenerator(outDir, minify, icon, manifest) {
  const newDir = path.join(outDir, "new");
  const assetsDir = path.join(newDir, "assets");
  await mkdir(assetsDir, { recursive: true });
  const bundle = await esbuild.build({
    entryPoints: {
      generator: path.join(root, "src/web/generator/main.ts"),
      "generator-style": path.join(root, "src/web/generator/generator.css"),
    },
    bundle: true,
    format: "iife",
    platform: "browser",
    target: ["es2022", "chrome109", "firefox115", "safari16"],
    // The page's code only: yaml's Node-only paths never run in a browser.
    mainFields: ["browser", "module", "main"],
    minify,
    legalComments: "none",
    write: false,
    outdir: assetsDir,
    logLevel: "silent",
  });
  const files = new Map();
  for (const out of bundle.outputFiles) {
    const name = path.basename(out.path);
    files.set(name, { file: hashed(name, out.contents), bytes: out.contents });
  }
  files.set("icon.svg", { file: hashed("icon.svg", icon), bytes: icon });
  for (const [name, { file, bytes }] of files) {
    await writeFile(path.join(assetsDir, file), bytes);
    manifest[`new/${name}`] = file;
  }
  const js = files.get("generator.js");
  const css = files.get("generator-style.css");
  if (!js || !css) throw new Error("esbuild produced no generator.js or generator-style.css");
  const template = await readFile(path.join(root, "src/web/generator/new.html"), "utf8");
  const page = (prefix, head) =>
    template.replace(/\{\{(\w+)\}\}/g, (whole, key) => {
      if (key !== "head") throw new Error(`new.html: unknown placeholder ${whole}`);
      return head(prefix).join("\n");
    });
  const tags = (prefix, sri) => [
    `<link rel="icon" href="${prefix}${files.get("icon.svg").file}" type="image/svg+xml">`,
    `<link rel="stylesheet" href="${prefix}${css.file}"${sri ? ` integrity="${integrity(css.bytes)}"` : ""}>`,
    `<script defer src="${prefix}${js.file}"${sri ? ` integrity="${integrity(js.bytes)}"` : ""}></script>`,
  ];
  const served = page(GENERATOR_ASSET_PREFIX, (prefix) => [
    `<meta name="matrix-support-probe" content="${PROBE_PATH}">`,
    ...tags(prefix, true),
  ]);
  const copy = (up) =>
    page(`${up}assets/`, (prefix) => [
      `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(STATIC_GENERATOR_CSP)}">`,
      ...tags(prefix, false),
    ]);
  await writeFile(path.join(outDir, "new.html"), served);
  const { staticCopies } = await importTypeScript(path.join(root, "src/checker/generator-page.ts"));
  for (const { path: file, html } of staticCopies(copy)) {
    await mkdir(path.dirname(path.join(newDir, file)), { recursive: true });
    await writeFile(path.join(newDir, file), html);
  }
}

/**
 * A TypeScript module of ours, for this script (plain Node): bundled by esbuild into a temporary
 * file and imported from there, so the static copy is rendered by the code `serve` runs.
 */
async function importTypeScript(entry) {
  const dir = await mkdtemp(path.join(tmpdir(), "matrix-support-build-"));
  try {
    const file = path.join(dir, "module.mjs");
    await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node20",
      packages: "external",
      outfile: file,
      logLevel: "silent",
    });
    return await import(pathToFileURL(file).href);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await runIfMain(import.meta.url, "build-web", buildWeb);
