// The one-way data flow of STYLE.md, enforced: cli -> (serve | discover | scan | export) -> core.
// The core imports nothing else of ours and nothing from outside; the library never imports the
// CLI package nor a third-party package; only the Node adapter touches Node built-ins; browser
// code never reaches a Node built-in.
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

  it("sees the kinds of import it checks", () => {
    const file = join(LIB, "discover/check.ts");
    expect(imports(file).some((i) => i.target?.startsWith(join(LIB, "core")))).toBe(true);
  });
});
