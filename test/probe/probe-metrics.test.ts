// serve --probe-metrics: /probe?target=NAME as a web-standard handler with an injected check.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectedFromText } from "../../packages/cli/src/checker/expected.js";
import {
  createProbeMetrics,
  type ProbeCheck,
  renderProbeMetrics,
} from "../../packages/cli/src/checker/probe-metrics.js";
import { ConcurrencyCap, RateLimiter } from "../../packages/cli/src/checker/rate-limit.js";
import type { Config } from "../../packages/lib/src/config/types.js";
import type { Diagnostic, SupportDocument } from "../../packages/lib/src/core/index.js";
import { compareExpected, type ExpectedSupport } from "../../packages/lib/src/discover/expect.js";
import type { CheckReport, DiscoveryResult } from "../../packages/lib/src/discover/index.js";

const DOC: SupportDocument = {
  contacts: [
    { role: "m.role.admin", email_address: "admin@example.org" },
    { role: "m.role.security", email_address: "security@example.org" },
  ],
};
const MOVED: SupportDocument = {
  contacts: [
    { role: "m.role.admin", email_address: "admin@example.org" },
    { role: "m.role.security", email_address: "security@evil.example" },
  ],
};

function report(
  name: string,
  status: CheckReport["status"],
  document: SupportDocument | null = null,
  diagnostics: Diagnostic[] = [],
  httpStatus: number | undefined = status === "unreachable"
    ? undefined
    : status === "not_found"
      ? 404
      : 200,
): CheckReport {
  return {
    server_name: name,
    url: `https://${name}/.well-known/matrix/support`,
    status,
    document,
    diagnostics,
    http: {
      ...(httpStatus !== undefined ? { status: httpStatus } : {}),
      redirects: [],
      ...(httpStatus !== undefined ? { headers: { "access-control-allow-origin": "*" } } : {}),
      elapsed_ms: 5,
    },
  };
}

const warn = (code: string): Diagnostic => ({ code, severity: "warning", message: code });
const err = (code: string): Diagnostic => ({ code, severity: "error", message: code });

/** The value of one sample in a text exposition, or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  for (const l of text.split("\n")) {
    if (l.startsWith("#")) continue;
    const space = l.lastIndexOf(" ");
    if (l.slice(0, space) === series) return Number(l.slice(space + 1));
  }
  return undefined;
}

/** A check serving `docs[name]` as found, with drift computed as the real check does. */
function fakeCheck(
  docs: Map<string, SupportDocument | "unreachable">,
  calls: string[] = [],
): ProbeCheck {
  return async (name, expect) => {
    calls.push(name);
    const doc = docs.get(name.toLowerCase().replace(/:\d+$/, ""));
    if (doc === undefined || doc === "unreachable") return report(name, "unreachable");
    const r = report(name, "found", doc);
    if (expect) {
      const result: DiscoveryResult = {
        status: "found",
        serverName: name,
        url: r.url,
        document: doc,
        value: doc,
        diagnostics: [],
        http: r.http,
      };
      r.diagnostics.push(...compareExpected(expect, result));
    }
    return r;
  };
}

const get = (query: string, method = "GET") =>
  new Request(`http://serve.test/probe${query}`, { method });

