// The web pages' translations (the checker and generator pages): complete in every language, the
// English placeholders kept, plural forms for every category a language uses, the language's
// typography, diagnostic messages translated where the English message fits, and each page
// rendered per language with its strings for the script.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderCheckerPage } from "../../packages/cli/src/checker/check-page.js";
import {
  renderGeneratorPage,
  staticCopies,
  staticCopyPath,
} from "../../packages/cli/src/checker/generator-page.js";
import { readCheck, summaryOf } from "../../packages/cli/src/web/checker/view.js";
import {
  ENGLISH_DIAGNOSTICS,
  PAGE_CATALOGUE,
  readParams,
  TRANSLATED_CODES,
  translateMessage,
} from "../../packages/cli/src/web/i18n/diagnostics.js";
import {
  checker as en,
  generator as generatorEnglish,
} from "../../packages/cli/src/web/i18n/messages/en.js";
import {
  pageStrings,
  scriptStrings,
  WEB_MESSAGES,
} from "../../packages/cli/src/web/i18n/messages/index.js";
import { categoriesFor, type Plural, plural } from "../../packages/cli/src/web/i18n/plural.js";
import {
  CHECKER_ENGLISH,
  GENERATOR_ENGLISH,
  parseCheckerStrings,
  parseGeneratorStrings,
  STRINGS_ID,
} from "../../packages/cli/src/web/i18n/strings.js";
import { renderTemplate, scriptJson } from "../../packages/cli/src/web/i18n/template.js";
import { diagnosticFrom } from "../../packages/lib/src/core/diagnostics.js";
import {
  LANGUAGE_TAGS,
  LANGUAGES,
  placeholders,
} from "../../packages/lib/src/server/i18n/index.js";

const read = (file: string) =>
  readFileSync(path.join(import.meta.dirname, "../../packages/cli/src/web", file), "utf8");
const TEMPLATE = read("checker/check.html");
/** new.html as the build leaves it: its own `{{head}}` slot filled. */
const GENERATOR_TEMPLATE = read("generator/new.html").replace(
  "{{head}}",
  '<script defer src="/new/assets/generator.js"></script>',
);
const languages = LANGUAGE_TAGS.map((tag) => [tag, WEB_MESSAGES[tag]] as const);
const isPlural = (v: unknown): v is Plural => typeof v === "object" && v !== null;
const sorted = (a: string[]) => [...a].sort();
/** A block of a language's strings as a plain table (string or plural by key). */
type Table = Readonly<Record<string, string | Plural>>;
/** The pages' blocks, each with its English reference. */
const BLOCKS = [
  ["checker", en],
  ["generator", generatorEnglish],
] as const;

it("every language of the pages has the web pages' strings", () => {
  expect(Object.keys(WEB_MESSAGES).sort()).toEqual([...LANGUAGE_TAGS].sort());
});

