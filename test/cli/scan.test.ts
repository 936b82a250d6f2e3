/**
 * `matrix-support scan` and `report` end to end, against a simulated fleet on loopback (one HTTPS
 * server answering per requested name, reached with --connect-to and --cacert).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { appendFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoRawText, HOSTILE } from "../helpers/hostile.js";
import { runHere } from "../helpers/run-here.js";
import { type Fleet, startFleet } from "../scan/fleet.js";

const ROOT = resolve(import.meta.dirname, "../..");
// The CLI is bundled once from source (fast start-ups in child processes, no stale dist/); it
// lives under node_modules/.cache so its package imports resolve.
const CLI = join(ROOT, "node_modules", ".cache", `scan-cli-test-${process.pid}.mjs`);
let fleet: Fleet;
let dir: string;

beforeAll(async () => {
  await build({
    entryPoints: [join(ROOT, "packages/cli/src/cli/main.ts")],
    outfile: CLI,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "silent",
  });
  fleet = await startFleet();
  dir = await mkdtemp(join(tmpdir(), "scan-cli-"));
});
afterAll(async () => {
  await fleet?.close();
  await rm(dir, { recursive: true, force: true });
  await rm(CLI, { force: true });
});

interface Done {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

// Child processes are slow to start on a busy machine: the spawning tests get a generous timeout.

/** Starts the CLI in a child process (so signals and stdin are real). */
function start(
  args: string[],
  stdin?: string,
): { child: ChildProcess; done: Promise<Done>; stderr: () => string } {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  if (stdin !== undefined) child.stdin?.end(stdin);
  else child.stdin?.end();
  const done = new Promise<Done>((resolveDone) =>
    child.on("close", (code, signal) => resolveDone({ code, signal, stdout, stderr })),
  );
  return { child, done, stderr: () => stderr };
}

async function waitFor(condition: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const until = Date.now() + 90_000;
  while (Date.now() < until) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

interface Row {
  server_name: string;
  status: string;
  document: { contacts?: { role: string }[] } | null;
  diagnostics: { code: string }[];
}

/** Every line must parse: an unparsable line fails the test. */
function parseLines(text: string): Row[] {
  return text
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Row);
}

const lineCount = async (file: string) =>
  (await readFile(file, "utf8").catch(() => "")).split("\n").filter((l) => l !== "").length;

