/**
 * The strings a page's script needs, as the server embeds them: a `<script type="application/json"
 * id="page-strings">` block in the page (data, which the strict CSP does not execute). Read once;
 * anything missing or of the wrong type falls back to English, so a stale page still works.
 * Browser-safe: imports English only, never the other languages.
 */
import { type Messages, en as pageEnglish } from "../../../../lib/src/server/i18n/en.js";
import { type DiagnosticMessages, ENGLISH_DIAGNOSTICS } from "./diagnostics.js";
import { type CheckerMessages, checker as checkerEnglish } from "./messages/en.js";
import type { Plural } from "./plural.js";

export const STRINGS_ID = "page-strings";

/** What the server embeds for one language. */
export interface PageStrings {
  /** The language's tag, as in `<html lang>`. */
  lang: string;
  checker: CheckerMessages;
  /** The support page's strings: role labels and descriptions, "Matrix", "Email"... */
  page: Messages;
  /** Translated short messages by diagnostic code. */
  diagnostics: DiagnosticMessages;
}

export const ENGLISH: PageStrings = {
  lang: "en",
  checker: checkerEnglish,
  page: pageEnglish,
  diagnostics: ENGLISH_DIAGNOSTICS,
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

/** Reads the strings from JSON text (the block's content); English for anything unusable. */
export function parsePageStrings(text: string | null | undefined): PageStrings {
  let value: unknown;
  try {
    value = text ? JSON.parse(text) : undefined;
  } catch {
    value = undefined;
  }
  if (!isObject(value)) return ENGLISH;
  return {
    lang: typeof value.lang === "string" && value.lang !== "" ? value.lang : "en",
    checker: merge(checkerEnglish, value.checker),
    page: merge(pageEnglish, value.page),
    diagnostics: merge(ENGLISH_DIAGNOSTICS, value.diagnostics),
  };
}

/** The strings of this document (English when the page carries none). */
export function readPageStrings(doc: Document): PageStrings {
  return parsePageStrings(doc.getElementById(STRINGS_ID)?.textContent);
}
