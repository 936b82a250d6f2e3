/**
 * The check command's modules: checker/check-names.ts (a session per server, a few at once,
 * results in the order given) and checker/expected.ts (what `--expect` names: a config or a
 * document, and every way a file can fail to be one). A fetch stands in for the network.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkNames } from "../../packages/cli/src/checker/check-names.js";
import { expectedFromConfig, readExpectedFile } from "../../packages/cli/src/checker/expected.js";

const DOC = { contacts: [{ role: "m.role.admin", email_address: "admin@example.org" }] };

/** A transport whose sessions answer from `answer`, counting what is open at once. */
function fakeTransport(answer: (host: string) => Response | Promise<Response>) {
  const stats = { open: 0, most: 0, sessions: 0, closed: 0 };
  return {
    stats,
    session() {
      stats.sessions++;
      stats.open++;
      stats.most = Math.max(stats.most, stats.open);
      return {
        fetch: async (input: string | URL | Request) => {
          const url = new URL(input instanceof Request ? input.url : input);
          return answer(url.hostname);
        },
        close: async () => {
          stats.open--;
          stats.closed++;
        },
      };
    },
  };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "access-control-allow-origin": "*" },
  });

describe("checkNames", () => {
  it("checks each name in a session of its own, at most `concurrency` at once, results in input order", async () => {
    const names = Array.from({ length: 9 }, (_, i) => `s${i}.example.org`);
    const transport = fakeTransport(async (host) => {
      await new Promise((r) => setTimeout(r, host.startsWith("s0") ? 30 : 1));
      return host.startsWith("s3") ? new Response("", { status: 404 }) : json(DOC);
    });
    const outcomes = await Promise.all(
      checkNames(names, { transport, timeout: 2000, concurrency: 3 }),
    );
    expect(outcomes.map((o) => o.report.server_name)).toEqual(names);
    expect(outcomes.map((o) => o.report.status)).toEqual(
      names.map((n) => (n.startsWith("s3") ? "not_found" : "found")),
    );
    expect(transport.stats).toMatchObject({ sessions: 9, closed: 9, open: 0 });
    expect(transport.stats.most).toBeLessThanOrEqual(3);
  });

  it("a server answering garbage is a result (invalid), its session closed all the same", async () => {
    const transport = fakeTransport(
      () => new Response("\u0000<html>", { headers: { "content-type": "application/json" } }),
    );
    const [outcome] = checkNames(["example.org"], { transport, timeout: 2000 });
    expect((await outcome)?.report.status).toBe("invalid");
    expect(transport.stats.closed).toBe(1);
  });

  it("with an expected document, drift is reported", async () => {
    const transport = fakeTransport(() => json(DOC));
    const expectDoc = { document: { support_page: "https://example.org/help" }, source: "x.json" };
    const [outcome] = checkNames(["example.org"], { transport, timeout: 2000, expect: expectDoc });
    const codes = (await outcome)?.report.diagnostics.map((d) => d.code) ?? [];
    expect(codes.some((c) => c.startsWith("EXPECT_") && c !== "EXPECT_MATCHES")).toBe(true);
  });
});

describe("readExpectedFile", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "ms-expect-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("a config gives its support as served; a document is taken as is", async () => {
    const config = join(dir, "c.yaml");
    await writeFile(config, "server_name: example.org\nsupport:\n  support_page: https://a.org\n");
    expect(await readExpectedFile(config)).toEqual({
      ok: true,
      expected: {
        document: { support_page: "https://a.org" },
        source: config,
        serverName: "example.org",
      },
    });
    const doc = join(dir, "d.json");
    await writeFile(doc, JSON.stringify(DOC));
    expect(await readExpectedFile(doc)).toEqual({
      ok: true,
      expected: { document: DOC, source: doc },
    });
  });

  it("every bad file is a reason naming it: missing, a directory, not UTF-8, an invalid config, not a document", async () => {
    const latin1 = join(dir, "latin1.json");
    await writeFile(latin1, Buffer.from('{"a": "\xe9"}', "latin1"));
    const invalid = join(dir, "invalid.yaml");
    await writeFile(invalid, "server_name: 42\nsupport: {}\n");
    const list = join(dir, "list.json");
    await writeFile(list, "[1, 2]");
    const cases: [string, RegExp][] = [
      [join(dir, "absent.yaml"), /cannot read .*absent\.yaml: no such file/],
      [dir, /it is a directory/],
      [latin1, /latin1\.json:1:8: Not valid UTF-8/],
      [invalid, /invalid\.yaml: invalid config at line 1: /],
      [list, /list\.json: neither a config nor a support document/],
    ];
    for (const [file, reason] of cases) {
      const read = await readExpectedFile(file);
      expect(read.ok, file).toBe(false);
      if (!read.ok) expect(read.reason).toMatch(reason);
    }
  });

  it("expectedFromConfig: nothing to publish is a null document (the server should answer 404)", () => {
    expect(expectedFromConfig({ server_name: "example.org" })).toEqual({
      document: null,
      source: "the served config",
      serverName: "example.org",
    });
  });
});
