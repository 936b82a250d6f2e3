/** The renderers as pure functions: what each target contains, and the TOML fragments parsed back. */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { parse as parseToml } from "smol-toml";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../packages/cli/src/config/index.js";
import {
  caddyBody,
  DEFAULT_TARGETS,
  EXPORT_TARGETS,
  NGINX_BYTE_PREFIX,
  nginxBodyUnits,
  renderCaddy,
  renderConduwuit,
  renderExport,
  renderHeadersFile,
  renderNginx,
  renderTuwunel,
  resolveTargets,
  tomlString,
} from "../../packages/cli/src/export/index.js";
import type { Config } from "../../packages/lib/src/config/types.js";
import { wellKnownBodies } from "../../packages/lib/src/server/bodies.js";

const HERE = dirname(fileURLToPath(import.meta.url));

function fixture(name: string): Config {
  const file = join(HERE, "fixtures", name);
  const r = parseConfig(readFileSync(file, "utf8"), { fileName: file });
  if (!r.config) throw new Error(`${name}: ${JSON.stringify(r.diagnostics)}`);
  return r.config;
}

const full = fixture("full.yaml");
const escaping = fixture("escaping.json");
const nothing = fixture("nothing-published.yaml");

/** Undoes nginx's quoting and SSI byte includes: what nginx sends for a `return` text. */
function nginxDecode(units: string[]): string {
  const ssi = new RegExp(`^<!--# include virtual="${NGINX_BYTE_PREFIX}%([0-9A-F]{2})" -->$`);
  return units
    .map((u) => {
      const m = ssi.exec(u);
      if (m) return String.fromCharCode(Number.parseInt(m[1]!, 16));
      return u.replace(/\\(.)/g, (_, c: string) => ({ n: "\n", r: "\r", t: "\t" })[c] ?? c);
    })
    .join("");
}

