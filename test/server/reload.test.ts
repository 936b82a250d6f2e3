import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../packages/cli/src/config/parse.js";
import { writeFileAtomic } from "../../packages/cli/src/files.js";
import { createLogger } from "../../packages/cli/src/serve/logger.js";
import { type ServeControls, serveProcess } from "../../packages/cli/src/serve/process.js";
import type { RunningServer } from "../../packages/cli/src/serve/server.js";

const SUPPORT = "/.well-known/matrix/support";
const configText = (page: string) =>
  `server_name: example.org\nsupport:\n  contacts:\n    - role: m.role.admin\n      email_address: admin@example.org\n  support_page: ${page}\n`;
const bodyOf = (text: string) =>
  JSON.stringify(parseConfig(text, { fileName: "x.yaml" }).config!.support);

describe("reload", () => {
  let dir: string;
  let stop: (() => void) | undefined;
  let exited: Promise<number> | undefined;
  afterAll(async () => {
    stop?.();
    await exited;
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("swaps a valid new config in under load with zero failed requests, and keeps the old one when the new one is invalid", async () => {
    dir = await mkdtemp(join(tmpdir(), "ms-reload-"));
    const file = join(dir, "matrix-support.yaml");
    const textA = configText("https://a.example.org/help");
    const textB = configText("https://b.example.org/help");
    const [bodyA, bodyB] = [bodyOf(textA), bodyOf(textB)];
    await writeFileAtomic(file, textA);
    const logs: string[] = [];
    const out = new PassThrough();
    out.on("data", (d) => logs.push(...d.toString().split("\n").filter(Boolean)));
    const logger = createLogger({ destination: out, pretty: false });

    const ready = new Promise<[RunningServer, ServeControls]>((resolve) => {
      exited = serveProcess({
        config: parseConfig(textA, { fileName: file }).config!,
        configFile: file,
        host: "127.0.0.1",
        port: 0,
        logger,
        version: "test",
        debounceMs: 50,
        onListening: (s, c) => resolve([s, c]),
      });
    });
    const [server, controls] = await ready;
    stop = () => controls.shutdown("test");
    const target = new URL(SUPPORT, server.url);

    // Load: 6 clients in a loop; every answer must be a 200 with the old or the new bytes,
    // and once a client has seen the new bytes it never sees the old ones again.
    let failures = 0;
    let requests = 0;
    let sawB = false;
    let running = true;
    const client = async () => {
      let mine = false;
      while (running) {
        try {
          const res = await fetch(target);
          const body = await res.text();
          requests++;
          if (res.status !== 200 || (body !== bodyA && body !== bodyB) || (mine && body === bodyA))
            failures++;
          if (body === bodyB) mine = sawB = true;
        } catch {
          failures++;
        }
      }
    };
    const clients = Array.from({ length: 6 }, client);
    while (requests < 50) await new Promise((r) => setTimeout(r, 10));
    await writeFileAtomic(file, textB);
    while (!sawB) await new Promise((r) => setTimeout(r, 10));
    const after = requests;
    while (requests < after + 50) await new Promise((r) => setTimeout(r, 10));
    running = false;
    await Promise.all(clients);
    expect(failures).toBe(0);
    expect(logs.some((l) => l.includes('"generation":2'))).toBe(true);

    // An invalid config is refused with its location; the old document stays.
    await writeFileAtomic(file, `${textB}http:\n  port: "eighty"\n`);
    while (!logs.some((l) => l.includes("reload refused")))
      await new Promise((r) => setTimeout(r, 10));
    const refused = JSON.parse(logs.find((l) => l.includes("reload refused"))!);
    expect(refused.problems[0]).toMatch(/matrix-support\.yaml:8:\d+ error .*CONFIG_WRONG_TYPE/);
    expect(await (await fetch(target)).text()).toBe(bodyB);

    // SIGHUP path (the same reload): a fixed file is picked up again.
    await writeFileAtomic(file, textA);
    expect(await controls.reload("SIGHUP")).toBe(true);
    expect(await (await fetch(target)).text()).toBe(bodyA);

    const metrics = await (await fetch(new URL("/metrics", server.url))).text();
    expect(metrics).toMatch(/matrix_support_config_reloads_total\{result="failure"\} [1-9]/);
    expect(metrics).toMatch(/matrix_support_config_generation [3-9]/);

    controls.shutdown("test");
    expect(await exited).toBe(0);
  });

  it("warns about a new http.host/http.port only when it differs from the address actually bound", async () => {
    const own = await mkdtemp(join(tmpdir(), "ms-reload-port-"));
    try {
      const file = join(own, "matrix-support.yaml");
      const base = configText("https://a.example.org/help");
      const withHttp = (http: string) => `${base}http:\n${http}`;
      await writeFileAtomic(file, base);
      const logs: { level: number; msg: string }[] = [];
      const out = new PassThrough();
      out.on("data", (d) => {
        for (const l of d.toString().split("\n").filter(Boolean)) logs.push(JSON.parse(l));
      });
      const logger = createLogger({ destination: out, pretty: false });
      const ready = new Promise<[RunningServer, ServeControls]>((resolve) => {
        void serveProcess({
          config: parseConfig(base, { fileName: file }).config!,
          configFile: file,
          host: "127.0.0.1",
          port: 0,
          logger,
          version: "test",
          watch: false,
          onListening: (s, c) => resolve([s, c]),
        });
      });
      const [server, controls] = await ready;
      const bound = server.address.port;
      const other = bound === 65535 ? bound - 1 : bound + 1;
      const restartWarnings = () => logs.filter((l) => /restart/.test(l.msg));

      // The port the server is bound to, written into the config: nothing to restart for.
      await writeFileAtomic(file, withHttp(`  host: 127.0.0.1\n  port: ${bound}\n`));
      expect(await controls.reload("test")).toBe(true);
      expect(restartWarnings()).toEqual([]);

      // Another port: a restart is needed, and the warning says which address is in use.
      await writeFileAtomic(file, withHttp(`  port: ${other}\n`));
      expect(await controls.reload("test")).toBe(true);
      expect(restartWarnings()).toHaveLength(1);
      expect(restartWarnings()[0]?.msg).toContain(`127.0.0.1:${bound}`);
      expect(restartWarnings()[0]?.msg).toContain(`127.0.0.1:${other}`);

      // Back to the bound port: no warning, although the previous config said otherwise.
      await writeFileAtomic(file, withHttp(`  port: ${bound}\n`));
      expect(await controls.reload("test")).toBe(true);
      // And no http block at all: the address asked for at start, which is the bound one.
      await writeFileAtomic(file, base);
      expect(await controls.reload("test")).toBe(true);
      expect(restartWarnings()).toHaveLength(1);

      controls.shutdown("test");
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  });
});
