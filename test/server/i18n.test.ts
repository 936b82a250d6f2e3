// The pages' languages: choosing one (Accept-Language, ?lang=), and every translation complete,
// with the English placeholders and the right writing direction.
import { describe, expect, it } from "vitest";
import { roleDescription, roleLabel } from "../../packages/lib/src/core/roles.js";
import { en } from "../../packages/lib/src/server/i18n/en.js";
import {
  format,
  formatParts,
  LANGUAGE_TAGS,
  LANGUAGES,
  type Language,
  matchLanguage,
  negotiateLanguage,
  parseAcceptLanguage,
  placeholders,
} from "../../packages/lib/src/server/i18n/index.js";
import { renderSupportPage, roleText } from "../../packages/lib/src/server/support-page.js";
import { exampleConfig, withExtensionsConfig } from "./helpers.js";

const TAGS = [...LANGUAGE_TAGS];
const negotiate = (header: string | null | undefined, fallback = "en") =>
  negotiateLanguage(header, TAGS, fallback);

describe("negotiateLanguage", () => {
  it("takes the best q-value, ties in the order written", () => {
    expect(negotiate("fr;q=0.4, de;q=0.9, en;q=0.8")).toBe("de");
    expect(negotiate("nl, pl")).toBe("nl");
    expect(negotiate("pl;q=0.5, nl;q=0.5")).toBe("pl");
    expect(negotiate("ja-JP,ja;q=0.9,en-US;q=0.8,en;q=0.7")).toBe("ja");
  });

  it("skips languages it does not have, then falls back to the default", () => {
    expect(negotiate("sv-SE, sv;q=0.9, it;q=0.5")).toBe("it");
    expect(negotiate("sv, fi")).toBe("en");
    expect(negotiate("sv, fi", "de")).toBe("de");
    expect(negotiate(undefined, "ru")).toBe("ru");
    expect(negotiate("", "ru")).toBe("ru");
  });

  it("reads regions: pt-BR, pt and pt-PT mean Portuguese (Brazil), en-GB means English", () => {
    expect(negotiate("pt-BR")).toBe("pt-BR");
    expect(negotiate("pt")).toBe("pt-BR");
    expect(negotiate("pt-PT,pt;q=0.9")).toBe("pt-BR");
    expect(negotiate("en-GB")).toBe("en");
    expect(negotiate("de-CH-1996")).toBe("de");
    expect(negotiate("ES-mx")).toBe("es");
    expect(negotiate("fr_CA")).toBe("fr");
  });

  it("matches Chinese by script: zh, zh-CN, zh-SG and zh-Hans are Simplified, zh-TW is not", () => {
    for (const tag of ["zh", "zh-CN", "zh-SG", "zh-Hans", "zh-Hans-CN", "zh-hans"])
      expect(negotiate(tag), tag).toBe("zh-Hans");
    for (const tag of ["zh-TW", "zh-HK", "zh-MO", "zh-Hant", "zh-Hant-TW"])
      expect(negotiate(tag), tag).toBe("en");
    // A Taiwanese browser usually lists plain zh next: that is the reader's own choice.
    expect(negotiate("zh-TW,zh;q=0.9,en;q=0.8")).toBe("zh-Hans");
    expect(negotiate("zh-TW,en;q=0.8,zh;q=0.5")).toBe("en");
  });

  it("reads * as any other language, and q=0 as refused", () => {
    expect(negotiate("*", "fr")).toBe("fr");
    expect(negotiate("sv, *;q=0.5", "de")).toBe("de");
    expect(negotiate("en;q=0, *")).toBe("de");
    expect(negotiate("de;q=0, fr;q=0, *", "de")).toBe("en");
    expect(negotiate("de;q=0", "en")).toBe("en");
    // Refusing one region is not refusing the language.
    expect(negotiate("en-GB;q=0, en")).toBe("en");
  });

  it("drops malformed ranges and q-values instead of failing", () => {
    expect(negotiate("de;q=2, fr")).toBe("fr");
    expect(negotiate("de;q=abc, fr;q=0.5")).toBe("fr");
    expect(negotiate(";;, ,=, <script>, ja")).toBe("ja");
    expect(negotiate("x".repeat(5000))).toBe("en");
    expect(negotiate(`${"sv, ".repeat(100)}de`)).toBe("en"); // past the 32 ranges read
    expect(parseAcceptLanguage("a;q=0.5, b, c;q=1.000, d;q=0.")).toEqual([
      { tag: "b", q: 1 },
      { tag: "c", q: 1 },
      { tag: "a", q: 0.5 },
      { tag: "d", q: 0 },
    ]);
  });

  it("matchLanguage matches one tag (?lang=) the same way, or says there is none", () => {
    expect(matchLanguage("DE", TAGS)).toBe("de");
    expect(matchLanguage("pt", TAGS)).toBe("pt-BR");
    expect(matchLanguage("zh-CN", TAGS)).toBe("zh-Hans");
    expect(matchLanguage("sv", TAGS)).toBeUndefined();
    expect(matchLanguage("*", TAGS)).toBeUndefined();
    expect(matchLanguage("../../etc", TAGS)).toBeUndefined();
    // The other way round, for policies in a document: which of its languages suits a reader.
    expect(matchLanguage("pt-BR", ["en", "pt"])).toBe("pt");
    expect(matchLanguage("zh-Hans", ["en", "zh-CN", "zh-TW"])).toBe("zh-CN");
    expect(matchLanguage("zh-Hans", ["en", "zh-TW"])).toBeUndefined();
  });
});