/** What Caddy's runtime replacer makes of a body token built by caddyBody. */
function caddyDecode(token: string): string {
  return token
    .slice(1, -1)
    .replace(/\\"/g, '"')
    .replace(/\{http\.request\.uri\.query\.matrix_support_(lb|rb|bs)\}/g, (_, n: string) =>
      n === "lb" ? "{" : n === "rb" ? "}" : "\\",
    );
}

describe("export targets", () => {
  it("writes only the web root by default (files, _headers); apache and _headers bring the files", () => {
    const r = renderExport(full, { webRoot: "/srv/www" });
    expect(r.targets).toEqual([...DEFAULT_TARGETS]);
    expect(r.targets).toEqual(["files", "headers"]);
    expect(r.files.map((f) => f.path)).toEqual([
      ".well-known/matrix/support",
      ".well-known/matrix/client",
      ".well-known/matrix/server",
      "_headers",
    ]);
    const all = renderExport(full, { targets: EXPORT_TARGETS, webRoot: "/srv/www" });
    expect(all.targets).toEqual([...EXPORT_TARGETS]);
    expect(all.files.map((f) => f.path)).toEqual([
      ".well-known/matrix/support",
      ".well-known/matrix/client",
      ".well-known/matrix/server",
      "nginx.conf",
      "Caddyfile",
      "apache.conf",
      "_headers",
      "tuwunel.toml",
      "conduwuit.toml",
      "README.txt",
    ]);
    expect(resolveTargets(["apache"])).toEqual(["files", "apache"]);
    expect(resolveTargets(["nginx", "caddy"])).toEqual(["nginx", "caddy"]);
    const only = renderExport(full, { targets: ["tuwunel"], webRoot: "/srv/www" });
    expect(only.files.map((f) => f.path)).toEqual(["tuwunel.toml", "README.txt"]);
  });

  it("writes the well-known files as the exact bytes serve sends", () => {
    const bodies = wellKnownBodies(escaping);
    const r = renderExport(escaping, { webRoot: "/srv/www" });
    for (const name of ["support", "client", "server"] as const)
      expect(r.files.find((f) => f.path === `.well-known/matrix/${name}`)?.contents).toBe(
        bodies[name],
      );
  });

  it("publishes nothing when support is empty: no file, and every snippet answers 404", () => {
    const r = renderExport(nothing, { targets: EXPORT_TARGETS, webRoot: "/srv/www" });
    expect(r.files.some((f) => f.path.startsWith(".well-known/"))).toBe(false);
    expect(r.absent).toEqual([
      ".well-known/matrix/support",
      ".well-known/matrix/client",
      ".well-known/matrix/server",
    ]);
    const nginx = renderNginx(nothing).contents;
    expect(nginx).toContain("return 404 ");
    expect(nginx).not.toContain("return 200");
    expect(nginx).toContain("public, max-age=120");
    expect(renderCaddy(nothing)).toContain(" 404\n");
    expect(renderCaddy(nothing)).not.toContain(" 200\n");
    const apache = r.files.find((f) => f.path === "apache.conf")!.contents;
    expect(apache).toContain("[R=404,L]");
    expect(apache).not.toContain("Alias");
    expect(renderHeadersFile(nothing)).not.toContain("/.well-known/matrix/support");
  });

  it("takes Cache-Control from http.cache_max_age, 3600 by default", () => {
    expect(renderNginx(full).contents).toContain("'public, max-age=3600'");
    expect(renderNginx(escaping).contents).toContain("'public, max-age=600'");
    expect(renderHeadersFile(escaping)).toContain("Cache-Control: public, max-age=600");
  });

  it("_headers gives each published path serve's headers, in Netlify's syntax", () => {
    const blocks = new Map<string, Record<string, string>>();
    let current: Record<string, string> | undefined;
    for (const line of renderHeadersFile(escaping).split("\n")) {
      if (line.startsWith("#") || line.trim() === "") continue;
      if (line.startsWith("/")) {
        current = {};
        blocks.set(line, current);
      } else {
        const m = /^ {2}([A-Za-z-]+): (.+)$/.exec(line);
        expect(m, line).not.toBeNull();
        current![m![1]!] = m![2]!;
      }
    }
    expect([...blocks.keys()]).toEqual([
      "/.well-known/matrix/support",
      "/.well-known/matrix/client",
      "/.well-known/matrix/server",
    ]);
    for (const headers of blocks.values())
      expect(headers).toMatchObject({
        "Content-Type": "application/json",
        "Access-Control-Allow-Origin": "*",
        "Cache-Control": "public, max-age=600",
        "X-Content-Type-Options": "nosniff",
      });
  });

  it("points apache.conf at the web root", () => {
    const r = renderExport(full, { targets: ["apache"], webRoot: "/srv/my site/" });
    const apache = r.files.find((f) => f.path === "apache.conf")!.contents;
    expect(apache).toContain(
      'Alias "/.well-known/matrix/support" "/srv/my site/.well-known/matrix/support"',
    );
  });
});

describe("nginx escaping", () => {
  it("keeps $ out of the script and gets it from SSI, only when the body has one", () => {
    expect(renderNginx(full).contents).not.toContain("ssi on");
    const r = renderNginx(escaping);
    expect(r.contents).toContain("ssi on;");
    expect(r.contents).toContain(`location ^~ ${NGINX_BYTE_PREFIX}`);
    expect(r.diagnostics.map((d) => d.code)).toContain("EXPORT_NGINX_SSI");
  });

  it("splits long bodies into tokens nginx can read (under 4 KiB)", () => {
    const text = renderNginx(escaping).contents;
    expect(text).toContain("set $matrix_support_support_2 '");
    for (const line of text.split("\n")) expect(Buffer.byteLength(line)).toBeLessThan(4000);
  });

  it("round-trips any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.boolean(), (s, ssi) => {
        const units = nginxBodyUnits(s, ssi || s.includes("$"));
        const joined = units.join("");
        if (ssi || s.includes("$")) expect(joined).not.toContain("$");
        // Every quote inside the token is escaped.
        expect(joined.replace(/\\\\/g, "")).not.toMatch(/(^|[^\\])'/);
        expect(nginxDecode(units)).toBe(s);
      }),
    );
  });
});

