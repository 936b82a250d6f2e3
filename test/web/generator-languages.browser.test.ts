// The generator page (/new) in Japanese, German and English in a real browser (Debian's Chromium
// through playwright-core): served in the browser's language or ?lang=, filled to a valid file
// with the page's own words, its problems in the page's language where the diagnostics have a
// translation (and marked English where they have none), glyphs from real fonts, the language
// switch keeping the draft, and the static copy per language from file://. The live file comes
// from the browser's request routing: no network.
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createWebChecker } from "../../packages/cli/src/checker/index.js";
import { available } from "../helpers/available.js";
import { CHROMIUM, fontsOf, RESULTS } from "../helpers/chromium.js";
import { describedText, pagesInChromium, publishJson } from "../helpers/web-pages.js";

/** A pre-spec draft file that browsers may read (CORS), with an address the spec refuses. */
const LIVE = {
  admins: [{ mxid: "@admin:live.test", email: "mailto:admin@live.test", role: "admin" }],
  support_page: "https://live.test/help",
};

describe.skipIf(!available(CHROMIUM, "Debian's chromium"))(
  "the generator page's languages in Chromium",
  () => {
    // The probe answers nothing usable: live files come through the browser's own read.
    const served = pagesInChromium({
      minify: true,
      checker: (webDir) => createWebChecker({ webDir, check: async () => ({}) }),
    });

    /** Script errors and console errors, by page. */
    const errorsOf = new WeakMap<Page, string[]>();

    async function open(url: string, locale: string, width = 1280): Promise<Page> {
      const context = await served.browser.newContext({ locale, viewport: { width, height: 900 } });
      const page = await context.newPage();
      const errors: string[] = [];
      errorsOf.set(page, errors);
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      await publishJson(page, "live.test", LIVE);
      await page.goto(url);
      await page.locator("#contacts > li").first().waitFor();
      return page;
    }
    const contactAt = (page: Page, i: number) => page.locator("#contacts > li").nth(i);
    const shot = (page: Page, name: string) =>
      page.screenshot({ path: path.join(RESULTS, `generator-${name}.png`), fullPage: true });
    async function expectProblem(input: Locator, code: string, text: string) {
      await expect.poll(() => describedText(input)).toContain(`(${code})`);
      expect(await describedText(input)).toContain(text);
    }
    /** Types the bad value, expects `code`'s message in the page's words, types the good one. */
    async function fixAfterProblem(
      input: Locator,
      [bad, good]: [string, string],
      code: string,
      text: string,
    ) {
      await input.fill(bad);
      await expectProblem(input, code, text);
      await input.fill(good);
      await expect.poll(() => describedText(input)).not.toContain(`(${code})`);
    }
    const noOverflow = (page: Page) =>
      page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );

    it("Japanese from the browser's language: filled to a valid file in the page's words", async () => {
      const page = await open(`${served.base}/new`, "ja-JP");
      expect(await page.getAttribute("html", "lang")).toBe("ja");
      expect(await page.title()).toBe("Matrix サポートファイルを作成");
      expect(await page.locator("h1").textContent()).toBe("Matrix サポートファイルを作成");
      for (const selector of ["h1", "#h-contacts", "#server-name-help"])
        expect((await fontsOf(page, selector)).join(", "), selector).toMatch(/CJK|Noto Sans JP/i);
      // The role list: the support page's labels, the identifiers as they are.
      const role = contactAt(page, 0).getByLabel("ロール", { exact: true });
      expect(await role.locator("option").first().textContent()).toBe("管理者（m.role.admin）");
      // The advice about the whole file, translated.
      await expect
        .poll(() => page.locator("#advice").textContent())
        .toContain("「m.role.security」の連絡先がありません");
      expect(await page.locator("#downloads-status").textContent()).toMatch(
        /^先にエラーを修正してください。/,
      );

      // "Show the problems": the contact's error, translated; its hint English, marked as such.
      await page.getByRole("button", { name: "問題を表示" }).click();
      const matrixId = contactAt(page, 0).getByLabel("Matrix ID");
      await expect.poll(() => matrixId.getAttribute("aria-invalid")).toBe("true");
      await expectProblem(
        matrixId,
        "CONTACT_UNREACHABLE",
        "連絡先に「matrix_id」も「email_address」もありません",
      );
      const hint = contactAt(page, 0).locator("#c0-msg .problem-hint");
      expect(await hint.textContent()).toMatch(/^ヒント：/);
      expect(await hint.locator("span").getAttribute("lang")).toBe("en");
      await expect
        .poll(() => page.locator("#status").textContent())
        .toBe("エラー 1 件を各項目に表示しました。");

      await page.getByLabel("サーバー名").fill("example.org");
      await fixAfterProblem(
        contactAt(page, 0).getByLabel("メールアドレス"),
        ["mailto:admin@example.org", "admin@example.org"],
        "EMAIL_MAILTO",
        "「mailto:admin@example.org」に「mailto:」が付いています",
      );
      // A code without a translation keeps the catalogue's English, marked lang="en".
      await matrixId.fill("alice");
      await expectProblem(matrixId, "MATRIX_ID_INVALID", '"alice" is not a Matrix user ID');
      expect(
        await contactAt(page, 0)
          .locator('#c0-matrixId-msg .problem-message span[lang="en"]')
          .textContent(),
      ).toMatch(/^"alice" is not a Matrix user ID/);
      expect(await contactAt(page, 0).locator("#c0-matrixId-msg .badge").textContent()).toBe(
        "エラー",
      );
      await matrixId.fill("@admin:example.org");
      await expect.poll(() => matrixId.getAttribute("aria-invalid")).toBe(null);

      await page.getByRole("button", { name: "連絡先を追加" }).click();
      await expect
        .poll(() => page.locator("#status").textContent())
        .toBe("連絡先 2 を追加しました。");
      const second = contactAt(page, 1);
      expect(await second.locator("legend").textContent()).toBe("連絡先 2");
      expect(await second.getByLabel("ロール", { exact: true }).inputValue()).toBe(
        "m.role.security",
      );
      await second.getByLabel("メールアドレス").fill("security@example.net");
      await expect
        .poll(() => page.locator("#summary").textContent())
        .toBe("問題はありません。公開できます。");
      expect(await page.locator("#downloads-status").textContent()).toMatch(/^準備ができました。/);
      const support = page.locator('a[download="support"]');
      await expect.poll(() => support.getAttribute("href")).toMatch(/^blob:/);
      expect(await page.locator("#downloads li").first().textContent()).toContain(
        "サポートファイル。",
      );
      // The buttons' names as screen readers hear them: the visible word in the sentence.
      expect(await second.locator("button.danger").textContent()).toBe("連絡先 2 を削除");
      expect(await second.locator("button.danger .visually-hidden").textContent()).toBe(
        "連絡先 2 を",
      );
      expect(await page.locator("#support-json").textContent()).toBe(
        '{"contacts":[{"role":"m.role.admin","matrix_id":"@admin:example.org","email_address":"admin@example.org"},{"role":"m.role.security","email_address":"security@example.net"}]}',
      );
      await shot(page, "ja-desktop");

      // The language switch keeps the draft: its links carry the fragment.
      await expect.poll(() => new URL(page.url()).hash).toMatch(/^#d1\./);
      const json = await page.locator("#support-json").textContent();
      const german = page.locator('footer nav a[hreflang="de"]');
      await expect
        .poll(() => german.getAttribute("href"))
        .toBe(`?lang=de${new URL(page.url()).hash}`);
      await german.click();
      await page.waitForURL(/lang=de/);
      await page.locator("#contacts > li").nth(1).waitFor();
      expect(await page.getAttribute("html", "lang")).toBe("de");
      expect(await page.locator("#support-json").textContent()).toBe(json);
      expect(await page.locator("#summary").textContent()).toBe(
        "Keine Probleme: bereit zum Veröffentlichen.",
      );
      expect(errorsOf.get(page)).toEqual([]);
      await page.context().close();

      // On a phone: nothing overflows sideways.
      const phone = await open(`${served.base}/new`, "ja-JP", 360);
      await phone.getByRole("button", { name: "問題を表示" }).click();
      await expect
        .poll(() => contactAt(phone, 0).getByLabel("Matrix ID").getAttribute("aria-invalid"))
        .toBe("true");
      expect(await noOverflow(phone)).toBeLessThanOrEqual(0);
      await shot(phone, "ja-phone");
      await phone.context().close();
    });

    it("German by ?lang=: loads a live draft file, says what it renamed, and fixes it", async () => {
      const page = await open(`${served.base}/new?lang=de`, "en-US");
      expect(await page.getAttribute("html", "lang")).toBe("de");
      expect(await page.locator("h1").textContent()).toBe("Ihre Matrix-Support-Datei schreiben");
      // An empty server name: the config check's warning, in German words around the
      // catalogue's English message (the config's codes have no translation), marked as English.
      const serverName = page.getByLabel("Servername");
      await serverName.fill("x");
      await serverName.fill("");
      await expectProblem(serverName, "CONFIG_NO_SERVER_NAME", 'The config has no "server_name"');
      const warning = page.locator("#server-name-msg .problem-message");
      expect(await warning.locator(".badge").textContent()).toBe("Warnung");
      expect(await warning.locator('span[lang="en"]').textContent()).toBe(
        'The config has no "server_name"',
      );
      expect(await page.locator("#server-name-msg .problem-hint").textContent()).toMatch(/^Tipp: /);
      await page.getByRole("button", { name: "Veröffentlichte Datei laden" }).click();
      await expect
        .poll(() => page.locator("#status").textContent())
        .toBe("Geben Sie zuerst den Servernamen ein.");

      await serverName.fill("live.test");
      await page.getByRole("button", { name: "Veröffentlichte Datei laden" }).click();
      const title = page.locator("#live-title");
      await expect
        .poll(() => title.textContent(), { timeout: 20_000 })
        .toBe("Geladen, was live.test jetzt veröffentlicht");
      const live = (await page.locator("#live").textContent()) ?? "";
      expect(live).toContain("von Ihrem Browser gelesen");
      expect(live).toContain(
        'umbenannt wie bei matrix-support init --from: "admins" -> "contacts", "mxid" -> "matrix_id", "email" -> "email_address", Rolle "admin" -> "m.role.admin".',
      );
      expect(live).toContain("Was an der veröffentlichten Datei falsch war");
      // The live file's problems: DRAFT_KEY has no translation (English, marked), the others do.
      expect(live).toContain(
        '"admins" is from a pre-spec draft; did you mean "contacts"? (DRAFT_KEY)',
      );
      expect(
        await page
          .locator('#live .problem[data-code="DRAFT_KEY"] .problem-message span[lang="en"]')
          .count(),
      ).toBe(1);
      const email = contactAt(page, 0).getByLabel("E-Mail-Adresse");
      expect(await email.inputValue()).toBe("mailto:admin@live.test");
      await expectProblem(
        email,
        "EMAIL_MAILTO",
        "„mailto:admin@live.test“ hat das Präfix „mailto:“; das Feld enthält nur die Adresse",
      );
      expect(await page.locator("#downloads-status").textContent()).toMatch(
        /^Beheben Sie zuerst den Fehler:/,
      );
      await shot(page, "de-loaded");

      await email.fill("admin@live.test");
      await expect
        .poll(() => page.locator("#summary").textContent())
        .toBe("0 Fehler und 2 Warnungen.");
      await fixAfterProblem(
        page.getByLabel("Support-Seite"),
        ["http://live.test/help", "https://live.test/help"],
        "SUPPORT_PAGE_HTTP",
        "Die Support-Seite „http://live.test/help“ verwendet http: statt https:",
      );
      await expect
        .poll(() => page.locator("#advice").textContent())
        .toContain("Alle Kontakte liegen auf live.test selbst");
      await page.getByRole("button", { name: "Kontakt hinzufügen" }).click();
      await contactAt(page, 1).getByLabel("E-Mail-Adresse").fill("security@elsewhere.test");
      await expect
        .poll(() => page.locator("#summary").textContent())
        .toBe("Keine Probleme: bereit zum Veröffentlichen.");
      await expect
        .poll(() => page.locator('a[download="nginx.conf"]').getAttribute("href"))
        .toMatch(/^blob:/);
      expect(await page.locator("#downloads").textContent()).toContain(
        "Die Konfiguration für matrix-support.",
      );
      // The web root's problem, in German.
      await page.getByLabel("Web-Root (für apache.conf)").fill("www");
      await expect
        .poll(() => page.locator("#web-root-msg").textContent())
        .toBe("Der Web-Root muss ein absoluter Pfad sein, nicht „www“ (z. B. /var/www/html).");
      await page.getByLabel("Web-Root (für apache.conf)").fill("/var/www/html");
      await shot(page, "de-desktop");

      const remove = contactAt(page, 1).locator("button.danger");
      expect(await remove.textContent()).toBe("Entfernen (Kontakt 2)");
      await remove.click();
      await expect
        .poll(() => page.locator("#status").textContent())
        .toBe("Kontakt 2 entfernt. 1 bleibt.");
      expect(errorsOf.get(page)).toEqual([]);
      await page.context().close();
    });

    it("English stays the default, with the language switch in the footer", async () => {
      const page = await open(`${served.base}/new`, "sv-SE");
      expect(await page.getAttribute("html", "lang")).toBe("en");
      expect(await page.locator("h1").textContent()).toBe("Write your Matrix support file");
      const current = page.locator("footer nav.languages a[aria-current]");
      expect(await current.textContent()).toBe("English");
      expect(await page.locator("footer nav.languages a").count()).toBe(11);
      await page.getByRole("button", { name: "Show the problems" }).click();
      await expect
        .poll(() => contactAt(page, 0).getByLabel("Matrix ID").getAttribute("aria-invalid"))
        .toBe("true");
      await shot(page, "en-desktop");
      await page.context().close();
    });

    it("the static copy: a page per language from file://, the switch keeping the draft", async () => {
      const file = pathToFileURL(path.join(served.webDir, "new", "ja", "index.html")).href;
      const page = await open(file, "en-US");
      expect(await page.getAttribute("html", "lang")).toBe("ja");
      expect(await contactAt(page, 0).locator("legend").textContent()).toBe("連絡先 1");
      await contactAt(page, 0).getByLabel("メールアドレス").fill("admin@example.org");
      await expect.poll(() => new URL(page.url()).hash).toMatch(/^#d1\./);
      const french = page.locator('footer nav a[hreflang="fr"]');
      await expect.poll(() => french.getAttribute("href")).toMatch(/^\.\.\/fr\/index\.html#d1\./);
      await french.click();
      await page.waitForURL(/\/fr\/index\.html#d1\./);
      await page.locator("#contacts > li").first().waitFor();
      expect(await page.getAttribute("html", "lang")).toBe("fr");
      expect(await contactAt(page, 0).getByLabel("Adresse e-mail").inputValue()).toBe(
        "admin@example.org",
      );
      expect(await page.locator("h1").textContent()).toBe(
        "Rédiger votre fichier d'assistance Matrix",
      );
      const english = page.locator('footer nav a[hreflang="en"]');
      await expect.poll(() => english.getAttribute("href")).toMatch(/^\.\.\/index\.html#d1\./);
      expect(errorsOf.get(page)).toEqual([]);
      await page.context().close();
    });
  },
);
