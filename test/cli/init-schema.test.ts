/** `init` points editors at the config schema of the installed version, by a URL that works anywhere. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInit, tempDir } from "./init-helpers.js";

const root = join(import.meta.dirname, "../..");
let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterAll(async () => {
  await cleanup();
});

const FLAGS = { serverName: "example.org", adminEmail: "admin@example.net", yes: true };

describe("init: the schema reference", () => {
  it.each([
    ["yaml", (url: string) => `# yaml-language-server: $schema=${url}\n`],
    ["json", (url: string) => `"$schema": "${url}"`],
    ["toml", (url: string) => `#:schema ${url}\n`],
  ])("%s: the package's schema on unpkg for the version in package.json", async (ext, line) => {
    const { name, version } = JSON.parse(
      await readFile(join(root, "packages/cli/package.json"), "utf8"),
    );
    const url = `https://unpkg.com/${name}@${version}/schema/config.schema.json`;
    const out = `schema.${ext}`;
    const ran = await runInit(dir, { ...FLAGS, out });
    expect(ran.code).toBe(0);
    const text = await readFile(join(dir, out), "utf8");
    expect(text).toContain(line(url));
    // Nothing about the machine it was written on.
    expect(text).not.toContain("file:");
    expect(text).not.toContain(root);
    expect(text).not.toContain("node_modules");
  });
});
