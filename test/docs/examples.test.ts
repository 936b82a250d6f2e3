// Every code example of the documentation runs or at least compiles, so none can rot:
// - a block after `<!-- include: FILE -->` holds exactly FILE (`npm run docs:examples` rewrites them);
// - the files of examples/library/ are type-checked against the built packages and run here,
//   with a stand-in for the network (fetch) and loopback ports only;
// - any other TypeScript or JavaScript block is type-checked as it stands.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { format } from "node:util";
import ts from "typescript";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  type CodeBlock,
  codeBlocks,
  includedText,
  markdownFiles,
  ROOT,
} from "../../scripts/docs-examples.js";

const SYNC = "run `npm run docs:examples` (it rewrites include blocks from their files)";
const CODE_LANGS = new Set(["ts", "typescript", "js", "javascript", "mjs"]);
const EXAMPLES = "examples/library";
/** One TypeScript program over the examples and the docs' blocks: about 15 s, more on a busy machine. */
const TYPECHECK_TIMEOUT = 180_000;

const docs = markdownFiles().map((file) => ({
  file,
  blocks: codeBlocks(readFileSync(join(ROOT, file), "utf8")),
}));

describe("code blocks of the documentation", () => {
  it("finds the documentation's Markdown files and their blocks", () => {
    expect(docs.map((d) => d.file)).toContain("README.md");
    expect(docs.some((d) => d.blocks.some((b) => b.include !== undefined))).toBe(true);
  });

  it("every include block holds exactly its file", () => {
    const stale: string[] = [];
    for (const { file, blocks } of docs) {
      for (const block of blocks) {
        if (block.include === undefined) continue;
        if (!existsSync(join(ROOT, block.include)))
          stale.push(`${file}:${block.line}: ${block.include} does not exist`);
        else if (block.code !== includedText(block.include))
          stale.push(`${file}:${block.line}: differs from ${block.include}`);
      }
    }
    expect(stale, SYNC).toEqual([]);
  });

  it("every example file is shown in the docs", () => {
    const shown = new Set(docs.flatMap((d) => d.blocks.flatMap((b) => b.include ?? [])));
    const files = readdirSync(join(ROOT, EXAMPLES)).map((f) => `${EXAMPLES}/${f}`);
    expect(files.filter((f) => !shown.has(f))).toEqual([]);
  });

  it(
    "every other TypeScript or JavaScript block type-checks",
    () => {
      expect(typeErrors().filter((e) => e.startsWith(BLOCKS))).toEqual([]);
    },
    TYPECHECK_TIMEOUT,
  );
});

const BLOCKS = "test-results/docs-blocks/";

/** The docs' TypeScript and JavaScript blocks that are neither included from a file nor opted out. */
function looseBlocks(): Map<string, string> {
  const virtual = new Map<string, string>();
  for (const { file, blocks } of docs) {
    for (const block of blocks.filter(isLooseCode)) {
      const ext = block.lang.startsWith("t") ? "ts" : "mjs";
      const name = `${file.replace(/[^A-Za-z0-9]+/g, "-")}-line-${block.line}.${ext}`;
      virtual.set(join(ROOT, BLOCKS, name), block.code);
    }
  }
  return virtual;
}

let checked: string[] | undefined;
/** Type errors of the example files and the loose blocks, in one program (one type-check is slow). */
function typeErrors(): string[] {
  checked ??= typeCheck(
    readdirSync(join(ROOT, EXAMPLES)).map((f) => join(ROOT, EXAMPLES, f)),
    looseBlocks(),
  );
  return checked;
}

function isLooseCode(block: CodeBlock): boolean {
  return (
    CODE_LANGS.has(block.lang) && block.include === undefined && block.notChecked === undefined
  );
}

