/**
 * A page template rendered once per language, on the server. The template is HTML with:
 *   {{t:key}}       the string `key` of the page's table, escaped; its `{name}` placeholders
 *                   take the page's markup values (HTML the page's code gives, never data)
 *   {{@lang}}       the language tag          {{@dir}}   ` dir="rtl"` for right-to-left, else ""
 *   {{@languages}}  the language switch (plain `?lang=` links)
 *   {{@data}}       JSON for the page's script, safe inside <script type="application/json">
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

export function renderTemplate(template: string, options: TemplateOptions): string {
  const markup = options.markup ?? {};
  return template.replace(/\{\{(t:(\w+)|@(\w+))\}\}/g, (whole, _all, key, special) => {
    if (key !== undefined) {
      const value = Object.hasOwn(options.text, key) ? options.text[key] : undefined;
      if (typeof value !== "string") throw new Error(`template: no string "${key}" for ${whole}`);
      return fillHtml(value, markup);
    }
    switch (special) {
      case "lang":
        return escapeHtml(options.language.tag);
      case "dir":
        return options.language.dir === "rtl" ? ' dir="rtl"' : "";
      case "languages":
        return languageSwitch(options.language, options.languages, options.switchLabel);
      case "data":
        return scriptJson(options.data);
      default:
        throw new Error(`template: unknown slot ${whole}`);
    }
  });
}
