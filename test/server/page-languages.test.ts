// The support page per language through the handler and the Node adapter: negotiated from
// Accept-Language, chosen with ?lang=, one precomputed answer (and ETag) per language, and the
// config's own texts and default language. The support JSON itself never varies.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Config } from "../../packages/lib/src/config/types.js";
import { toNodeListener } from "../../packages/lib/src/node/adapter.js";
import { createSupportHandler } from "../../packages/lib/src/server/handler.js";
import { LANGUAGES } from "../../packages/lib/src/server/i18n/index.js";
import { compileSite } from "../../packages/lib/src/server/site.js";
import { renderSupportPage } from "../../packages/lib/src/server/support-page.js";
import { exampleConfig, url } from "./helpers.js";

const handler = createSupportHandler(exampleConfig);
const page = (init: { lang?: string; accept?: string; headers?: Record<string, string> } = {}) =>
  handler(
    new Request(url(init.lang === undefined ? "/" : `/?lang=${init.lang}`), {
      headers: { ...(init.accept ? { "accept-language": init.accept } : {}), ...init.headers },
    }),
  );
const langOf = (html: string) => html.match(/<html lang="([^"]+)"/)?.[1];

describe("the page's language", () => {
  it("follows Accept-Language, says which it served, and varies on it", async () => {
    const res = await page({ accept: "de-DE,de;q=0.9,en;q=0.8" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-language")).toBe("de");
    expect(res.headers.get("vary")).toBe("Accept-Language");
    const html = await res.text();
    expect(langOf(html)).toBe("de");
    expect(html).toContain("<h1>Support für example.org</h1>");
    expect(html).toContain(">Sicherheit</h3>");
  });

  it("answers in each language by header and by ?lang=", async () => {
    for (const l of LANGUAGES) {
      for (const res of [await page({ accept: l.tag }), await page({ lang: l.tag })]) {
        expect(res.headers.get("content-language")).toBe(l.tag);
        const html = await res.text();
        expect(langOf(html)).toBe(l.tag);
        expect(html).toContain(`<h3 id="role-0">${l.messages.roleAdmin}</h3>`);
      }
    }
  });

  it("?lang= wins over the header; an unknown one is ignored", async () => {
    expect(langOf(await (await page({ lang: "ja", accept: "fr" })).text())).toBe("ja");
    expect(langOf(await (await page({ lang: "pt", accept: "fr" })).text())).toBe("pt-BR");
    expect(langOf(await (await page({ lang: "zh-CN" })).text())).toBe("zh-Hans");
    expect(langOf(await (await page({ lang: "xx", accept: "fr" })).text())).toBe("fr");
    expect(langOf(await (await page({ lang: "%3Cscript%3E", accept: "it" })).text())).toBe("it");
    expect(langOf(await (await page({ lang: "" })).text())).toBe("en");
  });

  it("has one ETag per language, and answers 304 only for the same language", async () => {
    const de = await page({ accept: "de" });
    const fr = await page({ accept: "fr" });
    const etag = de.headers.get("etag")!;
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(fr.headers.get("etag")).not.toBe(etag);
    const again = await page({ accept: "de", headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get("vary")).toBe("Accept-Language");
    expect(again.headers.get("content-language")).toBe("de");
    expect((await page({ accept: "fr", headers: { "if-none-match": etag } })).status).toBe(200);
    expect((await page({ lang: "de", headers: { "if-none-match": etag } })).status).toBe(304);
    const head = await handler(new Request(url("/?lang=ru"), { method: "HEAD" }));
    expect(head.headers.get("content-language")).toBe("ru");
    expect(await head.text()).toBe("");
  });

  it("precomputes every answer: the same header gives the same bytes, not a new render", () => {
    const site = compileSite(exampleConfig);
    const first = site.answer("GET", "/", null, "pl-PL,pl;q=0.9");
    expect(first?.headers["content-language"]).toBe("pl");
    expect(site.answer("GET", "/", null, "pl-PL,pl;q=0.9")).toBe(first);
    expect(site.answer("GET", "/", null, null, "pl")).toBe(first);
    expect(site.answer("GET", "/", null, "pl")?.body).toBe(first?.body);
    const body = new TextDecoder().decode(first?.body);
    expect(body).toBe(renderSupportPage(exampleConfig, { language: "pl" }));
    // Thousands of distinct headers do not grow the memory without bound.
    for (let i = 0; i < 5000; i++) site.answer("GET", "/", null, `x-${i}, de`);
    expect(site.answer("GET", "/", null, "x-1, de")?.headers["content-language"]).toBe("de");
  });

  it("the support JSON and the assets do not vary by language", async () => {
    const json = await handler(
      new Request(url("/.well-known/matrix/support?lang=de"), {
        headers: { "accept-language": "de" },
      }),
    );
    expect(json.headers.get("vary")).toBeNull();
    expect(json.headers.get("content-language")).toBeNull();
    const en = await (await handler(new Request(url("/.well-known/matrix/support")))).text();
    expect(await json.text()).toBe(en);
  });
});

describe("through the Node adapter", () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer(toNodeListener(handler));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("reads Accept-Language and ?lang= from the fast path", async () => {
    const ja = await fetch(`${base}/`, { headers: { "accept-language": "ja,en;q=0.5" } });
    expect(ja.headers.get("content-language")).toBe("ja");
    expect(ja.headers.get("vary")).toBe("Accept-Language");
    expect(await ja.text()).toContain("<h1>example.org のサポート</h1>");
    const es = await fetch(`${base}/?lang=es`, { headers: { "accept-language": "ja" } });
    expect(es.headers.get("content-language")).toBe("es");
    await es.arrayBuffer();
    const etag = ja.headers.get("etag")!;
    const cached = await fetch(`${base}/`, {
      headers: { "accept-language": "ja", "if-none-match": etag },
    });
    expect(cached.status).toBe(304);
  });
});

const withTexts: Config = {
  ...exampleConfig,
  page: {
    default_language: "de",
    texts: {
      de: {
        title: "Hilfe für Example Chat",
        intro: "Bei Fragen zum Konto <schreiben Sie> uns.",
        notes: ["Wartung jeden Sonntag ab 22 Uhr.", "Zweite\nZeile"],
      },
      en: { title: "Help for Example Chat" },
    },
  },
};

describe("the config's page texts and default language", () => {
  const h = createSupportHandler(withTexts);
  const text = async (init: RequestInit = {}, path = "/") =>
    (await h(new Request(url(path), init))).text();

  it("serves the default language when the browser asks for none of the page's", async () => {
    const html = await text({ headers: { "accept-language": "sv" } });
    expect(langOf(html)).toBe("de");
    expect(langOf(await text())).toBe("de");
  });

  it("shows the reader's own texts, escaped, and notes as paragraphs", async () => {
    const html = await text({ headers: { "accept-language": "de" } });
    expect(html).toContain("<title>Hilfe für Example Chat</title>");
    expect(html).toContain("<h1>Hilfe für Example Chat</h1>");
    expect(html).toContain("<p>Bei Fragen zum Konto &lt;schreiben Sie&gt; uns.</p>");
    expect(html).toContain('<h2 id="notes-heading">Hinweise</h2>');
    expect(html).toContain('<p class="note">Wartung jeden Sonntag ab 22 Uhr.</p>');
    expect(html).not.toContain("Matrix-Servers <strong>");
  });

  it("falls back to the default language's texts, marked with their language", async () => {
    const en = await text({}, "/?lang=en");
    expect(en).toContain("<h1>Help for Example Chat</h1>");
    // No English intro or notes were written: the German ones, marked as German.
    expect(en).toContain('<p lang="de">Bei Fragen zum Konto');
    expect(en).toContain('<p class="note" lang="de">Wartung');
    expect(en).toContain('<h2 id="notes-heading">Notes</h2>');
    const fr = await text({}, "/?lang=fr");
    expect(fr).toContain('<h1 lang="de">Hilfe für Example Chat</h1>');
  });

  it("without texts of its own, every language keeps the built-in ones", () => {
    const html = renderSupportPage(exampleConfig, { language: "fr" });
    expect(html).toContain("<h1>Assistance pour example.org</h1>");
    expect(html).not.toContain("notes-heading");
  });
});

describe("MSC4266 policies", () => {
  const policies: Config = {
    server_name: "example.org",
    support: {
      contacts: [{ role: "m.role.admin", email_address: "admin@example.org" }],
      policies: {
        privacy: {
          version: "2",
          en: { name: "Privacy policy", url: "https://example.org/privacy" },
          de: { name: "Datenschutzerklärung", url: "https://example.org/de/datenschutz" },
          pt: { name: "Política de privacidade", url: "https://example.org/pt/privacidade" },
        },
        terms: {
          version: "1",
          fr: { name: "Conditions d'utilisation", url: "https://example.org/fr/cgu" },
        },
      },
    },
  };

  it("are shown in the reader's language when the document has it", () => {
    const de = renderSupportPage(policies, { language: "de" });
    expect(de).toContain(
      '<li><a href="https://example.org/de/datenschutz">Datenschutzerklärung</a>',
    );
    const pt = renderSupportPage(policies, { language: "pt-BR" });
    expect(pt).toContain(
      '<a href="https://example.org/pt/privacidade">Política de privacidade</a>',
    );
  });

  it("else in English (or the only language given), marked with that language", () => {
    const ja = renderSupportPage(policies, { language: "ja" });
    expect(ja).toContain('<li lang="en"><a href="https://example.org/privacy">Privacy policy</a>');
    expect(ja).toContain('<li lang="fr"><a href="https://example.org/fr/cgu">');
    const fr = renderSupportPage(policies, { language: "fr" });
    expect(fr).toContain('<li><a href="https://example.org/fr/cgu">');
  });

  it("prefers the page's default language over English when the reader's is missing", () => {
    const html = renderSupportPage(
      { ...policies, page: { default_language: "de" } },
      { language: "ja" },
    );
    expect(html).toContain('<li lang="de"><a href="https://example.org/de/datenschutz">');
  });
});
