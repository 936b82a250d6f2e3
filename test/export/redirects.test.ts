/**
 * MSC4402 (spec v1.20): a redirect of a .well-known file should carry the CORS headers, or a
 * browser stops there. The exported nginx, Caddy and Apache snippets, included in a site that
 * also serves the exported web root as static files (as a real site does: nginx `root`, Caddy
 * `file_server`, Apache `DocumentRoot` with mod_dir), must never answer a client's request for a
 * well-known file, or any spelling of it, with a redirect: not with the headers, and not without.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfigFile } from "../../packages/cli/src/config/file.js";
import { EXPORT_TARGETS, renderExport } from "../../packages/cli/src/export/index.js";
import { writeExport } from "../../packages/cli/src/export/write.js";
import { CLIENT_PATHS, redirectsAt } from "../helpers/redirects.js";
import {
  apacheWrapper,
  caddyWrapper,
  checkApache,
  checkCaddy,
  checkNginx,
  freePort,
  nginxWrapper,
  openUp,
  type Running,
  requireBinary,
  type Site,
  startApache,
  startCaddy,
  startNginx,
} from "./servers.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const FIXTURES = ["full.yaml", "nothing-published.yaml"] as const;

let tmp = "";
const webRoots = new Map<(typeof FIXTURES)[number], string>();

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "matrix-support-redirects-"));
  for (const fixture of FIXTURES) {
    const loaded = await loadConfigFile(resolve(HERE, "fixtures", fixture));
    if (!loaded.config) throw new Error(`${fixture} is not a valid config`);
    const out = join(tmp, `out-${fixture.replace(/\W/g, "-")}`);
    await mkdir(out);
    const written = await writeExport(
      out,
      renderExport(loaded.config, { targets: EXPORT_TARGETS, webRoot: out }),
    );
    if (!written.ok) throw new Error(written.error);
    webRoots.set(fixture, out);
  }
  await openUp(tmp);
});

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const TARGETS = {
  nginx: {
    snippet: "nginx.conf",
    async start(dir: string, sites: Site[]) {
      const conf = await nginxWrapper(dir, sites);
      return { check: checkNginx(dir, conf), start: () => startNginx(dir, conf, sites) };
    },
  },
  caddy: {
    snippet: "Caddyfile",
    async start(dir: string, sites: Site[]) {
      const conf = await caddyWrapper(dir, sites);
      return { check: checkCaddy(dir, conf), start: () => startCaddy(dir, conf, sites) };
    },
  },
  apache2: {
    snippet: "apache.conf",
    async start(dir: string, sites: Site[]) {
      const conf = await apacheWrapper(dir, sites);
      return { check: checkApache(conf), start: () => startApache(conf, sites) };
    },
  },
} as const;

describe.each(Object.keys(TARGETS) as Array<keyof typeof TARGETS>)(
  "%s with the exported snippet, in a site serving the web root",
  (binary) => {
    const target = TARGETS[binary];
    const ports = new Map<string, number>();
    let server: Running | undefined;
    let output = "not started";

    beforeAll(async () => {
      requireBinary(binary);
      const dir = join(tmp, `server-${binary}`);
      await mkdir(dir);
      await openUp(dir);
      const sites: Site[] = [];
      for (const fixture of FIXTURES) {
        const webRoot = webRoots.get(fixture)!;
        const port = await freePort();
        ports.set(fixture, port);
        sites.push({ port, snippet: join(webRoot, target.snippet), webRoot });
      }
      const set = await target.start(dir, sites);
      output = set.check.output;
      if (set.check.ok) server = await set.start();
    });

    afterAll(async () => {
      await server?.stop();
    });

    it.each(FIXTURES)("%s: no redirect for any spelling of a well-known file", async (fixture) => {
      expect(server, output).toBeDefined();
      const base = server!.baseFor(ports.get(fixture)!);
      // The file itself is there, so the site is really serving (not answering 404 to all).
      const res = await request(`${base}/.well-known/matrix/support`);
      await res.body.dump();
      expect(res.statusCode).toBe(fixture === "full.yaml" ? 200 : 404);
      const hops = await redirectsAt(base, CLIENT_PATHS);
      // What MSC4402 asks: a redirect carries the CORS headers...
      expect(hops.filter((h) => h.allowOrigin !== "*")).toEqual([]);
      // ...and what the snippets do: never redirect at all.
      expect(hops).toEqual([]);
    });
  },
);
