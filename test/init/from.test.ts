/**
 * init/from.ts: what a server publishes now, as answers to start from. Fakes for each discovery
 * outcome, then the real discovery client against HTTPS servers on loopback (a CA made for the
 * test, curl-style --connect-to) that answer garbage or a pre-spec draft.
 */
import { writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Discover,
  discoverLive,
  type FromFlags,
  fromTransport,
  startFrom,
} from "../../packages/cli/src/init/from.js";
import type { DiscoveryResult } from "../../packages/lib/src/discover/types.js";
import { tempDir } from "../cli/init-helpers.js";
import { createCa } from "../helpers/tls.js";

const URL_OF = "https://example.org/.well-known/matrix/support";
const http = { status: 200, redirects: [], elapsed_ms: 1 };
const answer = (result: Partial<DiscoveryResult>): Discover => {
  return async (serverName) =>
    ({ serverName, url: URL_OF, diagnostics: [], http, ...result }) as DiscoveryResult;
};
const codes = (ds: readonly { code: string }[]) => ds.map((d) => d.code);

describe("startFrom with each discovery outcome", () => {
  it("found: the document's contacts become the answers; its diagnostics are notes", async () => {
    const document = {
      contacts: [{ role: "m.role.admin", email_address: "admin@example.org" }],
      support_page: "https://example.org/help",
    };
    const note = { code: "NO_SECURITY_CONTACT", severity: "warning" as const, message: "m" };
    const started = await startFrom(
      "example.org",
      {},
      answer({ status: "found", document, value: document, diagnostics: [note] }),
    );
    expect(started).toEqual({
      ok: true,
      answers: {
        serverName: "example.org",
        admin: { email_address: "admin@example.org" },
        supportPage: "https://example.org/help",
      },
      url: URL_OF,
      diagnostics: [note],
    });
  });

  it("invalid but a pre-spec draft: read in the spec's names", async () => {
    const value = { admins: [{ role: "admin", mxid: "@admin:example.org" }] };
    const started = await startFrom(
      "example.org",
      {},
      answer({ status: "invalid", document: null, value }),
    );
    expect(started.ok && started.answers.admin).toEqual({ matrix_id: "@admin:example.org" });
  });

  it("invalid and no draft (200 {}, wrong types), or not found: starts from scratch", async () => {
    for (const result of [
      answer({ status: "invalid", document: null, value: {} }),
      answer({ status: "invalid", document: null, value: { admins: "nobody" } }),
      answer({ status: "invalid", document: null }),
      answer({ status: "not_found", document: null, http: { ...http, status: 404 } }),
    ]) {
      const started = await startFrom("example.org", {}, result);
      expect(started).toMatchObject({ ok: true, answers: { serverName: "example.org" } });
      expect(started.ok && Object.keys(started.answers)).toEqual(["serverName"]);
    }
  });

  it("unreachable: not started, the failure named", async () => {
    const started = await startFrom(
      "example.org",
      {},
      answer({
        status: "unreachable",
        document: null,
        failure: { phase: "connect", code: "ECONNREFUSED", message: "connection refused" },
      }),
    );
    expect(started.ok).toBe(false);
    expect(codes(started.diagnostics)).toEqual(["INIT_FROM_FAILED"]);
    expect(started.diagnostics[0]?.message).toContain("connection refused");
  });

  it("a discovery that throws (a transport that cannot be built) is a failure, not a crash", async () => {
    const started = await startFrom("example.org", {}, async () => {
      throw new Error("no certificate in that file");
    });
    expect(started).toMatchObject({ ok: false });
    expect(started.diagnostics[0]).toMatchObject({ code: "INIT_FROM_FAILED" });
    expect(started.diagnostics[0]?.message).toContain("no certificate in that file");
  });
});

describe("fromTransport: --cacert, --resolve and --connect-to", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  afterAll(() => cleanup());

  it("passes the values on, the CA file read", async () => {
    const file = join(dir, "ca.pem");
    await writeFile(file, createCa().cert);
    const made = await fromTransport({
      cacert: file,
      resolve: ["example.org:443:127.0.0.1"],
      connectTo: ["::127.0.0.1:8443"],
      timeout: 500,
    });
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    expect(made.transport).toMatchObject({
      resolve: ["example.org:443:127.0.0.1"],
      connectTo: ["::127.0.0.1:8443"],
      timeout: 500,
    });
    expect(made.transport.cacert?.toString()).toContain("BEGIN CERTIFICATE");
  });

  it("an unreadable CA file, one without a certificate, a malformed rule: the message names the flag", async () => {
    const notPem = join(dir, "not.pem");
    await writeFile(notPem, "hello\n");
    const cases: [FromFlags, RegExp][] = [
      [{ cacert: join(dir, "absent.pem") }, /--cacert: cannot read .*absent\.pem: no such file/],
      [{ cacert: dir }, /--cacert: cannot read/],
      [{ cacert: notPem }, /--cacert: .*not\.pem holds no PEM certificate/],
      [{ resolve: ["example.org"] }, /example\.org/],
    ];
    for (const [flags, words] of cases) {
      const made = await fromTransport(flags);
      expect(made.ok).toBe(false);
      if (!made.ok) expect(made.message).toMatch(words);
    }
  });
});

describe("startFrom over the network (loopback)", () => {
  const ca = createCa();
  const leaf = ca.issue(["example.org"]);
  let server: Server;
  let port: number;
  let reply: { status: number; type: string; body: string | Buffer } = {
    status: 200,
    type: "application/json",
    body: "{}",
  };

  beforeAll(async () => {
    server = createServer({ key: leaf.key, cert: leaf.cert }, (_req, res) => {
      res.writeHead(reply.status, { "content-type": reply.type }).end(reply.body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const from = () =>
    startFrom(
      "example.org",
      {
        cacert: Buffer.from(ca.cert),
        connectTo: [`example.org:443:127.0.0.1:${port}`],
        timeout: 5000,
      },
      discoverLive,
    );

  it("a server answering garbage: starts from scratch, and says what was wrong", async () => {
    for (const body of ["<html>not json", Buffer.from([0xff, 0xfe, 0x00, 0x7b]), "[1, 2", "null"]) {
      reply = { status: 200, type: "application/json", body };
      const started = await from();
      expect(started).toMatchObject({
        ok: true,
        url: URL_OF,
        answers: { serverName: "example.org" },
      });
      expect(started.ok && Object.keys(started.answers)).toEqual(["serverName"]);
      expect(started.diagnostics.some((d) => d.severity === "error")).toBe(true);
    }
  });

  it("a server answering a pre-spec draft: its contacts become the answers", async () => {
    reply = {
      status: 200,
      type: "application/json",
      body: JSON.stringify({ admins: [{ role: "admin", email: "admin@example.org" }] }),
    };
    const started = await from();
    expect(started.ok && started.answers.admin).toEqual({ email_address: "admin@example.org" });
  });

  it("a server answering 500: not started, the status named", async () => {
    reply = { status: 500, type: "text/plain", body: "oops" };
    const started = await from();
    expect(started.ok).toBe(false);
    expect(codes(started.diagnostics)).toContain("INIT_FROM_FAILED");
  });
});
