/**
 * The one list of proposals (packages/lib/src/core/proposals.ts): every entry complete, every
 * table of names derived from it, and docs/proposals.md showing exactly that list.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  LINKS,
  PGP_KEY,
  PGP_KEY_UNSTABLE,
  POLICIES,
  POLICIES_UNSTABLE,
  PROPOSAL_CONTACT_KEYS,
  PROPOSAL_EVENT_TYPES,
  PROPOSAL_RESPONSE_KEYS,
  PROPOSAL_ROLES,
  PROPOSAL_TOP_KEYS,
  PROPOSALS,
  type Proposal,
  type ProposalNameKind,
  REJECTION_CONTACT_KEY,
  REJECTION_CONTACT_KEY_UNSTABLE,
  ROLE_DPO,
  ROLE_DPO_UNSTABLE,
  ROLE_MODERATOR,
  ROLE_MODERATOR_UNSTABLE,
  ROLE_REPORT_MODERATOR,
  ROOM_CONTACT_EVENT,
  ROOM_CONTACT_EVENT_UNSTABLE,
} from "../../packages/lib/src/core/index.js";
import { docRow } from "../helpers/proposals-doc.js";

const STATUSES = ["open", "merged", "in-spec", "closed"];
const KINDS: Record<ProposalNameKind, ReadonlyMap<string, Proposal>> = {
  role: PROPOSAL_ROLES,
  "contact-key": PROPOSAL_CONTACT_KEYS,
  "top-key": PROPOSAL_TOP_KEYS,
  "event-type": PROPOSAL_EVENT_TYPES,
  "response-key": PROPOSAL_RESPONSE_KEYS,
};

describe("the list of proposals", () => {
  it("has every field of every proposal, well formed", () => {
    expect(PROPOSALS.length).toBeGreaterThan(0);
    for (const p of PROPOSALS) {
      expect(Object.keys(p).sort(), p.msc).toEqual(
        ["checked", "msc", "names", "number", "specVersion", "status", "title", "url"].sort(),
      );
      expect(Number.isInteger(p.number) && p.number > 0, p.msc).toBe(true);
      expect(p.msc).toBe(`MSC${p.number}`);
      expect(p.url).toBe(LINKS.msc(p.number));
      expect(p.title.trim().length, p.msc).toBeGreaterThan(3);
      expect(STATUSES, p.msc).toContain(p.status);
      // A spec version exactly when the proposal is in a released spec.
      if (p.status === "in-spec") expect(p.specVersion, p.msc).toMatch(/^v\d+\.\d+$/);
      else expect(p.specVersion, p.msc).toBeNull();
      expect(p.checked, p.msc).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(`${p.checked}T00:00:00Z`).toISOString().slice(0, 10), p.msc).toBe(p.checked);
      for (const n of p.names) {
        expect(Object.keys(KINDS), p.msc).toContain(n.kind);
        expect(n.stable.length, p.msc).toBeGreaterThan(0);
        expect(n.unstable === null || n.unstable.length > 0, p.msc).toBe(true);
        expect(n.unstable, p.msc).not.toBe(n.stable);
      }
    }
  });

  it("lists each proposal once, by number", () => {
    const numbers = PROPOSALS.map((p) => p.number);
    expect(numbers).toEqual([...new Set(numbers)].sort((a, b) => a - b));
  });

  it("holds MSC4489, MSC4490 and MSC4402, checked on 2026-11-30", () => {
    const byNumber = (n: number) => PROPOSALS.find((p) => p.number === n);
    for (const n of [4402, 4489, 4490]) expect(byNumber(n)?.checked).toBe("2026-11-30");
    expect(byNumber(4402)).toMatchObject({ status: "in-spec", specVersion: "v1.20", names: [] });
  });

  it("is where every table of names comes from, and each name belongs to one proposal", () => {
    const all = new Map<string, string>();
    for (const p of PROPOSALS)
      for (const n of p.names)
        for (const name of [n.stable, n.unstable]) {
          if (name === null) continue;
          expect(all.has(name), `${name} in ${p.msc} and ${all.get(name)}`).toBe(false);
          all.set(name, p.msc);
          expect(KINDS[n.kind].get(name), name).toBe(p);
        }
    const derived = Object.values(KINDS).reduce((sum, map) => sum + map.size, 0);
    expect(derived).toBe(all.size);
    // The exported constants are the list's own names.
    expect([ROLE_MODERATOR, ROLE_MODERATOR_UNSTABLE, ROLE_DPO, ROLE_DPO_UNSTABLE]).toEqual([
      "m.role.moderator",
      "support.feline.msc4121.role.moderator",
      "m.role.dpo",
      "org.matrix.msc4265.role.dpo",
    ]);
    expect(ROLE_REPORT_MODERATOR).toBe("m.role.report_moderator");
    expect([PGP_KEY, PGP_KEY_UNSTABLE, POLICIES, POLICIES_UNSTABLE]).toEqual([
      "pgp_key",
      "dev.zirco.msc4439.pgp_key",
      "policies",
      "org.matrix.msc4266.policies",
    ]);
    expect([ROOM_CONTACT_EVENT, ROOM_CONTACT_EVENT_UNSTABLE]).toEqual([
      "m.room.contact",
      "net.codestorm.msc4489.contact",
    ]);
    expect([REJECTION_CONTACT_KEY, REJECTION_CONTACT_KEY_UNSTABLE]).toEqual([
      "contact",
      "net.codestorm.msc4490.contact",
    ]);
  });
});

describe("docs/proposals.md", () => {
  const doc = readFileSync(join(import.meta.dirname, "../../docs/proposals.md"), "utf8");

  it("shows exactly the list, row for row, between its markers", () => {
    const table = doc.match(/<!-- proposals:begin -->\n([\s\S]*?)\n<!-- proposals:end -->/)?.[1];
    expect(table, "the table markers are missing").toBeDefined();
    const rows = (table ?? "").split("\n").filter((l) => l.startsWith("| [MSC"));
    expect(rows).toEqual(PROPOSALS.map(docRow));
  });

  it("says what matrix-support does with each proposal, under its own heading", () => {
    for (const p of PROPOSALS) expect(doc, p.msc).toMatch(new RegExp(`^### ${p.msc}\\b`, "m"));
  });
});
