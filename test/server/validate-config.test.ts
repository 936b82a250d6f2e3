/**
 * The config as a public API: `validateConfig` and the config types from `matrix-support/server`
 * (no text parser), `parseConfig` and `loadServerConfig` from `matrix-support/server/node`.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadServerConfig, parseConfig } from "../../packages/cli/src/serve/index.js";
import {
  type Config,
  type ConfigValidation,
  createSupportHandler,
  type HttpConfig,
  validateConfig,
} from "../../packages/lib/src/server/index.js";

const CONFIG: Config = {
  server_name: "example.org",
  support: {
    contacts: [
      { role: "m.role.admin", email_address: "admin@example.net" },
      { role: "m.role.security", email_address: "security@example.net" },
    ],
  },
  http: { cache_max_age: 60 } satisfies HttpConfig,
};

describe("validateConfig (matrix-support/server)", () => {
  it("returns the config and its findings for a valid object, ready for createSupportHandler", async () => {
    const result: ConfigValidation = validateConfig(structuredClone(CONFIG));
    expect(result.config).toEqual(CONFIG);
    expect(result.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    const handler = createSupportHandler(result.config!);
    const response = await handler(new Request("https://example.org/.well-known/matrix/support"));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("max-age=60");
  });

  it("returns null and error diagnostics with JSON Pointers for an invalid object, without throwing", () => {
    const result = validateConfig({
      server_name: "example.org",
      support: { contacts: [{ role: "m.role.admin", email_address: "mailto:a@example.net" }] },
      http: { port: "80", hsot: "x" },
    });
    expect(result.config).toBeNull();
    expect(result.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: "EMAIL_MAILTO",
          path: "/support/contacts/0/email_address",
        }),
        expect.objectContaining({ code: "CONFIG_WRONG_TYPE", path: "/http/port" }),
        expect.objectContaining({ code: "CONFIG_UNKNOWN_KEY", path: "/http/hsot" }),
      ]),
    );
    // No text, so no line and column.
    expect(result.diagnostics.every((d) => d.line === undefined)).toBe(true);
  });

  it("never throws, whatever the value", () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const result = validateConfig(value);
        expect(Array.isArray(result.diagnostics)).toBe(true);
        if (result.config !== null)
          expect(result.diagnostics.some((d) => d.severity === "error")).toBe(false);
      }),
      { numRuns: 300 },
    );
    expect(validateConfig("server_name: example.org").config).toBeNull();
    expect(validateConfig(null).diagnostics[0]?.code).toBe("CONFIG_NOT_AN_OBJECT");
  });
});

describe("parseConfig and loadServerConfig (matrix-support/server/node)", () => {
  it("parseConfig reads text in any of the three formats, with positions", () => {
    const yaml = parseConfig(
      'server_name: example.org\nsupport:\n  support_page: "javascript:alert(1)"\n',
      {
        fileName: "c.yaml",
      },
    );
    expect(yaml.config).toBeNull();
    expect(yaml.diagnostics[0]).toMatchObject({ path: "/support/support_page", line: 3 });
    const toml = parseConfig(
      'server_name = "example.org"\n[support]\nsupport_page = "https://example.org"\n',
      {
        fileName: "c.toml",
      },
    );
    expect(toml.config?.support).toEqual({ support_page: "https://example.org" });
  });

  it("loadServerConfig says ok, invalid or unreadable, as a value", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ms-load-"));
    try {
      const file = join(dir, "c.json");
      await writeFile(file, JSON.stringify(CONFIG));
      expect(await loadServerConfig(file)).toMatchObject({ kind: "ok", config: CONFIG });
      await writeFile(file, "{");
      expect(await loadServerConfig(file)).toMatchObject({ kind: "invalid" });
      expect(await loadServerConfig(join(dir, "missing.json"))).toMatchObject({
        kind: "unreadable",
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
