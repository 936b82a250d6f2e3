/**
 * `report --html`: one self-contained HTML file for one scan or several in time order. No external
 * request (styles, charts and the table's script are inline, allowed by hash in the page's own
 * content-security policy), printable, and every server-provided string is text, never markup:
 * it goes through `text()` (HTML-escaped, control characters shown as visible escapes).
 */
import { createHash } from "node:crypto";
import {
  catalogueEntry,
  PROPOSAL_ROLES,
  type Purpose,
  pickContact,
  SPEC_ROLES,
  type SupportDocument,
} from "../../../lib/src/core/index.js";
import { printable } from "../../../lib/src/core/printable.js";
import { CORS_CODES } from "../../../lib/src/discover/check.js";
import { escapeHtml } from "../../../lib/src/server/index.js";
import { type ScanRecord, STATUSES } from "./summary.js";

/** One scan's file, reduced to what the page shows (a few strings per server). */
export interface ReportScan {
  /** How the scan is named on the page: its file name. */
  label: string;
  rows: ReportRow[];
}

export interface ReportRow {
  server: string;
  status: string;
  contacts: Record<Purpose, string>;
  supportPage: string;
  roles: string[];
  codes: string[];
  hasSecurity: boolean;
  hasOffDomainBackup: boolean;
  corsProblem: boolean;
}

/** A change between the last two scans, as the page lists it (risk when change detection ran). */
export interface ReportChange {
  server: string;
  risk?: string;
  before: string;
  after: string;
  summary: string;
}

const PURPOSES: readonly Purpose[] = ["security", "abuse", "general"];

/** The reduced row of one check result (what the report keeps in memory per server). */
export function reportRow(record: ScanRecord): ReportRow {
  const doc: SupportDocument | null =
    record.document && typeof record.document === "object" ? record.document : null;
  const contacts = {} as Record<Purpose, string>;
  for (const purpose of PURPOSES) {
    const c = pickContact(doc, purpose)?.contact;
    contacts[purpose] = [c?.matrix_id, c?.email_address]
      .filter((v): v is string => typeof v === "string")
      .join(" ");
  }
  const codes = (Array.isArray(record.diagnostics) ? record.diagnostics : [])
    .filter((d) => d.severity === "error" || d.severity === "warning")
    .map((d) => String(d.code));
  const roles = Array.isArray(doc?.contacts)
    ? doc.contacts.map((c) => (typeof c?.role === "string" ? c.role : "")).filter(Boolean)
    : [];
  return {
    server: record.server_name,
    status: record.status,
    contacts,
    supportPage: typeof doc?.support_page === "string" ? doc.support_page : "",
    roles: [...new Set(roles)],
    codes: [...new Set(codes)],
    hasSecurity: roles.includes("m.role.security"),
    hasOffDomainBackup: doc !== null && !codes.includes("NO_OFF_DOMAIN_CONTACT"),
    corsProblem: codes.some((c) => CORS_CODES.has(c)),
  };
}

/** Text from a server or a file, made inert: control characters visible, then HTML-escaped. */
function text(value: string): string {
  return escapeHtml(printable(value));
}

const pct = (n: number, of: number) => (of === 0 ? 0 : (100 * n) / of);
const fmt = (n: number) => `${n.toFixed(1)}%`;

interface Figures {
  servers: number;
  byStatus: Record<string, number>;
  withDocument: number;
  security: number;
  offDomain: number;
  supportPage: number;
  cors: number;
}

function figures(rows: readonly ReportRow[]): Figures {
  const byStatus: Record<string, number> = Object.fromEntries(STATUSES.map((s) => [s, 0]));
  let withDocument = 0;
  let security = 0;
  let offDomain = 0;
  let supportPage = 0;
  let cors = 0;
  for (const r of rows) {
    byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    const found = r.status === "found" || r.status === "invalid";
    if (found) withDocument++;
    if (r.hasSecurity) security++;
    if (found && r.hasOffDomainBackup) offDomain++;
    if (r.supportPage) supportPage++;
    if (r.corsProblem) cors++;
  }
  return { servers: rows.length, byStatus, withDocument, security, offDomain, supportPage, cors };
}