describe("format", () => {
  it("fills placeholders, keeps unknown ones, and splits around values of any type", () => {
    expect(format("{a} and {b}", { a: 1, b: "x" })).toBe("1 and x");
    expect(format("{a} and {missing}", { a: "y" })).toBe("y and {missing}");
    expect(formatParts("at {path}.", { path: { node: true } })).toEqual([
      "at ",
      { node: true },
      ".",
    ]);
    expect(placeholders("{b} {a} {b}")).toEqual(["b", "a"]);
  });
});

/** The writing direction of a language by its script (CLDR, through Intl where it can tell). */
function expectedDirection(tag: string): "ltr" | "rtl" {
  const locale = new Intl.Locale(tag) as Intl.Locale & {
    textInfo?: { direction?: string };
    getTextInfo?: () => { direction?: string };
  };
  const info = locale.getTextInfo?.() ?? locale.textInfo;
  if (info?.direction === "rtl" || info?.direction === "ltr") return info.direction;
  return /^(ar|he|fa|ur|ps|sd|ug|yi|dv|ckb)(-|$)/i.test(tag) ? "rtl" : "ltr";
}

describe("the translations", () => {
  const keys = Object.keys(en).sort();

  it("cover the languages the product promises, each once", () => {
    expect(LANGUAGES.map((l) => l.tag)).toEqual(TAGS);
    for (const tag of ["en", "de", "fr", "es", "pt-BR", "it", "nl", "pl", "ru", "ja", "zh-Hans"])
      expect(TAGS).toContain(tag);
    expect(new Set(LANGUAGES.map((l) => l.name)).size).toBe(LANGUAGES.length);
  });

  it.each(LANGUAGES.map((l) => [l.tag, l] as const))("%s has every string, none empty", (_, l) => {
    expect(Object.keys(l.messages).sort()).toEqual(keys);
    for (const key of keys) {
      const text = l.messages[key as keyof typeof en];
      expect(typeof text, key).toBe("string");
      expect(text.trim(), key).not.toBe("");
    }
  });

  it.each(LANGUAGES.map((l) => [l.tag, l] as const))(
    "%s keeps every placeholder of the English text, and adds none",
    (_, l) => {
      for (const key of keys) {
        const want = placeholders(en[key as keyof typeof en]).sort();
        expect(placeholders(l.messages[key as keyof typeof en]).sort(), `${l.tag}.${key}`).toEqual(
          want,
        );
      }
    },
  );

  it("translates the page's sentences (a copied English string is a missed translation)", () => {
    // Labels that are the same word in some languages ("Matrix", "Moderator") are not checked.
    const sentences = keys.filter((k) => en[k as keyof typeof en].length > 25);
    for (const l of LANGUAGES.filter((x) => x.tag !== "en"))
      for (const key of sentences)
        expect(l.messages[key as keyof typeof en], `${l.tag}.${key}`).not.toBe(
          en[key as keyof typeof en],
        );
  });

  it.each(LANGUAGES.map((l) => [l.tag, l] as const))(
    "%s is written in the direction of its script",
    (_, l) => {
      expect(l.dir).toBe(expectedDirection(l.tag));
    },
  );

  it("the English role texts are the ones the CLI prints", () => {
    for (const role of [
      "m.role.admin",
      "m.role.security",
      "m.role.moderator",
      "m.role.report_moderator",
      "m.role.dpo",
      "org.matrix.msc4265.role.dpo",
      "support.feline.msc4121.role.moderator",
    ]) {
      const t = roleText(role, en);
      expect(t.label).toBe(roleLabel(role));
      expect(t.description).toBe(roleDescription(role));
    }
    expect(roleText("com.example.role.abuse", en)).toEqual({ label: "com.example.role.abuse" });
  });
});

describe("the page in every language", () => {
  it.each(LANGUAGES.map((l) => [l.tag, l] as const))(
    "%s: lang attribute, translated strings, no placeholder left",
    (tag, l) => {
      const html = renderSupportPage(withExtensionsConfig, { language: tag });
      expect(html).toContain(`<html lang="${tag}">`);
      expect(html).toContain(
        `<title>${format(l.messages.title, { server: "example.org" })}</title>`,
      );
      expect(html).toContain(`>${l.messages.roleSecurity}</h3>`);
      expect(html).toContain(l.messages.contactsHeading);
      expect(html.replace(/<[^>]*>/g, "")).not.toMatch(/\{\w+\}/);
      // The switch names every language in itself and marks the current one.
      for (const other of LANGUAGES)
        expect(html).toContain(
          `href="?lang=${other.tag}" hreflang="${other.tag}" lang="${other.tag}"`,
        );
      expect(html).toContain(`lang="${tag}" aria-current="true">`);
    },
  );

  it("gets dir=rtl for a right-to-left language, and marks the switch's links by direction", () => {
    const ar: Language = {
      tag: "ar",
      name: "العربية",
      dir: "rtl",
      messages: { ...en, title: "الدعم لـ {server}" },
    };
    expect(expectedDirection("ar")).toBe("rtl");
    const languages = [...LANGUAGES, ar];
    const html = renderSupportPage(exampleConfig, { language: ar, languages });
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain('hreflang="en" lang="en" dir="ltr">English</a>');
    const english = renderSupportPage(exampleConfig, { language: "en", languages });
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('lang="ar" dir="rtl">العربية</a>');
  });

  it("the stylesheet uses no physical left/right, so right-to-left pages mirror", async () => {
    const { SUPPORT_PAGE_CSS } = await import("../../packages/lib/src/server/support-page.js");
    expect(SUPPORT_PAGE_CSS).not.toMatch(/(?:^|[\s;{-])(?:left|right)\s*:|-(?:left|right)\b/m);
  });
});
