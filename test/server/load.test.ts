/** serve's config loading: a config that is not UTF-8 or is over 1 MiB is invalid (listed), not unreadable. */
import { mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadServerConfig } from "../../packages/cli/src/serve/load.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ms-load-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("loadServerConfig", () => {
  it("a Latin-1 config is invalid, with INPUT_NOT_UTF8 at its line and column", async () => {
    const file = join(dir, "latin1.toml");
    await writeFile(file, Buffer.from('server_name = "example.org"\n# caf\xe9\n', "latin1"));
    expect(await loadServerConfig(file)).toEqual({
      kind: "invalid",
      diagnostics: [expect.objectContaining({ code: "INPUT_NOT_UTF8", line: 2, column: 6 })],
    });
  });

  it("a config over 1 MiB is invalid by its size (DOCUMENT_TOO_LARGE), never read", async () => {
    const file = join(dir, "huge.yaml");
    await writeFile(file, "");
    await truncate(file, 4 * 1024 ** 3);
    expect(await loadServerConfig(file)).toEqual({
      kind: "invalid",
      diagnostics: [expect.objectContaining({ code: "DOCUMENT_TOO_LARGE" })],
    });
  });

  it("a missing file is unreadable", async () => {
    expect(await loadServerConfig(join(dir, "nope.yaml"))).toMatchObject({
      kind: "unreadable",
      message: expect.stringContaining("no such file"),
    });
  });
});