/** A labelled horizontal bar: a share drawn to scale (SVG, so the CSP needs no inline style), with its figure as text. */
function bar(label: string, n: number, of: number, tone = "a"): string {
  const share = pct(n, of);
  return `<div class="bar"><span class="label">${escapeHtml(label)}</span><svg class="track" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true"><rect width="100" height="10" class="bg"/><rect width="${share.toFixed(2)}" height="10" class="fill ${tone}"/></svg><span class="value">${n} <small>(${fmt(share)})</small></span></div>`;
}

/** A small line chart of one share over the scans (SVG, no script). */
function trend(title: string, points: readonly number[], labels: readonly string[]): string {
  const w = 320;
  const h = 120;
  const x = (i: number) =>
    points.length === 1 ? w / 2 : 20 + (i * (w - 40)) / (points.length - 1);
  const y = (v: number) => h - 20 - (v * (h - 40)) / 100;
  const path = points
    .map((v, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(v).toFixed(1)}`)
    .join(" ");
  const dots = points
    .map(
      (v, i) =>
        `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3"><title>${text(labels[i] ?? "")}: ${fmt(v)}</title></circle>`,
    )
    .join("");
  return `<figure class="trend"><svg viewBox="0 0 ${w} ${h}" role="img" aria-label="${escapeHtml(title)}: ${points.map(fmt).join(", ")}"><line x1="20" x2="${w - 20}" y1="${h - 20}" y2="${h - 20}" class="axis"/><path d="${path}"/>${dots}</svg><figcaption>${escapeHtml(title)}: ${points.map(fmt).join(" → ")}</figcaption></figure>`;
}

function roleKind(role: string): string {
  if (SPEC_ROLES.includes(role)) return "spec";
  if (PROPOSAL_ROLES.has(role)) return "proposal";
  return "custom";
}

/** The catalogue's general message of a code: its template with the parameters named, not filled. */
function generalMessage(code: string): { message: string; spec?: string } {
  const entry = catalogueEntry(code);
  if (!entry) return { message: "" };
  const message = entry.message.replace(/\{(\w+)\}/g, "‹$1›");
  return entry.spec ? { message, spec: entry.spec } : { message };
}

const STYLE = `
:root{color-scheme:light dark;--fg:#1b1f23;--bg:#fff;--muted:#5a6470;--line:#d0d7de;--a:#2f6f4f;--b:#8a5a00;--c:#a1262b;--d:#6e7781}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9aa4ae;--line:#30363d;--a:#56b37f;--b:#d29922;--c:#f0686d;--d:#8b949e}}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK JP",sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:1100px;padding:1.5rem}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.2rem;margin:2rem 0 .75rem;border-bottom:1px solid var(--line)}
.muted,small{color:var(--muted)}
.bar{display:grid;grid-template-columns:16rem 1fr 9rem;gap:.75rem;align-items:center;margin:.3rem 0}
.track{width:100%;height:.9rem}.track .bg{fill:var(--line)}
.fill.a{fill:var(--a)}.fill.b{fill:var(--b)}.fill.c{fill:var(--c)}.fill.d{fill:var(--d)}
.value{font-variant-numeric:tabular-nums;text-align:right}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top;overflow-wrap:break-word;word-break:normal}
th{white-space:nowrap}td:nth-child(2){white-space:nowrap}td{max-width:18rem}
th button{font:inherit;font-weight:600;background:none;border:0;color:inherit;padding:0;cursor:pointer}
td.num{text-align:right;font-variant-numeric:tabular-nums}
code{font-size:.85em}
.trends{display:flex;flex-wrap:wrap;gap:1rem}.trend{margin:0}.trend svg{width:320px;height:120px}.trend path{fill:none;stroke:var(--a);stroke-width:2}.trend circle{fill:var(--a)}.trend .axis{stroke:var(--line)}
input[type=search]{font:inherit;padding:.3rem .5rem;width:min(24rem,100%);margin:.5rem 0}
.risk-high{color:var(--c);font-weight:600}.risk-medium{color:var(--b)}
@media print{input[type=search],th button::after{display:none}body{max-width:none}}
`;

