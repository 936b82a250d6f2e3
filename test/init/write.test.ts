/**
 * init/write.ts: validate before writing, write atomically, read back. The file system's refusals
 * (a write that fails, a file that cannot be read back or reads back as something else) end in
 * a diagnostic and the kind of problem, never an exception.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeFileAtomic } from "../../packages/cli/src/files.js";
import type { InitAnswers } from "../../packages/cli/src/init/index.js";
import {
  refuseExisting,
  sameConfig,
  schemaUrl,
  shellWord,
  type WritePlan,
  writeConfig,
} from "../../packages/cli/src/init/write.js";
import { tempDir } from "../cli/init-helpers.js";

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterAll(() => cleanup());

const ANSWERS: InitAnswers = {
  serverName: "example.org",
  admin: { email_address: "admin@example.org" },
};
const plan = (name: string, over: Partial<WritePlan> = {}): WritePlan => ({
  answers: ANSWERS,
  file: join(dir, name),
  shown: name,
  write: writeFileAtomic,
  ...over,
});
const codes = (r: Awaited<ReturnType<typeof writeConfig>>) =>
  r.ok ? [] : r.diagnostics.map((p) => p.diagnostic.code);

describe("writeConfig", () => {
  it("writes YAML, JSON and TOML that read back as the answers; notes about the file are findings", async () => {
    for (const name of ["a.yaml", "a.json", "a.toml"]) {
      const written = await writeConfig(plan(name));
      expect(written.ok).toBe(true);
      // No backup contact off the server's own domain: a finding, sorted, not an error.
      if (written.ok) expect(written.findings.every((d) => d.severity !== "error")).toBe(true);
      expect(await readFile(join(dir, name), "utf8")).toContain("admin@example.org");
    }
  });

  it("refuses a file that appeared meanwhile, unless forced", async () => {
    const file = join(dir, "there.yaml");
    await writeFile(file, "mine\n");
    const refused = await writeConfig(plan("there.yaml"));
    expect(refused).toMatchObject({ ok: false, problem: "invalid" });
    expect(codes(refused)).toEqual(["INIT_FILE_EXISTS"]);
    expect(await readFile(file, "utf8")).toBe("mine\n");
    expect((await writeConfig(plan("there.yaml", { force: true }))).ok).toBe(true);
  });

  it("a write that fails is an I/O problem, naming the file and why", async () => {
    const failed = await writeConfig(
      plan("denied.yaml", {
        write: async () => {
          throw Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
        },
      }),
    );
    expect(failed).toMatchObject({ ok: false, problem: "io" });
    expect(failed.ok ? "" : failed.diagnostics[0]?.diagnostic.message).toBe(
      "Could not write denied.yaml: permission denied",
    );
  });

  it("a file that cannot be read back (gone, not UTF-8) is an I/O problem", async () => {
    const gone = await writeConfig(plan("gone.yaml", { write: async () => {} }));
    expect(gone).toMatchObject({ ok: false, problem: "io" });
    expect(codes(gone)).toEqual(["INIT_READ_BACK"]);
    expect(gone.ok ? "" : gone.diagnostics[0]?.diagnostic.message).toContain("no such file");

    const latin1 = await writeConfig(
      plan("latin1.yaml", {
        write: (file) => writeFile(file, Buffer.from([0x73, 0x3a, 0x20, 0xe9, 0x0a])),
      }),
    );
    expect(latin1).toMatchObject({ ok: false, problem: "io" });
    expect(latin1.ok ? "" : latin1.diagnostics[0]?.diagnostic.message).toMatch(/UTF-8/);
  });

  it("a file changed under it: invalid, or other values than the answers", async () => {
    const broken = await writeConfig(
      plan("broken.yaml", { write: (file) => writeFile(file, "server_name: [\n") }),
    );
    expect(broken).toMatchObject({ ok: false, problem: "invalid" });
    expect(codes(broken).at(-1)).toBe("INIT_READ_BACK");
    // The file's own problems come first, placed at the file as the user named it.
    expect(broken.ok ? undefined : broken.diagnostics[0]?.where).toBe("broken.yaml");

    const other = await writeConfig(
      plan("other.yaml", {
        write: (file) =>
          writeFile(file, "server_name: example.org\nsupport:\n  support_page: https://x.org\n"),
      }),
    );
    expect(codes(other)).toEqual(["INIT_READ_BACK"]);
    expect(other.ok ? "" : other.diagnostics[0]?.diagnostic.message).toContain("other values");
  });

  it("answers TOML cannot carry (a null kept from --from) are not written", async () => {
    let wrote = false;
    const refused = await writeConfig(
      plan("null.toml", {
        answers: { ...ANSWERS, extensions: { "org.example.nothing": null } },
        write: async () => {
          wrote = true;
        },
      }),
    );
    expect(refused).toMatchObject({ ok: false, problem: "invalid" });
    expect(codes(refused).at(-1)).toBe("INIT_NOT_WRITTEN");
    expect(wrote).toBe(false);
  });
});

describe("the helpers", () => {
  it("refuseExisting: only an existing file, and only without --force", async () => {
    await writeFile(join(dir, "x.yaml"), "");
    expect((await refuseExisting(join(dir, "x.yaml"), "x.yaml", undefined))?.code).toBe(
      "INIT_FILE_EXISTS",
    );
    expect(await refuseExisting(join(dir, "x.yaml"), "x.yaml", true)).toBeUndefined();
    expect(await refuseExisting(join(dir, "absent.yaml"), "absent.yaml", false)).toBeUndefined();
  });

  it("sameConfig: key order and the $schema key do not count; values do", () => {
    const built = { server_name: "a.org", support: { support_page: "https://a.org" } };
    const loaded = {
      $schema: "x",
      support: { support_page: "https://a.org" },
      server_name: "a.org",
    };
    expect(sameConfig(loaded, built)).toBe(true);
    expect(sameConfig({ ...loaded, server_name: "b.org" }, built)).toBe(false);
    expect(sameConfig(null, built)).toBe(false);
  });

  it("schemaUrl names this package's version; shellWord quotes what a shell would split", async () => {
    expect(await schemaUrl()).toMatch(
      /^https:\/\/unpkg\.com\/matrix-support@\d+\.\d+\.\d+[^/]*\/schema\/config\.schema\.json$/,
    );
    expect(shellWord("matrix-support.yaml")).toBe("matrix-support.yaml");
    expect(shellWord("my file's.yaml")).toBe("'my file'\\''s.yaml'");
  });
});