describe("renderProbeMetrics", () => {
  it("found, no error: success 1, the status, contacts, diagnostics by severity, CORS", () => {
    const text = renderProbeMetrics({
      report: report("example.org", "found", DOC, [warn("NO_OFF_DOMAIN_CONTACT")]),
      durationSeconds: 0.0123456789,
    });
    expect(text).toMatch(
      /^# HELP matrix_support_probe_success .+\n# TYPE matrix_support_probe_success gauge\n/,
    );
    expect(sample(text, "matrix_support_probe_success")).toBe(1);
    expect(sample(text, "matrix_support_probe_duration_seconds")).toBe(0.012346);
    expect(sample(text, 'matrix_support_status{status="found"}')).toBe(1);
    expect(sample(text, 'matrix_support_status{status="not_found"}')).toBe(0);
    expect(sample(text, 'matrix_support_status{status="invalid"}')).toBe(0);
    expect(sample(text, 'matrix_support_status{status="unreachable"}')).toBe(0);
    expect(sample(text, "matrix_support_http_status_code")).toBe(200);
    expect(sample(text, "matrix_support_contacts")).toBe(2);
    expect(sample(text, 'matrix_support_diagnostics{severity="error"}')).toBe(0);
    expect(sample(text, 'matrix_support_diagnostics{severity="warning"}')).toBe(1);
    expect(sample(text, "matrix_support_cors_ok")).toBe(1);
    expect(sample(text, "matrix_support_document_fingerprint")).toBeGreaterThan(0);
    // Nothing to compare with: no drift, no change count.
    expect(text).not.toMatch(/matrix_support_drift|matrix_support_changes/);
  });

  it("an error in the document, CORS lost, unreachable: success 0 and the reasons", () => {
    const broken = renderProbeMetrics({
      report: report("example.org", "found", DOC, [err("EMAIL_INVALID"), warn("CORS_MISSING")]),
      durationSeconds: 1,
    });
    expect(sample(broken, "matrix_support_probe_success")).toBe(0);
    expect(sample(broken, 'matrix_support_diagnostics{severity="error"}')).toBe(1);
    expect(sample(broken, "matrix_support_cors_ok")).toBe(0);
    const down = renderProbeMetrics({
      report: report("example.org", "unreachable"),
      durationSeconds: 10,
    });
    expect(sample(down, "matrix_support_probe_success")).toBe(0);
    expect(sample(down, 'matrix_support_status{status="unreachable"}')).toBe(1);
    expect(sample(down, "matrix_support_http_status_code")).toBe(0);
    expect(sample(down, "matrix_support_cors_ok")).toBe(0);
    expect(sample(down, "matrix_support_contacts")).toBe(0);
    expect(down).not.toMatch(/fingerprint/);
    const empty = renderProbeMetrics({
      report: report("example.org", "invalid"),
      durationSeconds: 0,
    });
    expect(sample(empty, 'matrix_support_status{status="invalid"}')).toBe(1);
  });

  it("drift findings count in matrix_support_drift, not in the diagnostics or success", () => {
    const text = renderProbeMetrics({
      report: report("example.org", "found", DOC, [err("EXPECT_CONTACT_MISSING")]),
      durationSeconds: 0,
      drift: { against: "expect", drifted: true },
    });
    expect(sample(text, "matrix_support_probe_success")).toBe(1);
    expect(sample(text, 'matrix_support_diagnostics{severity="error"}')).toBe(0);
    expect(sample(text, 'matrix_support_drift{against="expect"}')).toBe(1);
  });

  it("the fingerprint ignores contact order and key order, and sees any edit", () => {
    const fp = (d: SupportDocument) =>
      sample(
        renderProbeMetrics({ report: report("x", "found", d), durationSeconds: 0 }),
        "matrix_support_document_fingerprint",
      );
    const reordered: SupportDocument = {
      contacts: [
        { email_address: "security@example.org", role: "m.role.security" },
        { role: "m.role.admin", email_address: "admin@example.org" },
      ],
    };
    expect(fp(reordered)).toBe(fp(DOC));
    expect(fp(MOVED)).not.toBe(fp(DOC));
    expect(fp({ ...DOC, support_page: "https://example.org/help" })).not.toBe(fp(DOC));
  });
});

