// The config's `page` block (default_language, texts per language) in YAML, TOML and JSON: the
// parser and the JSON schema accept and refuse the same values, with file, line and column.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../packages/cli/src/config/parse.js";
import { checkConfig } from "../../packages/lib/src/config/check.js";
import { LANGUAGE_TAGS } from "../../packages/lib/src/server/i18n/tags.js";

const root = join(import.meta.dirname, "../..");
const schema = JSON.parse(
  readFileSync(join(root, "packages/cli/schema/config.schema.json"), "utf8"),
);
const validate = new Ajv2020({ strict: true, strictRequired: false, allErrors: true }).compile(
  schema,
);

const support = {
  contacts: [
    { role: "m.role.admin", email_address: "admin@example.net" },
    { role: "m.role.security", email_address: "security@example.net" },
  ],
};
const withPage = (page: unknown) => ({ server_name: "example.org", support, page });
const codes = (value: unknown) =>
  checkConfig(value)
    .filter((d) => d.severity !== "info")
    .map((d) => ({ code: d.code, path: d.path }));

describe("page: in the config", () => {
  it("accepts a default language and texts per language, in all three formats", () => {
    const yaml = `server_name: example.org
support:
  contacts:
    - role: m.role.admin
      email_address: admin@example.net
    - role: m.role.security
      email_address: security@example.net
page:
  default_language: de
  texts:
    de:
      title: Hilfe für Example Chat
      intro: So erreichen Sie uns.
      notes:
        - Wartung jeden Sonntag.
    pt-BR:
      title: Ajuda
`;
    const toml = `server_name = "example.org"
[[support.contacts]]
role = "m.role.admin"
email_address = "admin@example.net"
[[support.contacts]]
role = "m.role.security"
email_address = "security@example.net"
[page]
default_language = "de"
[page.texts.de]
title = "Hilfe für Example Chat"
intro = "So erreichen Sie uns."
notes = ["Wartung jeden Sonntag."]
[page.texts.pt-BR]
title = "Ajuda"
`;
    const a = parseConfig(yaml, { fileName: "c.yaml" });
    const b = parseConfig(toml, { fileName: "c.toml" });
    expect(a.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(b.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(a.config?.page).toEqual(b.config?.page);
    const c = parseConfig(JSON.stringify(a.config), { fileName: "c.json" });
    expect(c.config?.page).toEqual(a.config?.page);
    expect(validate(a.config), JSON.stringify(validate.errors)).toBe(true);
  });

  it("refuses a language the pages do not speak, suggesting the one it probably means", () => {
    const ds = checkConfig(withPage({ default_language: "pt" }));
    const d = ds.find((x) => x.code === "CONFIG_UNKNOWN_LANGUAGE");
    expect(d?.severity).toBe("error");
    expect(d?.path).toBe("/page/default_language");
    expect(d?.message).toBe(
      'Config "page.default_language" names the language "pt", which the pages do not speak',
    );
    expect(d?.hint).toContain('Did you mean "pt-BR"?');
    expect(d?.hint).toContain(LANGUAGE_TAGS.join(", "));
    const zh = checkConfig(withPage({ texts: { "zh-CN": { title: "支持" } } })).find(
      (x) => x.code === "CONFIG_UNKNOWN_LANGUAGE",
    );
    expect(zh?.path).toBe("/page/texts/zh-CN");
    expect(zh?.hint).toContain('Did you mean "zh-Hans"?');
    const none = checkConfig(withPage({ default_language: "tlh" })).find(
      (x) => x.code === "CONFIG_UNKNOWN_LANGUAGE",
    );
    expect(none?.hint).not.toContain("Did you mean");
    const proto = checkConfig(withPage({ default_language: "constructor" })).find(
      (x) => x.code === "CONFIG_UNKNOWN_LANGUAGE",
    );
    expect(proto?.hint).not.toContain("Did you mean");
  });

  it("names wrong types and unknown keys at their place", () => {
    expect(codes(withPage("de"))).toEqual([{ code: "CONFIG_WRONG_TYPE", path: "/page" }]);
    expect(codes(withPage({ default_language: 7 }))).toEqual([
      { code: "CONFIG_WRONG_TYPE", path: "/page/default_language" },
    ]);
    expect(codes(withPage({ langauge: "de" }))).toEqual([
      { code: "CONFIG_UNKNOWN_KEY", path: "/page/langauge" },
    ]);
    expect(codes(withPage({ texts: ["de"] }))).toEqual([
      { code: "CONFIG_WRONG_TYPE", path: "/page/texts" },
    ]);
    expect(
      codes(
        withPage({
          texts: { de: { title: 1, intro: ["x"], notes: "x", tilte: "y" }, en: "Hello" },
        }),
      ),
    ).toEqual([
      { code: "CONFIG_UNKNOWN_KEY", path: "/page/texts/de/tilte" },
      { code: "CONFIG_WRONG_TYPE", path: "/page/texts/de/title" },
      { code: "CONFIG_WRONG_TYPE", path: "/page/texts/de/intro" },
      { code: "CONFIG_WRONG_TYPE", path: "/page/texts/de/notes" },
      { code: "CONFIG_WRONG_TYPE", path: "/page/texts/en" },
    ]);
    expect(codes(withPage({ texts: { de: { notes: ["ok", 2] } } }))).toEqual([
      { code: "CONFIG_WRONG_TYPE", path: "/page/texts/de/notes/1" },
    ]);
    const typo = checkConfig(withPage({ texts: { de: { tilte: "y" } } }))[0];
    expect(typo?.hint).toContain('did you mean "title"?');
  });

  it("locates the problem in the file: line and column", () => {
    const { config, diagnostics } = parseConfig(
      "server_name: example.org\nsupport:\n  contacts:\n    - role: m.role.admin\n      email_address: a@example.org\npage:\n  default_language: jp\n",
      { fileName: "c.yaml" },
    );
    expect(config).toBeNull();
    const d = diagnostics.find((x) => x.code === "CONFIG_UNKNOWN_LANGUAGE");
    expect(d).toMatchObject({ line: 7, path: "/page/default_language" });
    expect(d?.hint).toContain('Did you mean "ja"?');
  });

  it("the schema refuses what the parser refuses, and lists the same languages", () => {
    expect(schema.$defs.language.enum).toEqual([...LANGUAGE_TAGS]);
    for (const page of [
      "de",
      { default_language: "pt" },
      { default_language: 7 },
      { langauge: "de" },
      { texts: { "zh-CN": { title: "x" } } },
      { texts: { de: { tilte: "y" } } },
      { texts: { de: { notes: "x" } } },
      { texts: { de: { notes: ["ok", 2] } } },
    ]) {
      const value = withPage(page);
      expect(validate(value), JSON.stringify(page)).toBe(false);
      expect(
        checkConfig(value).some((d) => d.severity !== "info"),
        JSON.stringify(page),
      ).toBe(true);
    }
  });
});
