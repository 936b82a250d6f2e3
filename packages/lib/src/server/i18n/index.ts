/**
 * The pages' languages: for each, its tag, its own name (for the language switch), its writing
 * direction and the support page's strings. English is the reference (`./en.ts`); a language
 * missing a string does not compile, and test/server/i18n.test.ts checks placeholders and `dir`.
 */
import { de } from "./de.js";
import { en, type Messages } from "./en.js";
import { es } from "./es.js";
import { fr } from "./fr.js";
import { it } from "./it.js";
import { ja } from "./ja.js";
import { nl } from "./nl.js";
import { pl } from "./pl.js";
import { ptBR } from "./pt-br.js";
import { ru } from "./ru.js";
import { LANGUAGE_TAGS, type LanguageTag } from "./tags.js";
import { zhHans } from "./zh-hans.js";

/** The English table: `Messages` has its keys (`typeof en` names the table's type). */
export type { en, Messages } from "./en.js";
export { format, formatParts, placeholders } from "./format.js";
export {
  type LanguageRange,
  matchLanguage,
  negotiateLanguage,
  parseAcceptLanguage,
} from "./negotiate.js";
export { DEFAULT_LANGUAGE, isLanguageTag, LANGUAGE_TAGS, type LanguageTag } from "./tags.js";

/** One language of the pages. */
export interface Language<M = Messages> {
  /** BCP 47 tag, as in `<html lang>`, `Content-Language` and `?lang=`. */
  tag: string;
  /** The language's name in itself, for the language switch ("Deutsch", "日本語"). */
  name: string;
  /** Writing direction: `rtl` for Arabic, Hebrew, Persian, Urdu... (`<html dir>`). */
  dir: "ltr" | "rtl";
  messages: M;
}

const REGISTRY: { readonly [T in LanguageTag]: Omit<Language, "tag"> } = {
  en: { name: "English", dir: "ltr", messages: en },
  de: { name: "Deutsch", dir: "ltr", messages: de },
  fr: { name: "Français", dir: "ltr", messages: fr },
  es: { name: "Español", dir: "ltr", messages: es },
  "pt-BR": { name: "Português (Brasil)", dir: "ltr", messages: ptBR },
  it: { name: "Italiano", dir: "ltr", messages: it },
  nl: { name: "Nederlands", dir: "ltr", messages: nl },
  pl: { name: "Polski", dir: "ltr", messages: pl },
  ru: { name: "Русский", dir: "ltr", messages: ru },
  ja: { name: "日本語", dir: "ltr", messages: ja },
  "zh-Hans": { name: "中文（简体）", dir: "ltr", messages: zhHans },
};

/** Every language, in the order of the language switch. */
export const LANGUAGES: readonly Language[] = LANGUAGE_TAGS.map((tag) => ({
  tag,
  ...REGISTRY[tag],
}));

/** The language with this exact tag; English when there is none. */
export function languageOf(tag: string | undefined): Language {
  return LANGUAGES.find((l) => l.tag === tag) ?? { tag: "en", ...REGISTRY.en };
}
