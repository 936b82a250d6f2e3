/**
 * A page in every language, chosen per request: `?lang=` when it names one of the languages,
 * else the best for Accept-Language, else the default. Each language's bytes (and their ETag)
 * are made once, on first use; answers say `Content-Language` and `Vary: Accept-Language`.
 * Web-standard; the checker page (/check) and the generator page (/new) use it
 * (docs/languages.md).
 */
import { strongEtag } from "../../../../lib/src/server/hash.js";
import {
  DEFAULT_LANGUAGE,
  LANGUAGES,
  type Language,
  languageOf,
  matchLanguage,
  negotiateLanguage,
} from "../../../../lib/src/server/i18n/index.js";
import { pageStrings, type ScriptPage, scriptStrings } from "./messages/index.js";
import type { PageStrings } from "./strings.js";
import { renderTemplate } from "./template.js";

/** One language's answer: its bytes and their strong ETag (each language has its own). */
export interface LocalisedBody {
  body: Uint8Array<ArrayBuffer>;
  etag: string;
}

export interface LocalisedPage {
  /** The language a request gets, and that language's bytes. */
  pick(request: Request): { tag: string } & LocalisedBody;
  /** The bytes of one language (for tests and static export). */
  render(tag: string): Uint8Array<ArrayBuffer>;
}

const NEGOTIATION_CACHE = 512;
const encoder = new TextEncoder();

/** The headers a localised answer adds. */
export const localisedHeaders = (tag: string): Record<string, string> => ({
  "content-language": tag,
  vary: "Accept-Language",
});

/**
 * `render(language)` gives the page's HTML in that language; it runs once per language. The
 * default language is `defaultLanguage` when it is one of `languages`, else English.
 */
export function createLocalisedPage(
  render: (language: Language) => string,
  options: { defaultLanguage?: string | undefined; languages?: readonly Language[] } = {},
): LocalisedPage {
  const languages = options.languages?.length ? options.languages : LANGUAGES;
  const tags = languages.map((l) => l.tag);
  const fallback =
    tags.find((t) => t === options.defaultLanguage) ??
    tags.find((t) => t === DEFAULT_LANGUAGE) ??
    tags[0] ??
    DEFAULT_LANGUAGE;
  const bodies = new Map<string, LocalisedBody>();
  const negotiated = new Map<string, string>();
  const answer = (tag: string): LocalisedBody => {
    let made = bodies.get(tag);
    if (made === undefined) {
      const language = languages.find((l) => l.tag === tag) ?? languages[0];
      const body = encoder.encode(language ? render(language) : "");
      made = { body, etag: strongEtag(body) };
      bodies.set(tag, made);
    }
    return made;
  };
  const choose = (request: Request): string => {
    let lang: string | null = null;
    try {
      lang = new URL(request.url).searchParams.get("lang");
    } catch {
      // no usable query: negotiate
    }
    const asked = lang ? matchLanguage(lang, tags) : undefined;
    if (asked !== undefined) return asked;
    const header = request.headers.get("accept-language");
    if (!header) return fallback;
    let tag = negotiated.get(header);
    if (tag === undefined) {
      tag = negotiateLanguage(header, tags, fallback);
      if (negotiated.size >= NEGOTIATION_CACHE) negotiated.clear();
      negotiated.set(header, tag);
    }
    return tag;
  };
  return {
    pick(request) {
      const tag = choose(request);
      return { tag, ...answer(tag) };
    },
    render: (tag) => answer(tag).body,
  };
}

/**
 * A page's template (./template.ts) in one language: the words of its block of the strings, the
 * language switch, and the strings its script reads. `markup` gives the HTML for the `{name}`
 * placeholders inside its words.
 */
export function renderPageTemplate(
  template: string,
  tag: string,
  page: ScriptPage,
  markup: (strings: PageStrings) => Readonly<Record<string, string>>,
  switchHref?: (tag: string) => string,
): string {
  const language = languageOf(tag);
  const strings = pageStrings(language.tag);
  return renderTemplate(template, {
    language,
    languages: LANGUAGES,
    text: strings[page],
    markup: markup(strings),
    switchLabel: strings.page.languageSwitch,
    switchHref,
    data: scriptStrings(language.tag, page),
  });
}
