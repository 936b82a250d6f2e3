// The command reference (docs/reference/cli/) against the commands themselves: each page lists
// exactly the flags its command defines (what --help prints), and every `cli-output` block holds
// what the built command prints, with its exit code.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readFlag } from "../../packages/cli/src/cli/command-line.js";
import { loadCommands } from "../../packages/cli/src/cli/program.js";
import {
  CLI,
  cliBlockText,
  codeBlocks,
  markdownFiles,
  ROOT,
  shellWords,
} from "../../scripts/docs-examples.js";

const PAGES = "docs/reference/cli";
const SYNC = "run `npm run build && npm run docs:examples` to refresh the output blocks";

/** The long flags in the first cell of the page's flag tables (`--timeout MS`, `-y, --yes`). */
function documentedFlags(page: string): Set<string> {
  const flags = new Set<string>();
  for (const row of page.split("\n")) {
    const cell = /^\| `([^|]*)` \|/.exec(row)?.[1];
    if (!cell?.includes("--")) continue;
    for (const m of cell.matchAll(/(?:^|[\s,`])(--[a-z][a-z-]*)/g)) flags.add(m[1] as string);
  }
  return flags;
}

describe("the command reference", async () => {
  const commands = await loadCommands();

  it("has every command", () => {
    expect(commands.map((c) => c.name).sort()).toEqual(
      ["check", "export", "init", "report", "scan", "serve", "validate"].sort(),
    );
  });

  for (const command of commands) {
    const name = command.name;
    const flags = command.options.map(readFlag);
    const file = `${PAGES}/${name}.md`;
    it(`${file} lists exactly the flags of \`matrix-support ${name}\``, () => {
      expect(existsSync(join(ROOT, file)), `${file} is missing`).toBe(true);
      const page = readFileSync(join(ROOT, file), "utf8");
      expect(page).toContain(`matrix-support ${name}`);
      const defined = flags.map((f) => `--${f.long}`);
      const documented = documentedFlags(page);
      expect(
        defined.filter((f) => !documented.has(f)),
        `add these flags to the options table of ${file}`,
      ).toEqual([]);
      expect(
        [...documented].filter((f) => !defined.includes(f)),
        `these flags in ${file} do not exist (any more)`,
      ).toEqual([]);
      // A flag's short form is documented with it.
      for (const f of flags.filter((f) => f.short))
        expect(page, `--${f.long} has the short form -${f.short}`).toContain(
          `-${f.short}, --${f.long}`,
        );
    });
  }

  it("the index links every command page", () => {
    const index = readFileSync(join(ROOT, PAGES, "README.md"), "utf8");
    for (const command of commands) expect(index).toContain(`(${command.name}.md)`);
  });
});

describe("command output shown in the docs", () => {
  const blocks = markdownFiles().flatMap((file) =>
    codeBlocks(readFileSync(join(ROOT, file), "utf8"))
      .filter((b) => b.cliExit !== undefined)
      .map((block) => ({ file, block })),
  );

  it("there are output blocks, and the CLI is built", () => {
    expect(blocks.length).toBeGreaterThan(3);
    expect(existsSync(join(ROOT, CLI)), "run `npm run build` first").toBe(true);
  });

  it("splits command lines as a shell would", () => {
    expect(shellWords(`matrix-support check 'exa mple.org' --json`)).toEqual([
      "matrix-support",
      "check",
      "exa mple.org",
      "--json",
    ]);
    expect(shellWords(`a "b \\"c\\"" d'e f'`)).toEqual(["a", 'b "c"', "de f"]);
  });

  for (const { file, block } of blocks) {
    const command = block.code.split("\n")[0] ?? "";
    it(`${file}:${block.line}: ${command}`, () => {
      const { text, exit } = cliBlockText(block);
      expect(block.code, SYNC).toBe(text);
      expect(block.cliExit, `the exit code; ${SYNC}`).toBe(exit);
    });
  }
});