/** Type errors of `files` (and of the in-memory `virtual` files), checked as the project is. */
function typeCheck(files: string[], virtual: Map<string, string>): string[] {
  const config = ts.readConfigFile(join(ROOT, "tsconfig.json"), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const options: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: true,
    declaration: false,
    sourceMap: false,
    allowJs: true,
    checkJs: true,
  };
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (f) => virtual.has(f) || fileExists.call(host, f);
  host.readFile = (f) => virtual.get(f) ?? readFile.call(host, f);
  host.getSourceFile = (f, languageVersion, ...rest) => {
    const text = virtual.get(f);
    return text !== undefined
      ? ts.createSourceFile(f, text, languageVersion)
      : getSourceFile.call(host, f, languageVersion, ...rest);
  };
  const program = ts.createProgram([...files, ...virtual.keys()], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) =>
      d.file
        ? `${d.file.fileName.replace(`${ROOT}/`, "")}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`
        : ts.flattenDiagnosticMessageText(d.messageText, "\n"),
    );
}

// ---- the example files, type-checked and run ----

const SUPPORT_URL = "https://example.org/.well-known/matrix/support";
const DOCUMENT = {
  contacts: [
    { role: "m.role.admin", matrix_id: "@admin:example.org", email_address: "admin@example.org" },
    { role: "m.role.admin", matrix_id: "@example-admin:matrix.org" },
    { role: "m.role.security", email_address: "security@example.org" },
  ],
  support_page: "https://example.org/help",
};

/** example.org as the examples meet it, without any network: a support file with CORS. */
function fakeNetwork(requests: string[]) {
  return async (url: string, init?: { method?: string }): Promise<Response> => {
    const method = init?.method ?? "GET";
    requests.push(`${method} ${url}`);
    if (url !== SUPPORT_URL) return new Response("Not Found", { status: 404 });
    if (method === "OPTIONS")
      return new Response(null, {
        status: 204,
        headers: {
          "access-control-allow-origin": "*",
          "access-control-allow-methods": "GET, POST, PUT, DELETE, OPTIONS",
        },
      });
    return new Response(JSON.stringify(DOCUMENT), {
      status: 200,
      headers: {
        "content-type": "application/json",
        "access-control-allow-origin": "*",
        "cache-control": "public, max-age=3600",
      },
    });
  };
}

