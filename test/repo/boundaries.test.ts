// The one-way data flow of STYLE.md, enforced: cli -> (serve | discover | scan | export) -> core.
// The core imports nothing else of ours and nothing from outside; the library never imports the
// CLI package nor a third-party package; only the Node adapter touches Node built-ins; browser
// code never reaches a Node built-in; the CLI's program and its command files have no cycle.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const LIB = join(ROOT, "packages/lib/src");
const CLI = join(ROOT, "packages/cli/src");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith(".ts")
        ? [join(dir, e.name)]
        : [],
  );
}

/** Static and dynamic imports (type-only imports included: they still couple the modules). */
function imports(file: string): { spec: string; target?: string }[] {
  const text = readFileSync(file, "utf8");
  const out: { spec: string; target?: string }[] = [];
  for (const m of text.matchAll(
    /(?:^|\n)\s*(?:import|export)[^"';]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g,
  )) {
    const spec = (m[1] ?? m[2]) as string;
    out.push(
      spec.startsWith(".")
        ? { spec, target: resolve(dirname(file), spec).replace(/\.js$/, ".ts") }
        : { spec },
    );
  }
  return out;
}

const rel = (p: string) => relative(ROOT, p);
const inside = (p: string, dir: string) => !relative(dir, p).startsWith("..");

describe("import boundaries", () => {
  it("the core imports nothing outside itself", () => {
    const bad = sources(join(LIB, "core")).flatMap((f) =>
      imports(f)
        .filter((i) => (i.target ? !inside(i.target, join(LIB, "core")) : true))
        .map((i) => `${rel(f)} -> ${i.spec}`),
    );
    expect(bad).toEqual([]);
  });

  it("the library never imports the CLI package or a third-party package", () => {
    const bad = sources(LIB).flatMap((f) =>
      imports(f)
        .filter((i) => (i.target ? !inside(i.target, LIB) : !i.spec.startsWith("node:")))
        .map((i) => `${rel(f)} -> ${i.spec}`),
    );
    expect(bad).toEqual([]);
  });

  it("only the library's Node adapter imports Node built-ins", () => {
    const bad = sources(LIB)
      .filter((f) => !inside(f, join(LIB, "node")))
      .flatMap((f) =>
        imports(f)
          .filter((i) => i.spec.startsWith("node:"))
          .map((i) => `${rel(f)} -> ${i.spec}`),
      );
    expect(bad).toEqual([]);
  });

  it("browser code never reaches a Node built-in, directly or through what it imports", () => {
    const seen = new Set<string>();
    const bad: string[] = [];
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const i of imports(file)) {
        if (i.spec.startsWith("node:")) bad.push(`${rel(file)} -> ${i.spec}`);
        else if (i.target) walk(i.target);
      }
    };
    for (const f of sources(join(CLI, "web"))) walk(f);
    expect(seen.size).toBeGreaterThan(5);
    expect(bad).toEqual([]);
  });

  it("the CLI's command files never import the program that loads them", () => {
    const program = join(CLI, "cli/program.ts");
    const bad = sources(join(CLI, "cli"))
      .filter((f) => f !== program && f !== join(CLI, "cli/main.ts"))
      .flatMap((f) =>
        imports(f)
          .filter((i) => i.target === program)
          .map(() => rel(f)),
      );
    expect(bad).toEqual([]);
  });

  it("sees the kinds of import it checks", () => {
    const file = join(LIB, "discover/check.ts");
    expect(imports(file).some((i) => i.target?.startsWith(join(LIB, "core")))).toBe(true);
  });
});

describe("one version", () => {
  it("the CLI's --version and the library's user agent follow their package.json", async () => {
    const cli = JSON.parse(readFileSync(join(ROOT, "packages/cli/package.json"), "utf8"));
    const lib = JSON.parse(readFileSync(join(ROOT, "packages/lib/package.json"), "utf8"));
    const { VERSION } = await import("../../packages/cli/src/version.js");
    expect(VERSION).toBe(cli.version);
    const { DEFAULT_USER_AGENT } = await import("../../packages/lib/src/discover/types.js");
    const [major, minor] = String(lib.version).split(".");
    expect(DEFAULT_USER_AGENT).toMatch(new RegExp(`^matrix-support/${major}\\.${minor} `));
  });
});
