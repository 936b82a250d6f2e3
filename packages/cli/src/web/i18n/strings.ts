/**
 * The strings a page's script needs, as the server embeds them: a `<script type="application/json"
 * id="page-strings">` block in the page (data, which the strict CSP does not execute). Read once;
 * anything missing or of the wrong type falls back to English, so a stale page still works.
 * Browser-safe: imports English only, never the other languages; and each page's script reads its
 * own block only (`parseCheckerStrings`, `parseGeneratorStrings`), so its bundle carries no other
 * page's English.
 */
import { type Messages, en as pageEnglish } from "../../../../lib/src/server/i18n/en.js";
import { type DiagnosticMessages, ENGLISH_DIAGNOSTICS } from "./diagnostics.js";
import {
  type CheckerMessages,
  checker as checkerEnglish,
  type GeneratorMessages,
  generator as generatorEnglish,
} from "./messages/en.js";
import type { Plural } from "./plural.js";

export const STRINGS_ID = "page-strings";

/** What every page's script gets: the language, the support page's strings, the diagnostics. */
export interface SharedStrings {
  /** The language's tag, as in `<html lang>`. */
  lang: string;
  /** The support page's strings: role labels and descriptions, "Matrix", "Email"... */
  page: Messages;
  /** Translated short messages by diagnostic code. */
  diagnostics: DiagnosticMessages;
}

/** The checker page's script's strings: the shared ones and its block. */
export interface CheckerStrings extends SharedStrings {
  checker: CheckerMessages;
}

/** The generator page's script's strings: the shared ones and its block. */
export interface GeneratorStrings extends SharedStrings {
  generator: GeneratorMessages;
}

/** Every page's strings in one language, as the server holds them. */
export type PageStrings = CheckerStrings & GeneratorStrings;

// Each script reads its own block only, so each bundle carries its own English block only.
export const CHECKER_ENGLISH: CheckerStrings = {
  lang: "en",
  page: pageEnglish,
  diagnostics: ENGLISH_DIAGNOSTICS,
  checker: checkerEnglish,
};

export const GENERATOR_ENGLISH: GeneratorStrings = {
  lang: "en",
  page: pageEnglish,
  diagnostics: ENGLISH_DIAGNOSTICS,
  generator: generatorEnglish,
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const PLURAL_KEYS = ["zero", "one", "two", "few", "many", "other"] as const;

function readPlural(v: unknown, fallback: Plural): Plural {
  if (!isObject(v) || typeof v.other !== "string") return fallback;
  const out: Plural = { other: v.other };
  for (const k of PLURAL_KEYS) {
    const form = v[k];
    if (typeof form === "string") out[k] = form;
  }
  return out;
}

/** `given`'s values where they have the reference's type, the reference's elsewhere. */
function merge<T extends object>(reference: T, given: unknown): T {
  if (!isObject(given)) return reference;
  const out: Record<string, unknown> = {};
  for (const [key, fallback] of Object.entries(reference)) {
    const v = Object.hasOwn(given, key) ? given[key] : undefined;
    out[key] =
      typeof fallback === "string"
        ? typeof v === "string"
          ? v
          : fallback
        : readPlural(v, fallback as Plural);
  }
  return out as T;
}

/** The JSON block's content as an object, or undefined when it is not one. */
function parseObject(text: string | null | undefined): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = text ? JSON.parse(text) : undefined;
  } catch {
    value = undefined;
  }
  return isObject(value) ? value : undefined;
}

/** The shared strings of a parsed block; `english`'s for anything unusable. */
function shared(value: Record<string, unknown>, english: SharedStrings): SharedStrings {
  return {
    lang: typeof value.lang === "string" && value.lang !== "" ? value.lang : english.lang,
    page: merge(english.page, value.page),
    diagnostics: merge(english.diagnostics, value.diagnostics),
  };
}

/** The checker's strings from JSON text (the block's content); English for anything unusable. */
export function parseCheckerStrings(text: string | null | undefined): CheckerStrings {
  const value = parseObject(text);
  if (value === undefined) return CHECKER_ENGLISH;
  return { ...shared(value, CHECKER_ENGLISH), checker: merge(checkerEnglish, value.checker) };
}

/** The generator's strings from JSON text (the block's content); English for anything unusable. */
export function parseGeneratorStrings(text: string | null | undefined): GeneratorStrings {
  const value = parseObject(text);
  if (value === undefined) return GENERATOR_ENGLISH;
  return {
    ...shared(value, GENERATOR_ENGLISH),
    generator: merge(generatorEnglish, value.generator),
  };
}

/** The JSON block of this document (null when the page carries none). */
export function pageStringsText(doc: Document): string | null {
  return doc.getElementById(STRINGS_ID)?.textContent ?? null;
}