describe(`the examples in ${EXAMPLES}/`, () => {
  const built = existsSync(join(ROOT, "packages/lib/dist/core/index.d.ts"));
  let requests: string[] = [];
  let printed: string[] = [];
  const closers: (() => Promise<unknown>)[] = [];

  beforeEach(() => {
    requests = [];
    printed = [];
    vi.stubGlobal("fetch", fakeNetwork(requests));
    vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
      printed.push(format(...args));
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    for (const close of closers) await close();
  });

  /** Imports an example that listens on process.env.PORT, on a free loopback port. */
  async function listening<T>(load: () => Promise<T>): Promise<T> {
    vi.stubEnv("PORT", "0");
    try {
      return await load();
    } finally {
      vi.unstubAllEnvs();
    }
  }

  async function expectSupportServed(base: string): Promise<void> {
    const res = await fetchReal(`${base}/.well-known/matrix/support`);
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(await res.json()).toEqual(DOCUMENT);
    expect((await fetchReal(`${base}/hello`)).status).toBe(200);
  }

  it("are built against (npm run build first)", () => {
    expect(built, "packages/lib/dist is missing: run `npm run build` first").toBe(true);
  });

  it(
    "type-check against the built packages, as a user's code would",
    () => {
      expect(typeErrors().filter((e) => e.startsWith(`${EXAMPLES}/`))).toEqual([]);
      expect(typeErrors()).toEqual([]);
    },
    TYPECHECK_TIMEOUT,
  );

  it("contact.ts: finds the security contact and prints links", async () => {
    await example("contact.ts");
    expect(requests).toEqual([`GET ${SUPPORT_URL}`]);
    expect(printed).toEqual(["Write to mailto:security@example.org"]);
  });

  it("validate.ts: an invalid document, and what parseSupport keeps", async () => {
    await example("validate.ts");
    expect(printed).toEqual([
      "invalid",
      'error EMAIL_MAILTO: "mailto:security@example.org" has a "mailto:" prefix; the field holds a bare address',
      "warning NO_OFF_DOMAIN_CONTACT: Every contact is on example.org itself; nobody can be reached when the server is down",
      "1 usable contact(s)",
    ]);
    // The page that shows the example shows this output too.
    expect(readFileSync(join(ROOT, "docs/reference/library/core.md"), "utf8")).toContain(
      `\`\`\`\n${printed.join("\n")}\n\`\`\``,
    );
  });

  it("discover.ts: the found branch", async () => {
    await example("discover.ts");
    expect(printed).toEqual(["found, general contact: @admin:example.org"]);
  });

  it("cache.ts: one request for two lookups", async () => {
    await example("cache.ts");
    expect(requests).toEqual([`GET ${SUPPORT_URL}`]);
    expect(printed).toEqual(["network cache found"]);
  });

  it("check.ts: the GET and the preflight, and a clean report", async () => {
    await example("check.ts");
    expect(requests.sort()).toEqual([`GET ${SUPPORT_URL}`, `OPTIONS ${SUPPORT_URL}`]);
    expect(printed).toEqual(["found"]);
  });

  it("handler.ts: answers the support path with the document, CORS and a preflight", async () => {
    const { support } = await example("handler.ts");
    const res = await support(new Request(SUPPORT_URL));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(DOCUMENT);
    expect((await support(new Request(SUPPORT_URL, { method: "OPTIONS" }))).status).toBe(204);
    expect(
      (await support(new Request("https://example.org/"))).headers.get("content-type"),
    ).toMatch(/^text\/html/);
  });

  it("hono.ts: the support paths and the page beside the app's routes", async () => {
    const { app } = await example("hono.ts");
    const res = await app.request("/.well-known/matrix/support");
    expect(await res.json()).toEqual(DOCUMENT);
    const page = await (await app.request("/")).text();
    const css = /href="(\/assets\/[^"]+\.css)"/.exec(page)?.[1];
    expect(css).toBeDefined();
    expect((await app.request(css ?? "")).status).toBe(200);
    expect(await (await app.request("/hello")).text()).toBe("the rest of your app");
  });

  it("worker.ts: a fetch handler", async () => {
    const worker = (await example("worker.ts")).default;
    expect(await (await worker.fetch(new Request(SUPPORT_URL))).json()).toEqual(DOCUMENT);
  });

  it("nextjs-route.ts: GET, HEAD and OPTIONS", async () => {
    const route = await example("nextjs-route.ts");
    expect((await route.GET(new Request(SUPPORT_URL))).status).toBe(200);
    expect((await route.HEAD(new Request(SUPPORT_URL, { method: "HEAD" }))).status).toBe(200);
    expect((await route.OPTIONS(new Request(SUPPORT_URL, { method: "OPTIONS" }))).status).toBe(204);
  });

  it("node-http.ts: serves on loopback", async () => {
    const { server } = await listening(() => example("node-http.ts"));
    closers.push(() => new Promise((r) => server.close(r)));
    await new Promise((r) => (server.listening ? r(undefined) : server.once("listening", r)));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const res = await fetchReal(`${base}/.well-known/matrix/support`);
    expect(await res.json()).toEqual(DOCUMENT);
    expect((await fetchReal(`${base}/healthz`)).status).toBe(200);
  });

  it("express.ts: the middleware falls through to the app's routes", async () => {
    const { server } = await listening(() => example("express.ts"));
    closers.push(() => new Promise((r) => server.close(r)));
    await new Promise((r) => (server.listening ? r(undefined) : server.once("listening", r)));
    await expectSupportServed(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });

  it("fastify.ts: the wildcard route beside the app's routes", async () => {
    const { app } = await listening(() => example("fastify.ts"));
    closers.push(() => app.close());
    await expectSupportServed(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
  });
});

/**
 * Imports an example file. The path is built at run time so that the project's type-check does not
 * follow it (the examples import the built packages); this test type-checks them itself.
 */
// biome-ignore lint/suspicious/noExplicitAny: an example's exports, checked by the assertions
function example(name: string): Promise<any> {
  return import(/* @vite-ignore */ pathToFileURL(join(ROOT, EXAMPLES, name)).href);
}

/** The real fetch (the examples' tests stub the global one), for loopback requests only. */
const realFetch = globalThis.fetch;
function fetchReal(url: string): Promise<Response> {
  if (!url.startsWith("http://127.0.0.1:")) throw new Error(`loopback only: ${url}`);
  return realFetch(url);
}
