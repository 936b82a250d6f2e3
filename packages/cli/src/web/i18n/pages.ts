/**
 * A page in every language, chosen per request: `?lang=` when it names one of the languages,
 * else the best for Accept-Language, else the default. Each language's bytes are made once, on
 * first use; answers say `Content-Language` and `Vary: Accept-Language`. Web-standard; the
 * checker page (/check) uses it, and so can any other page (docs/languages.md).
 */
import {
  DEFAULT_LANGUAGE,
  LANGUAGES,
  type Language,
  matchLanguage,
  negotiateLanguage,
} from "../../../../lib/src/server/i18n/index.js";

export interface LocalisedPage {
  /** The language a request gets, and that language's bytes. */
  pick(request: Request): { tag: string; body: Uint8Array<ArrayBuffer> };
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
  const bodies = new Map<string, Uint8Array<ArrayBuffer>>();
  const negotiated = new Map<string, string>();
  const bytes = (tag: string) => {
    let body = bodies.get(tag);
    if (body === undefined) {
      const language = languages.find((l) => l.tag === tag) ?? languages[0];
      body = encoder.encode(language ? render(language) : "");
      bodies.set(tag, body);
    }
    return body;
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
      return { tag, body: bytes(tag) };
    },
    render: bytes,
  };
}
