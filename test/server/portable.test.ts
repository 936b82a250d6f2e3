/** The handler core runs outside Node (Workers, Deno, Bun, browsers): it bundles with no Node built-in. */
import { join } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

describe("matrix-support/server", () => {
  it("bundles for a neutral platform without any Node built-in", async () => {
    const result = await build({
      entryPoints: [join(import.meta.dirname, "../../packages/lib/src/server/index.ts")],
      bundle: true,
      platform: "neutral",
      mainFields: ["module", "main"],
      format: "esm",
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(
      inputs.filter((i) => i.startsWith("node:") || /src\/(node|server\/node)\//.test(i)),
    ).toEqual([]);
    // validateConfig and the page come without the YAML and TOML parsers.
    expect(
      inputs.filter(
        (i) => /node_modules\/(yaml|smol-toml)\//.test(i) || i.endsWith("spec/source.ts"),
      ),
    ).toEqual([]);
    const code = result.outputFiles[0]!.text;
    expect(code).not.toMatch(
      /from\s*["']node:|require\(["'](node:)?(fs|http|net|stream|crypto)["']\)/,
    );
  });
});
