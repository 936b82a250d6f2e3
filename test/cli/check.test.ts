/** `matrix-support check`: the PRODUCT.md contract (flags, --json shape, exit codes), in process. */

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHECK_JSON_KEYS } from "../helpers/contract.js";
import { type Fleet, json, startFleet } from "../helpers/fleet.js";
import { expectNoRawText, HOSTILE } from "../helpers/hostile.js";
import { runHere } from "../helpers/run-here.js";

const DOC = {
  contacts: [
    { role: "m.role.admin", matrix_id: "@admin:example.org", email_address: "admin@example.org" },
    { role: "m.role.admin", matrix_id: "@example-admin:matrix.org" },
    { role: "m.role.security", email_address: "security@example.org" },
  ],
  support_page: "https://example.org/help",
};

let fleet: Fleet;
let dir: string;
let cacert: string;

beforeAll(async () => {
  fleet = await startFleet();
  fleet.route("example.org", (_q, s) => json(s, DOC));
  fleet.route("empty.test", (_q, s) => json(s, {}));
  fleet.route("missing.test", (_q, s) => json(s, "", {}, 404));
  // Every string a server controls, hostile: contacts, support page, headers (C1 bytes are legal there).
  fleet.route("hostile.test", (_q, s) =>
    json(
      s,
      {
        contacts: [
          { role: HOSTILE, matrix_id: `@a\u001b[2J:hostile.test`, email_address: HOSTILE },
          { role: "m.role.admin", email_address: "admin\u202e@hostile.test" },
          { role: "m.role.security", matrix_id: "@sec:hostile.test", [HOSTILE]: HOSTILE },
        ],
        support_page: `https://hostile.test/${HOSTILE}`,
      },
      { "cache-control": "max-age=1\u009b2J", "content-encoding": "\u0085x" },
    ),
  );
  fleet.route("hostile-type.test", (_q, s) =>
    json(s, "\u001b[2J{}\n\u0007", { "content-type": "text/\u009b31mhtml" }),
  );
  fleet.route("mailto-page.test", (_q, s) =>
    json(s, { ...DOC, support_page: "mailto:support@example.org" }),
  );
  dir = await mkdtemp(join(tmpdir(), "ms-check-"));
  cacert = join(dir, "ca.pem");
  await writeFile(cacert, fleet.ca.cert);
  await writeFile(
    join(dir, "config.yaml"),
    `server_name: example.org\nsupport:\n  contacts:\n${DOC.contacts
      .map((c) => `    - ${JSON.stringify(c)}`)
      .join("\n")}\n  support_page: ${DOC.support_page}\n`,
  );
  await writeFile(
    join(dir, "drifted.json"),
    JSON.stringify({ contacts: [DOC.contacts[0]], support_page: DOC.support_page }),
  );
});

afterAll(async () => {
  await fleet.close();
  await rm(dir, { recursive: true, force: true });
});

const check = (...args: string[]) => runHere(["check", ...args]);
const net = () => ["--cacert", cacert, "--connect-to", fleet.connectTo];

describe("check --json", () => {
  it("prints exactly the documented object and exits 0 for a good file", async () => {
    const { code, out } = await check("example.org", "--json", ...net());
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(Object.keys(report)).toEqual(CHECK_JSON_KEYS);
    expect(report).toMatchObject({
      server_name: "example.org",
      url: "https://example.org/.well-known/matrix/support",
      status: "found",
      document: DOC,
      http: { status: 200, redirects: [] },
    });
    expect(Object.keys(report.http)).toEqual(["status", "redirects", "headers", "elapsed_ms"]);
    expect(report.http.headers["content-type"]).toBe("application/json");
  });

  it("a support page of another scheme is a warning, not an error: exit 0 (a URI, as the spec asks)", async () => {
    const { code, out } = await check("mailto-page.test", "--json", ...net());
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report.status).toBe("found");
    expect(report.document.support_page).toBe("mailto:support@example.org");
    expect(report.diagnostics).toContainEqual(
      expect.objectContaining({ code: "SUPPORT_PAGE_NOT_WEB", severity: "warning" }),
    );
  });

  it("exits 1 for 404 and for 200 {}", async () => {
    const nf = await check("missing.test", "--json", ...net());
    expect([nf.code, JSON.parse(nf.out).status]).toEqual([1, "not_found"]);
    const empty = await check("empty.test", "--json", ...net());
    expect([empty.code, JSON.parse(empty.out).status]).toEqual([1, "invalid"]);
  });

  it("with several names prints one object per line (JSONL), in input order", async () => {
    const { code, out } = await check("example.org", "missing.test", "--json", ...net());
    expect(code).toBe(1);
    const lines = out.trimEnd().split("\n");
    expect(lines.map((l) => JSON.parse(l).server_name)).toEqual(["example.org", "missing.test"]);
  });

  it("an untrusted certificate (no --cacert) is unreachable, exit 1", async () => {
    const { code, out } = await check(
      "example.org",
      "--json",
      "--connect-to",
      fleet.connectTo,
      "--timeout",
      "30000",
    );
    expect(code).toBe(1);
    const report = JSON.parse(out);
    expect(report.status).toBe("unreachable");
    expect(report.diagnostics[0].code).toMatch(/^TLS_/);
    expect(report.diagnostics[0].path).toBeUndefined();
  });
});