describe("/probe", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "probe-expect-"));
    await writeFile(join(dir, "example.org.json"), JSON.stringify(DOC));
    await writeFile(
      join(dir, "example.org.yaml"),
      "server_name: example.org\nsupport:\n  contacts:\n    - role: m.role.admin\n      email_address: admin@example.org\n",
    );
    await writeFile(join(dir, "broken.yaml"), "server_name: [\n");
    await writeFile(join(dir, "wrong.yaml"), "server_name: 5\nsupport:\n  support_page: x\n");
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("answers the Prometheus text format, uncached", async () => {
    const { handler } = createProbeMetrics({ check: fakeCheck(new Map([["example.org", DOC]])) });
    const response = await handler(get("?target=example.org"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const text = await response.text();
    expect(sample(text, "matrix_support_probe_success")).toBe(1);
    const head = await handler(get("?target=example.org", "HEAD"));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });

  it("refuses: no target (400), another method (405), plain text messages from the catalogue", async () => {
    const { handler } = createProbeMetrics({ check: fakeCheck(new Map()) });
    for (const q of ["", "?target=", "?target=%20", "?server=example.org"]) {
      const r = await handler(get(q));
      expect(r.status).toBe(400);
      expect(await r.text()).toBe("No target given: ask for /probe?target=NAME\n");
    }
    const post = await handler(get("?target=example.org", "POST"));
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });

  it("rate-limits per client and caps probes in flight", async () => {
    let t = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const { handler } = createProbeMetrics({
      check: async (name) => {
        await gate;
        return report(name, "found", DOC);
      },
      limiter: new RateLimiter({ burst: 3, refillMs: 1000, now: () => t }),
      cap: new ConcurrencyCap(1),
      clientAddress: () => "192.0.2.1",
      now: () => t,
    });
    const first = handler(get("?target=a.example"));
    const busy = await handler(get("?target=b.example"));
    expect(busy.status).toBe(429);
    expect(await busy.text()).toMatch(/busy/);
    // The same target while it runs shares the probe (no new slot needed).
    const shared = handler(get("?target=a.example"));
    const limited = await handler(get("?target=c.example"));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    release();
    expect((await first).status).toBe(200);
    expect((await shared).status).toBe(200);
    t += 1000;
    expect((await handler(get("?target=c.example"))).status).toBe(200);
  });

  it("reuses a finished probe for a few seconds: one check per target", async () => {
    const calls: string[] = [];
    let t = 0;
    const { handler } = createProbeMetrics({
      check: fakeCheck(new Map([["example.org", DOC]]), calls),
      now: () => t,
      reuseMs: 5000,
    });
    await handler(get("?target=example.org"));
    await handler(get("?target=example.org"));
    expect(calls).toEqual(["example.org"]);
    t += 5000;
    await handler(get("?target=example.org"));
    expect(calls).toEqual(["example.org", "example.org"]);
  });

  it("drift against the served config when the target is its server_name, followed across reloads", async () => {
    let config: Config = { server_name: "example.org", support: DOC };
    const docs = new Map<string, SupportDocument | "unreachable">([
      ["example.org", DOC],
      ["other.example", DOC],
    ]);
    const { handler } = createProbeMetrics({
      check: fakeCheck(docs),
      servedConfig: () => config,
      reuseMs: 0,
    });
    const text = async (q: string) => (await handler(get(q))).text();
    expect(
      sample(await text("?target=example.org"), 'matrix_support_drift{against="served_config"}'),
    ).toBe(0);
    expect(
      sample(
        await text("?target=EXAMPLE.org:8448"),
        'matrix_support_drift{against="served_config"}',
      ),
    ).toBe(0);
    // Another server: nothing to compare with.
    expect(await text("?target=other.example")).not.toMatch(/matrix_support_drift/);
    // A reload changes what was meant; the live file has not followed.
    config = { server_name: "example.org", support: MOVED };
    expect(
      sample(await text("?target=example.org"), 'matrix_support_drift{against="served_config"}'),
    ).toBe(1);
    // A config that publishes nothing means the server should answer 404.
    config = { server_name: "example.org" };
    expect(
      sample(await text("?target=example.org"), 'matrix_support_drift{against="served_config"}'),
    ).toBe(1);
    // Unreachable: nothing fetched, no drift claimed either way.
    docs.set("example.org", "unreachable");
    expect(await text("?target=example.org")).not.toMatch(/matrix_support_drift/);
  });

  it("expect= a file in --probe-expect-dir (document or config), or an https URL", async () => {
    const { handler } = createProbeMetrics({
      check: fakeCheck(new Map([["example.org", DOC]])),
      expectDir: dir,
      reuseMs: 0,
      fetchExpect: async (url) => {
        const body = url === "https://config.example/meant.json" ? JSON.stringify(MOVED) : "nope";
        return new Response(body, { status: url.endsWith("/meant.json") ? 200 : 404 });
      },
    });
    const drift = async (q: string) => {
      const r = await handler(get(q));
      return { status: r.status, text: await r.text() };
    };
    let r = await drift("?target=example.org&expect=example.org.json");
    expect(sample(r.text, 'matrix_support_drift{against="expect"}')).toBe(0);
    r = await drift("?target=example.org&expect=example.org.yaml");
    expect(sample(r.text, 'matrix_support_drift{against="expect"}')).toBe(1);
    r = await drift(
      `?target=example.org&expect=${encodeURIComponent("https://config.example/meant.json")}`,
    );
    expect(sample(r.text, 'matrix_support_drift{against="expect"}')).toBe(1);
  });

  it("expect= refuses paths, other schemes, missing and broken files, with 400 and the reason", async () => {
    const withDir = createProbeMetrics({ check: fakeCheck(new Map()), expectDir: dir });
    const withoutDir = createProbeMetrics({ check: fakeCheck(new Map()) });
    const cases: [typeof withDir, string, RegExp][] = [
      [withDir, "../etc/passwd", /only letters, digits.*\(no path\)/],
      [withDir, "/etc/passwd", /no path/],
      [withDir, ".hidden", /no path/],
      [withDir, "absent.json", /no such file in --probe-expect-dir/],
      [
        withDir,
        "broken.yaml",
        /^expect=broken\.yaml: neither a config nor a support document \(Not valid YAML/,
      ],
      [
        withDir,
        "wrong.yaml",
        /^expect=wrong\.yaml: invalid config at line 1: Config "server_name" must be a string/,
      ],
      [withDir, "file:///etc/passwd", /only https:\/\/ URLs are fetched/],
      [withDir, "http://example.org/x.json", /only https:\/\/ URLs/],
      [withoutDir, "example.org.json", /started without --probe-expect-dir/],
    ];
    for (const [probe, value, message] of cases) {
      const r = await probe.handler(get(`?target=example.org&expect=${encodeURIComponent(value)}`));
      expect(r.status, value).toBe(400);
      expect(await r.text()).toMatch(message);
    }
  });

  it("counts changes since the previous probe of the target, by risk", async () => {
    const docs = new Map<string, SupportDocument | "unreachable">([["example.org", DOC]]);
    const { handler } = createProbeMetrics({ check: fakeCheck(docs), reuseMs: 0 });
    const text = async () => (await handler(get("?target=example.org"))).text();
    const first = await text();
    expect(sample(first, 'matrix_support_changes{risk="high"}')).toBe(0);
    docs.set("example.org", MOVED);
    const moved = await text();
    expect(sample(moved, 'matrix_support_changes{risk="high"}')).toBe(1);
    expect(sample(moved, 'matrix_support_changes{risk="medium"}')).toBe(1);
    expect(sample(await text(), 'matrix_support_changes{risk="high"}')).toBe(0);
    // Down: nothing compared, the last document kept for when it is back.
    docs.set("example.org", "unreachable");
    expect(sample(await text(), 'matrix_support_changes{risk="high"}')).toBe(0);
    docs.set("example.org", DOC);
    expect(sample(await text(), 'matrix_support_changes{risk="high"}')).toBe(1);
  });
});

describe("expectedFromText", () => {
  it("a config gives its support as served; a document is taken as is", () => {
    const fromConfig = expectedFromText(
      "server_name: example.org\nsupport:\n  support_page: https://example.org/help\n",
      "x.yaml",
    );
    expect(fromConfig).toEqual({
      ok: true,
      expected: {
        document: { support_page: "https://example.org/help" },
        source: "x.yaml",
        serverName: "example.org",
      } satisfies ExpectedSupport,
    });
    expect(expectedFromText('{"contacts": []}', "d.json")).toMatchObject({
      ok: true,
      expected: { document: { contacts: [] } },
    });
    expect(expectedFromText("[1, 2]", "d.json")).toMatchObject({ ok: false });
    expect(expectedFromText('server_name = "example.org"\n', "c.toml")).toMatchObject({
      ok: true,
      expected: { document: null, serverName: "example.org" },
    });
  });
});
