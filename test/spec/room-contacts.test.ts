/**
 * Per-room contacts (MSC4489, MSC4490): every fixture against its expectation, every room code of
 * the catalogue against the fixtures, and the API around them (parse, detect, strict, lint).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSource } from "../../packages/cli/src/config/source.js";
import { ROOM_CODES } from "../../packages/lib/src/core/catalogue/room.js";
import {
  CATALOGUE,
  isRoomContacts,
  parseRoomContacts,
  validateRoomContacts,
  validateRoomContactsSource,
} from "../../packages/lib/src/core/index.js";
import { ROOM_EXPECTED } from "../fixtures/room-contacts/expected.js";

const ROOT = join(import.meta.dirname, "../fixtures/room-contacts");
const fixtures = ["valid", "invalid"].flatMap((dir) =>
  readdirSync(join(ROOT, dir))
    .sort()
    .map((file) => {
      const text = readFileSync(join(ROOT, dir, file), "utf8");
      const source = parseSource(text, { format: file.endsWith(".json") ? "json" : "yaml" });
      return { name: `${dir}/${file}`, source, valid: dir === "valid" };
    }),
);
const sorted = (codes: readonly string[]) => [...codes].sort();

describe("room contact fixtures", () => {
  it("every fixture file has an expectation and every expectation a file", () => {
    expect(fixtures.map((f) => f.name).sort()).toEqual(Object.keys(ROOM_EXPECTED).sort());
  });

  for (const fixture of fixtures) {
    const expected = ROOM_EXPECTED[fixture.name];
    it(`${fixture.name}${expected?.note ? ` (${expected.note})` : ""}`, () => {
      if (!expected) throw new Error(`no expectation for ${fixture.name}`);
      const result = validateRoomContactsSource(fixture.source);
      expect(result.shape).toBe(expected.shape);
      expect(sorted(result.diagnostics.map((d) => d.code))).toEqual(sorted(expected.codes));
      expect(result.valid).toBe(fixture.valid);
      expect(isRoomContacts(fixture.source.value)).toBe(expected.detected);
      for (const [code, path, line, column] of expected.at ?? [])
        expect(result.diagnostics).toContainEqual(
          expect.objectContaining({ code, path, line, column }),
        );
      for (const d of result.diagnostics) {
        // One catalogue: every code, severity and text comes from it; everything is located.
        const entry = CATALOGUE[d.code as keyof typeof CATALOGUE];
        expect(entry, d.code).toBeDefined();
        expect(d.severity).toBe(entry.severity);
        expect(`${d.message} ${d.hint ?? ""}`).not.toMatch(/\{\w+\}/);
        expect(d.line, `${d.code} at ${d.path} has a line`).toBeTypeOf("number");
      }
    });
  }

  it("validating the parsed value finds what validating the text finds, without positions", () => {
    for (const fixture of fixtures) {
      const text = validateRoomContactsSource(fixture.source);
      const value = validateRoomContacts(fixture.source.value);
      expect(
        value.diagnostics.map((d) => [d.code, d.path]),
        fixture.name,
      ).toEqual(text.diagnostics.map((d) => [d.code, d.path]));
      expect(value.diagnostics.every((d) => d.line === undefined)).toBe(true);
    }
  });

  it("parseRoomContacts keeps the content of every valid fixture whole", () => {
    for (const fixture of fixtures.filter((f) => f.valid)) {
      const value = fixture.source.value as Record<string, unknown>;
      const { shape, content } = parseRoomContacts(value);
      const inner =
        shape === "event"
          ? value.content
          : shape === "rejection"
            ? (value.contact ?? value["net.codestorm.msc4490.contact"])
            : value;
      if (ROOM_EXPECTED[fixture.name]?.codes.includes("ROOM_CONTACTS_EMPTY"))
        expect(content, fixture.name).toBeNull();
      else expect(content, fixture.name).toEqual(inner);
    }
  });

  for (const code of Object.keys(ROOM_CODES)) {
    it(`${code} is produced by at least one fixture`, () => {
      expect(Object.values(ROOM_EXPECTED).some((e) => e.codes.includes(code))).toBe(true);
    });
  }
});

describe("room contacts, beyond the fixtures", () => {
  const admin = { role: "m.role.admin", matrix_id: "@alice:example.org" };

  it("marks every shape as a proposal, naming the MSC that defines it", () => {
    const mark = (value: unknown) =>
      validateRoomContacts(value).diagnostics.find((d) => d.code === "ROOM_CONTACTS_PROPOSAL");
    expect(mark({ contacts: [admin] })).toMatchObject({ severity: "info", path: "" });
    expect(mark({ contacts: [admin] })?.message).toContain("MSC4489");
    expect(mark({ type: "m.room.contact", content: { contacts: [admin] } })?.message).toContain(
      "MSC4489",
    );
    expect(mark({ errcode: "M_FORBIDDEN", contact: { contacts: [admin] } })?.message).toContain(
      "MSC4490",
    );
  });

  it("does not expect a security contact or a backup on another server (a room is not a server)", () => {
    expect(validateRoomContacts({ contacts: [admin] }).diagnostics.map((d) => d.code)).toEqual([
      "ROOM_CONTACTS_PROPOSAL",
    ]);
  });

  it("refuses what is not an object, and names a wrong type of content or state key", () => {
    for (const value of [null, [], "m.room.contact", 42]) {
      const r = validateRoomContacts(value);
      expect(r.valid).toBe(false);
      expect(r.diagnostics.map((d) => [d.code, d.path])).toEqual([["NOT_AN_OBJECT", ""]]);
    }
    const codes = (value: unknown) =>
      validateRoomContacts(value).diagnostics.map((d) => [d.code, d.path]);
    expect(codes({ type: 7, content: {} })).toEqual([["WRONG_TYPE", "/type"]]);
    expect(
      codes({ type: "m.room.contact", state_key: null, content: { contacts: [admin] } }),
    ).toEqual([
      ["ROOM_CONTACTS_PROPOSAL", "/type"],
      ["WRONG_TYPE", "/state_key"],
    ]);
    expect(codes({ errcode: "M_FORBIDDEN", contact: "see the room topic" })).toEqual([
      ["ROOM_CONTACTS_PROPOSAL", "/contact"],
      ["WRONG_TYPE", "/contact"],
    ]);
  });

  it("reads an error answer without a contact key as bare content (and says what is wrong)", () => {
    const r = validateRoomContacts({ errcode: "M_FORBIDDEN", error: "banned" });
    expect(r.shape).toBe("content");
    expect(r.diagnostics.map((d) => d.code)).toContain("ROOM_CONTACTS_EMPTY");
    expect(isRoomContacts({ errcode: "M_FORBIDDEN", error: "banned" })).toBe(false);
  });

  it("drops what must not reach a reader, keeps the rest (MSC4490: untrusted content)", () => {
    const hostile = JSON.parse(
      readFileSync(join(ROOT, "invalid/rejection-hostile.json"), "utf8"),
    ) as unknown;
    expect(parseRoomContacts(hostile).content).toEqual({
      contacts: [
        {
          matrix_id: "@alice:example.org",
          email_address: "appeals@example.org",
          role: "m.role.admin",
        },
      ],
    });
    // Keys such as __proto__ are copied as data, never reach a prototype.
    const proto = JSON.parse(
      '{"contacts": [{"role": "m.role.admin", "email_address": "a@x.org"}], "__proto__": {"polluted": 1}}',
    );
    const { content } = parseRoomContacts(proto);
    expect(Object.getPrototypeOf(content)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("strict counts warnings as errors; lint: false drops the duplicate check", () => {
    const twice = { contacts: [admin, admin] };
    expect(validateRoomContacts(twice).valid).toBe(true);
    expect(validateRoomContacts(twice, { strict: true }).valid).toBe(false);
    expect(validateRoomContacts(twice, { lint: false }).diagnostics.map((d) => d.code)).toEqual([
      "ROOM_CONTACTS_PROPOSAL",
    ]);
    // An info is not a warning.
    expect(validateRoomContacts({ contacts: [admin] }, { strict: true }).valid).toBe(true);
  });
});
