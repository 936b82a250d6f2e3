/**
 * examples/contacts-changed.ts, run against a loopback TLS server whose file changes: the client
 * warns "the contacts of example.org changed since you last looked; the security contact moved to
 * another domain" and holds the change until --accept. The example imports the library by its
 * package names; it is bundled here with those names pointed at the sources.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build, type Plugin } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeTransport, type NodeTransport } from "../../packages/cli/src/transport/node.js";
import type { FetchLike } from "../../packages/lib/src/discover/index.js";
import { type Fleet, json, startFleet } from "../helpers/fleet.js";

const ROOT = resolve(import.meta.dirname, "../..");
const BUNDLE = join(ROOT, "node_modules", ".cache", `contacts-changed-${process.pid}.mjs`);

/** `@matrix-support/lib[/x]` -> packages/lib/src/{core,x}/index.ts */
const librarySources: Plugin = {
  name: "library-sources",
  setup(b) {
    b.onResolve({ filter: /^@matrix-support\/lib(\/.*)?$/ }, (args) => {
      const sub = args.path.slice("@matrix-support/lib".length).replace(/^\//, "") || "core";
      return { path: join(ROOT, "packages", "lib", "src", sub, "index.ts") };
    });
  },
};

type Main = (
  argv: readonly string[],
  options: { fetch?: FetchLike; write?: (line: string) => void },
) => Promise<number>;

let main: Main;
let fleet: Fleet;
let transport: NodeTransport;
let dir: string;
let serving: unknown;

beforeAll(async () => {
  await build({
    entryPoints: [join(ROOT, "examples", "contacts-changed.ts")],
    outfile: BUNDLE,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "silent",
    plugins: [librarySources],
  });
  ({ main } = (await import(pathToFileURL(BUNDLE).href)) as { main: Main });
  fleet = await startFleet();
  fleet.route("example.org", (_req, res) =>
    serving === "down" ? json(res, "oops", {}, 500) : json(res, serving),
  );
  transport = createNodeTransport({ cacert: fleet.ca.cert, connectTo: [fleet.connectTo] });
  dir = await mkdtemp(join(tmpdir(), "contacts-changed-"));
}, 60_000);
afterAll(async () => {
  await transport?.close();
  await fleet?.close();
  await rm(BUNDLE, { force: true });
  if (dir) await rm(dir, { recursive: true, force: true });
});

const admin = { role: "m.role.admin", matrix_id: "@admin:example.org" };
const ORIGINAL = {
  contacts: [admin, { role: "m.role.security", email_address: "security@example.org" }],
};
const MOVED = {
  contacts: [admin, { role: "m.role.security", email_address: "security@evil.example" }],
};
const GROWN = {
  contacts: [...MOVED.contacts, { role: "m.role.moderator", matrix_id: "@mod:example.org" }],
};

async function look(...args: string[]): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const code = await main(["example.org", "--seen", join(dir, "seen.json"), ...args], {
    fetch: transport.fetch,
    write: (l) => lines.push(l),
  });
  return { code, text: lines.join("\n") };
}

describe("examples/contacts-changed.ts", () => {
  it("first look: trust on first use, then the security contact", async () => {
    serving = ORIGINAL;
    const r = await look();
    expect(r.code).toBe(0);
    expect(r.text).toBe(
      "First look at example.org: its contacts are remembered (trust on first use).\nSecurity contact: Security: security@example.org",
    );
    const again = await look();
    expect(again).toEqual({ code: 0, text: "Security contact: Security: security@example.org" });
  });

  it("warns when the security contact moved to another domain, on every look until --accept", async () => {
    serving = MOVED;
    const today = new Date().toISOString().slice(0, 10);
    for (let i = 0; i < 2; i++) {
      const r = await look();
      expect(r.code).toBe(1);
      expect(r.text.split("\n")).toEqual([
        `WARNING: The contacts of example.org changed since you last looked (${today}); the security contact moved to another domain.`,
        "  high    Security reports would now go to evil.example, a domain not used before (example.org): the email address of the security contact",
        "  medium  The m.role.security contact's email address changed: security@example.org -> security@evil.example",
        "Do not send a sensitive report yet: confirm the change with the server's admins through a channel you already trust, then run again with --accept.",
      ]);
      expect(r.text).not.toMatch(/Security contact:/);
    }
    const accepted = await look("--accept");
    expect(accepted.code).toBe(0);
    expect(accepted.text).toBe(
      "The new contacts of example.org are now trusted.\nSecurity contact: Security: security@evil.example",
    );
  });

  it("a lower-risk change is told once, and the contact is given", async () => {
    serving = GROWN;
    const r = await look();
    expect(r.code).toBe(0);
    expect(r.text).toMatch(
      /^The contacts of example\.org changed since you last looked \(\d{4}-\d\d-\d\d\)\.\n/,
    );
    expect(r.text).toMatch(
      /medium {2}A contact with role m\.role\.moderator was added: @mod:example\.org/,
    );
    expect(r.text).toMatch(/Security contact: Security: security@evil\.example$/);
    expect((await look()).text).toBe("Security contact: Security: security@evil.example");
  });

  it("a broken file: no contact now, the last seen one kept", async () => {
    serving = "down";
    const r = await look();
    expect(r.code).toBe(1);
    expect(r.text).toMatch(
      /^example\.org publishes no usable support file now \(unreachable\)\.\nThe contacts seen on \d{4}-\d\d-\d\d are kept/,
    );
  });

  it("usage errors and a seen file that is not its own: exit 2", async () => {
    const lines: string[] = [];
    expect(await main([], { write: (l) => lines.push(l) })).toBe(2);
    expect(lines[0]).toMatch(/^usage:/);
    const other = join(dir, "other.json");
    await writeFile(other, '{"something": "else"}');
    const out: string[] = [];
    expect(await main(["example.org", "--seen", other], { write: (l) => out.push(l) })).toBe(2);
    expect(out[0]).toMatch(/not a matrix-support seen-documents file/);
  });
});
