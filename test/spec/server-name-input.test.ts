/** What people type as a server name: a name, or a pasted https:// address (CLI and checker page share this). */
import { describe, expect, it } from "vitest";
import { serverNameFromInput } from "../../packages/lib/src/core/index.js";

describe("serverNameFromInput", () => {
  it("takes a server name as it is, with no note", () => {
    expect(serverNameFromInput("example.org")).toEqual({
      ok: true,
      serverName: "example.org",
      notes: [],
    });
    expect(serverNameFromInput("[::1]:8448")).toMatchObject({ ok: true, serverName: "[::1]:8448" });
  });

  it.each([
    ["https://example.org", "example.org"],
    ["https://example.org/", "example.org"],
    ["HTTPS://Example.ORG/", "example.org"],
    ["https://example.org:8448", "example.org:8448"],
    ["https://[::1]:8448/", "[::1]:8448"],
  ])("accepts %j as %j with one info note saying what was used", (input, name) => {
    const read = serverNameFromInput(input);
    expect(read).toMatchObject({ ok: true, serverName: name });
    if (!read.ok) return;
    expect(read.notes).toHaveLength(1);
    expect(read.notes[0]).toMatchObject({ code: "SERVER_NAME_FROM_URL", severity: "info" });
    expect(read.notes[0]?.message).toBe(`Using server name ${name} (from ${input})`);
    expect(read.notes[0]?.hint).toBeUndefined();
  });

  it.each([
    ["https://example.org/help", "SERVER_NAME_URL_PATH", "the path"],
    ["https://example.org/?x=1", "SERVER_NAME_URL_PATH", "the query"],
    ["https://example.org/.well-known/matrix/support", "SERVER_NAME_URL_PATH", "the path"],
    ["http://example.org", "SERVER_NAME_URL_HTTP", "http://"],
    ["http://example.org/help", "SERVER_NAME_URL_HTTP", "and the path"],
  ])("refuses %j (%s), naming what to drop and the name to use", (input, code, words) => {
    const read = serverNameFromInput(input);
    expect(read).toMatchObject({ ok: false, host: "example.org" });
    if (read.ok) return;
    expect(read.diagnostic).toMatchObject({ code, severity: "error" });
    expect(read.diagnostic.message).toContain(words);
    expect(read.diagnostic.message).toContain('(use "example.org")');
  });

  it("the https:// case says to drop the scheme and the path", () => {
    const read = serverNameFromInput("https://example.org/help");
    expect(!read.ok && read.diagnostic.message).toBe(
      '"https://example.org/help" is a web address, not a server name: drop the https:// scheme and the path (use "example.org")',
    );
  });

  it("refuses other schemes and malformed hosts with the grammar's reason", () => {
    expect(serverNameFromInput("ftp://example.org")).toMatchObject({
      ok: false,
      diagnostic: { code: "SERVER_NAME_URL" },
    });
    expect(serverNameFromInput("https://bad name/")).toMatchObject({
      ok: false,
      diagnostic: { code: "SERVER_NAME_INVALID" },
    });
    expect(serverNameFromInput("https://")).toMatchObject({ ok: false });
    const bad = serverNameFromInput("bad name!!");
    expect(bad).toMatchObject({ ok: false, diagnostic: { code: "SERVER_NAME_INVALID" } });
    expect(!bad.ok && bad.diagnostic.message).toContain("is not a valid server name");
  });

  it("warns about a trailing dot, naming the name without it", () => {
    const read = serverNameFromInput("example.org.:8448");
    expect(read).toMatchObject({ ok: true, serverName: "example.org.:8448" });
    expect(read.ok && read.notes.map((n) => [n.code, n.severity])).toEqual([
      ["SERVER_NAME_TRAILING_DOT", "warning"],
    ]);
    expect(read.ok && read.notes[0]?.message).toContain('"example.org:8448"');
  });
});