describe("check --expect", () => {
  it("a config that matches what is served", async () => {
    const { code, out } = await check("--expect", join(dir, "config.yaml"), "--json", ...net());
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report.server_name).toBe("example.org");
    expect(report.diagnostics.map((d: { code: string }) => d.code)).toContain("EXPECT_MATCHES");
  });

  it("drift from a support document is an error", async () => {
    const { code, out } = await check(
      "example.org",
      "--expect",
      join(dir, "drifted.json"),
      "--json",
      ...net(),
    );
    expect(code).toBe(1);
    const drift = JSON.parse(out).diagnostics.filter((d: { code: string }) =>
      d.code.startsWith("EXPECT_"),
    );
    expect(drift.map((d: { code: string; path: string }) => `${d.code} ${d.path}`)).toEqual([
      "EXPECT_CONTACT_EXTRA /contacts/1",
      "EXPECT_CONTACT_EXTRA /contacts/2",
    ]);
  });
});

describe("the human report", () => {
  it("shows where it looked, the answer, the contacts and a verdict, without colours off a TTY", async () => {
    const { code, out } = await check("example.org", ...net());
    expect(code).toBe(0);
    expect(out).toContain("https://example.org/.well-known/matrix/support");
    expect(out).toMatch(/Security\s+\(m\.role\.security\)\s+-\s+security@example\.org/);
    expect(out).toContain(
      "✔ example.org publishes support information: 3 contacts and a support page",
    );
    expect(out).not.toContain("\u001b[");
  });
});

describe("hostile servers", () => {
  it("never reach the terminal raw: every value they control is escaped", async () => {
    for (const name of ["hostile.test", "hostile-type.test"]) {
      const { out, err } = await check(name, ...net());
      expect(out).toContain(name);
      expectNoRawText(out);
      expectNoRawText(err);
    }
    const { out } = await check("hostile.test", ...net());
    expect(out).toContain("\\x1b[31mRED\\x1b]0;PWNED\\x07\\nFAKE line");
    expect(out).toContain("@a\\x1b[2J:hostile.test");
    expect(out).toContain("admin\\u202e@hostile.test");
    expect(out).toContain("max-age=1\\x9b2J");
  });

  it("a usage error quoting a flag or a file is escaped too", async () => {
    const bad = await check(`bad${HOSTILE}`);
    expect(bad.code).toBe(2);
    expectNoRawText(bad.err);
    expect(bad.err).toContain("bad\\x1b[31mRED");
    const expect_ = join(dir, "hostile-config.yaml");
    await writeFile(expect_, `server_name: ${JSON.stringify(HOSTILE)}\nsupport: {}\n`);
    const config = await check("example.org", "--expect", expect_, ...net());
    expect(config.code).toBe(2);
    expectNoRawText(config.err);
  });
});

describe("plain HTTP on the HTTPS port", () => {
  it("says so in plain words (TLS_PLAIN_HTTP), not with OpenSSL's message", async () => {
    const plain = createServer((_q, s) => {
      s.setHeader("content-type", "application/json");
      s.end("{}");
    });
    await new Promise<void>((r) => plain.listen(0, "127.0.0.1", () => r()));
    const port = (plain.address() as AddressInfo).port;
    try {
      const args = ["example.org", "--connect-to", `::127.0.0.1:${port}`];
      const { code, out } = await check(...args, "--json");
      expect(code).toBe(1);
      const report = JSON.parse(out);
      expect(report.status).toBe("unreachable");
      expect(report.diagnostics).toEqual([
        expect.objectContaining({
          code: "TLS_PLAIN_HTTP",
          severity: "error",
          message: "example.org answered in plain HTTP on an HTTPS port, not with TLS",
        }),
      ]);
      const human = await check(...args);
      expect(human.out).toContain("(TLS_PLAIN_HTTP)");
      expect(human.out).not.toMatch(/ssl3_get_record|wrong version number|openssl/i);
    } finally {
      plain.closeAllConnections();
      await new Promise((r) => plain.close(r));
    }
  });
});

describe("server names pasted as web addresses", () => {
  it.each(["https://example.org", "https://example.org/"])(
    "%j is checked as example.org, with one info line on stderr",
    async (input) => {
      const { code, out, err } = await check(input, "--json", ...net());
      expect(code).toBe(0);
      expect(JSON.parse(out).server_name).toBe("example.org");
      expect(err).toBe(
        `info  Using server name example.org (from ${input})  (SERVER_NAME_FROM_URL)\n`,
      );
    },
  );

  it("a trailing dot is checked as given, with a warning on stderr", async () => {
    const { code, err } = await check("example.org.", "--json", ...net());
    expect(code).not.toBe(2);
    expect(err).toContain(
      'warning  The server name "example.org." ends with a dot: Matrix compares server names as text, so it is another server than "example.org"  (SERVER_NAME_TRAILING_DOT)',
    );
  });

  it.each([
    ["https://example.org/help", "drop the https:// scheme and the path"],
    ["https://example.org/?a=b", "drop the https:// scheme and the query"],
    ["http://example.org", "drop the http:// scheme"],
    ["Example..org", "empty label"],
  ])("%j is exit 2 with one line saying what is wrong", async (input, words) => {
    const { code, out, err } = await check(input, ...net());
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err.trim().split("\n")).toHaveLength(1);
    expect(err).toContain(words);
    expect(err).not.toContain("the port must be");
  });
});

describe("usage errors exit 2", () => {
  it.each([
    [[]],
    [["bad name!"]],
    [["example.org", "--timeout", "soon"]],
    [["example.org", "--resolve", "example.org:443"]],
    [["example.org", "--connect-to", "a:b"]],
    [["example.org", "--cacert", "/nonexistent/ca.pem"]],
    [["example.org", "--expect", "/nonexistent/config.yaml"]],
    [["example.org", "--no-such-flag"]],
  ])("%j", async (args) => {
    const { code, err } = await check(...args);
    expect(code).toBe(2);
    expect(err).not.toMatch(/\n\s+at /); // a message, never a stack trace
  });
});
