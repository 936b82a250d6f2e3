/** Pre-spec draft files read in the spec's names: the one upgrade `init --from` and the generator page share. */
import { describe, expect, it } from "vitest";
import { answersFromDocument, upgradeDraft } from "../../packages/cli/src/init/index.js";

describe("--from a pre-spec draft file", () => {
  it("renames admins, mxid and email to the spec's names, and says so", () => {
    const draft = {
      admins: [{ role: "admin", mxid: "@admin:example.org", email: "admin@example.org" }, "junk"],
      support_page: "https://example.org/help",
    };
    const upgraded = upgradeDraft(draft);
    expect(upgraded?.document).toEqual({
      support_page: "https://example.org/help",
      contacts: [
        {
          role: "m.role.admin",
          matrix_id: "@admin:example.org",
          email_address: "admin@example.org",
        },
        "junk",
      ],
    });
    expect(upgraded?.renamed).toEqual([
      { kind: "key", from: "admins", to: "contacts" },
      { kind: "key", from: "mxid", to: "matrix_id" },
      { kind: "key", from: "email", to: "email_address" },
      { kind: "role", from: "admin", to: "m.role.admin" },
    ]);
    expect(answersFromDocument(upgraded?.document ?? {}, "example.org").admin).toEqual({
      matrix_id: "@admin:example.org",
      email_address: "admin@example.org",
    });
  });

  it("leaves spec-shaped and other values alone", () => {
    expect(upgradeDraft({ contacts: [], admins: [] })).toBeUndefined();
    expect(upgradeDraft({ support_page: "https://example.org" })).toBeUndefined();
    expect(
      upgradeDraft({ contacts: [{ role: "m.role.admin", email_address: "a@example.org" }] }),
    ).toBeUndefined();
    expect(upgradeDraft("admins")).toBeUndefined();
    expect(upgradeDraft(null)).toBeUndefined();
    expect(upgradeDraft([{ admins: [] }])).toBeUndefined();
    expect(upgradeDraft({ contacts: "admin@example.org" })).toBeUndefined();
    expect(upgradeDraft({ admins: { role: "admin" } })).toBeUndefined();
  });

  it("renames mxid, email and bare roles inside a spec-named contacts list too", () => {
    const upgraded = upgradeDraft({
      contacts: [
        { role: "admin", mxid: "@admin:example.org", email: "admin@example.org" },
        { email: "security@example.net", role: "security" },
        { role: "org.example.role.dpo", email_address: "dpo@example.org" },
      ],
    });
    expect(upgraded?.document).toEqual({
      contacts: [
        {
          role: "m.role.admin",
          matrix_id: "@admin:example.org",
          email_address: "admin@example.org",
        },
        { role: "m.role.security", email_address: "security@example.net" },
        { role: "org.example.role.dpo", email_address: "dpo@example.org" },
      ],
    });
    // Each rename said once, in the order met (per contact: Matrix ID, email, role).
    expect(upgraded?.renamed).toEqual([
      { kind: "key", from: "mxid", to: "matrix_id" },
      { kind: "key", from: "email", to: "email_address" },
      { kind: "role", from: "admin", to: "m.role.admin" },
      { kind: "role", from: "security", to: "m.role.security" },
    ]);
    const answers = answersFromDocument(upgraded?.document ?? {}, "example.org");
    expect(answers.admin).toEqual({
      matrix_id: "@admin:example.org",
      email_address: "admin@example.org",
    });
    expect(answers.security).toEqual({ email_address: "security@example.net" });
  });

  it("takes admins when contacts is there but empty; keeps both when contacts has entries", () => {
    expect(
      upgradeDraft({ admins: [{ role: "admin", email: "a@example.org" }], contacts: [] })?.document,
    ).toEqual({ contacts: [{ role: "m.role.admin", email_address: "a@example.org" }] });
    // Spec clients read contacts: admins stays as published (an extension), nothing is merged.
    expect(
      upgradeDraft({
        admins: [{ role: "admin", email: "old@example.org" }],
        contacts: [{ role: "m.role.admin", email_address: "a@example.org" }],
      }),
    ).toBeUndefined();
  });

  it("never drops a value: a draft key beside a different spec value stays as it was", () => {
    const upgraded = upgradeDraft({
      contacts: [
        { role: "m.role.admin", email_address: "a@example.org", email: "b@example.org" },
        { role: "m.role.admin", matrix_id: "@a:example.org", mxid: "@a:example.org" },
      ],
    });
    expect(upgraded?.document).toEqual({
      contacts: [
        { role: "m.role.admin", email_address: "a@example.org", email: "b@example.org" },
        { role: "m.role.admin", matrix_id: "@a:example.org" },
      ],
    });
    // The email kept as published is no rename; the Matrix ID that went is.
    expect(upgraded?.renamed).toEqual([{ kind: "key", from: "mxid", to: "matrix_id" }]);
  });

  it("keeps a __proto__ key as a plain key", () => {
    const upgraded = upgradeDraft(
      JSON.parse('{"__proto__":{"x":1},"admins":[{"__proto__":1,"email":"a@example.org"}]}'),
    );
    if (!upgraded) throw new Error("not upgraded");
    expect(Object.hasOwn(upgraded.document, "__proto__")).toBe(true);
    const contact = (upgraded.document.contacts as Record<string, unknown>[])[0] ?? {};
    expect(Object.hasOwn(contact, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(contact)).toBe(Object.prototype);
  });
});
