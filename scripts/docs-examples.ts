/**
 * Code blocks in the documentation that come from somewhere, so they cannot rot:
 *
 * - a fenced block right after `<!-- include: examples/library/contact.ts -->` holds exactly that
 *   file;
 * - a `console` block right after `<!-- cli-output exit=N -->` starts with `$ matrix-support ARGS`
 *   and holds what the built command prints (standard output, then standard error), and N is its
 *   exit code. Commands run from the repository root, without colours.
 *
 * This script rewrites every such block (run `npm run build` first, for the CLI):
 *
 *   npm run docs:examples        (tsx scripts/docs-examples.ts)
 *
 * test/docs/examples.test.ts and test/docs/cli.test.ts fail when a block differs; the first also
 * type-checks and runs the files of examples/ and type-checks every other TypeScript or
 * JavaScript block of the docs.
 */
import { spawnSync } from "node:child_process";
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
  /** The exit code of a `<!-- cli-output exit=N -->` block. */
  cliExit?: number;
  /** Offsets of the marker line's exit code, for rewriting it. */
  cliExitAt?: [number, number];
  /** Offsets of the block's text in the Markdown (between the fences). */
  start: number;
  end: number;
}

const INCLUDE = /^<!-- include: (\S+) -->$/;
const NOT_CHECKED = /^<!-- not-checked: (.+) -->$/;
const CLI_OUTPUT = /^<!-- cli-output exit=(\d+) -->$/;

/** The fenced code blocks of a Markdown text (``` or ~~~ fences, at the start of a line). */
export function codeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split("\n");
  let offset = 0;
  let open: {
    fence: string;
    lang: string;
    line: number;
    start: number;
    before: string;
    beforeAt: number;
  } | null = null;
  let previous = "";
  let previousAt = 0;
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
          beforeAt: previousAt,
        };
      } else if (trimmed !== "") {
        previous = trimmed;
        previousAt = lineStart + (line.length - trimmed.length);
      }
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
      const cli = CLI_OUTPUT.exec(open.before);
      const exitAt = open.beforeAt + "<!-- cli-output exit=".length;
      blocks.push({
        lang: open.lang,
        code,
        line: open.line,
        ...(include !== undefined ? { include } : {}),
        ...(notChecked !== undefined ? { notChecked } : {}),
        ...(cli
          ? {
              cliExit: Number(cli[1]),
              cliExitAt: [exitAt, exitAt + (cli[1] ?? "").length] as [number, number],
            }
          : {}),
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

/** Splits a command line as a POSIX shell would for simple cases: spaces, '...' and "...". */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  const re = /'([^']*)'|"((?:[^"\\]|\\.)*)"|([^\s'"]+)/g;
  let word: string | undefined;
  let last = -1;
  for (const m of line.matchAll(re)) {
    const part = m[1] ?? m[2]?.replace(/\\(.)/g, "$1") ?? m[3] ?? "";
    const index = m.index ?? 0;
    if (word !== undefined && index === last) word += part;
    else {
      if (word !== undefined) words.push(word);
      word = part;
    }
    last = index + m[0].length;
  }
  if (word !== undefined) words.push(word);
  return words;
}

export const CLI = "packages/cli/dist/cli/bin.cjs";

/** Runs `$ matrix-support ARGS` (the block's first line) with the built CLI. */
export function runCliBlock(block: CodeBlock): { command: string; output: string; exit: number } {
  const command = block.code.split("\n")[0] ?? "";
  const words = shellWords(command.replace(/^\$\s*/, ""));
  if (words[0] !== "matrix-support")
    throw new Error(`a cli-output block must start with "$ matrix-support": ${command}`);
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env.FORCE_COLOR;
  const run = spawnSync(process.execPath, [join(ROOT, CLI), ...words.slice(1)], {
    cwd: ROOT,
    env,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { command, output: run.stdout + run.stderr, exit: run.status ?? -1 };
}

/** The text a cli-output block should hold. */
export function cliBlockText(block: CodeBlock): { text: string; exit: number } {
  const { command, output, exit } = runCliBlock(block);
  return { text: `${command}\n${output.replace(/\n?$/, "\n").replace(/^\n$/, "")}`, exit };
}

/**
 * The Markdown with every include block rewritten from its file and every cli-output block from
 * a run of the command (indentation kept).
 */
export function syncBlocks(markdown: string): string {
  let out = "";
  let at = 0;
  for (const block of codeBlocks(markdown)) {
    let text: string;
    let exit: number | undefined;
    if (block.include !== undefined) text = includedText(block.include);
    else if (block.cliExit !== undefined) ({ text, exit } = cliBlockText(block));
    else continue;
    const fenceLine = markdown.lastIndexOf("\n", block.start - 2) + 1;
    const indent = /^\s*/.exec(markdown.slice(fenceLine, block.start))?.[0] ?? "";
    text = text
      .split("\n")
      .map((l) => (l === "" ? l : indent + l))
      .join("\n");
    if (exit !== undefined && block.cliExitAt) {
      out += markdown.slice(at, block.cliExitAt[0]) + String(exit);
      at = block.cliExitAt[1];
    }
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
    const synced = syncBlocks(text);
    if (synced !== text) {
      writeFileSync(path, synced);
      changed++;
      process.stdout.write(`updated ${relative(ROOT, path)}\n`);
    }
  }
  process.stdout.write(`docs:examples: ${changed} file(s) updated\n`);
}
