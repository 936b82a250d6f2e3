/**
 * What people type where a server name is expected: the name itself, or the address of their
 * site pasted from a browser. `https://host[:port]` with nothing after the host but an optional
 * `/` is taken as that host (with an info note saying so); anything else URL-like (a path, a
 * query, `http://`, another scheme) is refused with a message saying what to drop. Shared by
 * the command line and the checker page, so both read the same input the same way. Pure.
 */
import { INPUT_CODES } from "./catalogue/input.js";
import { TRANSPORT_CODES } from "./catalogue/transport.js";
import { type Diagnostic, diagnosticFrom } from "./diagnostics.js";
import { parseServerName } from "./grammar/server-name.js";

const diagnostic = diagnosticFrom({
  ...INPUT_CODES,
  SERVER_NAME_INVALID: TRANSPORT_CODES.SERVER_NAME_INVALID,
});

/** What `serverNameFromInput` answers: the server name to use (with notes to show), or why the input is refused. */
export type ServerNameInput =
  | {
      ok: true;
      /** The server name to use (a URL's host lower-cased, as URLs compare hosts). */
      serverName: string;
      /** Info (taken from a URL) and warnings (a trailing dot) to show; never errors. */
      notes: Diagnostic[];
    }
  | {
      ok: false;
      diagnostic: Diagnostic;
      /** For a URL: its host, which a forgiving form may check instead (the checker page does). */
      host?: string;
    };

const URL_LIKE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/s;

/**
 * Reads a server name as people type or paste it: the name itself, or `https://host[:port][/]`
 * (that host, with a `SERVER_NAME_FROM_URL` note). A path, a query, `http://` or another scheme is
 * refused with a diagnostic saying what to drop. Pure; never throws.
 */
export function serverNameFromInput(input: string): ServerNameInput {
  const url = URL_LIKE.exec(input);
  if (!url) return judged(input, input, []);
  const scheme = (url[1] ?? "").toLowerCase();
  const rest = url[2] ?? "";
  const end = rest.search(/[/?#]/);
  const authority = end < 0 ? rest : rest.slice(0, end);
  const tail = end < 0 ? "" : rest.slice(end);
  const at = authority.lastIndexOf("@");
  const host = authority.slice(at + 1).toLowerCase();
  const path = tail.replace(/[?#].*$/s, "");
  const dropped = [
    at >= 0 ? "the user name" : "",
    path !== "" && path !== "/" ? "the path" : "",
    tail.includes("?") ? "the query" : "",
    tail.includes("#") ? "the fragment" : "",
  ].filter((w) => w !== "");
  if (scheme === "https") {
    if (dropped.length === 0) {
      const note = diagnostic("SERVER_NAME_FROM_URL", undefined, {
        server_name: host,
        value: input,
      });
      return judged(host, input, [note]);
    }
    const what = dropped.join(" and ");
    return refused(
      diagnostic("SERVER_NAME_URL_PATH", undefined, { value: input, what, host }),
      host,
    );
  }
  if (scheme === "http") {
    const andPath = dropped.length > 0 ? ` and ${dropped.join(" and ")}` : "";
    return refused(
      diagnostic("SERVER_NAME_URL_HTTP", undefined, { value: input, host, and_path: andPath }),
      host,
    );
  }
  return {
    ok: false,
    diagnostic: diagnostic("SERVER_NAME_URL", undefined, { value: input, scheme }),
  };
}

const refused = (d: Diagnostic, host: string): ServerNameInput =>
  host === "" ? { ok: false, diagnostic: d } : { ok: false, diagnostic: d, host };

/** The grammar's verdict on `name` (typed as `input`), with a warning for a trailing dot. */
function judged(name: string, input: string, notes: Diagnostic[]): ServerNameInput {
  const parsed = parseServerName(name);
  if (!parsed.ok)
    return {
      ok: false,
      diagnostic: diagnostic("SERVER_NAME_INVALID", undefined, {
        value: input,
        reason: parsed.reason,
      }),
    };
  if (parsed.kind === "dns" && parsed.host.endsWith(".")) {
    const without = `${parsed.host.slice(0, -1)}${parsed.port !== undefined ? `:${parsed.port}` : ""}`;
    notes.push(diagnostic("SERVER_NAME_TRAILING_DOT", undefined, { value: name, without }));
  }
  return { ok: true, serverName: name, notes };
}
