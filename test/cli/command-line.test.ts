/**
 * The command line read against a command's spec (packages/cli/src/cli/command-line.ts), the help
 * rendered from it, and the program's own words (no command, `help`, unknown commands).
 */
import { describe, expect, it } from "vitest";
import type { CommandSpec } from "../../packages/cli/src/cli/command.js";
import {
  collect,
  commandHelp,
  parseCommandLine,
  programHelp,
  readFlag,
} from "../../packages/cli/src/cli/command-line.js";
import { intOption, UsageError } from "../../packages/cli/src/cli/output.js";
import { runHere } from "../helpers/run-here.js";

const action = () => 0;

/** A command with one of each kind of flag and argument. */
const demo: CommandSpec = {
  name: "demo",
  description: "A command for the parser's tests",
  arguments: [
    { name: "<file>", description: "the input" },
    { name: "[more...]", description: "other inputs" },
  ],
  options: [
    { flags: "--json", description: "print JSON" },
    { flags: "-y, --yes", description: "ask nothing" },
    {
      flags: "--timeout <ms>",
      description: "time limit",
      parse: intOption("--timeout", 1, 600_000),
      default: 10_000,
    },
    { flags: "--server-name <name>", description: "the server" },
    { flags: "--resolve <host:port:addr>", description: "repeatable", parse: collect, default: [] },
    { flags: "--as <kind>", description: "support or config", choices: ["support", "config"] },
    { flags: "--out <file>", description: "where to write", default: "out.yaml" },
    { flags: "--no-progress", description: "no progress display" },
  ],
  action,
};

const optionalOnly: CommandSpec = {
  name: "opt",
  description: "An optional argument and a required flag",
  arguments: [{ name: "[file]", description: "names, or - for standard input" }],
  options: [{ flags: "--out <file>", description: "where results go", required: true }],
  action,
};

const parse = (words: string[], command = demo) => parseCommandLine(command, words);
const ran = (words: string[], command = demo) => {
  const line = parse(words, command);
  if (line.kind !== "run") throw new Error(`expected a run, got ${JSON.stringify(line)}`);
  return line;
};
const error = (words: string[], command = demo) => {
  const line = parse(words, command);
  if (line.kind !== "error") throw new Error(`expected an error, got ${JSON.stringify(line)}`);
  return line.message;
};

describe("reading flags and arguments", () => {
  it("gives the arguments in order and the flags by camel-cased name, with defaults", () => {
    expect(ran(["a.json"])).toEqual({
      kind: "run",
      args: ["a.json", []],
      options: { timeout: 10_000, resolve: [], out: "out.yaml", progress: true },
    });
    const line = ran(["a.json", "b", "c", "--json", "--server-name", "example.org", "-y"]);
    expect(line.args).toEqual(["a.json", ["b", "c"]]);
    expect(line.options).toMatchObject({ json: true, yes: true, serverName: "example.org" });
  });

  it("accepts --flag=value, a value starting with '-', and the last of a repeated flag", () => {
    expect(ran(["f", "--server-name=example.org"]).options.serverName).toBe("example.org");
    // Taken as the value, then refused by the flag's own check, which names it.
    expect(() => parse(["f", "--timeout", "-5"])).toThrow(
      new UsageError('--timeout takes a whole number, not "-5"'),
    );
    expect(ran(["f", "--out", "a", "--out", "b"]).options.out).toBe("b");
  });

  it("collects a repeatable flag in order, and parses numbers", () => {
    const line = ran(["f", "--resolve", "a:1:x", "--timeout=5", "--resolve=b:2:y"]);
    expect(line.options.resolve).toEqual(["a:1:x", "b:2:y"]);
    expect(line.options.timeout).toBe(5);
  });

  it("reads --no-x as x: false, true by default", () => {
    expect(ran(["f"]).options.progress).toBe(true);
    expect(ran(["f", "--no-progress"]).options.progress).toBe(false);
  });

  it("takes words after -- as arguments, even when they look like flags", () => {
    expect(ran(["--", "--json", "-y"]).args).toEqual(["--json", ["-y"]]);
  });

  it("leaves a missing optional argument undefined", () => {
    expect(ran(["--out", "x"], optionalOnly).args).toEqual([undefined]);
    expect(ran(["-", "--out", "x"], optionalOnly).args).toEqual(["-"]);
  });

  it("answers help for --help or -h anywhere, even beside a mistake", () => {
    for (const words of [
      ["--help"],
      ["f", "-h"],
      ["--bogus", "--help"],
      ["-yh"],
      ["--timeout=x", "-h"],
    ])
      expect(parse(words)).toEqual({ kind: "help" });
  });
});

