/** Property-based tests (fast-check): no input makes the core throw, and valid documents survive parsing whole. */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { validateSupportText } from "../../packages/cli/src/config/validate-text.js";
import {
  isEmail,
  isUserId,
  parseSupport,
  type SupportDocument,
  validateSupport,
} from "../../packages/lib/src/core/index.js";

const NUM_RUNS = 400;
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

/** Builds an object from entries as own data properties: a "__proto__" entry stays a key. */
function objectOf(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries)
    Object.defineProperty(out, k, {
      value: v,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}

const lower = "abcdefghijklmnopqrstuvwxyz";
const chars = (alphabet: string, min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength: min, maxLength: max });
const label = fc
  .tuple(
    chars(`${lower}0123456789`, 1, 1),
    chars(`${lower}0123456789-`, 0, 10),
    chars(`${lower}0123456789`, 0, 1),
  )
  .map(([a, b, c]) => (c === "" ? a : `${a}${b}${c}`));
const dnsName = fc.array(label, { minLength: 1, maxLength: 4 }).map((ls) => ls.join("."));
const ipv4 = fc.ipV4();
const ipv6 = fc.ipV6().map((a) => `[${a}]`);
const port = fc.integer({ min: 1, max: 65535 });
const serverName = fc
  .tuple(fc.oneof({ weight: 4, arbitrary: dnsName }, ipv4, ipv6), fc.option(port))
  .map(([host, p]) => (p === null ? host : `${host}:${p}`));
const localpart = chars(`${lower}0123456789._=-/+`, 1, 20);
const userId = fc
  .tuple(localpart, serverName)
  .map(([l, s]) => `@${l}:${s}`)
  .filter((id) => id.length <= 255);
const atext = `${lower}ABCXYZ0123456789!#$%&'*+-/=?^_\`{|}~`;
const email = fc
  .tuple(fc.array(chars(atext, 1, 10), { minLength: 1, maxLength: 3 }), dnsName)
  .map(([parts, domain]) => `${parts.join(".")}@${domain}`)
  .filter((e) => e.length <= 254);
const namespacedRole = fc
  .array(chars(`${lower}0123456789_-`, 1, 8), { minLength: 1, maxLength: 3 })
  .map((parts) => `org.${parts.map((p) => (/^[a-z]/.test(p) ? p : `x${p}`)).join(".")}`);
const role = fc.oneof(fc.constantFrom("m.role.admin", "m.role.security"), namespacedRole);
const extensionKey = fc
  .array(chars(lower, 1, 8), { minLength: 2, maxLength: 3 })
  .map((p) => `com.${p.join(".")}`);
const extensions = fc.array(fc.tuple(extensionKey, fc.jsonValue({ maxDepth: 2 })), {
  maxLength: 2,
});
const validContact = fc
  .tuple(role, fc.option(userId), fc.option(email), extensions)
  .filter(([, m, e]) => m !== null || e !== null)
  .map(([r, m, e, ext]) => {
    const entries: [string, unknown][] = [["role", r]];
    if (m !== null) entries.push(["matrix_id", m]);
    if (e !== null) entries.push(["email_address", e]);
    return objectOf([...entries, ...ext]);
  });
const supportPage = fc
  .tuple(dnsName, fc.option(port), chars(`${lower}0123456789/-._~`, 0, 20))
  .map(([h, p, path]) => `https://${h}${p === null ? "" : `:${p}`}/${path}`);
/** Documents that follow every MUST of the spec, with extension keys at both levels. */
const validDocument = fc
  .tuple(
    fc.option(fc.array(validContact, { minLength: 1, maxLength: 4 })),
    fc.option(supportPage),
    extensions,
  )
  .filter(([c, p]) => c !== null || p !== null)
  .map(([c, p, ext]) => {
    const entries: [string, unknown][] = [];
    if (c !== null) entries.push(["contacts", c]);
    if (p !== null) entries.push(["support_page", p]);
    return objectOf([...entries, ...ext]) as SupportDocument;
  });

