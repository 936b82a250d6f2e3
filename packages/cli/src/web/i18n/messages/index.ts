/**
 * Every language's strings for the web pages, for the server to embed in the page it serves.
 * Server-side only: the page's script must not import this (it would carry every language);
 * it reads the one language it is served in (../strings.ts).
 */
import { languageOf } from "../../../../../lib/src/server/i18n/index.js";
import type { LanguageTag } from "../../../../../lib/src/server/i18n/tags.js";
import { type DiagnosticMessages, ENGLISH_DIAGNOSTICS } from "../diagnostics.js";
import type { CheckerStrings, GeneratorStrings, PageStrings } from "../strings.js";
import { de } from "./de.js";
import { type CheckerMessages, checker, type GeneratorMessages, generator } from "./en.js";
import { es } from "./es.js";
import { fr } from "./fr.js";
import { it } from "./it.js";
import { ja } from "./ja.js";
import { nl } from "./nl.js";
import { pl } from "./pl.js";
import { ptBR } from "./pt-br.js";
import { ru } from "./ru.js";
import { zhHans } from "./zh-hans.js";

export interface WebMessages {
  checker: CheckerMessages;
  generator: GeneratorMessages;
  diagnostics: DiagnosticMessages;
}

/** By language tag; a language of the pages without its entry here does not compile. */
export const WEB_MESSAGES: { readonly [T in LanguageTag]: WebMessages } = {
  en: { checker, generator, diagnostics: ENGLISH_DIAGNOSTICS },
  de,
  fr,
  es,
  "pt-BR": ptBR,
  it,
  nl,
  pl,
  ru,
  ja,
  "zh-Hans": zhHans,
};

/** The strings the pages' scripts get in `tag` (English for a tag the pages do not have). */
export function pageStrings(tag: string): PageStrings {
  const language = languageOf(tag);
  const web = Object.hasOwn(WEB_MESSAGES, language.tag)
    ? WEB_MESSAGES[language.tag as LanguageTag]
    : WEB_MESSAGES.en;
  return {
    lang: language.tag,
    checker: web.checker,
    generator: web.generator,
    page: language.messages,
    diagnostics: web.diagnostics,
  };
}

/** A page whose script reads its own block of the strings. */
export type ScriptPage = "checker" | "generator";

/**
 * What one page embeds for its script: `pageStrings(tag)` without the other page's block (its
 * script would read English there, and never does).
 */
export function scriptStrings(tag: string, page: ScriptPage): CheckerStrings | GeneratorStrings {
  const { checker, generator, ...shared } = pageStrings(tag);
  return page === "checker" ? { ...shared, checker } : { ...shared, generator };
}
