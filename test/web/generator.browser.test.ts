import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createWebChecker } from "../../packages/cli/src/checker/index.js";
import { RateLimiter } from "../../packages/cli/src/checker/rate-limit.js";
import { run } from "../../packages/cli/src/cli/program.js";
import { remoteAddress } from "../../packages/lib/src/node/adapter.js";
import { available } from "../helpers/available.js";
import { CHROMIUM, launchChromiumForFleet, RESULTS } from "../helpers/chromium.js";
import { type Fleet, json, startFleet } from "../helpers/fleet.js";
import { describedText, type ServedPages, serveWebPages } from "../helpers/web-pages.js";

const HOSTS = ["live.test", "nocors.test", "empty.test", "hostile.test", "broken.test"];

/** A pre-spec draft file with a mailto: address and an http: page, CORS allowed. */
const LIVE = {
  admins: [{ mxid: "@admin:live.test", email: "mailto:admin@live.test", role: "admin" }],
  support_page: "http://live.test/help",
  "org.matrix.msc4266.policies": { terms: "https://live.test/terms" },
};

/** A file browsers may not read (no CORS): only the probe can load it. */
const NOCORS = {
  contacts: [
    { role: "m.role.admin", email_address: "admin@nocors.test" },
    { role: "m.role.security", email_address: "not an email" },
  ],
};

// Markup and javascript: URLs in every field, keys included.
const XSS = "<img src=x onerror=alert(1)><script>alert(2)</script>";
const HOSTILE = {
  contacts: [
    {
      role: `org.x${XSS}`,
      matrix_id: `@<b onmouseover=alert(3)>x</b>:hostile.test`,
      email_address: `"><svg onload=alert(4)>@hostile.test`,
      pgp_key: "javascript:alert(5)",
      [XSS]: XSS,
    },
  ],
  support_page: "javascript:alert(document.domain)",
  [XSS]: `${XSS} javascript:alert(6)`,
};

const hasChromium = available(CHROMIUM, "Debian's chromium");

/** Every label, button and download name the contract names. */
const DOWNLOAD_NAMES = [
  "support",
  "matrix-support.yaml",
  "nginx.conf",
  "Caddyfile",
  "apache.conf",
  "_headers",
  "tuwunel.toml",
  "conduwuit.toml",
];

