/**
 * Plural forms: one text per CLDR plural category the language uses for whole numbers (English:
 * one, other; Polish and Russian: one, few, many, other; Japanese and Chinese: other). `other` is
 * always given. Browser-safe: `Intl.PluralRules` is in every browser and runtime we support.
 */
import { format } from "../../../../lib/src/server/i18n/format.js";

export interface Plural {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}

/**
 * The form of `forms` for `count` in `lang`, with `{count}` filled in. A `zero` form, when given,
 * is used for 0 whatever the language's rules say (Brazilian Portuguese: "0 erros", not "0 erro").
 */
export function plural(lang: string, forms: Plural, count: number): string {
  let category: Intl.LDMLPluralRule = "other";
  try {
    category = new Intl.PluralRules(lang).select(count);
  } catch {
    // an unknown tag: "other" reads acceptably in every language
  }
  const form = count === 0 && forms.zero !== undefined ? forms.zero : forms[category];
  let shown = String(count);
  try {
    shown = count.toLocaleString(lang);
  } catch {
    // an unknown tag: plain digits
  }
  return format(form ?? forms.other, { count: shown });
}

/** The categories a language uses for whole numbers 0 to 1000 (what a translation must give). */
export function categoriesFor(lang: string): Intl.LDMLPluralRule[] {
  const rules = new Intl.PluralRules(lang);
  const seen = new Set<Intl.LDMLPluralRule>(["other"]);
  for (let n = 0; n <= 1000; n++) seen.add(rules.select(n));
  return [...seen];
}