describe("scan against a simulated fleet", () => {
  it("writes each distinct name exactly once, classified, and never contacts opted-out servers", async () => {
    const kinds = ["found", "admin", "missing", "empty", "html", "broken"];
    const names = kinds.flatMap((k) => [1, 2, 3].map((i) => `${k}-${i}.fleet.test`));
    const input = join(dir, "names.txt");
    await writeFile(
      input,
      [
        "# servers to survey",
        ...names,
        "",
        "found-1.fleet.test",
        "  missing-2.fleet.test  # a duplicate with spaces",
        "not a server name!",
        "other.example",
        "found-99.fleet.test",
        "x.optout.fleet.test",
      ].join("\n"),
    );
    const exclude = join(dir, "optout.txt");
    await writeFile(
      exclude,
      "# asked not to be scanned\nfound-99.fleet.test\n*.optout.fleet.test\n",
    );
    const out = join(dir, "fleet.jsonl");
    const { done } = start([
      "scan",
      input,
      "--out",
      out,
      "--exclude",
      exclude,
      "--concurrency",
      "5",
      ...fleet.flags,
    ]);
    const r = await done;
    expect(r.stderr).not.toMatch(/unexpected error|^\s+at /m);
    expect(r.code).toBe(0);

    const rows = parseLines(await readFile(out, "utf8"));
    const byName = new Map(rows.map((row) => [row.server_name, row]));
    expect(rows).toHaveLength(byName.size);
    expect([...byName.keys()].sort()).toEqual(
      [...names, "not a server name!", "other.example"].sort(),
    );
    const expected: Record<string, string> = {
      found: "found",
      admin: "found",
      missing: "not_found",
      empty: "invalid",
      html: "invalid",
      broken: "unreachable",
    };
    for (const name of names) {
      expect(byName.get(name)?.status, name).toBe(expected[name.split("-")[0] ?? ""]);
    }
    expect(byName.get("not a server name!")?.diagnostics[0]?.code).toBe("SERVER_NAME_INVALID");
    expect(byName.get("other.example")?.status).toBe("unreachable");

    // The opt-out list is honoured before any request: not even a TLS handshake.
    for (const excluded of ["found-99.fleet.test", "x.optout.fleet.test"]) {
      expect(fleet.sni.has(excluded)).toBe(false);
      expect(fleet.gets).not.toContain(excluded);
    }
    expect(r.stderr).toMatch(/18 server\(s\)|20 server\(s\)/);
    expect(r.stderr).toMatch(/2 excluded/);
    expect(r.stderr).toMatch(/2 duplicate/);

    // report: the summary again, and the CSV of contacts per purpose.
    const summary = await runHere(["report", out]);
    expect(summary.code).toBe(0);
    expect(summary.out).toMatch(/found\s+6/);
    expect(summary.out).toMatch(/with a security contact: 3 of 6/);
    const json = await runHere(["report", out, "--json"]);
    expect(JSON.parse(json.out)).toMatchObject({
      servers: 20,
      by_status: { found: 6, not_found: 3, invalid: 6, unreachable: 5 },
      with_security_contact: 3,
      bad_lines: 0,
    });
    const csv = await runHere(["report", out, "--csv"]);
    expect(csv.code).toBe(0);
    const lines = csv.out.trimEnd().split("\r\n");
    expect(lines).toHaveLength(1 + byName.size);
    expect(lines[0]).toBe(
      "server_name,status,security_role,security_matrix_id,security_email,security_email_role,security_fallback,abuse_role,abuse_matrix_id,abuse_email,abuse_email_role,abuse_fallback,general_role,general_matrix_id,general_email,general_email_role,general_fallback,support_page,problems",
    );
    expect(lines).toContain(
      "found-1.fleet.test,found,m.role.security,,security@found-1.fleet.test,m.role.security,no,m.role.admin,'@admin:found-1.fleet.test,admin@found-1.fleet.test,m.role.admin,yes,m.role.admin,'@admin:found-1.fleet.test,admin@found-1.fleet.test,m.role.admin,no,https://found-1.fleet.test/help,NO_OFF_DOMAIN_CONTACT",
    );
    // The most common problems: what each code means, with a count, not one server's message.
    expect(r.stderr).toMatch(/6 {2}NO_OFF_DOMAIN_CONTACT {2}Every contact is on … itself/);
    expect(r.stderr).not.toMatch(/on [\w.-]+\.fleet\.test itself/);
    // With --bom, a UTF-8 byte order mark first (Excel then reads non-ASCII addresses right).
    const bom = await runHere(["report", out, "--csv", "--bom"]);
    expect(bom.out.startsWith("\ufeffserver_name,")).toBe(true);
    expect(bom.out.slice(1)).toBe(csv.out);
  }, 120_000);

  it("reads names from standard input and writes results to standard output", async () => {
    const { done } = start(
      ["scan", "--out", "-", ...fleet.flags],
      "found-s1.fleet.test\n# comment\nmissing-s2.fleet.test\r\nfound-s1.fleet.test\n",
    );
    const r = await done;
    expect(r.code).toBe(0);
    const rows = parseLines(r.stdout);
    expect(rows.map((x) => `${x.server_name} ${x.status}`).sort()).toEqual([
      "found-s1.fleet.test found",
      "missing-s2.fleet.test not_found",
    ]);
  }, 120_000);

  it("after SIGKILL, SIGINT and a torn last line, --resume ends with every name exactly once", async () => {
    const names = Array.from({ length: 60 }, (_, i) => `found-r${i}.fleet.test`);
    const input = join(dir, "resume.txt");
    await writeFile(input, `${names.join("\n")}\n`);
    const out = join(dir, "resume.jsonl");
    const args = ["scan", input, "--out", out, "--concurrency", "4", ...fleet.flags];

    // 1. Killed outright while requests are in flight (the fleet stalls after 20 answers).
    fleet.holdAfter(fleet.gets.length + 20);
    const first = start(args);
    await waitFor(async () => fleet.parked > 0 && (await lineCount(out)) >= 20, "20 results");
    first.child.kill("SIGKILL");
    expect((await first.done).signal).toBe("SIGKILL");
    fleet.release();
    // A crash in the middle of a write leaves a torn line; simulate the worst case.
    await appendFile(out, '{"server_name":"found-r59.fleet.test","status":"fo');

    // 2. Resumed, then interrupted with SIGINT: in-flight requests finish and are written.
    fleet.holdAfter(fleet.gets.length + 15);
    const second = start([...args, "--resume"]);
    await waitFor(() => fleet.parked > 0, "a stalled request");
    second.child.kill("SIGINT");
    // Release the stalled requests only once the stop is under way, so nothing new can start.
    await waitFor(() => /SIGINT: finishing/.test(second.stderr()), "SIGINT handled");
    fleet.release();
    const r2 = await second.done;
    expect(r2.stderr).toMatch(/repaired/);
    expect(r2.code).toBe(130);
    const afterInterrupt = parseLines(await readFile(out, "utf8"));
    expect(new Set(afterInterrupt.map((x) => x.server_name)).size).toBe(afterInterrupt.length);
    expect(afterInterrupt.length).toBeLessThan(60);

    // 3. Resumed to the end: the summary is the whole file's, and says how many were done before.
    const before = await lineCount(out);
    const third = start([...args, "--resume"]);
    const r3 = await third.done;
    expect(r3.code).toBe(0);
    expect(r3.stderr).toContain(`${60 - before} server(s) checked in`);
    expect(r3.stderr).toContain(`in this run, ${before} before it`);
    expect(r3.stderr).toMatch(/found\s+60\s+100\.0%/);
    const text = await readFile(out, "utf8");
    expect(text.endsWith("\n")).toBe(true);
    const rows = parseLines(text);
    expect(rows.map((x) => x.server_name).sort()).toEqual([...names].sort());
    expect(rows.every((x) => x.status === "found")).toBe(true);
  }, 120_000);
});

