/**
 * Text from servers, input files and configs never reaches a terminal raw: control characters,
 * line breaks and bidi controls are shown as visible escapes by every command.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initCommand, processIo } from "../../packages/cli/src/cli/init.js";
import { runWizard, showDiagnostic } from "../../packages/cli/src/init/wizard.js";
import { createLogger } from "../../packages/cli/src/serve/logger.js";
import { diagnostic } from "../../packages/lib/src/core/index.js";
import { type Fleet, json, startFleet } from "../helpers/fleet.js";
import { expectNoRawText, HOSTILE } from "../helpers/hostile.js";
import { runHere } from "../helpers/run-here.js";
import { FakeTty, KEY } from "../init/fake-tty.js";
import { testIo } from "./init-helpers.js";

/** `HOSTILE` as every command shows it. */
const SHOWN = "\\x1b[31mRED\\x1b]0;PWNED\\x07\\nFAKE line\\r\\x9b2J\\u2028\\u202eevil\\u2066";

let dir: string;
let fleet: Fleet;
let cacert: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ms-hostile-"));
  fleet = await startFleet();
  fleet.route("hostile.test", (_q, s) =>
    json(s, {
      contacts: [
        { role: HOSTILE, email_address: `a${HOSTILE}@hostile.test` },
        { role: "m.role.admin", email_address: "admin\u202e@hostile.test", [HOSTILE]: 1 },
      ],
      support_page: `https://hostile.test/${HOSTILE}`,
      [HOSTILE]: HOSTILE,
    }),
  );
  cacert = join(dir, "ca.pem");
  await writeFile(cacert, fleet.ca.cert);
});
afterAll(async () => {
  await fleet.close();
  await rm(dir, { recursive: true, force: true });
});

class Raw extends Writable {
  text = "";
  override _write(chunk: unknown, _e: BufferEncoding, cb: () => void): void {
    this.text += String(chunk);
    cb();
  }
}

const cli = (...args: string[]) => runHere(args);

describe("validate", () => {
  it("escapes document values quoted in messages, and the file name", async () => {
    const file = join(dir, `doc${HOSTILE}.json`);
    await writeFile(
      file,
      JSON.stringify({
        contacts: [{ role: HOSTILE, matrix_id: `@x${HOSTILE}:a.org`, email_address: HOSTILE }],
        support_page: HOSTILE,
        [HOSTILE]: 1,
      }),
    );
    const r = await cli("validate", file);
    expect(r.code).toBe(1);
    expectNoRawText(r.out);
    expectNoRawText(r.err);
    expect(r.out).toContain(SHOWN);
  });

  it("escapes config values and keys quoted in messages", async () => {
    const file = join(dir, "config.yaml");
    await writeFile(
      file,
      `server_name: example.org\n${JSON.stringify(HOSTILE)}: 1\nsupport:\n  contacts:\n    - role: ${JSON.stringify(HOSTILE)}\n      email_address: admin@example.org\n`,
    );
    const r = await cli("validate", file);
    expect(r.code).toBe(1);
    expectNoRawText(r.out);
    expect(r.out).toContain(SHOWN);
  });
});

describe("init --from", () => {
  it("escapes what a hostile server publishes in the notes it prints", async () => {
    const io = testIo(dir, { discover: processIo().discover });
    const code = await initCommand(
      {
        out: "from-hostile.yaml",
        from: "hostile.test",
        yes: true,
        cacert,
        connectTo: [fleet.connectTo],
      },
      io,
    );
    const err = io.err.chunks.join("");
    const out = io.out.chunks.join("");
    expect(err).toContain("hostile.test");
    expectNoRawText(err);
    expectNoRawText(out);
    expect(err).toContain("\\x1b[31mRED");
    expect([0, 1]).toContain(code);
  });

  it("the wizard shows notes and values from the server escaped", async () => {
    const raw = new Raw();
    showDiagnostic(
      diagnostic("ROLE_INVALID", "/contacts/0/role", { role: HOSTILE, reason: HOSTILE }),
      { input: process.stdin, output: raw },
      `https://hostile.test/${HOSTILE}`,
    );
    // The prompts colour their own text; the server's text is escaped.
    expect(raw.text).toContain(SHOWN);
    expect(raw.text).not.toMatch(/[\u0007\u009b\u2028\u202e\u2066]|\u001b\]0;|^FAKE/m);

    const tty = new FakeTty();
    const screen = new Raw();
    tty.output.on("pipe", () => {});
    const write = tty.output.write.bind(tty.output);
    tty.output.write = ((chunk: unknown, ...rest: never[]) => {
      screen.text += String(chunk);
      return write(chunk as string, ...rest);
    }) as typeof tty.output.write;
    const done = runWizard({ serverName: `example.org${HOSTILE}` }, tty);
    await tty.waitFor("Server name");
    await tty.waitFor("PWNED");
    tty.type(KEY.ctrlC);
    expect(await done).toBeNull();
    expect(screen.text).toContain("example.org\\x1b[31mRED");
    expect(screen.text).not.toMatch(/[\u0007\u009b\u2028\u202e\u2066]|\u001b\]0;|^FAKE/m);
  });
});

describe("serve", () => {
  it("escapes the config's values and its name when it refuses to start", async () => {
    const file = join(dir, `serve${HOSTILE}.yaml`);
    await writeFile(
      file,
      `server_name: example.org\nsupport:\n  contacts:\n    - role: ${JSON.stringify(HOSTILE)}\n      email_address: admin@example.org\n`,
    );
    const r = await cli("serve", "--config", file);
    expect(r.code).toBe(1);
    expectNoRawText(r.err);
    expect(r.err).toContain("invalid config, not starting");
    expect(r.err).toContain(SHOWN);
  });
});

describe("serve logs on a terminal (pino-pretty)", () => {
  it("escape what the message quotes from the config", () => {
    const raw = new Raw();
    const logger = createLogger({ pretty: true, destination: raw });
    logger.warn({ code: "ROLE_INVALID" }, `config.yaml:3:5: Role "${HOSTILE}" is bad`);
    expect(raw.text).toContain(SHOWN);
    expect(raw.text).not.toMatch(/[\u0007\u009b\u2028\u202e\u2066]|\u001b\]0;|^FAKE/m);
  });
});
