/**
 * `check --expect`: drift between what a server serves and what its admin meant to publish (a
 * config's `support`, or a support document). Compares the JSON as served, before lenient
 * parsing, so a dropped contact counts as drift too. Contacts compare as a set: order is free.
 */

import { describeType } from "../core/analyse.js";
import { canonicalJson } from "../core/canonical-json.js";
import { CHECK_CODES } from "../core/catalogue/check.js";
import { TRANSPORT_CODES } from "../core/catalogue/transport.js";
import { diagnosticFrom } from "../core/diagnostics.js";
import { type Diagnostic, pointer, serverHost } from "../core/index.js";
import type { DiscoveryResult } from "./types.js";

const diagnostic = diagnosticFrom({ ...TRANSPORT_CODES, ...CHECK_CODES });

/** What the admin meant to publish, for `check --expect`. */
export interface ExpectedSupport {
  /** The document meant to be published; null = nothing to publish (the server should answer 404). */
  document: Record<string, unknown> | null;
  /** Names the source in messages, e.g. the config file's name. */
  source: string;
  /** The server the source describes (a config's `server_name`). */
  serverName?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const short = (s: string): string => (s.length > 80 ? `${s.slice(0, 77)}...` : s);

function describeContact(c: unknown): string {
  if (!isObject(c)) return short(JSON.stringify(c) ?? String(c));
  const parts = [c.role, c.matrix_id, c.email_address].filter((v) => typeof v === "string");
  return parts.length > 0 ? parts.join(" ") : short(canonicalJson(c));
}

/** Drift between what is served and what was meant: `EXPECT_*` diagnostics (`EXPECT_MATCHES` when there is none). */
export function compareExpected(expected: ExpectedSupport, result: DiscoveryResult): Diagnostic[] {
  const source = expected.source;
  const out: Diagnostic[] = [];
  if (expected.serverName) {
    const want = serverHost(expected.serverName);
    const got = serverHost(result.serverName);
    if (want && got && want !== got)
      out.push(
        diagnostic("EXPECT_SERVER_NAME", undefined, {
          source,
          expected: expected.serverName,
          actual: result.serverName,
        }),
      );
  }
  // Nothing was fetched: there is nothing to compare, and the failure is already reported.
  if (result.status === "unreachable") return out;
  if (expected.document === null) {
    if (result.status === "not_found")
      out.push(diagnostic("EXPECT_MATCHES", undefined, { source }));
    else out.push(diagnostic("EXPECT_UNPUBLISHED", undefined, { source }));
    return out;
  }
  if (result.status === "not_found")
    return [...out, diagnostic("EXPECT_PUBLISHED", undefined, { source, actual: "answers 404" })];
  const served = result.value;
  if (!isObject(served)) {
    const actual =
      served === undefined ? "serves no JSON document" : `serves ${describeType(served)}`;
    return [...out, diagnostic("EXPECT_PUBLISHED", undefined, { source, actual })];
  }
  const drift = compareDocuments(expected.document, served, source);
  if (drift.length === 0) drift.push(diagnostic("EXPECT_MATCHES", undefined, { source }));
  return [...out, ...drift];
}

/** Key-by-key differences; paths point into the served document. */
export function compareDocuments(
  expected: Record<string, unknown>,
  served: Record<string, unknown>,
  source: string,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const key of Object.keys(expected)) {
    const want = expected[key];
    if (!Object.hasOwn(served, key)) {
      out.push(diagnostic("EXPECT_KEY_MISSING", pointer(key), { key, source }));
      continue;
    }
    const got = served[key];
    if (key === "contacts" && Array.isArray(want) && Array.isArray(got)) {
      out.push(...compareContacts(want, got, source));
      continue;
    }
    if (canonicalJson(want) !== canonicalJson(got))
      out.push(
        diagnostic("EXPECT_VALUE_DIFFERS", pointer(key), {
          key,
          source,
          expected: short(JSON.stringify(want) ?? "undefined"),
          actual: short(JSON.stringify(got) ?? "undefined"),
        }),
      );
  }
  for (const key of Object.keys(served)) {
    if (!Object.hasOwn(expected, key))
      out.push(diagnostic("EXPECT_KEY_EXTRA", pointer(key), { key, source }));
  }
  return out;
}

function compareContacts(want: unknown[], got: unknown[], source: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const unmatched = new Map<number, string>(got.map((c, i) => [i, canonicalJson(c)]));
  for (const contact of want) {
    const key = canonicalJson(contact);
    const match = [...unmatched].find(([, k]) => k === key);
    if (match) unmatched.delete(match[0]);
    else
      out.push(
        diagnostic("EXPECT_CONTACT_MISSING", "/contacts", { contact: describeContact(contact) }),
      );
  }
  for (const [i] of unmatched)
    out.push(
      diagnostic("EXPECT_CONTACT_EXTRA", pointer("contacts", i), {
        contact: describeContact(got[i]),
        source,
      }),
    );
  return out;
}
