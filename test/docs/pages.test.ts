// The documentation's shape: a short README that keeps the contributor commands, the pages the
// docs promise, and relative links (and their #anchors) that lead somewhere.
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { codeBlocks, markdownFiles, ROOT } from "../../scripts/docs-examples.js";

/**
 * Pages that arrive with work being merged now (docs/README.md says so); a link to one of them may
 * dangle until it lands. Empty this list once they exist.
 */
const PENDING = new Set<string>();

const read = (file: string) => readFileSync(join(ROOT, file), "utf8");

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const out = new Set<string>();
  const seen = new Map<string, number>();
  const fenced = codeBlocks(markdown);
  let offset = 0;
  for (const line of markdown.split("\n")) {
    const inBlock = fenced.some((b) => offset >= b.start && offset < b.end);
    offset += line.length + 1;
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m || inBlock) continue;
    const base = (m[1] ?? "")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

describe("the README", () => {
  const readme = read("README.md");

  it("is short (at most about 10 KB)", () => {
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(10 * 1024);
  });

  it("keeps the two contributor commands, verbatim, under Contributing", () => {
    const contributing = readme.slice(readme.indexOf("\n## Contributing\n"));
    expect(readme).toContain("\n## Contributing\n");
    expect(contributing).toContain("npm ci && npm start");
    expect(contributing).toContain("npm ci && npm test");
  });

  it("says how to install the tool and the library", () => {
    expect(readme).toContain("npx matrix-support");
    expect(readme).toContain("npm install -g matrix-support");
    expect(readme).toContain("npm install @matrix-support/lib");
  });

  it("the two commands stay true: npm start serves the example, npm test runs the tests", () => {
    const pkg = JSON.parse(read("package.json")) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toContain("serve --config examples/matrix-support.yaml");
    expect(pkg.scripts.test).toContain("vitest run");
    expect(pkg.scripts.docs).toBe("typedoc");
  });
});

describe("the documentation set", () => {
  it("has the pages the issue asks for", () => {
    for (const page of [
      "LICENSE",
      "CHANGELOG.md",
      "CONTRIBUTING.md",
      "docs/README.md",
      "docs/decisions.md",
      "docs/benchmarks.md",
      "docs/checker.md",
      "docs/reference/config.md",
      "docs/reference/diagnostics.md",
      "docs/reference/library/README.md",
      "docs/guides/publish-with-serve.md",
      "docs/guides/publish-static.md",
      "docs/guides/check-a-server.md",
      "docs/guides/use-the-library.md",
      "docs/guides/scan-and-report.md",
    ])
      expect(existsSync(join(ROOT, page)), page).toBe(true);
  });

  it("the changelog has this version, with the moved imports", () => {
    const changelog = read("CHANGELOG.md");
    const version = (JSON.parse(read("packages/lib/package.json")) as { version: string }).version;
    expect(changelog).toContain(`## ${version} - `);
    for (const entry of ["/discover", "/server", "/node"])
      expect(changelog).toContain(`\`@matrix-support/lib${entry}\``);
  });

  it("every relative link leads to a file, and every #anchor to a heading", () => {
    const broken: string[] = [];
    for (const file of markdownFiles()) {
      const text = read(file);
      const blocks = codeBlocks(text);
      const inBlock = (at: number) => blocks.some((b) => at >= b.start && at < b.end);
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1] as string;
        if (inBlock(m.index ?? 0) || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
        const [path = "", anchor] = target.split("#");
        const resolved = path === "" ? file : relative(ROOT, join(ROOT, dirname(file), path));
        if (!existsSync(join(ROOT, resolved))) {
          if (!PENDING.has(resolved.replace(/\/$/, ""))) broken.push(`${file}: ${target}`);
          continue;
        }
        if (anchor && resolved.endsWith(".md") && statSync(join(ROOT, resolved)).isFile()) {
          if (!anchors(read(resolved)).has(anchor))
            broken.push(`${file}: ${target} (no such heading)`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it("computes anchors as GitHub does", () => {
    expect(anchors("# A `--json` heading\n## 1. Write the config\n## Keys\n## Keys\n")).toEqual(
      new Set(["a---json-heading", "1-write-the-config", "keys", "keys-1"]),
    );
  });
});