describe.skipIf(!hasChromium)("the generator page in Chromium", () => {
  let fleet: Fleet;
  let pages: ServedPages;
  let browser: Browser;
  let base: string;
  let tmp: string;
  let webDir: string;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), "generator-web-"));

    fleet = await startFleet();
    const leaf = fleet.ca.issue(HOSTS);
    for (const host of HOSTS) fleet.certificate(host, leaf);
    fleet.route("live.test", (_req, res) => json(res, LIVE));
    fleet.route("nocors.test", (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(NOCORS));
    });
    fleet.route("empty.test", (_req, res) => json(res, { errcode: "M_NOT_FOUND" }, {}, 404));
    fleet.route("hostile.test", (_req, res) => json(res, HOSTILE));
    fleet.route("broken.test", (_req, res) => {
      res.writeHead(200, { "content-type": "text/html", "access-control-allow-origin": "*" });
      res.end("<html>an error page</html>");
    });

    pages = await serveWebPages({
      minify: false,
      checker: (dir) =>
        createWebChecker({
          allowPrivateTargets: true,
          cacert: fleet.ca.cert,
          connectTo: [fleet.connectTo],
          webDir: dir,
          clientAddress: remoteAddress,
          limiter: new RateLimiter({ burst: 1000, refillMs: 1 }),
        }),
    });
    base = pages.base;
    webDir = pages.webDir;

    browser = await launchChromiumForFleet(leaf.cert, fleet.port);
  });

  afterAll(async () => {
    await browser?.close();
    await pages?.close();
    await fleet?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  interface Opened {
    page: Page;
    dialogs: string[];
    errors: string[];
  }

  async function open(
    url = `${base}/new`,
    options: { width?: number; height?: number; dark?: boolean; bypassCSP?: boolean } = {},
  ): Promise<Opened> {
    const context = await browser.newContext({
      viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
      colorScheme: options.dark ? "dark" : "light",
      ...(options.bypassCSP ? { bypassCSP: true } : {}),
    });
    const page = await context.newPage();
    const dialogs: string[] = [];
    const errors: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await page.goto(url);
    await page.locator("#contacts > li").first().waitFor();
    return { page, dialogs, errors };
  }

  const contactAt = (page: Page, i: number) => page.locator("#contacts > li").nth(i);
  const roleOf = (c: Locator) => c.getByLabel("Role", { exact: true });
  const supportJson = async (page: Page) => {
    const text = (await page.locator("#support-json").textContent()) ?? "";
    return text === "" ? undefined : JSON.parse(text);
  };
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(RESULTS, `generator-${name}.png`), fullPage: true });

  /** Waits until `input` is marked invalid with `code`'s message among its descriptions. */
  async function expectError(input: Locator, code: string) {
    await expect.poll(() => input.getAttribute("aria-invalid")).toBe("true");
    await expect.poll(() => describedText(input)).toContain(`(${code})`);
  }

  async function expectClean(input: Locator, code: string) {
    await expect.poll(() => input.getAttribute("aria-invalid")).toBe(null);
    await expect.poll(() => describedText(input)).not.toContain(`(${code})`);
  }

  const adviceText = (page: Page) => page.locator("#advice").textContent();

  it("from an empty page to a valid file: every kind of error appears and goes", async () => {
    const { page, errors } = await open();
    expect(await page.locator("#support-json").textContent()).toBe(
      '{"contacts":[{"role":"m.role.admin"}]}',
    );
    // Nothing downloadable yet, but every link already carries its name.
    for (const name of DOWNLOAD_NAMES) {
      const link = page.locator(`a[download="${name}"]`);
      expect(await link.count(), name).toBe(1);
      expect(await link.getAttribute("href")).toBeNull();
    }
    // The advice the CLI gives about a file without a security contact, as the CLI words it.
    expect(await adviceText(page)).toContain(
      'No "m.role.security" contact; security reports will go to the general admin contact',
    );

    // A new page is not covered in errors; "Show the problems" reveals the one there is.
    const matrixIdField = contactAt(page, 0).getByLabel("Matrix ID");
    expect(await matrixIdField.getAttribute("aria-invalid")).toBeNull();
    expect(await page.locator("#downloads-status").textContent()).toMatch(/^Fix the error first/);
    await page.getByRole("button", { name: "Show the problems" }).click();
    await expectError(matrixIdField, "CONTACT_UNREACHABLE");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("c0-matrixId");
    await page.reload();
    await page.locator("#contacts > li").first().waitFor();

    const serverName = page.getByLabel("Server name");
    await serverName.fill("exa mple.org");
    await expectError(serverName, "SERVER_NAME_INVALID");
    await serverName.fill("example.org");
    await expectClean(serverName, "SERVER_NAME_INVALID");

    const first = contactAt(page, 0);
    const matrixId = first.getByLabel("Matrix ID");
    const email = first.getByLabel("Email address");
    // A contact with neither: both fields point at the contact's message once it was visited.
    await matrixId.focus();
    await email.focus();
    await first.getByLabel("PGP key").focus();
    await expectError(matrixId, "CONTACT_UNREACHABLE");
    await expectError(email, "CONTACT_UNREACHABLE");
    await matrixId.fill("alice");
    await expectError(matrixId, "MATRIX_ID_INVALID");
    // Announced after a pause in typing, in the catalogue's words.
    await expect
      .poll(() => page.locator("#status").textContent())
      .toContain('Matrix ID: error "alice" is not a Matrix user ID');
    expect(await describedText(matrixId)).toContain('"alice" is not a Matrix user ID');
    expect(await describedText(matrixId)).toContain(
      'hint: A user ID looks like "@admin:example.org".',
    );
    await matrixId.fill("@admin:example.org");
    await expectClean(matrixId, "MATRIX_ID_INVALID");
    await expectClean(email, "CONTACT_UNREACHABLE");
    await email.fill("mailto:admin@example.org");
    await expectError(email, "EMAIL_MAILTO");
    await email.fill("admin@example.org");
    await expectClean(email, "EMAIL_MAILTO");
    // Every contact on the server's own domain: the backup advice, once a server name is known.
    await expect.poll(() => adviceText(page)).toContain("(NO_OFF_DOMAIN_CONTACT)");

    // A role of one's own: the grammar's error at the custom field, then a spec role again.
    const role = roleOf(first);
    await role.selectOption("custom");
    const custom = first.getByLabel("Custom identifier");
    await custom.fill("Abuse Team");
    await expectError(custom, "ROLE_INVALID");
    await custom.fill("org.example.role.abuse");
    await expectClean(custom, "ROLE_INVALID");
    await role.selectOption("m.role.admin");
    expect(await custom.isHidden()).toBe(true);

    await page.getByRole("button", { name: "Add contact" }).click();
    const second = contactAt(page, 1);
    // The second contact starts as the one most often missing.
    expect(await roleOf(second).inputValue()).toBe("m.role.security");
    await second.getByLabel("Email address").fill("security@example.net");
    await expect.poll(() => adviceText(page)).not.toContain("(NO_SECURITY_CONTACT)");
    await expect.poll(() => adviceText(page)).not.toContain("(NO_OFF_DOMAIN_CONTACT)");

    const pageField = page.getByLabel("Support page");
    await pageField.fill("javascript:alert(1)");
    await expectError(pageField, "SUPPORT_PAGE_UNSAFE_SCHEME");
    // The download links go dead while there is an error.
    await expect.poll(() => page.locator('a[download="support"]').getAttribute("href")).toBeNull();
    await pageField.fill("http://example.org/help");
    // A warning is shown but does not make the field invalid.
    await expect.poll(() => describedText(pageField)).toContain("(SUPPORT_PAGE_HTTP)");
    expect(await pageField.getAttribute("aria-invalid")).toBeNull();
    await pageField.fill("https://example.org/help");
    await expectClean(pageField, "SUPPORT_PAGE_HTTP");

    expect(await supportJson(page)).toEqual({
      contacts: [
        {
          role: "m.role.admin",
          matrix_id: "@admin:example.org",
          email_address: "admin@example.org",
        },
        { role: "m.role.security", email_address: "security@example.net" },
      ],
      support_page: "https://example.org/help",
    });
    await expect
      .poll(() => page.locator("#summary").textContent())
      .toBe("No problems: ready to publish.");
    for (const name of DOWNLOAD_NAMES)
      await expect
        .poll(() => page.locator(`a[download="${name}"]`).getAttribute("href"), { message: name })
        .toMatch(/^blob:/);
    expect(errors).toEqual([]);
    await shot(page, "valid-desktop");
    // A download right after an edit is of the edited draft, never of the one before.
    await second.getByLabel("Email address").fill("sec@example.net");
    const [fresh] = await Promise.all([
      page.waitForEvent("download"),
      page.locator('a[download="support"]').click(),
    ]);
    expect(await readFile((await fresh.path()) as string, "utf8")).toContain('"sec@example.net"');
    await second.getByLabel("Email address").fill("security@example.net");

    // The draft is in the fragment: a reload (or a shared link) brings it back.
    await expect.poll(() => new URL(page.url()).hash).toMatch(/^#d1\./);
    const json = await page.locator("#support-json").textContent();
    await page.reload();
    await page.locator("#contacts > li").nth(1).waitFor();
    expect(await page.locator("#support-json").textContent()).toBe(json);
    expect(await page.getByLabel("Server name").inputValue()).toBe("example.org");
    expect(await contactAt(page, 1).getByLabel("Email address").inputValue()).toBe(
      "security@example.net",
    );
    await page.context().close();
  });

  describe("downloads", () => {
    let out = "";
    beforeEach(() => {
      out = "";
      vi.spyOn(process.stdout, "write").mockImplementation((s) => {
        out += String(s);
        return true;
      });
      vi.spyOn(process.stderr, "write").mockImplementation((s) => {
        out += String(s);
        return true;
      });
    });
    afterEach(() => {
      vi.restoreAllMocks();
    });
    const cli = (...args: string[]) => run(["node", "matrix-support", ...args]);

    it("each is byte for byte what export writes for the downloaded config", async () => {
      // A draft with what every target finds hard: several contacts, a proposal role, a "$".
      const { page } = await open();
      await page.getByLabel("Server name").fill("example.org");
      await contactAt(page, 0).getByLabel("Email address").fill("admin@example.net");
      await page.getByRole("button", { name: "Add contact" }).click();
      await contactAt(page, 1).getByLabel("Matrix ID").fill("@sec$urity:example.org");
      await page.getByRole("button", { name: "Add contact" }).click();
      await roleOf(contactAt(page, 2)).selectOption("m.role.moderator");
      await contactAt(page, 2).getByLabel("Email address").fill("abuse@example.org");
      await page.getByLabel("Support page").fill("https://example.org/help?a=1&b='2'");
      await page.getByLabel("Web root (for apache.conf)").fill("/srv/www/example");
      await expect.poll(() => page.locator("#summary").getAttribute("data-errors")).toBe("0");

      const dir = path.join(tmp, "downloads");
      await mkdir(path.join(dir, ".well-known", "matrix"), { recursive: true });
      const got = new Map<string, Buffer>();
      for (const name of DOWNLOAD_NAMES) {
        const link = page.locator(`a[download="${name}"]`);
        await expect.poll(() => link.getAttribute("href")).toMatch(/^blob:/);
        const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
        expect(download.suggestedFilename()).toBe(name);
        got.set(name, await readFile((await download.path()) as string));
      }
      await page.context().close();

      // The config: validate and serve accept it.
      const config = path.join(dir, "matrix-support.yaml");
      await writeFile(config, got.get("matrix-support.yaml") as Buffer);
      expect(await cli("validate", config), out).toBe(0);
      const { loadServerConfig } = await import("../../packages/cli/src/serve/load.js");
      expect((await loadServerConfig(config)).kind).toBe("ok");
      // The support file alone validates too.
      const support = path.join(dir, ".well-known", "matrix", "support");
      await writeFile(support, got.get("support") as Buffer);
      expect(await cli("validate", support), out).toBe(0);

      // The web root's files are up to date with the config, as export --check sees them.
      await writeFile(path.join(dir, "_headers"), got.get("_headers") as Buffer);
      out = "";
      expect(await cli("export", "--config", config, "--out", dir, "--check"), out).toBe(0);
      expect(out).toContain("up to date");

      // Every snippet: the same bytes as export --target writes.
      const exported = path.join(tmp, "exported");
      const targets = "files,nginx,caddy,apache,headers,tuwunel,conduwuit";
      expect(
        await cli(
          "export",
          ...["--config", config, "--out", exported, "--target", targets],
          ...["--web-root", "/srv/www/example"],
        ),
        out,
      ).toBe(0);
      const where: Record<string, string> = { support: ".well-known/matrix/support" };
      for (const name of DOWNLOAD_NAMES) {
        if (name === "matrix-support.yaml") continue;
        const written = await readFile(path.join(exported, where[name] ?? name));
        expect((got.get(name) as Buffer).equals(written), name).toBe(true);
      }
      // The "$" took nginx's SSI path, and apache.conf names the web root given.
      expect((got.get("nginx.conf") as Buffer).toString()).toContain("ssi");
      expect((got.get("apache.conf") as Buffer).toString()).toContain(
        '"/srv/www/example/.well-known/matrix/support"',
      );
    });
  });

  it("a click is not lost when leaving a field moves the page (its problems appear)", async () => {
    const { page } = await open();
    const add = page.getByRole("button", { name: "Add contact" });
    for (let n = 1; n <= 3; n++) {
      // Leave the newest (empty) contact by pressing "Add contact" below it.
      await contactAt(page, n - 1)
        .getByLabel("Matrix ID")
        .focus();
      await add.click();
      expect(await page.locator("#contacts > li").count()).toBe(n + 1);
      // Its problem shows once the click is done.
      await expectError(contactAt(page, n - 1).getByLabel("Matrix ID"), "CONTACT_UNREACHABLE");
    }
    await page.context().close();
  });

  it("works with the keyboard alone", async () => {
    const { page } = await open();
    const active = () => page.evaluate(() => document.activeElement?.id ?? "");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to the form");
    await page.keyboard.press("Enter");
    expect(await active()).toBe("server-name");
    await page.keyboard.type("example.org");
    await page.keyboard.press("Tab"); // Load what is live
    await page.keyboard.press("Tab");
    expect(await active()).toBe("c0-role");
    await page.keyboard.press("Tab");
    expect(await active()).toBe("c0-matrixId");
    await page.keyboard.type("@admin:example.net");
    await page.keyboard.press("Tab");
    await page.keyboard.type("admin@example.org");
    await page.keyboard.press("Tab"); // PGP key
    await page.keyboard.press("Tab"); // Move up and down are disabled with one contact: Remove
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Remove contact 1");
    await page.keyboard.press("Tab");
    expect(await active()).toBe("add-contact");
    await page.keyboard.press("Enter");
    // A new contact takes the focus, on its role.
    expect(await active()).toBe("c1-role");
    await page.keyboard.press("Tab");
    await page.keyboard.type("@security:example.org");
    // On to "Move up" of contact 2: past its email address and PGP key.
    for (let i = 0; i < 3; i++) await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      "Move up (contact 2)",
    );
    await page.keyboard.press("Enter");
    // Moved: the security contact is first, and the focus followed it.
    expect((await supportJson(page)).contacts[0].matrix_id).toBe("@security:example.org");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      "Move down (contact 1)",
    );
    await expect
      .poll(() => page.locator("#status").textContent())
      .toBe("Contact 2 is now contact 1.");
    // Remove the (now second) admin contact: the focus stays in the list.
    await page.locator("#c1-role").focus();
    // Matrix ID, email address, PGP key, Move up (Move down is disabled on the last), Remove.
    for (let i = 0; i < 5; i++) await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Remove contact 2");
    await page.keyboard.press("Enter");
    expect(await active()).toBe("c0-role");
    expect(await page.locator("#contacts > li").count()).toBe(1);
    // Role by keyboard on the closed select.
    await page.keyboard.press("ArrowUp");
    expect(await page.locator("#c0-role").inputValue()).toBe("m.role.admin");
    // Download by keyboard: Tab to the support file's link and press Enter.
    await page.locator("#copy-json").focus();
    let onLink = false;
    for (let i = 0; i < 4 && !onLink; i++) {
      await page.keyboard.press("Tab");
      onLink = await page.evaluate(
        () => document.activeElement?.getAttribute("download") === "support",
      );
    }
    expect(onLink).toBe(true);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.keyboard.press("Enter"),
    ]);
    expect(download.suggestedFilename()).toBe("support");
    expect(await readFile((await download.path()) as string, "utf8")).toBe(
      '{"contacts":[{"role":"m.role.admin","matrix_id":"@security:example.org"}]}',
    );
    await page.context().close();
  });

  it("loads what is live (a pre-spec draft file), upgraded, and the form fixes it", async () => {
    const { page, errors } = await open();
    // A draft first, to come back to.
    await page.getByLabel("Server name").fill("live.test");
    await contactAt(page, 0).getByLabel("Email address").fill("draft@example.org");
    await page.getByRole("button", { name: "Load what is live" }).click();
    const title = page.locator("#live-title");
    await expect
      .poll(() => title.textContent(), { timeout: 20_000 })
      .toBe("Loaded what live.test publishes now");
    const live = await page.locator("#live").textContent();
    expect(live).toContain("read by your browser");
    expect(live).toContain('"admins" -> "contacts"');
    expect(live).toContain('role "admin" -> "m.role.admin"');
    // What the live file had wrong, in the catalogue's words.
    expect(live).toContain(
      '"admins" is from a pre-spec draft; did you mean "contacts"? (DRAFT_KEY)',
    );
    expect(live).toContain("(SUPPORT_PAGE_HTTP)");
    // The form holds the file, with the problem marked at its field.
    const c = contactAt(page, 0);
    expect(await roleOf(c).inputValue()).toBe("m.role.admin");
    expect(await c.getByLabel("Matrix ID").inputValue()).toBe("@admin:live.test");
    const email = c.getByLabel("Email address");
    expect(await email.inputValue()).toBe("mailto:admin@live.test");
    await expectError(email, "EMAIL_MAILTO");
    expect(await describedText(page.getByLabel("Support page"))).toContain("(SUPPORT_PAGE_HTTP)");
    // The extension key is kept, and listed.
    expect(await page.locator("#extensions").isVisible()).toBe(true);
    expect(await page.locator("#extension-list").textContent()).toContain(
      "org.matrix.msc4266.policies",
    );
    // Fix it.
    await email.fill("admin@live.test");
    await page.getByLabel("Support page").fill("https://live.test/help");
    await page.getByRole("button", { name: "Add contact" }).click();
    await contactAt(page, 1).getByLabel("Email address").fill("security@elsewhere.test");
    // Left: that the policies key is a proposal.
    await expect.poll(() => page.locator("#summary").textContent()).toBe("0 errors and 1 warning.");
    expect(await supportJson(page)).toEqual({
      contacts: [
        { role: "m.role.admin", matrix_id: "@admin:live.test", email_address: "admin@live.test" },
        { role: "m.role.security", email_address: "security@elsewhere.test" },
      ],
      support_page: "https://live.test/help",
      "org.matrix.msc4266.policies": { terms: "https://live.test/terms" },
    });
    await shot(page, "loaded-and-fixed");
    // The draft from before loading is one step back.
    await page.goBack();
    await expect
      .poll(() => contactAt(page, 0).getByLabel("Email address").inputValue())
      .toBe("draft@example.org");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("a file the browser may not read is loaded through serve's probe", async () => {
    const { page } = await open();
    await page.getByLabel("Server name").fill("nocors.test");
    await page.getByLabel("Server name").press("Enter");
    await expect
      .poll(() => page.locator("#live-title").textContent(), { timeout: 20_000 })
      .toBe("Loaded what nocors.test publishes now");
    const live = await page.locator("#live").textContent();
    expect(live).toContain("read by this site's server");
    expect(live).toContain("(BROWSER_BLOCKED)");
    expect(live).toContain("(CORS_MISSING)");
    expect(live).toContain("(EMAIL_INVALID)");
    // The probe carries the usable part of the file: the unusable contact is listed, not loaded.
    expect(await supportJson(page)).toEqual({
      contacts: [{ role: "m.role.admin", email_address: "admin@nocors.test" }],
    });
    await page.context().close();
  });

  it("a server with nothing published, or nothing readable, leaves the form alone", async () => {
    const { page } = await open();
    await contactAt(page, 0).getByLabel("Email address").fill("keep@example.org");
    for (const [name, title] of [
      ["empty.test", "empty.test publishes no support file yet"],
      ["broken.test", "Nothing to load from broken.test"],
    ] as const) {
      await page.getByLabel("Server name").fill(name);
      await page.getByRole("button", { name: "Load what is live" }).click();
      await expect
        .poll(() => page.locator("#live-title").textContent(), { timeout: 20_000 })
        .toBe(title);
      expect(await contactAt(page, 0).getByLabel("Email address").inputValue()).toBe(
        "keep@example.org",
      );
    }
    await page.getByLabel("Server name").fill("");
    await page.getByRole("button", { name: "Load what is live" }).click();
    await expect
      .poll(() => page.locator("#status").textContent())
      .toBe("Type the server name first.");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("server-name");
    await page.context().close();
  });

  it("the static copy works from a file:// URL: the browser loads live files itself", async () => {
    const file = pathToFileURL(path.join(webDir, "new", "index.html")).href;
    const { page, errors } = await open(file);
    await page.getByLabel("Server name").fill("live.test");
    await page.getByRole("button", { name: "Load what is live" }).click();
    await expect
      .poll(() => page.locator("#live-title").textContent(), { timeout: 20_000 })
      .toBe("Loaded what live.test publishes now");
    expect(await contactAt(page, 0).getByLabel("Matrix ID").inputValue()).toBe("@admin:live.test");
    // No probe here: a file without CORS cannot be read, and the page says why.
    await page.getByLabel("Server name").fill("nocors.test");
    await page.getByRole("button", { name: "Load what is live" }).click();
    await expect
      .poll(() => page.locator("#live-title").textContent(), { timeout: 20_000 })
      .toBe("Nothing to load from nocors.test");
    expect(await page.locator("#live").textContent()).toContain("Access-Control-Allow-Origin");
    // Downloads work from file:// too.
    await contactAt(page, 0).getByLabel("Email address").fill("admin@live.test");
    const link = page.locator('a[download="support"]');
    await expect.poll(() => link.getAttribute("href")).toMatch(/^blob:/);
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(
      JSON.parse(await readFile((await download.path()) as string, "utf8")).contacts[0],
    ).toEqual({
      role: "m.role.admin",
      matrix_id: "@admin:live.test",
      email_address: "admin@live.test",
    });
    // The browser logs its CORS refusal; nothing else went wrong.
    expect(errors.filter((e) => !/CORS policy|Failed to load resource/.test(e))).toEqual([]);
    await page.context().close();
  });

  it("renders hostile text inert: a loaded file and a crafted link alike", async () => {
    const { page, dialogs, errors } = await open();
    await page.getByLabel("Server name").fill("hostile.test");
    await page.getByRole("button", { name: "Load what is live" }).click();
    await expect
      .poll(() => page.locator("#live-title").textContent(), { timeout: 20_000 })
      .toBe("Loaded what hostile.test publishes now");
    // The crafted link: the same draft, shared.
    const shared = page.url();
    const other = await browser.newContext();
    const second = await other.newPage();
    second.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await second.goto(shared);
    await second.locator("#contacts > li").first().waitFor();
    for (const p of [page, second]) {
      for (const a of await p.locator("a[href]").all())
        await a.hover({ timeout: 1000 }).catch(() => {});
      await p.waitForTimeout(200);
      const found = await p.evaluate(() => ({
        jsLinks: [...document.querySelectorAll("[href], [src], [action], [formaction]")]
          .map(
            (e) =>
              e.getAttribute("href") ?? e.getAttribute("src") ?? e.getAttribute("action") ?? "",
          )
          .filter((v) => /^\s*javascript:/i.test(v)),
        injected: document.querySelectorAll("main img, main script, main svg, main iframe, main b")
          .length,
        handlers: [...document.querySelectorAll("*")].filter((e) =>
          [...e.attributes].some((a) => a.name.startsWith("on")),
        ).length,
        text: document.body.textContent ?? "",
      }));
      expect(found.jsLinks).toEqual([]);
      expect(found.injected).toBe(0);
      expect(found.handlers).toBe(0);
      expect(found.text).toContain("<img src=x onerror=alert(1)>");
      expect(await p.locator("#c0-matrixId").inputValue()).toBe(
        "@<b onmouseover=alert(3)>x</b>:hostile.test",
      );
    }
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await other.close();
    await page.context().close();
  });

  it("a broken link says so and starts a new draft; another anchor keeps the draft", async () => {
    const { page } = await open(`${base}/new#d1.bm90IGpzb24`);
    expect(await page.locator("#fragment-note").textContent()).toContain("could not be read");
    expect(await page.locator("#support-json").textContent()).toBe(
      '{"contacts":[{"role":"m.role.admin"}]}',
    );
    // The broken link stays in the address bar until the admin edits.
    expect(new URL(page.url()).hash).toBe("#d1.bm90IGpzb24");
    await page.getByLabel("Server name").fill("example.org");
    await expect.poll(() => new URL(page.url()).hash).not.toBe("#d1.bm90IGpzb24");
    await page.evaluate(() => {
      location.hash = "server-name";
    });
    await page.waitForTimeout(100);
    expect(await page.getByLabel("Server name").inputValue()).toBe("example.org");
    await page.context().close();
  });

  it("has no serious or critical accessibility violation (axe-core), light and dark", async () => {
    const axe = await readFile(path.resolve("node_modules/axe-core/axe.min.js"), "utf8");
    for (const dark of [false, true]) {
      const { page } = await open(`${base}/new`, { bypassCSP: true, dark });
      const check = async (state: string) => {
        await page.addScriptTag({ content: axe });
        const violations = await page.evaluate(async () => {
          const w = window as unknown as {
            axe: {
              run: (
                ctx: Document,
                o: object,
              ) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }>;
            };
          };
          const result = await w.axe.run(document, {
            runOnly: {
              type: "tag",
              values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
            },
          });
          return result.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            nodes: v.nodes.length,
          }));
        });
        const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
        expect(serious, `${state} (${dark ? "dark" : "light"})`).toEqual([]);
      };
      await check("new page");
      // Errors shown everywhere, a custom role, two contacts, the live panel.
      await page.getByLabel("Server name").fill("live.test");
      await page.getByRole("button", { name: "Load what is live" }).click();
      await expect
        .poll(() => page.locator("#live-title").textContent(), { timeout: 20_000 })
        .toBe("Loaded what live.test publishes now");
      await page.getByRole("button", { name: "Add contact" }).click();
      await roleOf(contactAt(page, 1)).selectOption("custom");
      await contactAt(page, 1).getByLabel("Custom identifier").fill("Bad Role");
      await contactAt(page, 1).getByLabel("Matrix ID").fill("nope");
      await expectError(contactAt(page, 1).getByLabel("Matrix ID"), "MATRIX_ID_INVALID");
      await check("errors shown");
      await page.context().close();
    }
  });

  it("is readable on a phone: no sideways scrolling, screenshots in test-results/", async () => {
    for (const [width, dark] of [
      [320, false],
      [390, true],
    ] as const) {
      const { page } = await open(`${base}/new`, { width, height: 844, dark });
      await page.getByLabel("Server name").fill("live.test");
      await page.getByRole("button", { name: "Load what is live" }).click();
      await expect
        .poll(() => page.locator("#live-title").textContent(), { timeout: 20_000 })
        .toBe("Loaded what live.test publishes now");
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      // Text is not shrunk below a readable size.
      const smallest = await page.evaluate(() =>
        Math.min(
          ...[...document.querySelectorAll("main *")]
            .filter((e) => (e.textContent ?? "").trim() !== "" && e.children.length === 0)
            .map((e) => Number.parseFloat(getComputedStyle(e).fontSize)),
        ),
      );
      expect(smallest).toBeGreaterThanOrEqual(12);
      await shot(page, `phone-${width}-${dark ? "dark" : "light"}`);
      await page.context().close();
    }
  });
});
