/**
 * Diagnostic messages on the pages, in the reader's language where a translation exists. The
 * catalogue stays English (the CLI prints it; `--json` carries it), and a diagnostic carries its
 * message already filled in, not its parameters. So a translation is keyed by code, and its
 * values are read back out of the English message by the catalogue's own template: when the
 * message does not match (a newer catalogue, a changed template), the English message is shown.
 * Hints stay English. Browser-safe.
 */

import { CHECK_CODES } from "../../../../lib/src/core/catalogue/check.js";
import { DOCUMENT_CODES } from "../../../../lib/src/core/catalogue/document.js";
import { PROBE_CODES } from "../../../../lib/src/core/catalogue/probe.js";
import { TRANSPORT_CODES } from "../../../../lib/src/core/catalogue/transport.js";
import { format } from "../../../../lib/src/server/i18n/format.js";
import { el } from "../common/dom.js";

/**
 * The codes a reader of the checker or the generator meets most; each language translates all of
 * them. Codes whose message carries English prose as a value (a grammar's `{reason}`) are left
 * out: half a translated sentence reads worse than the English one. So are the config's own codes:
 * their catalogue would weigh on the checker's bundle, which never shows them.
 */
export const TRANSLATED_CODES = [
  "NOT_PUBLISHED",
  "BROWSER_BLOCKED",
  "CORS_MISSING",
  "CORS_RESTRICTED",
  "NO_SECURITY_CONTACT",
  "NO_OFF_DOMAIN_CONTACT",
  "DNS_FAILED",
  "CONNECT_FAILED",
  "TLS_CERT_EXPIRED",
  "TLS_CERT_SELF_SIGNED",
  "TLS_CERT_WRONG_NAME",
  "BODY_IS_HTML",
  "CONTENT_TYPE_NOT_JSON",
  "SUPPORT_PAGE_HTTP",
  "EMPTY_DOCUMENT",
  "ROLE_MISSING",
  "CONTACT_UNREACHABLE",
  "PROBE_RATE_LIMITED",
  "EMAIL_MAILTO",
  "DUPLICATE_CONTACT",
] as const;

export type TranslatedCode = (typeof TRANSLATED_CODES)[number];

/** Short messages by code, with the English message's placeholders. */
export type DiagnosticMessages = { readonly [C in TranslatedCode]: string };

/** The catalogues whose codes the pages meet (the translated codes are among them). */
export const PAGE_CATALOGUE = {
  ...DOCUMENT_CODES,
  ...TRANSPORT_CODES,
  ...CHECK_CODES,
  ...PROBE_CODES,
};

/** The English templates of the translated codes: the catalogue's messages. */
export const ENGLISH_DIAGNOSTICS: DiagnosticMessages = Object.fromEntries(
  TRANSLATED_CODES.map((code) => [code, PAGE_CATALOGUE[code].message]),
) as { [C in TranslatedCode]: string };

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const matchers = new Map<string, { re: RegExp; names: string[] }>();

/** The values of `template`'s placeholders in `message`, or undefined when it does not fit. */
export function readParams(template: string, message: string): Record<string, string> | undefined {
  let m = matchers.get(template);
  if (m === undefined) {
    const parts = template.split(/\{(\w+)\}/);
    const names: string[] = [];
    let source = "^";
    parts.forEach((part, i) => {
      if (i % 2 === 0) source += escapeRegExp(part);
      else {
        // The same name twice must be the same text.
        const seen = names.indexOf(part);
        if (seen === -1) {
          names.push(part);
          source += "([\\s\\S]*?)";
        } else source += `\\${seen + 1}`;
      }
    });
    m = { re: new RegExp(`${source}$`), names };
    matchers.set(template, m);
  }
  const found = m.re.exec(message);
  if (!found) return undefined;
  const values: Record<string, string> = {};
  m.names.forEach((name, i) => {
    values[name] = found[i + 1] ?? "";
  });
  return values;
}

/**
 * A diagnostic's message in the reader's language: `table[code]` filled with the values read
 * from the English message; the English message when there is no translation or it does not fit.
 */
export function translateMessage(
  d: { code: string; message: string },
  table: Readonly<Record<string, string>>,
): { text: string; translated: boolean } {
  const english = Object.hasOwn(ENGLISH_DIAGNOSTICS, d.code)
    ? ENGLISH_DIAGNOSTICS[d.code as TranslatedCode]
    : undefined;
  const translation = Object.hasOwn(table, d.code) ? table[d.code] : undefined;
  if (english === undefined || typeof translation !== "string" || translation === english)
    return { text: d.message, translated: false };
  const values = readParams(english, d.message);
  if (values === undefined) return { text: d.message, translated: false };
  return { text: format(translation, values), translated: true };
}

/** A severity in the page's words (each page's block has the three). */
export function severityText(
  severity: "error" | "warning" | "info",
  t: { severityError: string; severityWarning: string; severityInfo: string },
): string {
  return severity === "error"
    ? t.severityError
    : severity === "warning"
      ? t.severityWarning
      : t.severityInfo;
}

/** `lang` for English text on a page in `pageLang`: "en", or undefined on an English page. */
export const englishOn = (pageLang: string): string | undefined =>
  pageLang === "en" ? undefined : "en";

/**
 * A diagnostic's message as page text: translated when it can be, else the English message,
 * marked `lang="en"` on a page in another language so screen readers switch voice.
 */
export function messageText(
  d: { code: string; message: string },
  s: { lang: string; diagnostics: Readonly<Record<string, string>> },
): string | HTMLElement {
  const message = translateMessage(d, s.diagnostics);
  return message.translated ? message.text : el("span", { lang: englishOn(s.lang) }, message.text);
}
