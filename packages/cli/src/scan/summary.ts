/** Summary statistics of a scan: counts by status, share with a security contact, commonest problems. */
import {
  catalogueEntry,
  type Diagnostic,
  pickContact,
  type SupportDocument,
} from "../../../lib/src/core/index.js";
import { printable } from "../../../lib/src/core/printable.js";

/** The fields of a `check --json` object that the scan engine and the report read. */
export interface ScanRecord {
  server_name: string;
  status: string;
  url?: string | null;
  document?: SupportDocument | null;
  diagnostics?: Diagnostic[];
  http?: unknown;
}

export const STATUSES = ["found", "not_found", "invalid", "unreachable"] as const;

export interface ProblemCount {
  code: string;
  severity: string;
  /** Servers with at least one diagnostic of this code. */
  servers: number;
  /**
   * What the code means, from the catalogue, with its parameters left out ("Every contact is on …
   * itself"): the same for every server. Empty for a code the catalogue does not know.
   */
  message: string;
  /** The message of the first occurrence, as an example (one server's; JSON output only). */
  example: string;
}

/** A code's catalogue message with its parameters shown as "…", or "" for an unknown code. */
export function generalMessage(code: string): string {
  // A code read from a file may be anything, `constructor` included: only own string messages.
  const message = catalogueEntry(code)?.message;
  return typeof message === "string" ? message.replace(/(?:\{\w+\})+/g, "…") : "";
}

export interface SummaryData {
  servers: number;
  by_status: Record<string, number>;
  /** Servers with a usable document. */
  with_document: number;
  /** Servers whose document names an `m.role.security` contact (not a fallback). */
  with_security_contact: number;
  /** Servers with any reachable contact for abuse reports (moderator, else admin). */
  with_abuse_contact: number;
  /** Error and warning codes, by the number of servers they affect, most common first. */
  problems: ProblemCount[];
}

/** Accumulates records one at a time: memory is bounded by the number of distinct codes. */
export class ScanSummary {
  private servers = 0;
  private byStatus = new Map<string, number>(STATUSES.map((s) => [s, 0]));
  private withDocument = 0;
  private withSecurity = 0;
  private withAbuse = 0;
  private problems = new Map<string, ProblemCount>();

  add(record: ScanRecord): void {
    this.servers++;
    this.byStatus.set(record.status, (this.byStatus.get(record.status) ?? 0) + 1);
    const doc = record.document;
    if (doc && typeof doc === "object") {
      this.withDocument++;
      const security = pickContact(doc, "security");
      if (security && !security.fallback) this.withSecurity++;
      if (pickContact(doc, "abuse")) this.withAbuse++;
    }
    const seen = new Set<string>();
    for (const d of Array.isArray(record.diagnostics) ? record.diagnostics : []) {
      if (d.severity !== "error" && d.severity !== "warning") continue;
      if (seen.has(d.code)) continue;
      seen.add(d.code);
      const p = this.problems.get(d.code);
      if (p) p.servers++;
      else
        this.problems.set(d.code, {
          code: d.code,
          severity: d.severity,
          servers: 1,
          message: generalMessage(d.code),
          example: d.message,
        });
    }
  }

  get count(): number {
    return this.servers;
  }

  statusCount(status: string): number {
    return this.byStatus.get(status) ?? 0;
  }

  data(topProblems = 10): SummaryData {
    return {
      servers: this.servers,
      by_status: Object.fromEntries(this.byStatus),
      with_document: this.withDocument,
      with_security_contact: this.withSecurity,
      with_abuse_contact: this.withAbuse,
      problems: [...this.problems.values()]
        .sort((a, b) => b.servers - a.servers || a.code.localeCompare(b.code))
        .slice(0, topProblems),
    };
  }
}

export interface Painter {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
}

const plain: Painter = { bold: id, dim: id, red: id, green: id, yellow: id };
function id(s: string): string {
  return s;
}

const pct = (n: number, of: number): string => (of === 0 ? "-" : `${((100 * n) / of).toFixed(1)}%`);

/** The summary as a few aligned lines for people. */
export function formatSummary(data: SummaryData, c: Painter = plain, topProblems = 5): string {
  const lines: string[] = [];
  const width = String(data.servers).length;
  const colour: Record<string, (s: string) => string> = {
    found: c.green,
    not_found: c.dim,
    invalid: c.yellow,
    unreachable: c.red,
  };
  // Statuses and codes are read back from a file (report): escaped like any text from outside.
  for (const [status, n] of Object.entries(data.by_status)) {
    const paint = colour[status] ?? id;
    lines.push(
      `  ${paint(printable(status).padEnd(12))} ${String(n).padStart(width)}  ${c.dim(pct(n, data.servers))}`,
    );
  }
  lines.push(
    `  with a security contact: ${data.with_security_contact} of ${data.with_document} with a document (${pct(data.with_security_contact, data.with_document)}), ${pct(data.with_security_contact, data.servers)} of all`,
  );
  lines.push(
    `  with a contact for abuse reports (moderator or admin): ${data.with_abuse_contact} (${pct(data.with_abuse_contact, data.with_document)})`,
  );
  const top = data.problems.slice(0, topProblems);
  if (top.length > 0) {
    lines.push("  most common problems (servers affected):");
    const w = String(top[0]?.servers ?? 0).length;
    for (const p of top) {
      const what = p.message === "" ? "" : `  ${c.dim(printable(p.message))}`;
      lines.push(`    ${String(p.servers).padStart(w)}  ${c.bold(printable(p.code))}${what}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