/** Keys that matter: the spec's, the drafts', the misspellings and the prototype-polluting ones. */
const anyKey = fc.oneof(
  fc.constantFrom(
    "contacts",
    "support_page",
    "role",
    "matrix_id",
    "email_address",
    "admins",
    "mxid",
    "email",
    "supportPage",
    "pgp_key",
    "policies",
    "__proto__",
    "constructor",
    "prototype",
    "toString",
  ),
  fc.string({ maxLength: 12 }),
);
const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  userId,
  email,
  supportPage,
  fc.constantFrom(
    "javascript:alert(1)",
    "mailto:a@example.org",
    "[email protected]",
    "admin",
    "m.role.mod",
    "@Admin:example.org",
    "http://example.org",
    "",
  ),
);
const looseContact = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .array(
        fc.tuple(
          fc.oneof(fc.constantFrom("role", "matrix_id", "email_address"), anyKey),
          fc.oneof(role, anyValue),
        ),
        { maxLength: 5 },
      )
      .map(objectOf),
  },
  { weight: 2, arbitrary: validContact },
  anyValue,
);
/** Objects shaped like support documents, with random fields everywhere. */
const supportShaped = fc
  .tuple(
    fc.option(
      fc.oneof({ weight: 4, arbitrary: fc.array(looseContact, { maxLength: 5 }) }, anyValue),
    ),
    fc.option(fc.oneof(supportPage, anyValue)),
    fc.array(fc.tuple(anyKey, anyValue), { maxLength: 3 }),
  )
  .map(([c, p, rest]) => {
    const entries: [string, unknown][] = [];
    if (c !== null) entries.push(["contacts", c]);
    if (p !== null) entries.push(["support_page", p]);
    return objectOf([
      ...entries,
      ...rest.filter(([k]) => k !== "contacts" && k !== "support_page"),
    ]);
  });

afterAll(() => {
  // Whatever the inputs held, Object.prototype is untouched.
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

describe("never throws", () => {
  it("validateSupport and parseSupport on arbitrary JSON values", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const v = validateSupport(value);
        const p = parseSupport(value);
        expect(typeof v.valid).toBe("boolean");
        expect(p.diagnostics).toEqual(v.diagnostics);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("validateSupport and parseSupport on support-shaped objects with random fields", () => {
    fc.assert(
      fc.property(supportShaped, fc.option(serverName), (value, server) => {
        const options = server === null ? {} : { serverName: server };
        const v = validateSupport(value, options);
        const p = parseSupport(value, options);
        // Every template parameter is filled (unless the input itself holds "{name}" text).
        const echoes = /\{\w+\}/.test(JSON.stringify(value) ?? "");
        for (const d of v.diagnostics) {
          if (!echoes) expect(d.message).not.toMatch(/\{\w+\}/);
          expect(d.path === undefined || d.path === "" || d.path.startsWith("/")).toBe(true);
        }
        if (p.document !== null) {
          expect(Object.getPrototypeOf(p.document)).toBe(Object.prototype);
          for (const c of p.document.contacts ?? [])
            expect(Object.getPrototypeOf(c)).toBe(Object.prototype);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("validateSupportText on arbitrary text and on JSON text of support-shaped values", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          supportShaped.map((v) => JSON.stringify(v)),
        ),
        (text) => {
          const result = validateSupportText(text);
          for (const d of result.diagnostics)
            if (d.path !== undefined) expect(d.line).toBeGreaterThanOrEqual(1);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});

describe("valid documents", () => {
  it("the generators make what the grammars accept", () => {
    fc.assert(
      fc.property(userId, (id) => isUserId(id)),
      { numRuns: NUM_RUNS },
    );
    fc.assert(
      fc.property(email, (e) => isEmail(e)),
      { numRuns: NUM_RUNS },
    );
  });

  it("validateSupport finds no error in a valid document, and parseSupport returns it unchanged", () => {
    fc.assert(
      fc.property(validDocument, (doc) => {
        const v = validateSupport(doc);
        expect(v.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        expect(v.valid).toBe(true);
        const { document } = parseSupport(doc);
        expect(document).toEqual(doc);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("the same holds through JSON text", () => {
    fc.assert(
      fc.property(validDocument, (doc) => {
        const text = JSON.stringify(doc, null, 2);
        const result = validateSupportText(text);
        expect(result.valid).toBe(true);
        // Compared with JSON's own round trip: JSON has no -0, for one.
        expect(parseSupport(result.value).document).toEqual(JSON.parse(text));
      }),
      { numRuns: NUM_RUNS / 2 },
    );
  });

  it("anything validateSupport accepts, parseSupport keeps whole", () => {
    fc.assert(
      fc.property(fc.oneof(supportShaped, validDocument), (value) => {
        fc.pre(validateSupport(value).valid);
        expect(parseSupport(value).document).toEqual(value);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
