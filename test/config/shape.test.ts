/**
 * What a --config file is: a config, a bare support document (published as the support section),
 * or neither (refused). One rule for serve, export and validate; never "nothing published"
 * because a key was not recognised.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { run } from "../../packages/cli/src/cli/program.js";
import { looksLikeConfig, parseConfig } from "../../packages/cli/src/config/index.js";
import { wellKnownBodies } from "../../packages/lib/src/server/bodies.js";

const DOC = { contacts: [{ role: "m.role.admin", email_address: "admin@example.org" }] };
const codes = (r: { diagnostics: { code: string }[] }) => r.diagnostics.map((d) => d.code);

describe("a bare support document as a config", () => {
  it("is the support section, said in one info line naming the file (JSON, YAML, TOML)", () => {
    const texts: [string, string][] = [
      ["doc.json", JSON.stringify(DOC)],
      ["doc.yaml", "contacts:\n  - role: m.role.admin\n    email_address: admin@example.org\n"],
      ["doc.toml", '[[contacts]]\nrole = "m.role.admin"\nemail_address = "admin@example.org"\n'],
    ];
    for (const [fileName, text] of texts) {
      const r = parseConfig(text, { fileName });
      expect(r.config, fileName).toEqual({ support: DOC });
      expect(wellKnownBodies(r.config!).support).toBe(JSON.stringify(DOC));
      const infos = r.diagnostics.filter((d) => d.code === "CONFIG_BARE_SUPPORT");
      expect(infos, fileName).toHaveLength(1);
      expect(infos[0]!.severity).toBe("info");
      expect(infos[0]!.message.toLowerCase()).toContain(
        `treating ${fileName} as a bare support document`,
      );
      // Only the document's own lint: no unknown key, no missing server_name.
      expect(
        r.diagnostics.filter((d) => d.code.startsWith("CONFIG_")).map((d) => d.code),
        fileName,
      ).toEqual(["CONFIG_BARE_SUPPORT"]);
    }
  });

  it("support_page alone, or the pre-spec admins, is a bare document too", () => {
    expect(
      parseConfig('{"support_page":"https://example.org/help"}', { fileName: "p.json" }).config,
    ).toEqual({ support: { support_page: "https://example.org/help" } });
    const admins = parseConfig(
      '{"admins":[{"role":"m.role.admin","email_address":"a@example.org"}]}',
      {
        fileName: "a.json",
      },
    );
    expect(codes(admins)).toContain("CONFIG_BARE_SUPPORT");
    expect(codes(admins)).not.toContain("CONFIG_NOT_RECOGNISED");
  });

  it("its problems are located in the file itself (no /support prefix)", () => {
    const text =
      '{\n  "contacts": [\n    { "role": "m.role.admin", "email_address": "nope" }\n  ]\n}\n';
    const r = parseConfig(text, { fileName: "doc.json" });
    expect(r.config).toBeNull();
    const bad = r.diagnostics.find((d) => d.code === "EMAIL_INVALID");
    expect(bad?.path).toBe("/contacts/0/email_address");
    expect(bad?.line).toBe(3);
  });
});

describe("a file that is neither", () => {
  it("is refused, naming the file and how to wrap it", () => {
    for (const text of ['{"contact":[]}', "{}", '{"$schema":"x","suport":{}}']) {
      const r = parseConfig(text, { fileName: "odd.json" });
      expect(r.config, text).toBeNull();
      const d = r.diagnostics.find((x) => x.code === "CONFIG_NOT_RECOGNISED");
      expect(d?.severity, text).toBe("error");
      expect(d?.message).toContain("odd.json");
      expect(`${d?.message} ${d?.hint}`).toContain("support:");
    }
  });

  it("support document keys beside config keys are an error at the key, not an ignored key", () => {
    const r = parseConfig("server_name: example.org\ncontacts:\n  - role: m.role.admin\n", {
      fileName: "mixed.yaml",
    });
    expect(r.config).toBeNull();
    const d = r.diagnostics.find((x) => x.code === "CONFIG_SUPPORT_KEY_AT_TOP");
    expect(d).toMatchObject({ severity: "error", path: "/contacts", line: 2, column: 1 });
    expect(`${d?.message} ${d?.hint}`).toContain("support:");
  });

  it("an unknown key in a config without support is an error: nothing would be published", () => {
    const r = parseConfig(
      "server_name: example.org\nSupport:\n  support_page: https://example.org/\n",
    );
    expect(r.config).toBeNull();
    const d = r.diagnostics.find((x) => x.path === "/Support");
    expect(d?.severity).toBe("error");
    expect(d?.hint).toContain('Did you mean "support"');
    // With support present, an unknown key stays a warning; support: {} publishes none on purpose.
    const ok = parseConfig("server_name: example.org\nsupport: {}\nextra: 1\n");
    expect(ok.config).not.toBeNull();
    expect(ok.diagnostics.find((x) => x.path === "/extra")?.severity).toBe("warning");
  });

  it("a value that is no mapping points to matrix-support init, not to a file outside the package", () => {
    const d = parseConfig("[]", { fileName: "list.json" }).diagnostics.find(
      (x) => x.code === "CONFIG_NOT_AN_OBJECT",
    );
    expect(d?.hint).toContain("matrix-support init");
    expect(d?.hint).not.toContain("examples/");
  });

  it("looksLikeConfig: config keys make a config, even beside document keys", () => {
    expect(looksLikeConfig(DOC)).toBe(false);
    expect(looksLikeConfig({ server_name: "example.org", ...DOC })).toBe(true);
    expect(looksLikeConfig({ server_name: "example.org" })).toBe(true);
    expect(looksLikeConfig({ $schema: "x", ...DOC })).toBe(false);
  });
});

describe("validate follows the same rule", () => {
  let tmp = "";
  let out = "";
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), "matrix-support-shape-"));
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });
  beforeEach(() => {
    out = "";
    vi.spyOn(process.stdout, "write").mockImplementation((s) => {
      out += String(s);
      return true;
    });
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("a config with the document's keys at the top level is invalid, not a valid document", async () => {
    const file = join(tmp, "mixed.json");
    await writeFile(file, JSON.stringify({ server_name: "example.org", ...DOC }));
    expect(await run(["node", "matrix-support", "validate", file])).toBe(1);
    expect(out).toContain("CONFIG_SUPPORT_KEY_AT_TOP");
  });
});
