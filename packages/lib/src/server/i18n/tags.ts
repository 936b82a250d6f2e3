/**
 * The languages the pages speak, as BCP 47 tags (what `<html lang>`, `Content-Language` and
 * `?lang=` use). No strings here, so the config check can name the languages without loading
 * every translation. Adding a language: add its tag here, then its module and its entry in
 * `./index.ts` (the compiler lists what is missing); see docs/languages.md.
 */
export const LANGUAGE_TAGS = [
  "en",
  "de",
  "fr",
  "es",
  "pt-BR",
  "it",
  "nl",
  "pl",
  "ru",
  "ja",
  "zh-Hans",
] as const;

/** A language the pages are written in: one of `LANGUAGE_TAGS` (`en`, `de`, ..., `zh-Hans`). */
export type LanguageTag = (typeof LANGUAGE_TAGS)[number];

/** The language of the pages when neither `?lang=` nor `Accept-Language` picks one. */
export const DEFAULT_LANGUAGE: LanguageTag = "en";

/** True when `tag` is exactly one of the pages' languages (case as listed). */
export function isLanguageTag(tag: unknown): tag is LanguageTag {
  return typeof tag === "string" && (LANGUAGE_TAGS as readonly string[]).includes(tag);
}
