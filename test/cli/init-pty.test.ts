/**
 * The built CLI on a real pseudo-terminal (util-linux `script`): init sees a TTY, runs the
 * wizard in raw mode, takes a corrected answer and writes the file. Keys are sent only once the
 * prompt they answer is on screen. Needs `npm run build` (npm test runs it).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { stripVTControlCharacters } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../packages/cli/src/config/index.js";
import { available } from "../helpers/available.js";
import { tempDir } from "./init-helpers.js";

const MAIN = fileURLToPath(new URL("../../packages/cli/dist/cli/bin.cjs", import.meta.url));
const SCRIPT = "/usr/bin/script";

let dir: string;
let cleanup: () => Promise<void>;
let child: ChildProcess | undefined;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child?.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }
  await cleanup();
});

describe.skipIf(!available(MAIN, "npm run build") || !available(SCRIPT, "bsdutils"))(
  "matrix-support init on a terminal",
  () => {
    it("runs the wizard, takes a corrected answer, and writes the file", async () => {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        NO_COLOR: "1",
        TERM: "xterm",
      };
      delete env.FORCE_COLOR;
      const command = `'${process.execPath}' '${MAIN}' init --out wizard.yaml`;
      child = spawn(SCRIPT, ["-qfec", command, "/dev/null"], { cwd: dir, env, stdio: "pipe" });
      let screen = "";
      let seen = 0;
      const waiters: (() => void)[] = [];
      child.stdout?.on("data", (chunk: Buffer) => {
        screen += stripVTControlCharacters(chunk.toString("utf8"));
        for (const w of waiters.splice(0)) w();
      });
      const exited = new Promise<number | null>((resolve) => child?.once("exit", resolve));
      const waitFor = async (needle: string) => {
        for (;;) {
          const at = screen.indexOf(needle, seen);
          if (at >= 0) {
            seen = at + needle.length;
            return;
          }
          if (child?.exitCode !== null) throw new Error(`exited; screen:\n${screen}`);
          await new Promise<void>((resolve) => waiters.push(resolve));
        }
      };
      const send = (keys: string) => child?.stdin?.write(keys);

      await waitFor("Server name");
      send("exa mple.org\r");
      await waitFor("is not a valid server name");
      send("\x15example.org\r"); // Ctrl-U clears the line, then the right value
      await waitFor("Admin contact");
      send("@admin:example.org\r");
      await waitFor("Backup admin contact");
      send("@me:matrix.org\r");
      await waitFor("Security contact");
      send("\r");
      await waitFor("Moderator contact");
      send("\r");
      await waitFor("Support page");
      send("https://example.org/help\r");
      await waitFor("matrix-support check example.org");
      expect(await exited).toBe(0);

      const config = parseConfig(await readFile(join(dir, "wizard.yaml"), "utf8")).config;
      expect(config).toEqual({
        server_name: "example.org",
        support: {
          contacts: [
            { role: "m.role.admin", matrix_id: "@admin:example.org" },
            { role: "m.role.admin", matrix_id: "@me:matrix.org" },
            { role: "m.role.security", matrix_id: "@admin:example.org" },
          ],
          support_page: "https://example.org/help",
        },
      });
    });
  },
);