describe.each(BLOCKS)("the %s page's strings", (block, reference: Table) => {
  const keys = Object.keys(reference).sort();
  const tableOf = (tag: (typeof LANGUAGE_TAGS)[number]): Table => WEB_MESSAGES[tag][block];

  it.each(LANGUAGE_TAGS)("%s has every string, of the English kind, none empty", (tag) => {
    const m = tableOf(tag);
    expect(Object.keys(m).sort()).toEqual(keys);
    for (const key of keys) {
      const value = m[key];
      expect(isPlural(value), key).toBe(isPlural(reference[key]));
      const texts = isPlural(value) ? Object.values(value) : [value];
      for (const text of texts) expect(String(text).trim(), key).not.toBe("");
    }
  });

  it.each(LANGUAGE_TAGS)("%s keeps every placeholder of the English text, and adds none", (tag) => {
    const m = tableOf(tag);
    for (const key of keys) {
      const english = reference[key] ?? "";
      const want = sorted(placeholders(typeof english === "string" ? english : english.other));
      const value = m[key];
      for (const [form, text] of Object.entries(isPlural(value) ? value : { text: value }))
        expect(sorted(placeholders(String(text))), `${key}.${form}`).toEqual(want);
    }
  });

  it.each(LANGUAGE_TAGS)("%s gives a plural form for every category it uses", (tag) => {
    const m = tableOf(tag);
    for (const key of keys) {
      const value = m[key];
      if (!isPlural(value)) continue;
      for (const category of categoriesFor(tag))
        expect(value[category], `${tag} ${key}.${category}`).toBeDefined();
    }
  });

  it("translates sentences (a copied English string is a missed translation)", () => {
    for (const tag of LANGUAGE_TAGS) {
      if (tag === "en") continue;
      for (const key of keys) {
        const english = reference[key];
        if (typeof english === "string" && english.length > 25)
          expect(tableOf(tag)[key], `${tag}.${key}`).not.toBe(english);
      }
    }
  });

  it("follows each language's typography", () => {
    const texts = (tag: (typeof LANGUAGE_TAGS)[number]) =>
      Object.entries(tableOf(tag)).flatMap(([key, v]) =>
        (isPlural(v) ? Object.values(v) : [v]).map((text) => [key, String(text)] as const),
      );
    // French: a no-break space before ; ? ! and the colon of a sentence, and inside « ».
    for (const [key, text] of texts("fr")) {
      expect(text, `fr.${key}`).not.toMatch(/ [;?!»]|« |\p{L}[;?!»]|«\p{L}/u);
      expect(text.replace(/[\w-]+: \*|\w+:\/\//g, ""), `fr.${key}`).not.toMatch(
        /[^\u00a0]:(\s|$)/u,
      );
    }
    // Japanese and Chinese: full-width punctuation after their own script.
    for (const tag of ["ja", "zh-Hans"] as const)
      for (const [key, text] of texts(tag))
        expect(text, `${tag}.${key}`).not.toMatch(
          /[\p{sc=Han}\p{sc=Hira}\p{sc=Kana}ー][(),:;.?!]/u,
        );
  });
});

describe("plural", () => {
  it("picks the language's form for a count (the generator's texts too)", () => {
    expect([1, 3, 5].map((n) => plural("ru", WEB_MESSAGES.ru.generator.errorsShown, n))).toEqual([
      "Показана 1 ошибка у её поля.",
      "Показаны 3 ошибки у их полей.",
      "Показано 5 ошибок у их полей.",
    ]);
    expect(plural("pl", WEB_MESSAGES.pl.generator.contactsLeft, 2)).toBe("Pozostały 2.");
    expect(plural("en", generatorEnglish.errorsShown, 1)).toBe("1 error shown at their fields.");
    const pl = WEB_MESSAGES.pl.checker.errors;
    expect([1, 2, 5, 12, 22, 25].map((n) => plural("pl", pl, n))).toEqual([
      "1 błąd",
      "2 błędy",
      "5 błędów",
      "12 błędów",
      "22 błędy",
      "25 błędów",
    ]);
    const ru = WEB_MESSAGES.ru.checker.contacts;
    expect([1, 3, 11, 21].map((n) => plural("ru", ru, n))).toEqual([
      "1 контакт",
      "3 контакта",
      "11 контактов",
      "21 контакт",
    ]);
    expect(plural("ja", WEB_MESSAGES.ja.checker.errors, 3)).toBe("エラー 3 件");
    expect(plural("pt-BR", WEB_MESSAGES["pt-BR"].checker.errors, 0)).toBe("0 erros");
    expect(plural("pt-BR", WEB_MESSAGES["pt-BR"].checker.errors, 1)).toBe("1 erro");
    expect(plural("fr", WEB_MESSAGES.fr.checker.errors, 0)).toBe("0 erreur");
    expect(plural("en", en.errors, 1)).toBe("1 error");
    expect(plural("not a tag!", en.errors, 2)).toBe("2 errors");
  });
});

describe("diagnostic messages on the pages", () => {
  const build = diagnosticFrom(PAGE_CATALOGUE);
  const sample = (template: string) =>
    Object.fromEntries(placeholders(template).map((p, i) => [p, `${p}-value-${i}`]));

  it("are translated in every language, keeping the catalogue's placeholders", () => {
    for (const [tag, m] of languages) {
      expect(Object.keys(m.diagnostics).sort(), tag).toEqual([...TRANSLATED_CODES].sort());
      for (const code of TRANSLATED_CODES) {
        expect(sorted(placeholders(m.diagnostics[code])), `${tag} ${code}`).toEqual(
          sorted(placeholders(PAGE_CATALOGUE[code].message)),
        );
        if (tag !== "en")
          expect(m.diagnostics[code], `${tag} ${code}`).not.toBe(PAGE_CATALOGUE[code].message);
      }
    }
  });

  it("can read every translated message's values back (no two placeholders side by side)", () => {
    for (const code of TRANSLATED_CODES) {
      const template = ENGLISH_DIAGNOSTICS[code];
      expect(template, code).not.toMatch(/\}\{/);
      const params = sample(template);
      const d = build(code, undefined, params);
      expect(readParams(template, d.message), code).toEqual(params);
      const de = translateMessage(d, WEB_MESSAGES.de.diagnostics);
      expect(de.translated, code).toBe(true);
      for (const value of Object.values(params)) expect(de.text, code).toContain(value);
    }
  });

  it("fall back to the English message when there is no translation or it does not fit", () => {
    const ja = WEB_MESSAGES.ja.diagnostics;
    const d = build("DNS_FAILED", undefined, { host: "a.example", detail: "ENOTFOUND" });
    expect(translateMessage(d, ja)).toEqual({
      text: "名前「a.example」を解決できません：ENOTFOUND",
      translated: true,
    });
    const other = build("ROLE_DRAFT", "/contacts/0/role", { role: "admin", suggestion: "x" });
    expect(translateMessage(other, ja)).toEqual({ text: other.message, translated: false });
    const changed = { code: "DNS_FAILED", message: "a newer catalogue says it differently" };
    expect(translateMessage(changed, ja)).toEqual({ text: changed.message, translated: false });
    expect(translateMessage({ code: "__proto__", message: "m" }, ja).text).toBe("m");
    expect(translateMessage(d, CHECKER_ENGLISH.diagnostics)).toEqual({
      text: d.message,
      translated: false,
    });
  });
});

describe("the strings the page's script reads", () => {
  it("come back as sent for every language, each page's block to its script", () => {
    for (const tag of LANGUAGE_TAGS) {
      const checker = scriptStrings(tag, "checker");
      expect(parseCheckerStrings(JSON.stringify(checker))).toEqual(checker);
      const generator = scriptStrings(tag, "generator");
      expect(parseGeneratorStrings(JSON.stringify(generator))).toEqual(generator);
      const { checker: _, ...rest } = pageStrings(tag);
      expect(generator).toEqual(rest);
    }
  });

  it("are English for anything missing or malformed", () => {
    for (const text of [null, "{not json", "[1,2]"]) {
      expect(parseCheckerStrings(text)).toEqual(CHECKER_ENGLISH);
      expect(parseGeneratorStrings(text)).toEqual(GENERATOR_ENGLISH);
    }
    const half = parseGeneratorStrings(
      JSON.stringify({ lang: "ja", generator: { addContact: "連絡先を追加", errors: 1 } }),
    );
    expect(half.generator.addContact).toBe("連絡先を追加");
    expect(half.generator.errors).toEqual(generatorEnglish.errors);
    expect(half.generator.remove).toBe("Remove");
    expect(half.page).toEqual(GENERATOR_ENGLISH.page);
    const partial = parseCheckerStrings(
      JSON.stringify({
        lang: "de",
        checker: { checkButton: "Prüfen", errors: { other: 3 }, verdictWorks: 7 },
        page: { roleAdmin: "Administration" },
        diagnostics: { NOT_PUBLISHED: "übersetzt", EVIL: "x" },
      }),
    );
    expect(partial.lang).toBe("de");
    expect(partial.checker.checkButton).toBe("Prüfen");
    expect(partial.checker.errors).toEqual(en.errors);
    expect(partial.checker.verdictWorks).toBe("Works");
    expect(partial.page.roleAdmin).toBe("Administration");
    expect(partial.page.roleSecurity).toBe("Security");
    expect(partial.diagnostics.NOT_PUBLISHED).toBe("übersetzt");
    expect(Object.hasOwn(partial.diagnostics, "EVIL")).toBe(false);
  });

  it("give the summary in the page's language", () => {
    const view = readCheck({
      server_name: "example.org",
      url: null,
      status: "found",
      document: { contacts: [{ role: "m.role.admin", email_address: "a@example.org" }] },
      diagnostics: [
        { code: "X", severity: "error", message: "m" },
        { code: "Y", severity: "warning", message: "m" },
        { code: "Z", severity: "warning", message: "m" },
      ],
    })!;
    expect(summaryOf(view, pageStrings("de"))).toBe(
      "example.org veröffentlicht 1 Kontakt. 1 Fehler und 2 Warnungen zu beheben.",
    );
    expect(summaryOf(view, pageStrings("ja"))).toBe(
      "example.org は連絡先 1 件を公開しています。修正が必要：エラー 1 件、警告 2 件。",
    );
    expect(summaryOf(view, pageStrings("pl"))).toBe(
      "example.org publikuje 1 kontakt. Do poprawienia: 1 błąd i 2 ostrzeżenia.",
    );
  });
});

/** The JSON block of a rendered page, as its script reads it. */
const stringsIn = (html: string): unknown =>
  JSON.parse(
    html.match(
      new RegExp(`<script type="application/json" id="${STRINGS_ID}">([\\s\\S]*?)</script>`),
    )?.[1] ?? "null",
  );
const htmlText = (text: string) => text.replace(/&/g, "&amp;").replace(/'/g, "&#39;");

describe.each([
  ["checker", () => TEMPLATE, renderCheckerPage],
  ["generator", () => GENERATOR_TEMPLATE, renderGeneratorPage],
] as const)("the %s page per language", (page, template, render) => {
  it.each(LANGUAGES.map((l) => [l.tag, l] as const))(
    "%s: lang, its words, the switch, and the script's strings in a JSON block",
    (tag, l) => {
      const html = render(template(), tag);
      const m = WEB_MESSAGES[tag as keyof typeof WEB_MESSAGES][page];
      expect(template()).toContain('<html lang="en">');
      expect(html).toContain(`<html lang="${tag}">`);
      expect(html).toContain(`<h1>${htmlText(m.pageTitle)}</h1>`);
      expect(html).toContain(`<title>${htmlText(m.pageTitle)}</title>`);
      expect(html).toContain(`aria-label="${l.messages.languageSwitch}"`);
      expect(html).not.toMatch(/\{\{(t:|@)/);
      // Only the build's own slots ({{script}}, {{style}}...) are left for the build to fill.
      expect(
        html.replace(/<script[\s\S]*?<\/script>/g, "").replace(/\{\{\w+\}\}/g, ""),
      ).not.toMatch(/\{\w+\}/);
      // The page's own block and the shared ones; the other page's block stays out.
      const other = page === "checker" ? "generator" : "checker";
      const { [other]: _, ...own } = pageStrings(tag);
      expect(stringsIn(html)).toEqual(own);
    },
  );
});

it("the checker's form keeps the language", () => {
  expect(renderCheckerPage(TEMPLATE, "de")).toContain(
    '<input type="hidden" name="lang" value="de">',
  );
});

describe("the generator's static copy", () => {
  const copies = staticCopies((up) => GENERATOR_TEMPLATE.replace("/new/assets/", `${up}assets/`));

  it("has one page per language, English at index.html, the others in TAG/index.html", () => {
    expect(copies.map((c) => c.path)).toEqual(LANGUAGE_TAGS.map(staticCopyPath));
    expect(staticCopyPath("en")).toBe("index.html");
    expect(staticCopyPath("pt-BR")).toBe("pt-BR/index.html");
    for (const { path: file, html } of copies) {
      const tag = file === "index.html" ? "en" : file.split("/")[0];
      expect(html).toContain(`<html lang="${tag}">`);
      // Its assets and the language switch's links are relative to where the file is.
      const up = file.includes("/") ? "../" : "";
      expect(html).toContain(`src="${up}assets/generator.js"`);
      expect(html).toContain(`<a href="${up}index.html" hreflang="en"`);
      expect(html).toContain(`<a href="${up}ja/index.html" hreflang="ja"`);
      expect(html).toMatch(new RegExp(`href="[^"]*" hreflang="${tag}" [^>]*aria-current="true"`));
    }
  });
});

describe("page templates", () => {
  it("a right-to-left language gets dir=rtl", () => {
    const html = renderTemplate('<html lang="en">{{@languages}}', {
      language: { tag: "ar", dir: "rtl" },
      languages: [...LANGUAGES, { tag: "ar", dir: "rtl", name: "العربية" }],
      text: {},
      switchLabel: "اللغة",
    });
    expect(html).toMatch(/^<html lang="ar" dir="rtl"><nav class="languages" aria-label="اللغة">/);
    expect(html).toContain('hreflang="en" lang="en" dir="ltr">English</a>');
  });

  it("refuses a template slot with no string, and keeps data out of the HTML parser", () => {
    const options = {
      language: { tag: "en", dir: "ltr" as const },
      languages: [],
      switchLabel: "",
    };
    expect(() => renderTemplate("{{t:missing}}", { ...options, text: {} })).toThrow(/missing/);
    expect(() => renderTemplate("{{@nope}}", { ...options, text: {} })).toThrow(/nope/);
    expect(renderTemplate("{{build_slot}}", { ...options, text: {} })).toBe("{{build_slot}}");
    expect(
      renderTemplate("<p>{{t:x}}</p>", {
        ...options,
        text: { x: "a <b> & {v}" },
        markup: { v: "<code>v</code>" },
      }),
    ).toBe("<p>a &lt;b&gt; &amp; <code>v</code></p>");
    const page = renderTemplate(
      '<html lang="en"><script type="application/json" id="page-strings">{}</script>{{t:x}}',
      { ...options, text: { x: '<script type="application/json" id="page-strings">' }, data: [1] },
    );
    expect(page).toBe(
      '<html lang="en"><script type="application/json" id="page-strings">[1]</script>&lt;script type=&quot;application/json&quot; id=&quot;page-strings&quot;&gt;',
    );
    const json = scriptJson({ x: "</script><script>alert(1)</script><!--" });
    expect(json).not.toMatch(/<|>/);
    expect(JSON.parse(json)).toEqual({ x: "</script><script>alert(1)</script><!--" });
  });
});