describe("scan input that is not UTF-8", () => {
  it("skips the line, naming it with line, column and byte offset; the other names are checked", async () => {
    const input = join(dir, "latin1-names.txt");
    await writeFile(
      input,
      Buffer.from("found-a.fleet.test\ncaf\xe9.fleet.test\nfound-b.fleet.test\n", "latin1"),
    );
    const out = join(dir, "latin1.jsonl");
    const r = await runHere(["scan", input, "--out", out, "--no-progress", ...fleet.flags]);
    expect(r.code).toBe(0);
    // Named as every other diagnostic is: `file:line:col  severity  message  (CODE)`.
    expect(r.err).toContain(
      `${input}:2:4  warning  Skipped: Not valid UTF-8: byte 0xE9 at offset 22 (line 2, column 4) cannot be decoded  (SCAN_LINE_SKIPPED)`,
    );
    const rows = parseLines(await readFile(out, "utf8"));
    expect(rows.map((x) => x.server_name).sort()).toEqual([
      "found-a.fleet.test",
      "found-b.fleet.test",
    ]);
  });
});

describe("scan usage errors (exit 2, one line, nothing written)", () => {
  it("needs --out", async () => {
    expect((await runHere(["scan", "names.txt"])).code).toBe(2);
  });

  it("refuses to overwrite results without --resume", async () => {
    const out = join(dir, "keep.jsonl");
    await writeFile(out, '{"server_name":"a.org","status":"found"}\n');
    const input = join(dir, "one.txt");
    await writeFile(input, "a.org\n");
    const r = await runHere(["scan", input, "--out", out, "--no-progress"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--resume/);
    expect(await readFile(out, "utf8")).toBe('{"server_name":"a.org","status":"found"}\n');
  });

  it("names a missing input file, a bad rate, a bad opt-out list, and --resume to stdout", async () => {
    const out = join(dir, "never.jsonl");
    const missing = await runHere(["scan", join(dir, "nope.txt"), "--out", out]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/nope\.txt: no such file/);
    const input = join(dir, "two.txt");
    await writeFile(input, "a.org\n");
    const rate = await runHere(["scan", input, "--out", out, "--rate", "fast"]);
    expect(rate.code).toBe(2);
    expect(rate.err).toMatch(/--rate/);
    const bad = join(dir, "bad-optout.txt");
    await writeFile(bad, "ok.org\nnot a name\n");
    const exclude = await runHere(["scan", input, "--out", out, "--exclude", bad]);
    expect(exclude.code).toBe(2);
    expect(exclude.err).toMatch(/bad-optout\.txt:2:/);
    const resumeStdout = await runHere(["scan", input, "--out", "-", "--resume"]);
    expect(resumeStdout.code).toBe(2);
    expect((await readFile(out).catch(() => null)) === null).toBe(true);
  });

  it("report: exit 1 naming the file when no line is a check result, with or without --csv", async () => {
    const names = join(dir, "names-not-results.txt");
    await writeFile(names, "example.org\nmatrix.org\n");
    const binary = join(dir, "binary.bin");
    await writeFile(binary, Buffer.from([0, 1, 2, 0xff, 0xfe, 10, 0x1b, 0x5b, 0x32, 0x4a, 10]));
    const empty = join(dir, "empty.jsonl");
    await writeFile(empty, "");
    for (const file of [names, binary, empty]) {
      for (const flags of [[], ["--csv"], ["--json"]]) {
        const r = await runHere(["report", file, ...flags]);
        expect(r.code, `${file} ${flags}`).toBe(1);
        expect(r.out).toBe("");
        expect(r.err).toContain(`${file}  error  No check result in`);
        expect(r.err).toContain("REPORT_NOT_A_SCAN");
        expectNoRawText(r.err);
      }
    }
    const r = await runHere(["report", names]);
    expect(r.err).toContain(`${names}:1:1  warning  Skipped: not JSON`);
  });

  it("report: names the bad lines of a scan with line numbers, and reports the rest", async () => {
    const file = join(dir, "mixed.jsonl");
    await writeFile(
      file,
      'example.org\n{"server_name":"a.org","status":"found"}\n[1]\n{"server_name":"b.org","status":"not_found"}\n',
    );
    const r = await runHere(["report", file]);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`${file}:1:1  warning  Skipped: not JSON`);
    expect(r.err).toContain(`${file}:3:1  warning  Skipped: not a check result`);
    expect(r.out).toContain("2 server(s)");
  });

  it("report: exit 2 for a missing file", async () => {
    const r = await runHere(["report", join(dir, "absent.jsonl")]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no such file/);
  });
});

