/**
 * `init --from` against a real HTTPS server on loopback, with a CA made for the test and
 * curl-style --cacert / --connect-to / --resolve pointing the client at it.
 */
import { execFileSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processIo } from "../../packages/cli/src/cli/init.js";
import { parseConfig } from "../../packages/cli/src/config/index.js";
import { runInit, tempDir } from "./init-helpers.js";

let dir: string;
let cleanup: () => Promise<void>;
let server: Server;
let port: number;
let body = "";
let status = 200;

function openssl(args: string[]): void {
  execFileSync("/usr/bin/openssl", args, { cwd: dir, stdio: "ignore" });
}

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];
  openssl([
    "req",
    "-x509",
    ...ec,
    "-keyout",
    "ca.key",
    "-out",
    "ca.pem",
    "-days",
    "2",
    "-subj",
    "/CN=init test CA",
  ]);
  openssl(["req", ...ec, "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", "/CN=example.org"]);
  await writeFile(join(dir, "san.ext"), "subjectAltName=DNS:example.org\n");
  openssl([
    "x509",
    "-req",
    "-in",
    "leaf.csr",
    "-CA",
    "ca.pem",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-out",
    "leaf.pem",
    "-days",
    "2",
    "-extfile",
    "san.ext",
  ]);
  server = createServer(
    { key: await readFile(join(dir, "leaf.key")), cert: await readFile(join(dir, "leaf.pem")) },
    (req, res) => {
      if (req.url !== "/.well-known/matrix/support") {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(status, {
        "content-type": "application/json",
        "access-control-allow-origin": "*",
      });
      res.end(body);
    },
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await cleanup();
});

const live = () => ({ discover: processIo().discover });

describe("init --from over HTTPS on loopback", () => {
  it("starts from the published file (--cacert, --connect-to) and keeps what it does not ask about", async () => {
    body = JSON.stringify({
      contacts: [
        {
          role: "m.role.admin",
          matrix_id: "@admin:example.org",
          email_address: "admin@example.org",
        },
        { role: "m.role.security", email_address: "mailto:security@example.org" },
        { role: "org.example.role.dpo", email_address: "dpo@example.org" },
      ],
      support_page: "https://example.org/help",
    });
    status = 200;
    const ran = await runInit(
      dir,
      {
        out: "from.yaml",
        from: "example.org",
        yes: true,
        cacert: join(dir, "ca.pem"),
        connectTo: [`example.org:443:127.0.0.1:${port}`],
      },
      live(),
    );
    expect(ran.code).toBe(0);
    // What is wrong with the live file is shown, with validate's message.
    expect(ran.stderr).toContain('"mailto:security@example.org" has a "mailto:" prefix');
    const config = parseConfig(await readFile(join(dir, "from.yaml"), "utf8")).config;
    expect(config).toEqual({
      server_name: "example.org",
      support: {
        contacts: [
          {
            role: "m.role.admin",
            matrix_id: "@admin:example.org",
            email_address: "admin@example.org",
          },
          // The broken security address was dropped by discovery: the admin contact stands in.
          {
            role: "m.role.security",
            matrix_id: "@admin:example.org",
            email_address: "admin@example.org",
          },
          { role: "org.example.role.dpo", email_address: "dpo@example.org" },
        ],
        support_page: "https://example.org/help",
      },
    });
  });

  it.each([
    [
      "mxid/email in contacts, bare roles",
      {
        contacts: [
          { role: "admin", mxid: "@admin:example.org", email: "admin@example.org" },
          { role: "security", email: "security@example.net" },
        ],
      },
    ],
    [
      "admins beside an empty contacts list",
      {
        admins: [{ role: "admin", mxid: "@admin:example.org", email: "admin@example.org" }],
        contacts: [],
      },
    ],
  ])("upgrades a pre-spec file (%s) instead of finding no admin", async (_, published) => {
    body = JSON.stringify(published);
    status = 200;
    const out = `draft-${Object.keys(published).join("-")}.yaml`;
    const ran = await runInit(
      dir,
      {
        out,
        from: "example.org",
        yes: true,
        cacert: join(dir, "ca.pem"),
        connectTo: [`example.org:443:127.0.0.1:${port}`],
      },
      live(),
    );
    expect(ran.stderr).not.toContain("INIT_MISSING");
    expect(ran.code).toBe(0);
    // The live file's draft names are still pointed out, with validate's words.
    expect(ran.stderr).toContain("(DRAFT_KEY)");
    const contacts = parseConfig(await readFile(join(dir, out), "utf8")).config?.support?.contacts;
    expect(contacts?.[0]).toEqual({
      role: "m.role.admin",
      matrix_id: "@admin:example.org",
      email_address: "admin@example.org",
    });
    expect(contacts?.map((c) => c.role)).toContain("m.role.security");
  });

  it("works with --resolve too (the server on its own port)", async () => {
    body = JSON.stringify({
      contacts: [{ role: "m.role.admin", email_address: "admin@example.net" }],
    });
    const ran = await runInit(
      dir,
      {
        out: "resolve.yaml",
        from: `example.org:${port}`,
        yes: true,
        cacert: join(dir, "ca.pem"),
        connectTo: [`example.org:443:example.org:${port}`],
        resolve: [`example.org:${port}:127.0.0.1`],
      },
      live(),
    );
    expect(ran.stderr).not.toContain("error");
    expect(ran.code).toBe(0);
    const config = parseConfig(await readFile(join(dir, "resolve.yaml"), "utf8")).config;
    expect(config?.server_name).toBe(`example.org:${port}`);
    expect(config?.support?.contacts?.[0]).toEqual({
      role: "m.role.admin",
      email_address: "admin@example.net",
    });
  });

  it("names a TLS failure plainly when the CA is not trusted: exit 1", async () => {
    const ran = await runInit(
      dir,
      {
        out: "untrusted.yaml",
        from: "example.org",
        yes: true,
        connectTo: [`example.org:443:127.0.0.1:${port}`],
      },
      live(),
    );
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain("(INIT_FROM_FAILED)");
    expect(ran.stderr).not.toMatch(/\n\s+at /);
  });

  it("treats bad --resolve, --connect-to and --cacert as usage errors: exit 2", async () => {
    const bad = await runInit(
      dir,
      { out: "x.yaml", from: "example.org", resolve: ["nonsense"] },
      live(),
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--resolve takes HOST:PORT:ADDR");
    const noCa = await runInit(
      dir,
      { out: "x.yaml", from: "example.org", cacert: join(dir, "missing.pem") },
      live(),
    );
    expect(noCa.code).toBe(2);
    expect(noCa.stderr).toContain("--cacert: cannot read");
    const notPem = await runInit(
      dir,
      { out: "x.yaml", from: "example.org", cacert: join(dir, "san.ext") },
      live(),
    );
    expect(notPem.code).toBe(2);
    expect(notPem.stderr).toContain("holds no PEM certificate");
  });

  it("rejects an invalid --from server name like any invalid value: exit 1", async () => {
    // (A bare https://example.org/ is taken as example.org; with a path it is refused.)
    const ran = await runInit(dir, { out: "x.yaml", from: "https://example.org/help" }, live());
    expect(ran.code).toBe(1);
    expect(ran.stderr).toMatch(
      /^--from {2}error {2}"https:\/\/example\.org\/help" is a web address, not a server name: drop the https:\/\/ scheme and the path/,
    );
    const bad = await runInit(dir, { out: "x.yaml", from: "bad name" }, live());
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^--from {2}error {2}"bad name" is not a valid server name/);
  });
});
