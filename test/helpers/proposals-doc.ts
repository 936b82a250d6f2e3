/** The table of docs/proposals.md, as test/spec/proposals.test.ts holds it to the list. */
import type { Proposal } from "../../packages/lib/src/core/index.js";

/** The row docs/proposals.md must show for a proposal. */
export function docRow(p: Proposal): string {
  const status = p.status === "in-spec" ? `in spec ${p.specVersion}` : p.status;
  const stable =
    p.names.length === 0 ? "none" : p.names.map((n) => `\`${n.stable}\` (${n.kind})`).join(", ");
  const unstable =
    p.names.length === 0
      ? "none"
      : p.names.map((n) => (n.unstable === null ? "none defined" : `\`${n.unstable}\``)).join(", ");
  return `| [${p.msc}](${p.url}) | ${p.title} | ${status} | ${stable} | ${unstable} | ${p.checked} |`;
}