// Filters rows by the search box and sorts by a clicked column; reads and writes text only.
const SCRIPT = `
(()=>{const t=document.getElementById("servers");if(!t)return;const body=t.tBodies[0];const rows=[...body.rows];
const q=document.getElementById("filter");q.hidden=false;
q.addEventListener("input",()=>{const v=q.value.toLowerCase();for(const r of rows)r.hidden=v!==""&&!r.textContent.toLowerCase().includes(v);});
t.querySelectorAll("th button").forEach((b,i)=>b.addEventListener("click",()=>{const th=b.parentElement;const asc=th.getAttribute("aria-sort")!=="ascending";
t.querySelectorAll("th").forEach(h=>h.removeAttribute("aria-sort"));th.setAttribute("aria-sort",asc?"ascending":"descending");
const key=r=>r.cells[i].textContent;rows.sort((a,c)=>(asc?1:-1)*key(a).localeCompare(key(c),undefined,{numeric:true}));for(const r of rows)body.appendChild(r);}));})();
`;

const sha256 = (s: string) => `'sha256-${createHash("sha256").update(s).digest("base64")}'`;

export interface HtmlReportOptions {
  /** Changes between the last two scans (from change detection); status changes otherwise. */
  changes?: readonly ReportChange[];
  /** When the report was made (shown on the page). */
  generated?: Date;
}

