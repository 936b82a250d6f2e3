/**
 * A client that looks a server's security contact up before sending a sensitive report, and warns
 * when the contacts changed since it last looked (trust on first use). The documents it has seen
 * are kept in a JSON file.
 *
 *   npx tsx examples/contacts-changed.ts example.org              # look up, compare, remember
 *   npx tsx examples/contacts-changed.ts example.org --accept     # the change was confirmed: trust it
 *   npx tsx examples/contacts-changed.ts example.org --seen my-seen.json
 *
 * Exit code: 0 when the contact can be used, 1 when a high-risk change waits for confirmation or
 * there is no usable file, 2 for a usage error.
 */
import { pathToFileURL } from "node:url";
import { pickContact, roleLabel } from "@matrix-support/lib";
import {
  type FetchLike,
  rememberSupport,
  type SeenStore,
  type WatchResult,
  watchSupport,
} from "@matrix-support/lib/discover";
import { FileSeenStore } from "@matrix-support/lib/node";

/** One line per change code that deserves a headline. */
const HEADLINES: Record<string, string> = {
  CHANGE_SECURITY_CONTACT_MOVED: "the security contact moved to another domain",
  CHANGE_ADMIN_CONTACT_MOVED: "the only admin contact moved to another domain",
  CHANGE_CONTACTS_REPLACED: "every contact was replaced at once",
  CHANGE_SUPPORT_PAGE_MOVED: "the support page moved to another host",
};

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** What to tell the user about `result`, as lines of text. */
export function describe(serverName: string, result: WatchResult): string[] {
  const lines: string[] = [];
  if (result.status !== "found") {
    lines.push(`${serverName} publishes no usable support file now (${result.status}).`);
    if (result.previous)
      lines.push(
        `The contacts seen on ${day(result.previous.seenAt)} are kept; they may be outdated.`,
      );
    return lines;
  }
  if (result.seen === "first")
    lines.push(`First look at ${serverName}: its contacts are remembered (trust on first use).`);
  if (result.changes && result.changes.risk !== null && result.previous) {
    const headlines = [
      ...new Set(
        result.changes.changes.map((c) => HEADLINES[c.code]).filter((h) => h !== undefined),
      ),
    ];
    const since = day(result.previous.seenAt);
    lines.push(
      `${result.seen === "held" ? "WARNING: " : ""}The contacts of ${serverName} changed since you last looked (${since})${headlines.length > 0 ? `; ${headlines.join("; ")}` : ""}.`,
    );
    for (const c of result.changes.changes) lines.push(`  ${c.risk.padEnd(6)}  ${c.message}`);
  }
  if (result.seen === "held") {
    lines.push(
      "Do not send a sensitive report yet: confirm the change with the server's admins through a channel you already trust, then run again with --accept.",
    );
    return lines;
  }
  const picked = pickContact(result.document, "security");
  if (!picked) lines.push(`${serverName} lists no contact for security reports.`);
  else {
    const ways = [picked.contact.email_address, picked.contact.matrix_id]
      .filter(Boolean)
      .join(", ");
    lines.push(
      `Security contact: ${roleLabel(picked.role)}${picked.fallback ? " (no security contact listed)" : ""}: ${ways}`,
    );
  }
  return lines;
}

export interface MainOptions {
  /** Defaults to the global fetch. */
  fetch?: FetchLike;
  /** Defaults to the JSON file named by --seen. */
  store?: SeenStore;
  write?: (line: string) => void;
}

export async function main(argv: readonly string[], options: MainOptions = {}): Promise<number> {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const args = [...argv];
  const accept = args.includes("--accept");
  const seenAt = args.indexOf("--seen");
  const seenFile = seenAt >= 0 ? args[seenAt + 1] : "matrix-support-seen.json";
  const serverName = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--seen");
  if (!serverName || seenFile === undefined) {
    write("usage: contacts-changed SERVER_NAME [--seen FILE] [--accept]");
    return 2;
  }
  let store = options.store;
  if (!store) {
    const opened = await FileSeenStore.open(seenFile);
    if (!opened.ok) {
      write(opened.message);
      return 2;
    }
    store = opened.store;
  }
  const result = await watchSupport(serverName, {
    store,
    timeout: 10_000,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  if (accept && result.status === "found" && result.seen === "held") {
    await rememberSupport(store, serverName, result.document);
    write(`The new contacts of ${serverName} are now trusted.`);
    return main(
      argv.filter((a) => a !== "--accept"),
      { ...options, store },
    );
  }
  for (const line of describe(serverName, result)) write(line);
  return result.status === "found" && result.seen !== "held" ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  process.exitCode = await main(process.argv.slice(2));
