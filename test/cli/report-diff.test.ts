/**
 * `report --diff OLD.jsonl NEW.jsonl`: two real scans of a simulated fleet on loopback whose files
 * change between the scans, then the diff; and bad input, escaping and CSV on hand-made files.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { printable } from "../../packages/lib/src/core/printable.js";
import { available } from "../helpers/available.js";
import { CHROMIUM, launchChromium } from "../helpers/chromium.js";
import { type Fleet, json, startFleet } from "../helpers/fleet.js";
import { runHere } from "../helpers/run-here.js";

let fleet: Fleet;
let dir: string;
let caFile: string;

beforeAll(async () => {
  fleet = await startFleet();
  dir = await mkdtemp(join(tmpdir(), "report-diff-"));
  caFile = join(dir, "ca.pem");
  await writeFile(caFile, fleet.ca.cert);
});
afterAll(async () => {
  await fleet?.close();
  await rm(dir, { recursive: true, force: true });
});

const admin = (host: string) => ({
  role: "m.role.admin",
  matrix_id: `@admin:${host}`,
  email_address: `admin@${host}`,
});
const security = (email: string) => ({ role: "m.role.security", email_address: email });
const serve = (host: string, body: unknown, status = 200) =>
  fleet.route(host, (_req, res) => json(res, body, {}, status));

describe("report --diff on two scans of a fleet whose files change", () => {
  let oldScan: string;
  let newScan: string;

  beforeAll(async () => {
    // ---- the first scan ----
    serve("stable.test", { contacts: [admin("stable.test"), security("security@stable.test")] });
    serve("moved.test", { contacts: [admin("moved.test"), security("security@moved.test")] });
    serve("grown.test", { contacts: [admin("grown.test")] });
    serve("broke.test", { contacts: [admin("broke.test")] });
    serve("fixed.test", { errcode: "M_NOT_FOUND" }, 404);
    serve("reordered.test", {
      contacts: [admin("reordered.test"), security("security@reordered.test")],
    });
    serve("down.test", "oops", 500);
    serve("gone.test", { contacts: [admin("gone.test")] });
    serve("page.test", { support_page: "https://page.test/help" });
    const oldNames = [
      "stable.test",
      "moved.test",
      "grown.test",
      "broke.test",
      "fixed.test",
      "reordered.test",
      "down.test",
      "gone.test",
      "page.test",
    ];
    const flags = ["--cacert", caFile, "--connect-to", fleet.connectTo, "--no-progress"];
    await writeFile(join(dir, "old.txt"), oldNames.join("\n"));
    oldScan = join(dir, "old.jsonl");
    const first = await runHere(["scan", join(dir, "old.txt"), "--out", oldScan, ...flags]);
    expect(first.code, first.err).toBe(0);

    // ---- what changes before the second scan ----
    serve("moved.test", { contacts: [admin("moved.test"), security("security@evil.example")] });
    serve("grown.test", {
      contacts: [admin("grown.test"), { role: "m.role.moderator", matrix_id: "@mod:grown.test" }],
    });
    serve("broke.test", {});
    serve("fixed.test", { contacts: [admin("fixed.test")] });
    serve("reordered.test", {
      contacts: [security("security@reordered.test"), admin("reordered.test")],
    });
    serve("down.test", { errcode: "M_NOT_FOUND" }, 404);
    serve("page.test", { support_page: "https://elsewhere.example/help" });
    serve("new.test", { contacts: [admin("new.test")] });
    const newNames = [...oldNames.filter((n) => n !== "gone.test"), "new.test"];
    await writeFile(join(dir, "new.txt"), newNames.join("\n"));
    newScan = join(dir, "new.jsonl");
    const second = await runHere(["scan", join(dir, "new.txt"), "--out", newScan, ...flags]);
    expect(second.code, second.err).toBe(0);
  }, 120_000);

  it("--json lists exactly the changed servers, with the right risks, keys in order", async () => {
    const r = await runHere(["report", "--diff", oldScan, newScan, "--json"]);
    expect(r.code, r.err).toBe(0);
    const body = JSON.parse(r.out) as {
      changes: {
        server_name: string;
        risk: string;
        status: { before: string | null; after: string | null };
        changes: { code: string; risk: string }[];
      }[];
    };
    expect(Object.keys(body)).toEqual(["changes"]);
    for (const e of body.changes)
      expect(Object.keys(e)).toEqual(["server_name", "risk", "status", "changes"]);
    const summary = body.changes.map((e) => [
      e.server_name,
      e.risk,
      `${e.status.before}->${e.status.after}`,
      e.changes.map((c) => `${c.risk}:${c.code}`),
    ]);
    expect(summary).toEqual([
      [
        "moved.test",
        "high",
        "found->found",
        ["high:CHANGE_SECURITY_CONTACT_MOVED", "medium:CHANGE_CONTACT_CHANGED"],
      ],
      ["page.test", "high", "found->found", ["high:CHANGE_SUPPORT_PAGE_MOVED"]],
      ["broke.test", "medium", "found->invalid", ["medium:SCAN_FILE_BROKE"]],
      ["fixed.test", "medium", "not_found->found", ["medium:SCAN_FILE_FIXED"]],
      [
        "grown.test",
        "medium",
        "found->found",
        ["medium:CHANGE_ROLE_GAINED", "medium:CHANGE_CONTACT_ADDED"],
      ],
      ["down.test", "low", "unreachable->not_found", ["low:SCAN_STATUS_CHANGED"]],
      ["gone.test", "low", "found->null", ["low:SCAN_SERVER_DROPPED"]],
      ["new.test", "low", "null->found", ["low:SCAN_SERVER_ADDED"]],
    ]);
    // Why a file broke is said in its own words.
    const broke = body.changes.find((e) => e.server_name === "broke.test");
    expect(JSON.stringify(broke)).toMatch(/neither \\"contacts\\" nor \\"support_page\\"/);
  });

  it("prints the same for people, by risk, with a summary line", async () => {
    const r = await runHere(["report", "--diff", oldScan, newScan]);
    expect(r.code).toBe(0);
    const lines = r.out.split("\n");
    const heads = lines.filter((l) => /^(HIGH|MEDIUM|LOW)/.test(l)).map((l) => l.split(/\s+/)[1]);
    expect(heads).toEqual([
      "moved.test",
      "page.test",
      "broke.test",
      "fixed.test",
      "grown.test",
      "down.test",
      "gone.test",
      "new.test",
    ]);
    expect(r.out).toMatch(
      /high\s+Security reports would now go to evil\.example, a domain not used before \(moved\.test\)/,
    );
    expect(r.out).toMatch(
      /6 of 8 server\(s\) in both scans changed, 1 added, 1 dropped; by risk: 2 high, 3 medium, 3 low/,
    );
  });

  it("--csv: one row per change", async () => {
    const r = await runHere(["report", "--diff", oldScan, newScan, "--csv"]);
    expect(r.code).toBe(0);
    const rows = r.out.trimEnd().split("\r\n");
    expect(rows[0]).toBe(
      "server_name,risk,status_before,status_after,change_risk,code,role,channel,before,after,message",
    );
    expect(rows).toHaveLength(1 + 10);
    expect(rows[1]).toMatch(
      /^moved\.test,high,found,found,high,CHANGE_SECURITY_CONTACT_MOVED,m\.role\.security,email_address,moved\.test,evil\.example,/,
    );
  });

  it("--fail-on: exit 1 when a change of that risk or higher exists", async () => {
    expect((await runHere(["report", "--diff", oldScan, newScan, "--fail-on", "high"])).code).toBe(
      1,
    );
    expect(
      (await runHere(["report", "--diff", oldScan, newScan, "--fail-on", "medium"])).code,
    ).toBe(1);
    // The same scan twice: no change, exit 0 even with --fail-on medium.
    const same = await runHere(["report", "--diff", newScan, newScan, "--fail-on", "medium"]);
    expect(same.code).toBe(0);
    expect(same.out).toMatch(/no change between/);
    expect((await runHere(["report", "--diff", newScan, newScan, "--json"])).out).toBe(
      '{\n  "changes": []\n}\n',
    );
  });
  it("--html over both scans: one page with the figures over time and the risk-ranked changes", async () => {
    const r = await runHere(["report", oldScan, newScan, "--html"]);
    expect(r.code, r.err).toBe(0);
    expect(r.out.startsWith("<!doctype html>")).toBe(true);
    expect(r.out).toContain("Over time");
    expect(r.out).toContain("Changes since old.jsonl");
    expect(r.out).toMatch(/moved\.test<\/td><td class="risk-high">high/);
    expect(r.out).not.toMatch(/\ssrc="(?!data:)/);
    await mkdir("test-results", { recursive: true });
    await writeFile("test-results/report-fleet.html", r.out);
    if (!available(CHROMIUM, "Debian's chromium")) return;
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on("request", (q) => {
        if (!q.url().startsWith("file:")) requests.push(q.url());
      });
      const errors: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      await page.goto(pathToFileURL(resolve("test-results/report-fleet.html")).href);
      expect(requests).toEqual([]);
      expect(errors).toEqual([]);
      expect(await page.locator("#servers tbody tr").count()).toBe(9);
      expect(await page.locator("figure.trend").count()).toBe(4);
      await page.screenshot({ path: "test-results/report-fleet.png", fullPage: true });
    } finally {
      await browser.close();
    }
  }, 60_000);

  it("--html with one scan; several files without --html, or --html with another output, are usage errors", async () => {
    const one = await runHere(["report", newScan, "--html"]);
    expect(one.code, one.err).toBe(0);
    expect(one.out).not.toContain("Over time");
    const two = await runHere(["report", oldScan, newScan]);
    expect(two.code).toBe(2);
    expect(two.err).toContain("REPORT_ONE_FILE");
    const mixed = await runHere(["report", newScan, "--html", "--csv"]);
    expect(mixed.code).toBe(2);
    expect(mixed.err).toContain("REPORT_HTML_CONFLICT");
    await writeFile(join(dir, "names.txt"), "example.org\nexample.net\n");
    const notScan = await runHere(["report", join(dir, "names.txt"), "--html"]);
    expect(notScan.code).toBe(1);
    expect(notScan.out).toBe("");
    expect(notScan.err).toContain("REPORT_NOT_A_SCAN");
  });
});

describe("report --diff: bad input and hostile text", () => {
  const record = (server_name: string, status: string, document: unknown = null) =>
    JSON.stringify({ server_name, url: null, status, document, diagnostics: [], http: {} });

  it("exit 2 with a clear message for a missing file or misused flags; exit 1 for a file that is not a scan", async () => {
    const good = join(dir, "good.jsonl");
    await writeFile(good, `${record("a.example", "not_found")}\n`);
    const notScan = join(dir, "notes.txt");
    await writeFile(notScan, "hello\nworld\n");
    const cases: [string[], RegExp][] = [
      [
        ["report", "--diff", join(dir, "absent.jsonl"), good],
        /Cannot read .*absent\.jsonl: no such file {2}\(SCAN_FILE_UNREADABLE\)/,
      ],
      [["report", "--diff", good, join(dir, "absent.jsonl")], /absent\.jsonl: no such file/],
      [["report", "--diff", good, dir], /it is a directory/],
      [
        ["report", "--diff", good, good, "--fail-on", "low"],
        /--fail-on {2}error {2}--fail-on takes high or medium, not "low" {2}\(REPORT_FAIL_ON_INVALID\)/,
      ],
      [["report", good, "--fail-on", "high"], /--fail-on goes with --diff/],
      [
        ["report", "--diff", good, good, "--csv", "--json"],
        /cannot be combined {2}\(REPORT_OPTIONS_CONFLICT\)/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = await runHere(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/^\s+at /m);
    }
    const notAScan = await runHere(["report", "--diff", notScan, good]);
    expect(notAScan.code).toBe(1);
    expect(notAScan.err).toMatch(
      /notes\.txt:1:1 {2}warning {2}Skipped: not JSON {2}\(REPORT_BAD_LINE\)/,
    );
    expect(notAScan.err).toMatch(/notes\.txt {2}error {2}No check result in 2 line\(s\)/);
  });

  it("skips a torn last line with a warning and still diffs", async () => {
    const before = join(dir, "torn-before.jsonl");
    const after = join(dir, "torn-after.jsonl");
    await writeFile(before, `${record("a.example", "not_found")}\n`);
    await writeFile(after, `${record("a.example", "unreachable")}\n{"server_name": "b.exa`);
    const r = await runHere(["report", "--diff", before, after, "--json"]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/torn-after\.jsonl:2:1 {2}warning {2}Skipped: the last line is torn/);
    expect(JSON.parse(r.out).changes.map((e: { server_name: string }) => e.server_name)).toEqual([
      "a.example",
    ]);
  });

  it("a server listed twice counts with its last line, with a warning", async () => {
    const before = join(dir, "twice-before.jsonl");
    const after = join(dir, "twice-after.jsonl");
    await writeFile(before, `${record("a.example", "not_found")}\n`);
    await writeFile(
      after,
      `${record("a.example", "not_found")}\n${record("a.example", "unreachable")}\n`,
    );
    const r = await runHere(["report", "--diff", before, after, "--json"]);
    expect(r.code).toBe(0);
    expect(r.err).toContain(
      `${after}  warning  1 server name(s) listed more than once; the last line counts  (REPORT_REPEATED_LAST)`,
    );
    expect(JSON.parse(r.out).changes[0].status).toEqual({
      before: "not_found",
      after: "unreachable",
    });
  });

  it("never prints control characters from a scan to the terminal; neutralises CSV formulas", async () => {
    const esc = "\u001b[2J\u001b]0;pwned\u0007";
    const before = join(dir, "hostile-before.jsonl");
    const after = join(dir, "hostile-after.jsonl");
    await writeFile(
      before,
      [
        record(`evil${esc}.example`, "not_found"),
        record("formula.example", "found", {
          contacts: [{ role: "m.role.admin", email_address: "admin@formula.example" }],
        }),
      ].join("\n"),
    );
    await writeFile(
      after,
      [
        record(`evil${esc}.example`, "unreachable"),
        record("formula.example", "found", {
          contacts: [
            { role: "m.role.admin", email_address: "admin@formula.example" },
            { role: `m.role.${esc}x`, email_address: "=HYPERLINK(1)@formula.example" },
          ],
        }),
      ].join("\n"),
    );
    const human = await runHere(["report", "--diff", before, after]);
    expect(human.code).toBe(0);
    expect(human.out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(human.out).toContain("evil\\x1b[2J\\x1b]0;pwned\\x07.example");
    expect(human.out).toContain("m.role.\\x1b[2J");
    const csv = await runHere(["report", "--diff", before, after, "--csv"]);
    const cells = csv.out.split(/,|\r\n/);
    expect(cells).toContain("'=HYPERLINK(1)@formula.example");
    expect(cells.some((c) => c.startsWith("=") || c.startsWith("+") || c.startsWith("-"))).toBe(
      false,
    );
  });

  it("printable() escapes C0, DEL, C1 and invisible or bidi format characters, nothing else", () => {
    expect(printable("a\nb\tc\u0000\u007f\u0085\u202e\u2066\u200b\ufeffé漢")).toBe(
      "a\\nb\\tc\\x00\\x7f\\x85\\u202e\\u2066\\u200b\\ufeffé漢",
    );
  });
});