describe("Caddy escaping", () => {
  it("never writes a brace, a backslash or an unescaped quote in the body token", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        const { token } = caddyBody(s);
        const inner = token
          .slice(1, -1)
          .replace(/\{http\.request\.uri\.query\.matrix_support_(lb|rb|bs)\}/g, "");
        expect(inner).not.toMatch(/[{}]/);
        expect(inner.replace(/\\"/g, "")).not.toMatch(/[\\"]/);
        expect(caddyDecode(token)).toBe(s);
      }),
    );
  });

  it("adds the rewrite only for the characters it needs", () => {
    expect(caddyBody("plain").rewrite).toBeUndefined();
    expect(caddyBody("{}").rewrite).toBe("rewrite ?matrix_support_lb=%7B&matrix_support_rb=%7D");
  });
});

describe("homeserver TOML fragments", () => {
  it("tuwunel: every contact, in order, parsed back equal", () => {
    const r = renderTuwunel(escaping);
    const parsed = parseToml(r.contents) as {
      global: { well_known: Record<string, unknown> };
    };
    const wk = parsed.global.well_known;
    const support = escaping.support as {
      contacts: Array<Record<string, string>>;
      support_page: string;
    };
    expect(wk.support_page).toBe(support.support_page);
    expect(wk.client).toBe("https://matrix.example.org");
    expect(wk.server).toBe("matrix.example.org:443");
    const contacts = wk.support_contact as Record<string, Record<string, string>>;
    const ids = Object.keys(contacts);
    expect(ids).toEqual([...ids].sort());
    expect(ids.map((id) => contacts[id]!.role)).toEqual(support.contacts.map((c) => c.role));
    expect(contacts[ids[0]!]!.email_address).toBe("o'brien$team@example.org");
    expect(contacts[ids[2]!]!.pgp_key).toBe(support.contacts[2]!.pgp_key);
    // The extension keys have no tuwunel setting: reported, not silently lost.
    const dropped = r.diagnostics.filter((d) => d.code === "EXPORT_FIELD_DROPPED");
    expect(dropped.map((d) => d.path)).toEqual(
      expect.arrayContaining([
        "/well_known/client/com.example.tricky",
        "/support/com.example.long",
        "/support/contacts/1/com.example.note",
      ]),
    );
  });

  it("continuwuity/conduwuit: one contact (the first admin), the others reported by name", () => {
    const r = renderConduwuit(full);
    const wk = (parseToml(r.contents) as { global: { well_known: Record<string, unknown> } }).global
      .well_known;
    expect(wk).toEqual({
      client: "https://matrix.example.org",
      server: "matrix.example.org:443",
      support_page: "https://example.org/help",
      support_role: "m.role.admin",
      support_email: "admin@example.org",
      support_mxid: "@admin:example.org",
    });
    const dropped = r.diagnostics.filter((d) => d.code === "EXPORT_CONTACT_DROPPED");
    expect(dropped.map((d) => d.path)).toEqual(["/support/contacts/1", "/support/contacts/2"]);
    expect(dropped[1]!.message).toContain("security@example.org");
    expect(dropped[1]!.severity).toBe("warning");
  });

  it("parse back well-formed for a config that publishes nothing", () => {
    expect(parseToml(renderTuwunel(nothing).contents)).toEqual({ global: { well_known: {} } });
    expect(parseToml(renderConduwuit(nothing).contents)).toEqual({ global: { well_known: {} } });
  });

  it("tomlString round-trips any valid Unicode text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => {
        expect((parseToml(`v = ${tomlString(s)}`) as { v: string }).v).toBe(s);
      }),
    );
  });
});
