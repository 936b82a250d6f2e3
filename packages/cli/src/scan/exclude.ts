/**
 * The opt-out list: servers whose operators asked not to be scanned. Matched on the host a request
 * would go to (the server name without its port, case-insensitively), so opting out `example.org`
 * also covers `example.org:8448`; `*.example.org` covers every subdomain (not `example.org` itself).
 */
import { parseServerName } from "../../../lib/src/core/index.js";
import { nameOf } from "./lines.js";

export interface ExcludeList {
  /** Number of entries read. */
  size: number;
  has(serverName: string): boolean;
}

export interface ExcludeProblem {
  line: number;
  text: string;
  reason: string;
}

export type ExcludeResult =
  | { ok: true; list: ExcludeList }
  | { ok: false; problems: ExcludeProblem[] };

/** The host part a request would use, lower-cased; the trimmed input when it is no server name. */
export function requestHost(serverName: string): string {
  const parsed = parseServerName(serverName);
  return (parsed.ok ? parsed.host : serverName).toLowerCase();
}

/** Parses an opt-out list (same line format as the input: `#` comments and blank lines skipped). */
export function parseExcludeList(text: string): ExcludeResult {
  const hosts = new Set<string>();
  const suffixes: string[] = [];
  const problems: ExcludeProblem[] = [];
  let size = 0;
  const lines = text.split("\n");
  lines.forEach((raw, i) => {
    const entry = nameOf(Buffer.from(raw), i === 0);
    if (entry === undefined) return;
    size++;
    if (entry.startsWith("*.")) {
      const base = entry.slice(2);
      const parsed = parseServerName(base);
      if (!parsed.ok || parsed.port !== undefined || parsed.kind !== "dns") {
        problems.push({ line: i + 1, text: entry, reason: "a wildcard must be *.<dns name>" });
        return;
      }
      suffixes.push(`.${base.toLowerCase()}`);
      return;
    }
    const parsed = parseServerName(entry);
    if (!parsed.ok) {
      problems.push({ line: i + 1, text: entry, reason: parsed.reason });
      return;
    }
    hosts.add(parsed.host.toLowerCase());
  });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    list: {
      size,
      has(serverName: string): boolean {
        const host = requestHost(serverName);
        if (hosts.has(host)) return true;
        return suffixes.some((s) => host.endsWith(s));
      },
    },
  };
}
