import { describe, expect, it } from "vitest";
import { checkValue } from "../../packages/cli/src/init/check.js";
import { runWizard } from "../../packages/cli/src/init/wizard.js";
import { diagnostic } from "../../packages/lib/src/core/index.js";
import { FakeTty, KEY, tick } from "./fake-tty.js";

const PROMPTS = {
  server: "Server name",
  admin: "Admin contact",
  backup: "Backup admin contact",
  security: "Security contact",
  moderator: "Moderator contact",
  page: "Support page",
};

describe("the init wizard, driven by scripted keystrokes", () => {
  it("asks every question and returns the answers", async () => {
    const tty = new FakeTty();
    const done = runWizard({}, tty);
    await tty.answer(PROMPTS.server, "example.org");
    await tty.answer(PROMPTS.admin, "@admin:example.org admin@example.org");
    // Every way to reach the admin is on example.org: the wizard nudges toward a backup.
    await tty.waitFor("nobody can be reached when the server is down");
    await tty.answer(PROMPTS.backup, "@someone:matrix.org");
    await tty.answer(PROMPTS.security, "security@example.org");
    await tty.answer(PROMPTS.moderator, "");
    await tty.answer(PROMPTS.page, "https://example.org/help");
    expect(await done).toEqual({
      serverName: "example.org",
      admin: { matrix_id: "@admin:example.org", email_address: "admin@example.org" },
      backup: { matrix_id: "@someone:matrix.org" },
      security: { email_address: "security@example.org" },
      supportPage: "https://example.org/help",
    });
  });

  it("shows validate's message for a wrong value and takes the corrected one in place", async () => {
    const tty = new FakeTty();
    const done = runWizard({}, tty);
    await tty.answer(PROMPTS.server, "exa mple.org");
    // The exact catalogue message `validate` gives for this value, shown under the prompt.
    const serverMessage = checkValue("server_name", "exa mple.org")[0]?.message ?? "";
    expect(serverMessage).toContain("is not a valid server name");
    await tty.waitFor(serverMessage);
    await tick();
    tty.type(KEY.clearLine);
    tty.type(`example.org${KEY.enter}`);

    await tty.answer(PROMPTS.admin, "mailto:admin@elsewhere.example");
    const emailMessage = checkValue("email_address", "mailto:admin@elsewhere.example")[0];
    expect(emailMessage?.code).toBe("EMAIL_MAILTO");
    await tty.waitFor(emailMessage?.message ?? "");
    await tick();
    // Corrected in place: delete the "mailto:" prefix only, keep the rest of the typed text.
    tty.type("\x1b[H"); // Home
    for (let i = 0; i < "mailto:".length; i++) tty.type("\x1b[3~"); // Delete
    tty.type(KEY.enter);

    // admin is off example.org already: no backup question.
    await tty.answer(PROMPTS.security, "");
    await tty.answer(PROMPTS.moderator, "abuse@example.org");
    await tty.answer(PROMPTS.page, "javascript:alert(1)");
    await tty.waitFor(checkValue("support_page", "javascript:alert(1)")[0]?.message ?? "");
    await tick();
    tty.type(`${KEY.clearLine}${KEY.enter}`);

    const answers = await done;
    expect(answers).toEqual({
      serverName: "example.org",
      admin: { email_address: "admin@elsewhere.example" },
      moderator: { email_address: "abuse@example.org" },
    });
    expect(tty.text).not.toContain(PROMPTS.backup);
  });

  it("requires an admin contact, with the catalogue's message", async () => {
    const tty = new FakeTty();
    const done = runWizard({ serverName: "example.org" }, tty);
    await tty.answer(PROMPTS.server, ""); // keeps the prefilled value
    await tty.answer(PROMPTS.admin, "");
    await tty.waitFor(
      diagnostic("INIT_MISSING", undefined, { what: "admin contact", flags: "" }).message,
    );
    await tick();
    tty.type(`@me:example.net${KEY.enter}`);
    await tty.answer(PROMPTS.security, "");
    await tty.answer(PROMPTS.moderator, "");
    await tty.answer(PROMPTS.page, "");
    expect(await done).toEqual({
      serverName: "example.org",
      admin: { matrix_id: "@me:example.net" },
    });
  });

  it("refuses two Matrix IDs in one contact answer", async () => {
    const tty = new FakeTty();
    const done = runWizard({ serverName: "example.org" }, tty);
    await tty.answer(PROMPTS.server, "");
    await tty.answer(PROMPTS.admin, "@a:example.net @b:example.net");
    await tty.waitFor("give one Matrix ID (starting with @) and/or one email address");
    await tick();
    tty.type(`${KEY.clearLine}@a:example.net${KEY.enter}`);
    await tty.answer(PROMPTS.security, "");
    await tty.answer(PROMPTS.moderator, "");
    await tty.answer(PROMPTS.page, "");
    expect((await done)?.admin).toEqual({ matrix_id: "@a:example.net" });
  });

  it("shows warnings without blocking the answer (historical user ID, http: page)", async () => {
    const tty = new FakeTty();
    const done = runWizard({}, tty);
    await tty.answer(PROMPTS.server, "example.org");
    await tty.answer(PROMPTS.admin, "@Admin:example.net");
    await tty.waitFor("historical user ID");
    await tty.answer(PROMPTS.security, "");
    await tty.answer(PROMPTS.moderator, "");
    await tty.answer(PROMPTS.page, "http://example.org/help");
    await tty.waitFor("uses http:, not https:");
    const answers = await done;
    expect(answers?.admin).toEqual({ matrix_id: "@Admin:example.net" });
    expect(answers?.supportPage).toBe("http://example.org/help");
  });

  it("starts from the given answers; Enter keeps them, clearing removes optional ones", async () => {
    const tty = new FakeTty();
    const done = runWizard(
      {
        serverName: "example.org",
        admin: { email_address: "admin@example.net" },
        security: { email_address: "security@example.org" },
        moderator: { matrix_id: "@mod:example.org" },
        supportPage: "https://example.org/help",
      },
      tty,
    );
    await tty.answer(PROMPTS.server, "");
    await tty.answer(PROMPTS.admin, "");
    await tty.answer(PROMPTS.security, "");
    await tty.answer(PROMPTS.moderator, KEY.clearLine);
    await tty.answer(PROMPTS.page, "");
    expect(await done).toEqual({
      serverName: "example.org",
      admin: { email_address: "admin@example.net" },
      security: { email_address: "security@example.org" },
      supportPage: "https://example.org/help",
    });
  });

  it("draws on a terminal that reports no size (an unsized pseudo-terminal)", async () => {
    const tty = new FakeTty();
    tty.output.columns = 0;
    tty.output.rows = 0;
    const done = runWizard({}, tty);
    await tty.waitFor(PROMPTS.server);
    // Not one character per line: the prompt is drawn at a usable width.
    expect(tty.text).toContain("Server name (the part after ':' in your users' Matrix IDs)");
    expect([tty.output.columns, tty.output.rows]).toEqual([80, 24]);
    await tick();
    tty.type(KEY.ctrlC);
    await done;
  });

  it("returns null when cancelled with Ctrl-C", async () => {
    const tty = new FakeTty();
    const done = runWizard({}, tty);
    await tty.waitFor(PROMPTS.server);
    await tick();
    tty.type(KEY.ctrlC);
    expect(await done).toBeNull();
    expect(tty.text).toContain(diagnostic("INIT_CANCELLED", undefined).message);
  });

  it("shows notes about the live file first", async () => {
    const tty = new FakeTty();
    const done = runWizard(
      { serverName: "example.org", admin: { email_address: "a@example.net" } },
      tty,
      [
        {
          where: "https://example.org/.well-known/matrix/support",
          diagnostic: diagnostic("NO_SECURITY_CONTACT", ""),
        },
      ],
    );
    await tty.waitFor('No "m.role.security" contact');
    await tty.answer(PROMPTS.server, "");
    await tty.answer(PROMPTS.admin, "");
    await tty.answer(PROMPTS.security, "");
    await tty.answer(PROMPTS.moderator, "");
    await tty.answer(PROMPTS.page, "");
    expect(await done).not.toBeNull();
  });

  it("refuses a backup contact on the server's own domain, says why, and takes one off it", async () => {
    const tty = new FakeTty();
    const done = runWizard({}, tty);
    await tty.answer(PROMPTS.server, "example.org");
    await tty.answer(PROMPTS.admin, "admin@example.org");
    await tty.answer(PROMPTS.backup, "@other:example.org backup@mail.example.org");
    const refusal = diagnostic("INIT_BACKUP_ON_SERVER", undefined, {
      value: "@other:example.org backup@mail.example.org",
      server_name: "example.org",
    });
    await tty.waitFor(refusal.message);
    expect(refusal.message).toContain("example.org");
    await tick();
    tty.type(`${KEY.clearLine}@other:example.org backup@example.net${KEY.enter}`);
    await tty.answer(PROMPTS.security, "");
    await tty.answer(PROMPTS.moderator, "");
    await tty.answer(PROMPTS.page, "");
    // One way off the domain is enough for a backup.
    expect((await done)?.backup).toEqual({
      matrix_id: "@other:example.org",
      email_address: "backup@example.net",
    });
  });

  it("shows placeholders as examples, not as defaults Enter would take", async () => {
    const tty = new FakeTty();
    const done = runWizard({}, tty);
    await tty.waitFor(PROMPTS.server);
    expect(tty.text).toContain("e.g. example.org");
    await tick();
    tty.type(`example.org${KEY.enter}`);
    await tty.waitFor(PROMPTS.admin);
    await tty.waitFor("e.g. @admin:example.org admin@example.org");
    await tick();
    tty.type(KEY.enter);
    // Enter on the example is no answer: the question stays, saying what is missing.
    await tty.waitFor(
      diagnostic("INIT_MISSING", undefined, { what: "admin contact", flags: "" }).message,
    );
    await tick();
    tty.type(`admin@example.net${KEY.enter}`);
    await tty.waitFor(PROMPTS.security);
    await tty.waitFor("e.g. security@example.org");
    await tick();
    tty.type(KEY.enter);
    await tty.waitFor(PROMPTS.moderator);
    await tty.waitFor("e.g. abuse@example.org");
    await tick();
    tty.type(KEY.enter);
    await tty.waitFor(PROMPTS.page);
    await tty.waitFor("e.g. https://example.org/help");
    await tick();
    tty.type(KEY.enter);
    expect(await done).toEqual({
      serverName: "example.org",
      admin: { email_address: "admin@example.net" },
    });
  });
});