describe("what it refuses, in one line", () => {
  it("an unknown flag, with the flag it probably means", () => {
    expect(error(["f", "--jsno"])).toBe("unknown flag --jsno (did you mean --json?)");
    expect(error(["f", "--server_name", "x"])).toBe(
      "unknown flag --server_name (did you mean --server-name?)",
    );
    expect(error(["f", "--zzzzzz"])).toBe("unknown flag --zzzzzz");
    expect(error(["f", "-q"])).toBe("unknown flag -q");
  });

  it("a flag without its value, and a switch given a value", () => {
    expect(error(["f", "--server-name"])).toBe("--server-name <name> needs a value after it");
    expect(error(["f", "--json=yes"])).toBe('--json takes no value (given "yes")');
  });

  it("a value outside the choices", () => {
    expect(error(["f", "--as", "toml"])).toBe('--as must be one of support, config, not "toml"');
  });

  it("a missing required flag or argument, and one argument too many", () => {
    expect(error([], optionalOnly)).toBe("--out <file> is required");
    expect(error(["--json"])).toBe("needs <file>: the input");
    expect(error(["a", "b", "--out", "x"], optionalOnly)).toBe(
      'takes one argument; "b" is one too many',
    );
    const none: CommandSpec = { name: "none", description: "", options: [], action };
    expect(error(["x"], none)).toBe('takes no arguments, but was given "x"');
  });

  it("a flag spec it cannot read is a bug, said at once", () => {
    expect(() => readFlag({ flags: "--opt [value]", description: "" })).toThrow(/cannot read/);
    expect(() => readFlag({ flags: "json", description: "" })).toThrow(/cannot read/);
  });
});

describe("help", () => {
  it("shows the usage, the arguments, every flag with its default, and -h", () => {
    const help = commandHelp(demo);
    expect(help).toMatch(/^Usage: matrix-support demo \[options\] <file> \[more\.\.\.\]\n\n/);
    expect(help).toContain("Arguments:\n  file  ");
    expect(help).toContain("  --timeout <ms>");
    expect(help).toContain("time limit (default: 10000)");
    expect(help).toContain('where to write (default: "out.yaml")');
    expect(help).toContain("  -y, --yes");
    expect(help).toContain("  -h, --help");
    // A list default says nothing.
    expect(help).not.toContain("default: []");
  });

  it("wraps descriptions to the width, under their column", () => {
    const long: CommandSpec = {
      name: "long",
      description: "d",
      options: [{ flags: "--x", description: Array.from({ length: 40 }, () => "word").join(" ") }],
      action,
    };
    const lines = commandHelp(long, 60).split("\n");
    expect(lines.every((l) => l.length <= 60)).toBe(true);
    // "-h, --help" is the widest term: descriptions start at column 14, continuations too.
    const first = lines.findIndex((l) => l.startsWith("  --x  "));
    expect(lines[first]?.indexOf("word")).toBe(14);
    const continued = lines.slice(first + 1).filter((l) => l.includes("word"));
    expect(continued.length).toBeGreaterThan(2);
    for (const l of continued) expect(l).toMatch(/^ {14}word/);
  });

  it("lists every command in the program's help", () => {
    const help = programHelp("What it does.", [demo, optionalOnly]);
    expect(help).toContain("Usage: matrix-support [options] [command]");
    expect(help).toContain("demo [options] <file> [more...]");
    expect(help).toContain("opt [options] [file]");
    expect(help).toContain("help [command]");
    expect(help).toContain("-V, --version");
  });
});

describe("the program's own words", () => {
  it("no command, --help and help print every command; exit 0", async () => {
    for (const args of [[], ["--help"], ["-h"], ["help"], ["help", "--help"]]) {
      const { code, out } = await runHere(args);
      expect(code).toBe(0);
      for (const name of ["validate", "check", "serve", "export", "init", "scan", "report"])
        expect(out).toContain(`\n  ${name} [options]`);
    }
  });

  it("help NAME is NAME --help", async () => {
    const a = await runHere(["help", "scan"]);
    const b = await runHere(["scan", "--help"]);
    expect(a).toEqual(b);
    expect(a.code).toBe(0);
    expect(a.out).toMatch(/^Usage: matrix-support scan \[options\] \[file\]/);
  });

  it("an unknown command or flag is exit 2, with the command it probably means", async () => {
    expect(await runHere(["valdiate", "x.json"])).toEqual({
      code: 2,
      out: "",
      err: 'matrix-support: unknown command "valdiate" (did you mean validate?)\n(run "matrix-support --help" for usage)\n',
    });
    const help = await runHere(["help", "nothing"]);
    expect(help.code).toBe(2);
    expect(help.err).toContain('unknown command "nothing"');
    const flag = await runHere(["--json", "validate"]);
    expect(flag.code).toBe(2);
    expect(flag.err).toContain("unknown flag --json");
  });

  it("a usage error names the command and escapes what the user typed", async () => {
    const { code, out, err } = await runHere(["validate", "--as", "x\u001b[31m", "f.json"]);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toBe(
      'matrix-support validate: --as must be one of support, config, room-contacts, not "x\\x1b[31m"\n(run "matrix-support validate --help" for usage)\n',
    );
  });
});
