/** Whom to contact for a purpose, and the links to reach them. */
import { describe, expect, it } from "vitest";
import {
  type Contact,
  mailtoLink,
  matrixToLink,
  matrixUri,
  pickContact,
  pickContacts,
  type SupportDocument,
} from "../../packages/lib/src/core/index.js";

const c = (
  role: string,
  extra: Partial<Contact> = { email_address: `${role.replace(/\W/g, "-")}@example.org` },
): Contact => ({ role, ...extra });
const doc = (...contacts: Contact[]): SupportDocument => ({ contacts });
const roles = (d: SupportDocument, purpose: "security" | "abuse" | "general") =>
  pickContacts(d, purpose).map((p) => p.contact.role);

describe("pickContact", () => {
  it("security: the security contact, then admin", () => {
    const both = doc(c("m.role.admin"), c("m.role.security"));
    expect(pickContact(both, "security")).toMatchObject({
      role: "m.role.security",
      index: 1,
      fallback: false,
    });
    expect(pickContact(doc(c("m.role.admin"), c("m.role.moderator")), "security")).toMatchObject({
      role: "m.role.admin",
      fallback: true,
    });
    expect(roles(both, "security")).toEqual(["m.role.security", "m.role.admin"]);
    expect(pickContact(doc(c("m.role.moderator")), "security")).toBeUndefined();
  });

  it("abuse: moderator (stable, then unstable), report moderator, then admin", () => {
    const all = doc(
      c("m.role.admin"),
      c("m.role.report_moderator"),
      c("support.feline.msc4121.role.moderator"),
      c("m.role.moderator"),
      c("m.role.security"),
    );
    expect(roles(all, "abuse")).toEqual([
      "m.role.moderator",
      "support.feline.msc4121.role.moderator",
      "m.role.report_moderator",
      "m.role.admin",
    ]);
    expect(
      pickContact(doc(c("m.role.admin"), c("support.feline.msc4121.role.moderator")), "abuse"),
    ).toMatchObject({
      role: "support.feline.msc4121.role.moderator",
      fallback: true,
    });
    expect(pickContact(doc(c("m.role.admin"), c("m.role.report_moderator")), "abuse")?.role).toBe(
      "m.role.report_moderator",
    );
    expect(pickContact(doc(c("m.role.security"), c("m.role.admin")), "abuse")).toMatchObject({
      role: "m.role.admin",
      fallback: true,
    });
    expect(pickContact(doc(c("m.role.security")), "abuse")).toBeUndefined();
  });

  it("general: admin, then anything at all (unknown roles included), each contact once", () => {
    const d = doc(c("org.example.role.helpdesk"), c("m.role.security"), c("m.role.admin"));
    expect(roles(d, "general")).toEqual([
      "m.role.admin",
      "org.example.role.helpdesk",
      "m.role.security",
    ]);
    expect(pickContact(doc(c("org.example.role.helpdesk")), "general")).toMatchObject({
      role: "org.example.role.helpdesk",
      fallback: true,
    });
  });

  it("prefers, within a role, a contact with both a Matrix ID and an email address", () => {
    const emailOnly = c("m.role.admin", { email_address: "a@example.org" });
    const mxidOnly = c("m.role.admin", { matrix_id: "@a:example.org" });
    const both = c("m.role.admin", { matrix_id: "@b:example.org", email_address: "b@example.org" });
    const picked = pickContacts(doc(emailOnly, mxidOnly, both), "general");
    expect(picked.map((p) => p.index)).toEqual([2, 0, 1]);
    // ...but the role order comes first: a security contact with one way beats an admin with two.
    expect(
      pickContact(doc(both, c("m.role.security", { email_address: "s@example.org" })), "security")
        ?.index,
    ).toBe(1);
  });

  it("skips contacts nobody can reach and copes with null, empty and odd documents", () => {
    expect(pickContact(doc(c("m.role.security", {}), c("m.role.admin")), "security")?.role).toBe(
      "m.role.admin",
    );
    expect(pickContact(null, "general")).toBeUndefined();
    expect(pickContact(undefined, "general")).toBeUndefined();
    expect(pickContact({ support_page: "https://example.org" }, "general")).toBeUndefined();
    expect(pickContacts({ contacts: "x" as unknown as Contact[] }, "general")).toEqual([]);
    expect(
      pickContacts({ contacts: [null as unknown as Contact, c("m.role.admin")] }, "general"),
    ).toHaveLength(1);
  });
});

describe("links", () => {
  it("mailtoLink percent-encodes what a mailto: URI cannot hold and adds a subject", () => {
    expect(mailtoLink("admin@example.org")).toBe("mailto:admin@example.org");
    expect(mailtoLink("a+b@example.org")).toBe("mailto:a+b@example.org");
    expect(mailtoLink('"john doe"@example.org')).toBe("mailto:%22john%20doe%22@example.org");
    expect(mailtoLink("a%b?c#d@example.org")).toBe("mailto:a%25b%3Fc%23d@example.org");
    expect(mailtoLink("jürgen@example.org")).toBe("mailto:j%C3%BCrgen@example.org");
    expect(mailtoLink("admin@example.org", "Report: spam & abuse?")).toBe(
      "mailto:admin@example.org?subject=Report%3A%20spam%20%26%20abuse%3F",
    );
  });

  it("matrixToLink builds https://matrix.to/#/@user:server", () => {
    expect(matrixToLink("@admin:example.org")).toBe("https://matrix.to/#/@admin:example.org");
    expect(matrixToLink("@admin:example.org:8448")).toBe(
      "https://matrix.to/#/@admin:example.org:8448",
    );
    expect(matrixToLink("@a/b:example.org")).toBe("https://matrix.to/#/@a/b:example.org");
    expect(matrixToLink("@a#b:example.org")).toBe("https://matrix.to/#/@a%23b:example.org");
    expect(matrixToLink("@admin:[2001:db8::1]")).toBe(
      "https://matrix.to/#/@admin:%5B2001:db8::1%5D",
    );
  });

  it("matrixUri builds matrix:u/user:server, escaping '/' in the localpart", () => {
    expect(matrixUri("@admin:example.org")).toBe("matrix:u/admin:example.org");
    expect(matrixUri("@a/b:example.org")).toBe("matrix:u/a%2Fb:example.org");
    expect(matrixUri("@a+b=c:example.org:8448")).toBe("matrix:u/a%2Bb%3Dc:example.org:8448");
    expect(matrixUri("@admin:[2001:db8::1]:8448")).toBe("matrix:u/admin:[2001:db8::1]:8448");
    expect(matrixUri("admin")).toBeUndefined();
    expect(matrixUri("@admin")).toBeUndefined();
  });
});