describe("hostile text in scan's and report's inputs", () => {
  it("scan escapes what its input and opt-out list hold", async () => {
    const input = join(dir, "hostile-names.txt");
    await writeFile(input, `found-h1.fleet.test\nbad${HOSTILE.replace(/\n|#/g, "")}name\n`);
    const exclude = join(dir, "hostile-optout.txt");
    await writeFile(exclude, `x${HOSTILE.replace(/\n|#/g, "")}\n`);
    const bad = await runHere([
      "scan",
      input,
      "--out",
      join(dir, "never2.jsonl"),
      "--exclude",
      exclude,
    ]);
    expect(bad.code).toBe(2);
    expectNoRawText(bad.err);
    expect(bad.err).toContain("x\\x1b[31mRED");
    const out = join(dir, "hostile.jsonl");
    const { done } = start(["scan", input, "--out", out, ...fleet.flags]);
    const r = await done;
    expect(r.code).toBe(0);
    expectNoRawText(r.stderr);
    expect(r.stderr).toMatch(/SERVER_NAME_INVALID/);
  }, 120_000);

  it("report escapes everything it reads back, on the terminal and in the CSV", async () => {
    const file = join(dir, "hostile-results.jsonl");
    const record = {
      server_name: `evil${HOSTILE}.org`,
      status: `found${HOSTILE}`,
      document: {
        contacts: [
          { role: "m.role.admin", matrix_id: `@x:y${HOSTILE}`, email_address: `=cmd|${HOSTILE}` },
        ],
        support_page: `-${HOSTILE}`,
      },
      diagnostics: [{ code: `CODE${HOSTILE}`, severity: "error", message: HOSTILE }],
    };
    await writeFile(file, `${JSON.stringify(record)}\nnot json ${HOSTILE.replace(/\n/g, "")}\n`);
    const summary = await runHere(["report", file]);
    expect(summary.code).toBe(0);
    expectNoRawText(summary.out);
    expectNoRawText(summary.err);
    const csv = await runHere(["report", file, "--csv"]);
    expect(csv.code).toBe(0);
    const lines = csv.out.split("\r\n");
    // A header, one row, and the empty string after the last CRLF: no line break came through.
    expect(lines).toHaveLength(3);
    expectNoRawText(lines.join("\n"));
    expect(lines[1]).toContain("'=cmd|\\x1b[31mRED");
    expect(lines[1]).toContain("'-\\x1b[31mRED");
  });
});
