/**
 * A page template rendered once per language, on the server. The template is valid HTML written
 * in English (so editors and the linter can read it), with:
 *   <html lang="en">  rewritten to the language served, with dir="rtl" for right-to-left ones
 *   <script type="application/json" id="page-strings">{}</script>
 *                   filled with JSON for the page's script (a data block: the CSP runs no inline
 *                   script, and this is none)
 *   {{t:key}}       the string `key` of the page's table, escaped; its `{name}` placeholders
 *                   take the page's markup values (HTML the page's code gives, never data)
 *   {{@lang}}       the language tag (e.g. in an attribute value)
 *   {{@languages}}  the language switch (plain `?lang=` links, or `switchHref`'s)
 * Anything else in `{{...}}` is left alone (the build fills its own `{{name}}` slots first). An
 * unknown key throws: templates are ours, and the tests render every language.
 */
import type { Language } from "../../../../lib/src/server/i18n/index.js";
import { escapeHtml, fillHtml, languageSwitch } from "../../../../lib/src/server/support-page.js";

export interface TemplateOptions {
  language: Pick<Language, "tag" | "dir">;
  /** The languages of the switch. */
  languages: readonly Pick<Language, "tag" | "dir" | "name">[];
  /** The strings `{{t:key}}` names. */
  text: Readonly<Record<string, unknown>>;
  /** HTML for the `{name}` placeholders inside those strings. */
  markup?: Readonly<Record<string, string>>;
  /** The switch's accessible name ("Language", in the page's language). */
  switchLabel: string;
  /** Where the switch's link to a language leads (default `?lang=TAG`). */
  switchHref?: ((tag: string) => string) | undefined;
  /** What `{{@data}}` carries. */
  data?: unknown;
}

/** JSON that cannot end its <script> element or open a comment inside it. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value ?? null)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026");
}

/** The JSON block the page's script reads (see ./strings.ts). */
const DATA_BLOCK = /(<script type="application\/json" id="page-strings">)[\s\S]*?(<\/script>)/;

export function renderTemplate(template: string, options: TemplateOptions): string {
  const markup = options.markup ?? {};
  const tag = escapeHtml(options.language.tag);
  const dir = options.language.dir === "rtl" ? ' dir="rtl"' : "";
  const filled = template.replace(/\{\{(t:(\w+)|@(\w+))\}\}/g, (whole, _all, key, special) => {
    if (key !== undefined) {
      const value = Object.hasOwn(options.text, key) ? options.text[key] : undefined;
      if (typeof value !== "string") throw new Error(`template: no string "${key}" for ${whole}`);
      return fillHtml(value, markup);
    }
    switch (special) {
      case "lang":
        return tag;
      case "languages":
        return languageSwitch(
          options.language,
          options.languages,
          options.switchLabel,
          options.switchHref,
        );
      default:
        throw new Error(`template: unknown slot ${whole}`);
    }
  });
  // Last, so nothing inserted above is read as a slot.
  return filled
    .replace(/<html lang="[^"]*"/, () => `<html lang="${tag}"${dir}`)
    .replace(
      DATA_BLOCK,
      (_, open: string, close: string) => `${open}${scriptJson(options.data)}${close}`,
    );
}
