/**
 * The built CLI end to end, as an admin runs it from a script: `init` with flags and no
 * terminal, then `validate` and `serve` on what it wrote. Needs `npm run build` (npm test runs it).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { available } from "../helpers/available.js";
import { tempDir } from "./init-helpers.js";

const MAIN = fileURLToPath(new URL("../../packages/cli/dist/cli/bin.cjs", import.meta.url));

let dir: string;
let cleanup: () => Promise<void>;
const children: ChildProcess[] = [];

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterAll(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
  }
  await cleanup();
});

/** No colours: NO_COLOR set, FORCE_COLOR (which vitest sets) removed. */
const plainEnv: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
delete plainEnv.FORCE_COLOR;

/** Runs the CLI with stdin a closed pipe (not a terminal), like a script or CI job. */
function cli(args: string[]) {
  const r = spawnSync(process.execPath, [MAIN, ...args], {
    cwd: dir,
    encoding: "utf8",
    input: "",
    env: plainEnv,
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!available(MAIN, "npm run build"))(
  "matrix-support init (built CLI, no terminal)",
  () => {
    const flags = [
      "--server-name",
      "example.org",
      "--admin-mxid",
      "@admin:example.org",
      "--admin-email",
      "admin@example.org",
      "--backup-mxid",
      "@example-admin:matrix.org",
      "--security-email",
      "security@example.org",
      "--support-page",
      "https://example.org/help",
    ];
    const expected = {
      contacts: [
        {
          role: "m.role.admin",
          matrix_id: "@admin:example.org",
          email_address: "admin@example.org",
        },
        { role: "m.role.admin", matrix_id: "@example-admin:matrix.org" },
        { role: "m.role.security", email_address: "security@example.org" },
      ],
      support_page: "https://example.org/help",
    };

    it("writes a config that validates and serves exactly what was asked", async () => {
      const init = cli(["init", ...flags]);
      expect(init.stderr).toBe("");
      expect(init.code).toBe(0);
      expect(init.stdout).toContain(
        "Next:\n  matrix-support serve --config matrix-support.yaml\n  matrix-support export --config matrix-support.yaml --out public\n  matrix-support check example.org\n",
      );

      const validate = cli(["validate", "matrix-support.yaml"]);
      expect(validate.code).toBe(0);
      expect(validate.stdout).toContain("valid config (0 errors, 0 warnings, 0 info)");

      const serve = spawn(
        process.execPath,
        [MAIN, "serve", "--config", "matrix-support.yaml", "--host", "127.0.0.1", "--port", "0"],
        {
          cwd: dir,
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      children.push(serve);
      const url = await new Promise<string>((resolve, reject) => {
        const lines = createInterface({ input: serve.stdout! });
        lines.on("line", (line) => {
          const m = /"url":"(http:\/\/127\.0\.0\.1:\d+\/)"/.exec(line);
          if (m?.[1]) resolve(m[1]);
        });
        serve.once("exit", (code) => reject(new Error(`serve exited with ${code}`)));
      });
      const response = await fetch(new URL(".well-known/matrix/support", url));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual(expected);
    });

    it("refuses to overwrite without --force", async () => {
      const before = await readFile(join(dir, "matrix-support.yaml"), "utf8");
      const again = cli(["init", ...flags.slice(0, 4)]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain(
        "matrix-support.yaml already exists; init does not overwrite it",
      );
      expect(await readFile(join(dir, "matrix-support.yaml"), "utf8")).toBe(before);
    });

    it("never prompts without a terminal: missing values are an error, exit 1", () => {
      const r = cli(["init", "--out", "other.yaml"]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("No server name given  (INIT_MISSING)");
      expect(r.stdout).toBe("");
      expect(existsSync(join(dir, "other.yaml"))).toBe(false);
    });

    it("exits 1 with the catalogue message for an invalid value", () => {
      const r = cli([
        "init",
        "--out",
        "other.yaml",
        "--server-name",
        "example.org",
        "--admin-email",
        "admin",
      ]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        `--admin-email  error  "admin" is not an email address: it has no '@'  (EMAIL_INVALID)`,
      );
    });

    it("exits 2 for usage errors", () => {
      expect(cli(["init", "--no-such-flag"]).code).toBe(2);
      expect(cli(["init", "--timeout", "soon"]).code).toBe(2);
    });
  },
);
