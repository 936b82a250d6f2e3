/**
 * init writes atomically: a failure or a crash between writing and renaming leaves the old file
 * exactly as it was, never a half-written config.
 */
import { spawnSync } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parseConfig } from "../../packages/cli/src/config/index.js";
import { runInit, tempDir } from "./init-helpers.js";

// Only this file's module graph sees the failing rename (vitest isolates test files).
const failRename = vi.hoisted(() => ({ on: false }));
vi.mock("node:fs/promises", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs/promises")>();
  return {
    ...real,
    rename: async (from: string, to: string) => {
      if (failRename.on)
        throw Object.assign(new Error("EXDEV: cross-device link not permitted"), { code: "EXDEV" });
      return real.rename(from, to);
    },
  };
});

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterAll(async () => {
  failRename.on = false;
  await cleanup();
});

const OLD = "# my hand-written config\nserver_name: mine.example\n";
const FLAGS = { serverName: "example.org", adminEmail: "admin@example.net", force: true };

describe("atomic write", () => {
  it("leaves the old file intact and no temporary file when the rename fails", async () => {
    const file = join(dir, "matrix-support.yaml");
    await writeFile(file, OLD);
    failRename.on = true;
    const ran = await runInit(dir, FLAGS);
    failRename.on = false;
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain("Could not write matrix-support.yaml: EXDEV");
    expect(ran.stderr).toContain("Nothing was written");
    expect(await readFile(file, "utf8")).toBe(OLD);
    expect(await readdir(dir)).toEqual(["matrix-support.yaml"]);
  });

  it("survives a crash between write and rename: the old file is whole, the new one complete", async () => {
    const file = join(dir, "matrix-support.yaml");
    await writeFile(file, OLD);
    // A child process that runs init and is killed (SIGKILL) the moment it tries to rename.
    const script = fileURLToPath(
      new URL("./fixtures/init-crash-before-rename.mts", import.meta.url),
    );
    const child = spawnSync(process.execPath, ["--import", "tsx", script, dir], {
      cwd: fileURLToPath(new URL("../..", import.meta.url)),
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(child.signal).toBe("SIGKILL");
    expect(await readFile(file, "utf8")).toBe(OLD);
    // The crash left the temporary file behind (nothing can clean up after SIGKILL): it is a
    // hidden file next to the target, and it is complete, never half a config.
    const leftovers = (await readdir(dir)).filter((f) => f !== "matrix-support.yaml");
    expect(leftovers).toHaveLength(1);
    expect(leftovers[0]).toMatch(/^\.matrix-support\.yaml\.[0-9a-f]+\.tmp$/);
    const temp = await readFile(join(dir, leftovers[0] ?? ""), "utf8");
    expect(parseConfig(temp).config?.server_name).toBe("example.org");
  });
});
