import { readFile } from "node:fs/promises";
import { Ajv } from "ajv";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { createMetrics, DEFAULT_COLLECTORS } from "../../packages/cli/src/serve/metrics.js";
import type { Config } from "../../packages/lib/src/config/types.js";
import { wellKnownBodies } from "../../packages/lib/src/server/bodies.js";
import { createSupportHandler, InvalidSupportError } from "../../packages/lib/src/server/index.js";
import { supportPageCssPath } from "../../packages/lib/src/server/support-page.js";
import {
  emptySupportConfig,
  exampleConfig,
  supportOnlyConfig,
  url,
  withExtensionsConfig,
} from "./helpers.js";

const SUPPORT = "/.well-known/matrix/support";
const handler = createSupportHandler(exampleConfig);
const get = (path: string, init?: RequestInit) => handler(new Request(url(path), init));

describe("GET /.well-known/matrix/support", () => {
  it("serves the exact bytes of wellKnownBodies with the endpoint headers", async () => {
    const res = await get(SUPPORT);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toBe(wellKnownBodies(exampleConfig).support);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("cache-control")).toBe("public, max-age=600");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-length")).toBe(String(new TextEncoder().encode(body).length));
    expect(res.headers.get("etag")).toMatch(/^"[^"]+"$/);
  });

  it("ignores query strings", async () => {
    const res = await get(`${SUPPORT}?cache-bust=1&x=<y>`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(wellKnownBodies(exampleConfig).support);
  });

  it("never leaks config keys into the document", async () => {
    const doc = (await (await get(SUPPORT)).json()) as Record<string, unknown>;
    expect(Object.keys(doc).sort()).toEqual(["contacts", "support_page"]);
    const text = JSON.stringify(doc);
    for (const leak of ["server_name", "well_known", '"http"', "cache_max_age", "m.homeserver"])
      expect(text).not.toContain(leak);
  });

  it("validates against the spec's own schema (support.yaml)", async () => {
    const spec = parseYaml(
      await readFile(new URL("../fixtures/spec/support.yaml", import.meta.url), "utf8"),
    );
    const schema =
      spec.paths["/matrix/support"].get.responses["200"].content["application/json"].schema;
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addFormat("mx-user-id", /^@[^:]+:.+$/);
    ajv.addFormat("email", /^[^@\s]+@[^@\s]+$/);
    ajv.addFormat("uri", /^[a-z][a-z0-9+.-]*:/i);
    const validate = ajv.compile(schema);
    const doc = await (await get(SUPPORT)).json();
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  });

  it("answers HEAD with the headers and no body", async () => {
    const res = await get(SUPPORT, { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-length")).toBe(
      String(new TextEncoder().encode(wellKnownBodies(exampleConfig).support).length),
    );
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(await res.text()).toBe("");
  });

  it("answers 304 to a matching If-None-Match (strong, weak, lists and *), 200 otherwise", async () => {
    const etag = (await get(SUPPORT)).headers.get("etag")!;
    for (const inm of [etag, `W/${etag}`, `"nope", ${etag}`, "*"]) {
      const res = await get(SUPPORT, { headers: { "if-none-match": inm } });
      expect(res.status, inm).toBe(304);
      expect(res.headers.get("etag")).toBe(etag);
      expect(res.headers.get("cache-control")).toBe("public, max-age=600");
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(await res.text()).toBe("");
    }
    expect((await get(SUPPORT, { headers: { "if-none-match": '"other"' } })).status).toBe(200);
  });

  it("changes the ETag when the document changes", async () => {
    const other = createSupportHandler(supportOnlyConfig);
    const a = (await get(SUPPORT)).headers.get("etag");
    const b = (await other(new Request(url(SUPPORT)))).headers.get("etag");
    expect(a).not.toBe(b);
  });

  it("answers OPTIONS with the CORS preflight the spec recommends", async () => {
    const res = await get(SUPPORT, {
      method: "OPTIONS",
      headers: { origin: "https://app.example", "access-control-request-method": "GET" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-methods")).toBe("GET, POST, PUT, DELETE, OPTIONS");
    expect(res.headers.get("access-control-allow-headers")).toBe(
      "X-Requested-With, Content-Type, Authorization",
    );
  });

  it.each(["POST", "PUT", "DELETE", "PATCH"])("answers %s with 405 and Allow", async (method) => {
    const res = await get(SUPPORT, { method });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("answers 404, never 200 {}, when support is empty", async () => {
    const empty = createSupportHandler(emptySupportConfig);
    const res = await empty(new Request(url(SUPPORT)));
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("{");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect((await empty(new Request(url(SUPPORT), { method: "HEAD" }))).status).toBe(404);
    const absent = createSupportHandler({ server_name: "example.org" });
    expect((await absent(new Request(url(SUPPORT)))).status).toBe(404);
  });

  it("publishes unknown keys inside support as extensions", async () => {
    const h = createSupportHandler(withExtensionsConfig);
    const doc = await (await h(new Request(url(SUPPORT)))).json();
    expect(doc).toEqual(withExtensionsConfig.support);
    expect(doc["org.matrix.msc4266.policies"]).toBeDefined();
    expect(doc.contacts[0].pgp_key).toMatch(/^openpgp4fpr:/);
  });
});

describe("/.well-known/matrix/client and /server", () => {
  it("serves them when configured, with the same headers", async () => {
    for (const name of ["client", "server"] as const) {
      const res = await get(`/.well-known/matrix/${name}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(wellKnownBodies(exampleConfig)[name]);
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(res.headers.get("content-type")).toBe("application/json");
    }
  });

  it("answers 404 when not configured, with a text that fits the path and CORS", async () => {
    const h = createSupportHandler(supportOnlyConfig);
    const texts = {
      client: "No client discovery information is published here.\n",
      server: "No server delegation information is published here.\n",
    };
    for (const [name, text] of Object.entries(texts)) {
      const res = await h(new Request(url(`/.well-known/matrix/${name}`)));
      expect(res.status).toBe(404);
      expect(await res.text()).toBe(text);
      expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
    }
    const support = await createSupportHandler(emptySupportConfig)(new Request(url(SUPPORT)));
    expect(await support.text()).toBe("No support information is published here.\n");
  });
});

describe("the library entry checks what it is given", () => {
  const invalid = { support: { contacts: [{ role: "Admin" }] } } as unknown as Config;

  it("refuses an invalid document with InvalidSupportError carrying the diagnostics", () => {
    let thrown: unknown;
    try {
      createSupportHandler(invalid);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidSupportError);
    const e = thrown as InvalidSupportError;
    expect(e.name).toBe("InvalidSupportError");
    expect(e.diagnostics.some((d) => d.severity === "error")).toBe(true);
    expect(e.diagnostics.map((d) => d.path)).toContain("/support/contacts/0");
    expect(e.message).toContain("unchecked");
    // A bare document passed as the config is checked the same way.
    expect(() =>
      createSupportHandler({ contacts: [{ role: "Admin" }] } as unknown as Config),
    ).toThrow(InvalidSupportError);
  });

  it("serves a support page of another scheme (a URI, as the spec asks), refuses one that runs code", async () => {
    for (const page of ["mailto:support@example.org", "matrix:r/help:example.org", "urn:x:help"]) {
      const h = createSupportHandler({ support: { support_page: page } });
      const res = await h(new Request(url(SUPPORT)));
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ support_page: page });
      // The support page shows it as text: only web and mail links become links.
      const html = await (await h(new Request(url("/")))).text();
      expect(html.includes(`href="${page}"`)).toBe(page.startsWith("mailto:"));
    }
    for (const page of ["javascript:alert(1)", "data:text/html,x", "vbscript:x"])
      expect(() => createSupportHandler({ support: { support_page: page } })).toThrow(
        InvalidSupportError,
      );
  });

  it("serves it anyway with { unchecked: true }", async () => {
    const h = createSupportHandler(invalid, { unchecked: true });
    const res = await h(new Request(url(SUPPORT)));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('{"contacts":[{"role":"Admin"}]}');
  });

  it("serves a valid bare support document as the support section", async () => {
    const doc = { contacts: [{ role: "m.role.admin", email_address: "admin@example.org" }] };
    const h = createSupportHandler(doc as unknown as Config);
    const res = await h(new Request(url(SUPPORT)));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(JSON.stringify(doc));
    expect(h.config).toEqual({ support: doc });
  });
});

describe("other paths", () => {
  it("/healthz is ok and never cached", async () => {
    const res = await get("/healthz");
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("ok\n");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("unknown paths, /check and /api/check answer 404 until the checker is mounted", async () => {
    for (const path of [
      "/nope",
      "/check",
      "/api/check?server=example.org",
      `${SUPPORT}/`,
      "/metrics",
    ]) {
      expect((await get(path)).status, path).toBe(404);
    }
  });

  it("/metrics counts requests by route and status when metrics are given", async () => {
    const metrics = createMetrics({ version: "test", defaults: false });
    const h = createSupportHandler(exampleConfig, { metrics });
    await h(new Request(url(SUPPORT)));
    await h(new Request(url(SUPPORT), { method: "POST" }));
    await h(new Request(url("/nope")));
    const res = await h(new Request(url("/metrics")));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    expect(text).toContain('matrix_support_http_requests_total{route="support",status="200"} 1');
    expect(text).toContain('matrix_support_http_requests_total{route="support",status="405"} 1');
    expect(text).toContain('matrix_support_http_requests_total{route="other",status="404"} 1');
    expect(text).toContain('matrix_support_build_info{version="test"');
    expect((await h(new Request(url("/metrics"), { method: "POST" }))).status).toBe(405);
  });

  it("/metrics: what happened before the first scrape is all there, and nothing counts twice", async () => {
    const metrics = createMetrics({ version: "test", defaults: false });
    metrics.configLoaded(1);
    metrics.configLoaded(2);
    metrics.reloadFailed();
    const h = createSupportHandler(exampleConfig, { metrics });
    for (let i = 0; i < 3; i++) await h(new Request(url(SUPPORT)));
    const first = await (await h(new Request(url("/metrics")))).text();
    expect(first).toContain('matrix_support_http_requests_total{route="support",status="200"} 3');
    expect(first).toContain('matrix_support_config_reloads_total{result="success"} 1');
    expect(first).toContain('matrix_support_config_reloads_total{result="failure"} 1');
    expect(first).toContain("matrix_support_config_generation 2");
    expect(first).toMatch(/matrix_support_config_last_load_timestamp_seconds \d{10}/);
    await h(new Request(url(SUPPORT)));
    metrics.reloadFailed();
    const second = await (await h(new Request(url("/metrics")))).text();
    expect(second).toContain('matrix_support_http_requests_total{route="support",status="200"} 4');
    expect(second).toContain('matrix_support_http_requests_total{route="metrics",status="200"} 1');
    expect(second).toContain('matrix_support_config_reloads_total{result="failure"} 2');
    expect(await metrics.registry()).toBe(await metrics.registry());
  });

  it("/metrics: with the process defaults, CPU time counts from the process start", async () => {
    const metrics = createMetrics({ version: "test" });
    const spent = process.cpuUsage();
    const text = (await metrics.render()).body;
    const cpu = Number(/^process_cpu_seconds_total (\S+)$/m.exec(text)?.[1]);
    expect(cpu).toBeGreaterThanOrEqual((spent.user + spent.system) / 1e6);
    expect(text).toContain("nodejs_eventloop_lag_seconds");
  });

  it("/metrics: prom-client's process defaults, all but the GC histogram", async () => {
    const { collectDefaultMetrics } = await import("prom-client");
    // A prom-client upgrade that adds or renames a default collector fails here.
    expect([...DEFAULT_COLLECTORS, "gc"].sort()).toEqual(
      [...collectDefaultMetrics.metricsList].sort(),
    );
    const text = (await createMetrics({ version: "test" }).render()).body;
    for (const name of [
      "process_cpu_seconds_total",
      "process_start_time_seconds",
      "process_resident_memory_bytes",
      "nodejs_eventloop_lag_seconds",
      "nodejs_heap_size_used_bytes",
      "nodejs_heap_space_size_used_bytes",
      "nodejs_version_info",
      "nodejs_active_handles_total",
    ])
      expect(text, name).toContain(`# TYPE ${name} `);
    expect(text).not.toContain("nodejs_gc_duration_seconds");
  });

  it("mounts extra routes, exact and by prefix, and reports their failures as 500", async () => {
    const errors: unknown[] = [];
    const h = createSupportHandler(exampleConfig, {
      routes: {
        "/check": () => new Response("checker page"),
        "/api/check": (req) =>
          Response.json({ server: new URL(req.url).searchParams.get("server") }),
        "/check/*": () => new Response("asset"),
        "/boom": () => {
          throw new Error("boom");
        },
      },
      onError: (e) => errors.push(e),
    });
    expect(await (await h(new Request(url("/check")))).text()).toBe("checker page");
    expect(await (await h(new Request(url("/api/check?server=example.org")))).json()).toEqual({
      server: "example.org",
    });
    expect(await (await h(new Request(url("/check/app.js")))).text()).toBe("asset");
    expect((await h(new Request(url("/boom")))).status).toBe(500);
    expect(errors).toHaveLength(1);
    expect(h.handles("/check")).toBe(true);
    expect(h.handles("/check/x.css")).toBe(true);
    expect(h.handles(SUPPORT)).toBe(true);
    expect(h.handles("/elsewhere")).toBe(false);
    // The page links to the mounted checker.
    expect(await (await h(new Request(url("/")))).text()).toContain('href="/check"');
  });

  it("refuses a route that would replace a built-in path", () => {
    expect(() =>
      createSupportHandler(exampleConfig, { routes: { [SUPPORT]: () => new Response("x") } }),
    ).toThrow(/built-in/);
  });
});

describe("mounted in a Hono app", () => {
  it("serves the support endpoint beside the app's own routes", async () => {
    const support = createSupportHandler(exampleConfig);
    const app = new Hono();
    app.get("/hello", (c) => c.text("hello from hono"));
    app.all("/.well-known/matrix/*", (c) => support(c.req.raw));
    app.get("/", (c) => support(c.req.raw));
    app.get("/assets/*", (c) => support(c.req.raw));

    const res = await app.request(SUPPORT);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(wellKnownBodies(exampleConfig).support);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(await (await app.request("/hello")).text()).toBe("hello from hono");
    expect((await app.request(SUPPORT, { method: "OPTIONS" })).status).toBe(204);
    expect((await app.request("/")).headers.get("content-security-policy")).toContain(
      "default-src 'none'",
    );
    expect((await app.request(supportPageCssPath())).status).toBe(200);
  });
});
