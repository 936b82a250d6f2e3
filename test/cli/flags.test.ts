/**
 * Misused flags, command by command: a bad value is exit 2 with a message naming the flag, never
 * a stack trace, and nothing is done (no network, no file written). In process.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenEnvironment } from "../../packages/cli/src/cli/serve.js";
import { listenAddress } from "../../packages/cli/src/serve/defaults.js";
import { runHere } from "../helpers/run-here.js";

let dir: string;
let config: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ms-flags-"));
  config = join(dir, "config.yaml");
  await writeFile(
    config,
    "server_name: example.org\nsupport:\n  contacts:\n    - role: m.role.admin\n      email_address: admin@example.org\n",
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const cli = (args: string[]) => runHere(args);

describe("a bad flag value is exit 2, one line naming the flag", () => {
  const cases: [string, () => string[], string][] = [
    [
      "validate --server-name",
      () => ["validate", config, "--server-name", "bad name!!"],
      "--server-name",
    ],
    ["check --timeout negative", () => ["check", "example.org", "--timeout", "-5"], "--timeout"],
    [
      "check --timeout not a number",
      () => ["check", "example.org", "--timeout", "soon"],
      "--timeout",
    ],
    ["check --timeout zero", () => ["check", "example.org", "--timeout", "0"], "--timeout"],
    ["check --resolve", () => ["check", "example.org", "--resolve", "bad"], "--resolve"],
    ["check --connect-to", () => ["check", "example.org", "--connect-to", "a:b"], "--connect-to"],
    [
      "scan --concurrency",
      () => ["scan", "--out", join(dir, "s.jsonl"), "--concurrency", "0"],
      "--concurrency",
    ],
    [
      "scan --timeout",
      () => ["scan", "--out", join(dir, "s.jsonl"), "--timeout", "1.5"],
      "--timeout",
    ],
    [
      "scan --rate",
      () => ["scan", join(dir, "none.txt"), "--out", join(dir, "s.jsonl"), "--rate", "fast"],
      "--rate",
    ],
    [
      "export --target unknown",
      () => ["export", "--config", config, "--out", join(dir, "x"), "--target", "iis"],
      "--target",
    ],
    [
      "export --target naming nothing",
      () => ["export", "--config", config, "--out", join(dir, "x"), "--target", ","],
      "--target",
    ],
    [
      "export --web-root relative",
      () => ["export", "--config", config, "--out", join(dir, "x"), "--web-root", "rel"],
      '--web-root must be an absolute path, not "rel"',
    ],
    ["check without a server name", () => ["check"], "check needs a SERVER_NAME (or --expect"],
    [
      "report --diff --fail-on low",
      () => ["report", "--diff", config, config, "--fail-on", "low"],
      "REPORT_FAIL_ON_INVALID",
    ],
    [
      "serve --probe-expect-dir a file",
      () => ["serve", "--config", config, "--probe-metrics", "--probe-expect-dir", config],
      "--probe-expect-dir: ",
    ],
    ["serve --port", () => ["serve", "--config", config, "--port", "99999"], "--port"],
    ["serve --host", () => ["serve", "--config", config, "--host", "bad host!"], "--host"],
    [
      "init --timeout over the limit",
      () => ["init", "--timeout", "99999999999", "--out", join(dir, "i.yaml")],
      "--timeout",
    ],
    [
      "init --timeout negative",
      () => ["init", "--timeout", "-1", "--out", join(dir, "i.yaml")],
      "--timeout",
    ],
    ["report --csv with --json", () => ["report", config, "--csv", "--json"], "--csv"],
  ];
  it.each(cases)("%s", async (_what, args, flag) => {
    const { code, out, err } = await cli(args());
    expect(code).toBe(2);
    expect(out).toBe("");
    // One line naming the problem, and at most the catalogue's hint under it; never a stack.
    const lines = err.trim().split("\n");
    expect(lines.length).toBeLessThanOrEqual(2);
    if (lines[1] !== undefined) expect(lines[1]).toMatch(/^\s+hint: /);
    expect(err).toContain(flag);
    expect(err).not.toMatch(/\n\s+at |Error:/);
  });
});

describe("serve's listen address from the environment", () => {
  it("MATRIX_SUPPORT_HOST that is not an address is a usage error naming it", () => {
    expect(() => listenEnvironment({ MATRIX_SUPPORT_HOST: "bad host!" })).toThrow(
      /MATRIX_SUPPORT_HOST: "bad host!" is neither an IP address nor a host name/,
    );
    for (const host of ["127.0.0.1", "::", "::1", "0.0.0.0", "localhost", "matrix.example.org"])
      expect(listenEnvironment({ MATRIX_SUPPORT_HOST: host }).host).toBe(host);
    expect(() => listenEnvironment({ MATRIX_SUPPORT_PORT: "80x" })).toThrow(/MATRIX_SUPPORT_PORT/);
    expect(listenEnvironment({ MATRIX_SUPPORT_PORT: " 8448 ", MATRIX_SUPPORT_HOST: "" })).toEqual({
      port: 8448,
    });
  });

  it("flags over the environment over the config's http block over the defaults", () => {
    const http = { host: "10.0.0.1", port: 9000 };
    expect(listenAddress([{}, {}], undefined)).toEqual({ host: "127.0.0.1", port: 8080 });
    expect(listenAddress([{}, {}], http)).toEqual(http);
    expect(listenAddress([{}, { port: 1 }], http)).toEqual({ host: "10.0.0.1", port: 1 });
    expect(listenAddress([{ host: "::1" }, { host: "0.0.0.0", port: 1 }], http)).toEqual({
      host: "::1",
      port: 1,
    });
  });
});
