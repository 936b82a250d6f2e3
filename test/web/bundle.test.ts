/**
 * What the browser page and the `validate` command load at start: the import graph esbuild sees,
 * followed through static imports only. Keeps the YAML and TOML parsers out of the browser bundle
 * and off the cold-start path of `validate file.json` (both measured in docs/benchmarks.md).
 */
import path from "node:path";
import * as esbuild from "esbuild";
import { describe, expect, it } from "vitest";

const root = path.join(import.meta.dirname, "../..");

/** Every file reachable from `entry` through static imports (dynamic `import()` not followed). */
async function staticClosure(entry: string, platform: "browser" | "node"): Promise<string[]> {
  const result = await esbuild.build({
    entryPoints: [path.join(root, entry)],
    bundle: true,
    write: false,
    metafile: true,
    format: "esm",
    platform,
    splitting: true,
    outdir: path.join(root, "dist", "bundle-test"),
    mainFields: ["module", "main"],
    // Node built-ins and the heavy packages the CLI leaves external do not matter here.
    external: platform === "node" ? ["undici", "pino", "prom-client", "chokidar", "@clack/*"] : [],
    logLevel: "silent",
  });
  const inputs = result.metafile.inputs;
  const seen = new Set<string>();
  const queue = [path.relative(root, path.join(root, entry))];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const i of inputs[file]?.imports ?? []) {
      if (i.kind !== "dynamic-import" && !i.external) queue.push(i.path);
    }
  }
  return [...seen];
}

const parsers = (files: string[]) =>
  files.filter((f) => /node_modules\/(yaml|smol-toml)\//.test(f) || f.endsWith("config/source.ts"));

describe("what loads first", () => {
  it("the browser page bundles neither the YAML nor the TOML parser", async () => {
    const files = await staticClosure("packages/cli/src/web/checker/main.ts", "browser");
    expect(files).toContain("packages/lib/src/discover/discover.ts");
    expect(parsers(files)).toEqual([]);
  });

  it("`validate` reaches the YAML and TOML parsers only through import()", async () => {
    const files = await staticClosure("packages/cli/src/cli/validate.ts", "node");
    expect(files).toContain("packages/lib/src/core/json-source.ts");
    expect(parsers(files)).toEqual([]);
  });
});
