/** `init` on a terminal, whole: what the wizard already said about an answer is not said again at the end. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeTty } from "../init/fake-tty.js";
import { runInit, tempDir, ttyIo } from "./init-helpers.js";

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterAll(async () => {
  await cleanup();
});

const count = (text: string, needle: string) => text.split(needle).length - 1;

describe("init wizard: each finding once", () => {
  it("an http: support page and an on-domain admin are each pointed out once", async () => {
    const tty = new FakeTty();
    const done = runInit(dir, { out: "once.yaml" }, ttyIo(tty));
    await tty.answer("Server name", "example.org");
    await tty.answer("Admin contact", "admin@example.org");
    await tty.answer("Backup admin contact", "");
    await tty.answer("Security contact", "");
    await tty.answer("Moderator contact", "");
    await tty.answer("Support page", "http://example.org/help");
    const ran = await done;
    expect(ran.code).toBe(0);
    expect(tty.text).toContain("Wrote once.yaml");
    expect(count(tty.text + ran.stderr, "(SUPPORT_PAGE_HTTP)")).toBe(1);
    expect(count(tty.text + ran.stderr, "(NO_OFF_DOMAIN_CONTACT)")).toBe(1);
  });
});
