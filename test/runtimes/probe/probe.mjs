/**
 * What every runtime must do with the installed package: (a) serve the support file with
 * createSupportHandler, (b) discover a server's file with discoverSupport (and the client example),
 * (c) validate a document and pick a contact. Returns plain JSON for the test to judge.
 * Imports the package by its public names only, as a user's code would.
 */
import { pickContact, pickContacts, validateSupport } from "@matrix-support/lib";
import { discoverSupport } from "@matrix-support/lib/discover";
import { createSupportHandler } from "@matrix-support/lib/server";
import { securityContact } from "../../../examples/runtimes/client.mjs";
import { config } from "../../../examples/runtimes/config.mjs";
import { INVALID_DOCUMENT, SERVER_NAMES } from "./cases.mjs";
import { exercise } from "./exercise.mjs";

function runtimeName() {
  const g = globalThis;
  if (g.Bun) return `bun ${g.Bun.version}`;
  if (g.Deno) return `deno ${g.Deno.version.deno}`;
  if (g.navigator?.userAgent === "Cloudflare-Workers") return "workerd";
  if (g.process?.versions?.node) return `node ${g.process.versions.node}`;
  if (g.navigator?.userAgent) return `browser ${g.navigator.userAgent}`;
  return "unknown";
}

/**
 * `base` is the test's loopback server: every https://NAME/... discovery goes to base/NAME/...
 * (plain HTTP on 127.0.0.1) through an injected fetch. `refused` is a loopback port nobody
 * listens on.
 */
export async function probe({ base, refused }) {
  // (a) the handler itself, Request in, Response out.
  const handler = createSupportHandler(config);
  const served = await exercise((path, init) =>
    handler(new Request(`http://example.org${path}`, init)),
  );

  // (b) discovery against loopback.
  const loopback = (url, init) => {
    const rest = url.slice("https://".length);
    const target = rest.startsWith("refused.example/") ? `${refused}/${rest}` : `${base}/${rest}`;
    return fetch(target, init);
  };
  const discovered = {};
  for (const name of SERVER_NAMES) {
    const r = await discoverSupport(name, { fetch: loopback, timeout: 10_000 });
    discovered[name] = {
      status: r.status,
      url: r.url,
      document: r.document,
      codes: r.diagnostics.map((d) => d.code),
      httpStatus: r.http.status ?? null,
      cors: r.http.headers?.["access-control-allow-origin"] ?? null,
      contentType: r.http.headers?.["content-type"] ?? null,
      bytes: r.bytes ?? null,
      failure: r.failure ? { phase: r.failure.phase, code: r.failure.code } : null,
    };
  }
  const client = {
    found: await securityContact("found.example", { fetch: loopback }),
    missing: await securityContact("missing.example", { fetch: loopback }),
  };

  // (c) validate and pick.
  const valid = validateSupport(config.support, { serverName: "example.org" });
  const invalid = validateSupport(INVALID_DOCUMENT);
  const validated = {
    valid: { valid: valid.valid, codes: valid.diagnostics.map((d) => d.code) },
    invalid: {
      valid: invalid.valid,
      diagnostics: invalid.diagnostics.map((d) => ({
        code: d.code,
        severity: d.severity,
        path: d.path,
      })),
    },
    security: pickContact(config.support, "security") ?? null,
    abuse: pickContact(config.support, "abuse") ?? null,
    general: pickContacts(config.support, "general").map((p) => p.index),
    none: pickContact({ contacts: [] }, "security") ?? null,
  };

  return { runtime: runtimeName(), served, discovered, client, validated };
}
