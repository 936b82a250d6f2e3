/**
 * `init --from SERVER_NAME`: what a server publishes now, as the answers to start from. A pre-spec
 * draft file is read in the spec's names (./draft.ts); an unusable file starts from scratch, and
 * says why. The network is reached through an injected `Discover` (tests replace it).
 */
import { analyseSupport, type Diagnostic, diagnostic } from "../../../lib/src/core/index.js";
import type { DiscoveryResult } from "../../../lib/src/discover/types.js";
import { answersFromDocument, type InitAnswers } from "./answers.js";
import { upgradeDraft } from "./draft.js";

/** How `--from` reaches the server: curl's --cacert, --resolve and --connect-to, a time limit. */
export interface FromTransport {
  cacert?: Buffer;
  resolve?: string[];
  connectTo?: string[];
  timeout?: number;
}

/** Looks up what a server publishes now (`--from`). */
export type Discover = (serverName: string, transport: FromTransport) => Promise<DiscoveryResult>;

/** The flags of `--from`'s transport, as given. */
export interface FromFlags {
  cacert?: string;
  resolve?: string[];
  connectTo?: string[];
  timeout?: number;
}

/** --cacert, --resolve and --connect-to checked and read, or the message naming the bad flag. */
export async function fromTransport(
  flags: FromFlags,
): Promise<{ ok: true; transport: FromTransport } | { ok: false; message: string }> {
  // Loaded on demand: only --from reads these flags.
  const { checkTransportFlags } = await import("../transport/flags.js");
  const checked = await checkTransportFlags(flags);
  if (!checked.ok) return checked;
  const transport: FromTransport = {};
  if (flags.resolve) transport.resolve = flags.resolve;
  if (flags.connectTo) transport.connectTo = flags.connectTo;
  if (flags.timeout !== undefined) transport.timeout = flags.timeout;
  if (checked.cacert) transport.cacert = checked.cacert;
  return { ok: true, transport };
}

/** `--from` through the discovery client on the Node transport. */
export const discoverLive: Discover = async (serverName, options) => {
  // Loaded on demand: only --from needs the network stack.
  const [{ discoverSupport }, { createNodeTransport }] = await Promise.all([
    import("../../../lib/src/discover/discover.js"),
    import("../transport/node.js"),
  ]);
  const transport = createNodeTransport({
    cacert: options.cacert,
    resolve: options.resolve ?? [],
    connectTo: options.connectTo ?? [],
  });
  try {
    return await discoverSupport(serverName, {
      fetch: transport.fetch,
      timeout: options.timeout,
    });
  } finally {
    await transport.close();
  }
};

/**
 * Where `--from` starts: the answers, the URL looked at and what is wrong with the file there
 * (notes to show), or why nothing could be fetched at all.
 */
export type Started =
  | { ok: true; answers: InitAnswers; url: string; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

/** What the server publishes now, as answers, with what is wrong with it. */
export async function startFrom(
  serverName: string,
  transport: FromTransport,
  discover: Discover,
): Promise<Started> {
  let result: DiscoveryResult;
  try {
    result = await discover(serverName, transport);
  } catch (error) {
    // e.g. a --cacert file that holds no certificate: the transport cannot be built.
    return {
      ok: false,
      diagnostics: [
        diagnostic("INIT_FROM_FAILED", undefined, {
          server_name: serverName,
          reason: error instanceof Error ? error.message : String(error),
        }),
      ],
    };
  }
  const url = result.url ?? serverName;
  const { diagnostics } = result;
  // A pre-spec draft file (`admins`, `mxid`, `email`) is read in the spec's names.
  const draft =
    result.status === "found" || result.status === "invalid"
      ? upgradeDraft(result.value)
      : undefined;
  const upgraded = draft ? analyseSupport(draft.document).document : null;
  if (upgraded)
    return { ok: true, answers: answersFromDocument(upgraded, serverName), url, diagnostics };
  switch (result.status) {
    case "found":
      return {
        ok: true,
        answers: answersFromDocument(result.document, serverName),
        url,
        diagnostics,
      };
    case "not_found":
    case "invalid":
      // Nothing usable: start from scratch, and say why.
      return { ok: true, answers: { serverName }, url, diagnostics };
    case "unreachable":
      return {
        ok: false,
        diagnostics: [
          ...diagnostics,
          diagnostic("INIT_FROM_FAILED", undefined, {
            server_name: serverName,
            reason: result.failure.message,
          }),
        ],
      };
  }
}
