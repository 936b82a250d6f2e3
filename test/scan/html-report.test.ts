// report --html's page: self-contained, inert server text, the figures it claims.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  renderHtmlReport,
  reportRow,
  statusChanges,
} from "../../packages/cli/src/scan/html-report.js";
import { sampleRecords, XSS } from "./html-report-data.js";

const scan = (label: string, records = sampleRecords()) => ({
  label,
  rows: records.map(reportRow),
});

describe("renderHtmlReport", () => {
  const html = renderHtmlReport([scan("scan.jsonl")], {
    generated: new Date("2026-11-30T10:00:00Z"),
  });

  it("never writes a server's string as markup", () => {
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("<script>window.__pwned");
    expect(html).toContain("&lt;img src=x onerror=");
    expect(html).not.toContain("\u001b");
    expect(html).toContain("\\x1b[31mRED\\x1b]0;PWNED\\x07");
    expect(html).toContain("@sec:evil.example\\nFAKE LINE");
    expect(html).not.toMatch(/href="javascript:/i);
  });

  it("makes no external request: no src or href to another place, a CSP that allows only its own inline parts", () => {
    expect(html).not.toMatch(/\ssrc="(?!data:)/);
    const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(hrefs.every((h) => h?.startsWith("https://spec.matrix.org/"))).toBe(true);
    const csp =
      /Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1]?.replace(/&#39;/g, "'") ?? "";
    expect(csp).toContain("default-src 'none'");
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "";
    const hash = createHash("sha256").update(script).digest("base64");
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
  });

  it("counts statuses, contacts and problems", () => {
    expect(html).toContain("5 servers in scan.jsonl");
    expect(html).toMatch(/found<\/span>.*?<span class="value">2 <small>\(40\.0%\)/);
    expect(html).toMatch(
      /with a security contact<\/span>.*?<span class="value">2 <small>\(66\.7%\)/,
    );
    expect(html).toContain("NO_OFF_DOMAIN_CONTACT");
    expect(html).toContain("with a CORS problem");
  });

  it("shows the catalogue's general message of a problem, not one server's words", () => {
    expect(html).toMatch(/NO_SECURITY_CONTACT[\s\S]*?<p class="muted">[^<]*security/i);
    expect(html).not.toContain(`<p class="muted">x</p>`);
  });

  it("lists roles by kind: spec, proposal, custom", () => {
    expect(html).toMatch(/<code>m\.role\.security<\/code><\/td><td>spec<\/td><td class="num">2/);
    expect(html).toMatch(/org\.evil\.role\.x.*?<\/code><\/td><td>custom/);
  });

  it("adds trends and the changes between the last two scans", () => {
    const older = sampleRecords()
      .slice(0, 3)
      .map((r) => ({ ...r, status: r.server_name === "gone.example" ? "found" : r.status }));
    const page = renderHtmlReport([scan("a.jsonl", older), scan("b.jsonl")]);
    expect(page).toContain("Over time");
    expect(page).toContain("Changes since a.jsonl");
    expect(page).toMatch(/gone\.example<\/td><td[^>]*><\/td><td>found<\/td><td>unreachable/);
  });

  it("statusChanges lists added, dropped and changed servers", () => {
    const a = [scan("a").rows[0]!, scan("a").rows[2]!];
    const b = [scan("b").rows[0]!, scan("b").rows[3]!];
    expect(statusChanges(a, b).map((c) => `${c.server} ${c.summary}`)).toEqual([
      "none.example added",
      "gone.example dropped",
    ]);
  });

  it("refuses no input", () => {
    expect(() => renderHtmlReport([])).toThrow();
  });

  it("escapes the script-like code in the problems column", () => {
    expect(html).toContain(
      `<code>BAD${XSS.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")}</code>`,
    );
  });
});
