/**
 * Code blocks in the documentation that come from files. A fenced block right after a line
 * `<!-- include: examples/library/contact.ts -->` must hold exactly that file; this script
 * rewrites every such block from its file:
 *
 *   npm run docs:examples        (tsx scripts/docs-examples.ts)
 *
 * test/docs/examples.test.ts fails when a block differs from its file, type-checks and runs the
 * files of examples/, and type-checks every other TypeScript or JavaScript block of the docs.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The Markdown files whose code blocks are checked: README.md, CONTRIBUTING.md and docs/ (not the generated docs/api/). */
export function markdownFiles(): string[] {
  const out = ["README.md", "CONTRIBUTING.md", "CHANGELOG.md"].filter((f) =>
    existsSync(join(ROOT, f)),
  );
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (path !== "docs/api") walk(path);
      } else if (entry.name.endsWith(".md")) out.push(path);
    }
  };
  if (existsSync(join(ROOT, "docs"))) walk("docs");
  return out.sort();
}

export interface CodeBlock {
  /** The info string's first word: `ts`, `sh`, `json`... */
  lang: string;
  /** The block's text, ending with a newline. */
  code: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The file named by an `<!-- include: FILE -->` line just before the fence. */
  include?: string;
  /** The reason given by a `<!-- not-checked: REASON -->` line just before the fence. */
  notChecked?: string;
  /** Offsets of the block's text in the Markdown (between the fences). */
  start: number;
  end: number;
}

const INCLUDE = /^<!-- include: (\S+) -->$/;
const NOT_CHECKED = /^<!-- not-checked: (.+) -->$/;

/** The fenced code blocks of a Markdown text (``` or ~~~ fences, at the start of a line). */
export function codeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split("\n");
  let offset = 0;
  let open: { fence: string; lang: string; line: number; start: number; before: string } | null =
    null;
  let previous = "";
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const lineStart = offset;
    offset += line.length + 1;
    const trimmed = line.trimStart();
    if (open === null) {
      const m = /^(`{3,}|~{3,})\s*([^\s`]*)/.exec(trimmed);
      if (m) {
        open = {
          fence: m[1] as string,
          lang: (m[2] ?? "").toLowerCase(),
          line: i + 1,
          start: offset,
          before: previous,
        };
      } else if (trimmed !== "") previous = trimmed;
      continue;
    }
    if (trimmed.startsWith(open.fence) && trimmed.slice(open.fence.length).trim() === "") {
      const indent = line.length - trimmed.length;
      const raw = markdown.slice(open.start, lineStart);
      const code = raw
        .split("\n")
        .map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length)))
        .join("\n");
      const include = INCLUDE.exec(open.before)?.[1];
      const notChecked = NOT_CHECKED.exec(open.before)?.[1];
      blocks.push({
        lang: open.lang,
        code,
        line: open.line,
        ...(include !== undefined ? { include } : {}),
        ...(notChecked !== undefined ? { notChecked } : {}),
        start: open.start,
        end: lineStart,
      });
      open = null;
      previous = "";
    }
  }
  return blocks;
}

/** The file's text as a block shows it: one trailing newline. */
export function includedText(file: string): string {
  return `${readFileSync(join(ROOT, file), "utf8").replace(/\n+$/, "")}\n`;
}

/** The Markdown with every include block rewritten from its file (indentation kept). */
export function syncIncludes(markdown: string): string {
  let out = "";
  let at = 0;
  for (const block of codeBlocks(markdown)) {
    if (block.include === undefined) continue;
    const fenceLine = markdown.lastIndexOf("\n", block.start - 2) + 1;
    const indent = /^\s*/.exec(markdown.slice(fenceLine, block.start))?.[0] ?? "";
    const text = includedText(block.include)
      .split("\n")
      .map((l, i, all) => (l === "" && i === all.length - 1 ? l : l === "" ? l : indent + l))
      .join("\n");
    out += markdown.slice(at, block.start) + text;
    at = block.end;
  }
  return out + markdown.slice(at);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  let changed = 0;
  for (const file of markdownFiles()) {
    const path = join(ROOT, file);
    const text = readFileSync(path, "utf8");
    const synced = syncIncludes(text);
    if (synced !== text) {
      writeFileSync(path, synced);
      changed++;
      process.stdout.write(`updated ${relative(ROOT, path)}\n`);
    }
  }
  process.stdout.write(`docs:examples: ${changed} file(s) updated\n`);
}