/** The whole page. `scans` in time order; the last one is the one described in detail. */
export function renderHtmlReport(
  scans: readonly ReportScan[],
  options: HtmlReportOptions = {},
): string {
  const last = scans[scans.length - 1];
  if (!last) throw new Error("renderHtmlReport needs at least one scan");
  const f = figures(last.rows);
  const parts: string[] = [];
  const generated = (options.generated ?? new Date()).toISOString().slice(0, 16).replace("T", " ");
  parts.push(
    `<header><h1>Matrix support files: survey</h1><p class="muted">${f.servers} servers in ${text(last.label)}${scans.length > 1 ? `, the last of ${scans.length} scans` : ""}; made ${generated} UTC by matrix-support.</p></header>`,
  );

  parts.push("<section><h2>What the servers answer</h2>");
  const tones: Record<string, string> = {
    found: "a",
    not_found: "d",
    invalid: "b",
    unreachable: "c",
  };
  for (const status of STATUSES)
    parts.push(bar(status.replace("_", " "), f.byStatus[status] ?? 0, f.servers, tones[status]));
  parts.push("</section>");

  parts.push("<section><h2>Who can be reached</h2>");
  parts.push(`<p class="muted">Shares of the ${f.withDocument} servers that publish a file.</p>`);
  parts.push(bar("with a security contact", f.security, f.withDocument));
  parts.push(bar("with a backup off their own domain", f.offDomain, f.withDocument));
  parts.push(bar("with a support page", f.supportPage, f.withDocument));
  parts.push(bar("with a CORS problem", f.cors, f.servers, "c"));
  parts.push("</section>");

  if (scans.length > 1) {
    const labels = scans.map((s) => s.label);
    const series = scans.map((s) => figures(s.rows));
    parts.push('<section><h2>Over time</h2><div class="trends">');
    parts.push(
      trend(
        "found",
        series.map((g) => pct(g.byStatus.found ?? 0, g.servers)),
        labels,
      ),
    );
    parts.push(
      trend(
        "with a security contact",
        series.map((g) => pct(g.security, g.withDocument)),
        labels,
      ),
    );
    parts.push(
      trend(
        "with a CORS problem",
        series.map((g) => pct(g.cors, g.servers)),
        labels,
      ),
    );
    parts.push(
      trend(
        "unreachable",
        series.map((g) => pct(g.byStatus.unreachable ?? 0, g.servers)),
        labels,
      ),
    );
    parts.push("</div></section>");
    const changes =
      options.changes ?? statusChanges(scans[scans.length - 2]?.rows ?? [], last.rows);
    parts.push(`<section><h2>Changes since ${text(scans[scans.length - 2]?.label ?? "")}</h2>`);
    if (changes.length === 0) parts.push("<p>No server changed.</p>");
    else {
      parts.push(
        "<table><thead><tr><th>server</th><th>risk</th><th>before</th><th>after</th><th>what changed</th></tr></thead><tbody>",
      );
      for (const c of changes)
        parts.push(
          `<tr><td>${text(c.server)}</td><td class="risk-${escapeHtml(c.risk ?? "")}">${text(c.risk ?? "")}</td><td>${text(c.before)}</td><td>${text(c.after)}</td><td>${text(c.summary)}</td></tr>`,
        );
      parts.push("</tbody></table>");
    }
    parts.push("</section>");
  }

  const problems = new Map<string, number>();
  const roles = new Map<string, number>();
  for (const r of last.rows) {
    for (const c of r.codes) problems.set(c, (problems.get(c) ?? 0) + 1);
    for (const role of r.roles) roles.set(role, (roles.get(role) ?? 0) + 1);
  }
  const top = [...problems].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 15);
  parts.push("<section><h2>Most common problems</h2>");
  if (top.length === 0) parts.push("<p>None.</p>");
  for (const [code, n] of top) {
    const { message, spec } = generalMessage(code);
    const link = spec ? ` <a href="${escapeHtml(spec)}">spec</a>` : "";
    parts.push(`${bar(code, n, f.servers, "b")}<p class="muted">${text(message)}${link}</p>`);
  }
  parts.push("</section>");

  parts.push(
    "<section><h2>Roles in use</h2><table><thead><tr><th>role</th><th>kind</th><th>servers</th></tr></thead><tbody>",
  );
  for (const [role, n] of [...roles].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])))
    parts.push(
      `<tr><td><code>${text(role)}</code></td><td>${roleKind(role)}</td><td class="num">${n}</td></tr>`,
    );
  parts.push("</tbody></table></section>");

  parts.push(
    '<section><h2>Every server</h2><label for="filter" class="muted">Filter</label> <input type="search" id="filter" hidden placeholder="server, contact or code"><table id="servers"><thead><tr>',
  );
  for (const h of ["server", "status", "security", "abuse", "general", "support page", "problems"])
    parts.push(`<th scope="col"><button type="button">${h}</button></th>`);
  parts.push("</tr></thead><tbody>");
  for (const r of last.rows) {
    parts.push(
      `<tr><td>${text(r.server)}</td><td>${text(r.status)}</td>${PURPOSES.map((p) => `<td>${text(r.contacts[p])}</td>`).join("")}<td>${text(r.supportPage)}</td><td>${r.codes.map((c) => `<code>${text(c)}</code>`).join(" ")}</td></tr>`,
    );
  }
  parts.push("</tbody></table></section>");

  const csp = `default-src 'none'; style-src ${sha256(STYLE)}; script-src ${sha256(SCRIPT)}; img-src data:; base-uri 'none'; form-action 'none'`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="referrer" content="no-referrer">
<title>Matrix support files: survey of ${f.servers} servers</title>
<style>${STYLE}</style></head>
<body>
${parts.join("\n")}
<script>${SCRIPT}</script>
</body></html>
`;
}

/** Status changes between two scans (added and dropped servers included), when no detection ran. */
export function statusChanges(
  before: readonly ReportRow[],
  after: readonly ReportRow[],
): ReportChange[] {
  const old = new Map(before.map((r) => [r.server, r]));
  const out: ReportChange[] = [];
  for (const r of after) {
    const o = old.get(r.server);
    old.delete(r.server);
    if (!o) out.push({ server: r.server, before: "", after: r.status, summary: "added" });
    else if (o.status !== r.status)
      out.push({ server: r.server, before: o.status, after: r.status, summary: "status changed" });
  }
  for (const o of old.values())
    out.push({ server: o.server, before: o.status, after: "", summary: "dropped" });
  return out;
}
