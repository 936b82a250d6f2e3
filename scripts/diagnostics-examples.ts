/**
 * Examples for the diagnostics reference (docs/reference/diagnostics.md), for every code that the
 * document fixtures do not show. Document codes take their example from test/fixtures/documents/
 * (expected.ts says which fixture produces which code); the codes below get one of:
 *
 * - `config`: a config text that `parseConfig` must answer with the code (the generator runs it,
 *   so the example cannot drift from the code), and the `command` shown with it (default
 *   `matrix-support validate matrix-support.yaml`);
 * - `serverName` and `command`: what someone typed where a server name is expected, which
 *   `serverNameFromInput` must answer with the code;
 * - `trigger` and `params`: what makes it happen, and the parameters its message is shown with.
 *
 * Room-contacts codes take theirs from test/fixtures/room-contacts/, and change codes (`CHANGE_*`)
 * from test/fixtures/compare/cases.json, both run through the library by the generator.
 *
 * A code of the catalogue without an example here or in the fixtures fails
 * test/docs/diagnostics.test.ts, and so does an example for a code that no longer exists.
 */

export type Example =
  | { config: string; command?: string; trigger?: string }
  | { serverName: string; command: string }
  | { trigger: string; params?: Record<string, string | number> };

export const EXAMPLES: Record<string, Example> = {
  // ---- transport (discovery, `check`, `scan`, the web checker) ----
  SERVER_NAME_INVALID: {
    trigger:
      "A server name that breaks the grammar, as `matrix-support check 'exa mple.org'` (the CLI exits 2; the library answers `unreachable`, phase `server_name`).",
    params: {
      value: "exa mple.org",
      reason: `a DNS name holds only letters, digits, '-' and '.', not " "`,
    },
  },
  NOT_PUBLISHED: { trigger: "The server answers `404` at the support path." },
  UNREACHABLE: {
    trigger:
      "No answer for a reason without a more precise code, e.g. a browser's bare `Failed to fetch`, or headers that never came.",
    params: { phase: "waiting for the response headers", detail: "Headers Timeout Error" },
  },
  DNS_FAILED: {
    trigger: "The server name's host has no address (NXDOMAIN).",
    params: { host: "example.invalid", detail: "no such name (NXDOMAIN or no address)" },
  },
  CONNECT_FAILED: {
    trigger: "Nothing listens on port 443 of the host.",
    params: { host: "example.org", detail: "connect ECONNREFUSED 192.0.2.7:443" },
  },
  ADDRESS_REFUSED: {
    trigger:
      "The web checker's probe was asked for a name that resolves to a private address (without `serve --allow-private-targets`).",
    params: { address: "10.0.0.5", host: "intranet.example.org", reason: "a private address" },
  },
  TLS_CERT_EXPIRED: {
    trigger: "The host's certificate is past its end date.",
    params: { host: "example.org" },
  },
  TLS_CERT_NOT_YET_VALID: {
    trigger: "The certificate's start date is in the future (often a wrong server clock).",
    params: { host: "example.org" },
  },
  TLS_CERT_SELF_SIGNED: {
    trigger: "A self-signed certificate, without `--cacert` naming it.",
    params: { host: "example.org" },
  },
  TLS_CERT_UNTRUSTED: {
    trigger: "The server sends its certificate without the intermediate certificates.",
    params: { host: "example.org", detail: "the chain to a trusted authority is incomplete" },
  },
  TLS_CERT_WRONG_NAME: {
    trigger:
      "The certificate names only the delegated homeserver (`matrix.example.org`), not the server name's host.",
    params: {
      host: "example.org",
      detail: "Host: example.org. is not in the cert's altnames: DNS:matrix.example.org",
    },
  },
  TLS_PLAIN_HTTP: {
    trigger:
      'Port 443 is served by a plain-HTTP listener (nginx `listen 443;` without `ssl`), or a proxy or `--connect-to` sends the connection to one: OpenSSL\'s "wrong version number".',
    params: { host: "example.org" },
  },
  TLS_FAILED: {
    trigger:
      "The TLS handshake fails for another reason, e.g. no protocol version or cipher in common.",
    params: { host: "example.org", detail: "sslv3 alert handshake failure" },
  },
  TIMEOUT: {
    trigger: "The answer is not complete within `--timeout` (default 10 s), redirects included.",
    params: { timeout: 10000, when: "while reading the body (512 bytes arrived)" },
  },
  CONNECTION_CLOSED: {
    trigger: "The server closes the socket before the answer is complete.",
    params: { when: "before answering", detail: "other side closed" },
  },
  ABORTED: { trigger: "The caller's `signal` aborts the discovery." },
  HTTP_SERVER_ERROR: {
    trigger: "The server answers `5xx`.",
    params: { status: 502, text: " Bad Gateway" },
  },
  HTTP_ACCESS_DENIED: {
    trigger:
      "The server answers `401`, `403` or `429` (a bot filter or a login in front of the path).",
    params: { status: 403, text: " Forbidden" },
  },
  HTTP_ERROR_STATUS: {
    trigger: "Any other status that is neither `2xx`, `3xx` nor `404`, e.g. `410`.",
    params: { status: 410, text: " Gone" },
  },
  BODY_TOO_LARGE: {
    trigger: "A body over the cap (64 KiB after decompression by default).",
    params: { limit: 65536 },
  },
  BODY_INCOMPLETE: {
    trigger: "The body stops before its `Content-Length` or final chunk.",
    params: { detail: "the connection closed after 120 of 300 bytes" },
  },
  BODY_EMPTY: { trigger: "`200` with no body at all.", params: { status: 200 } },
  BODY_NOT_UTF8: {
    trigger: "A body saved as Latin-1 (e.g. an `é` as the single byte 0xE9).",
    params: { offset: 57 },
  },
  BODY_IS_HTML: {
    trigger:
      "A single-page app answers every path with its `index.html`, the support path included.",
  },
  REDIRECT_OTHER_HOST: {
    trigger: "`https://example.org/.well-known/matrix/support` redirects to `www.example.org`.",
    params: { to: "https://www.example.org/.well-known/matrix/support" },
  },
  REDIRECT_INSECURE: {
    trigger: "A redirect from `https:` to `http:`.",
    params: { to: "http://example.org/.well-known/matrix/support" },
  },
  REDIRECT_LOOP: {
    trigger: "A redirect back to a URL already visited.",
    params: { url: "https://example.org/.well-known/matrix/support" },
  },
  TOO_MANY_REDIRECTS: {
    trigger: "More than 5 redirects (the `maxRedirects` option).",
    params: { limit: 5 },
  },
  REDIRECT_NO_LOCATION: {
    trigger: "A `301`/`302`/`307`/`308` without `Location`.",
    params: { status: 302 },
  },
  REDIRECT_BAD_LOCATION: {
    trigger: "A redirect to something that is not an `http(s):` URL.",
    params: { location: "ftp://example.org/support" },
  },
  CORS_MISSING: {
    trigger: "The answer has no `Access-Control-Allow-Origin` header.",
  },
  CORS_RESTRICTED: {
    trigger: "`Access-Control-Allow-Origin` names one site instead of `*`.",
    params: { value: "https://app.element.io" },
  },
  CORS_MISSING_ON_REDIRECT: {
    trigger: "A redirect on the way has no `Access-Control-Allow-Origin` (nginx without `always`).",
    params: { url: "https://example.org/.well-known/matrix/support", status: 301 },
  },
  PREFLIGHT_FAILED: {
    trigger: "The `OPTIONS` request that `check` sends beside the `GET` fails or answers an error.",
    params: { detail: "the server answered 405" },
  },
  PREFLIGHT_NO_CORS: {
    trigger: "The `OPTIONS` answer has no `Access-Control-Allow-Origin`.",
    params: { status: 204 },
  },
  PREFLIGHT_NO_GET: {
    trigger: "`Access-Control-Allow-Methods` on the `OPTIONS` answer leaves out `GET`.",
    params: { methods: "POST, OPTIONS" },
  },
  CONTENT_TYPE_NOT_JSON: {
    trigger: "The file is served as `text/plain` or `application/octet-stream`.",
    params: { type: "text/plain" },
  },
  CONTENT_TYPE_MISSING: { trigger: "The answer has no `Content-Type` header." },
  CONTENT_TYPE_CHARSET: {
    trigger: "`Content-Type: application/json; charset=iso-8859-1`.",
    params: { charset: "iso-8859-1" },
  },
  SLOW_RESPONSE: {
    trigger: "The answer takes longer than 2 s (`slowMs`).",
    params: { elapsed: 3120 },
  },
  EXPECT_PUBLISHED: {
    trigger:
      "`matrix-support check --expect matrix-support.yaml` when the config publishes contacts and the server answers 404.",
    params: { source: "matrix-support.yaml", actual: "answers 404" },
  },
  EXPECT_UNPUBLISHED: {
    trigger:
      "`check --expect` with a config whose `support` is empty, while the server serves a file.",
    params: { source: "matrix-support.yaml" },
  },
  EXPECT_CONTACT_MISSING: {
    trigger: "`check --expect`: a contact of the config is not served.",
    params: { contact: "m.role.security security@example.org" },
  },
  EXPECT_CONTACT_EXTRA: {
    trigger: "`check --expect`: the server serves a contact the config does not have.",
    params: { contact: "m.role.admin @old-admin:example.org", source: "matrix-support.yaml" },
  },
  EXPECT_VALUE_DIFFERS: {
    trigger: "`check --expect`: a key has another value on the server.",
    params: {
      key: "support_page",
      actual: '"https://example.org/old-help"',
      source: "matrix-support.yaml",
      expected: '"https://example.org/help"',
    },
  },
  EXPECT_KEY_MISSING: {
    trigger: "`check --expect`: a key of the config is not served.",
    params: { key: "support_page", source: "matrix-support.yaml" },
  },
  EXPECT_KEY_EXTRA: {
    trigger: "`check --expect`: the server serves a key the config does not have.",
    params: { key: "org.example.motd", source: "matrix-support.yaml" },
  },
  EXPECT_SERVER_NAME: {
    trigger:
      "`check other.org --expect matrix-support.yaml` when the config says `server_name: example.org`.",
    params: { source: "matrix-support.yaml", expected: "example.org", actual: "other.org" },
  },
  EXPECT_MATCHES: {
    trigger: "`check --expect` and the served file is the config's `support`.",
    params: { source: "matrix-support.yaml" },
  },

  // ---- what people type (the command line, the checker page) ----
  SERVER_NAME_FROM_URL: {
    serverName: "https://example.org/",
    command: "matrix-support check https://example.org/",
  },
  SERVER_NAME_URL_PATH: {
    serverName: "https://example.org/help",
    command: "matrix-support check https://example.org/help",
  },
  SERVER_NAME_URL_HTTP: {
    serverName: "http://example.org",
    command: "matrix-support check http://example.org",
  },
  SERVER_NAME_URL: {
    serverName: "ftp://example.org",
    command: "matrix-support validate support.json --server-name ftp://example.org",
  },
  SERVER_NAME_TRAILING_DOT: {
    serverName: "example.org.",
    command: "matrix-support check example.org.",
  },
  FLAG_HOST_INVALID: {
    trigger:
      "`matrix-support serve --host 'bad host'` (or `MATRIX_SUPPORT_HOST`): exit 2 before the config is read.",
    params: { flag: "--host", value: "bad host" },
  },
  FLAG_NO_SERVER_NAME: {
    trigger:
      "`matrix-support check` with no server name, and no `--expect` config naming one (exit 2).",
    params: { command: "check", flag: "--expect" },
  },
  FLAG_NOT_A_DIRECTORY: {
    trigger:
      "`matrix-support serve --probe-metrics --probe-expect-dir expect.yaml`: a file, not a directory (exit 2).",
    params: { flag: "--probe-expect-dir", value: "expect.yaml" },
  },
  FLAG_NOT_ABSOLUTE: {
    trigger:
      "`matrix-support export --web-root public ...`: apache.conf needs the absolute path (exit 2).",
    params: { flag: "--web-root", value: "public" },
  },
  FLAG_UNKNOWN_TARGET: {
    trigger: "`matrix-support export --target ngnix ...` (exit 2).",
    params: {
      flag: "--target",
      value: "ngnix",
      choices: "files, nginx, caddy, apache, headers, tuwunel, conduwuit",
    },
  },
  FLAG_AS_TOML: {
    trigger:
      "`matrix-support validate --as support config.toml`: only a config can be TOML (exit 2).",
    params: { flag: "--as", value: "support", file: "config.toml" },
  },
  FLAG_NO_TARGET: {
    trigger: "`matrix-support export --target ,`: a list that names nothing (exit 2).",
    params: {
      flag: "--target",
      choices: "files, nginx, caddy, apache, headers, tuwunel, conduwuit",
    },
  },
  FLAG_SERVER_NAME_DIFFERS: {
    trigger:
      "`matrix-support validate matrix-support.yaml --server-name other.org` when the config says `server_name: example.org` (exit 2).",
    params: { flag: "--server-name", value: "other.org", config: "example.org" },
  },
  INPUT_NOT_UTF8: {
    trigger:
      "`matrix-support validate latin1.json`, a file saved as Latin-1 (an `é` as the single byte 0xE9); the same for a config, an `--expect` or `--exclude` file, a scan input line or a report line.",
    params: { byte: "E9", offset: 68, line: 3, column: 51 },
  },

  // ---- config (`validate`, `serve`, `export`, `init`) ----
  CONFIG_NOT_AN_OBJECT: { config: "- server_name: example.org\n" },
  CONFIG_UNKNOWN_KEY: {
    config:
      "server_name: example.org\nsuport:\n  support_page: https://example.org/help\nsupport:\n  support_page: https://example.org/help\n",
  },
  CONFIG_WRONG_TYPE: {
    config:
      "server_name: example.org\nsupport:\n  support_page: https://example.org/help\nhttp:\n  port: eighty\n",
  },
  CONFIG_OUT_OF_RANGE: {
    config:
      "server_name: example.org\nsupport:\n  support_page: https://example.org/help\nhttp:\n  port: 70000\n",
  },
  CONFIG_NO_SERVER_NAME: { config: "support:\n  support_page: https://example.org/help\n" },
  CONFIG_NOTHING_PUBLISHED: { config: "server_name: example.org\nsupport: {}\n" },
  CONFIG_NO_FILE: {
    trigger:
      "`matrix-support serve` without `--config`, in a folder with no `matrix-support.yaml`, `.yml`, `.json` or `.toml` (exit 2).",
    params: {
      names:
        "./matrix-support.yaml, ./matrix-support.yml, ./matrix-support.json, ./matrix-support.toml",
    },
  },
  CONFIG_BARE_SUPPORT: {
    config:
      "contacts:\n  - role: m.role.admin\n    email_address: admin@example.org\n  - role: m.role.security\n    email_address: security@example.org\nsupport_page: https://example.org/help\n",
    command: "matrix-support serve --config matrix-support.yaml",
  },
  CONFIG_NOT_RECOGNISED: {
    config: "servername: example.org\nsuport:\n  support_page: https://example.org/help\n",
    command: "matrix-support serve --config matrix-support.yaml",
  },
  CONFIG_SUPPORT_KEY_AT_TOP: {
    config:
      "server_name: example.org\ncontacts:\n  - role: m.role.admin\n    email_address: admin@example.org\n",
  },
  CONFIG_UNKNOWN_LANGUAGE: {
    config:
      "server_name: example.org\nsupport:\n  support_page: https://example.org/help\npage:\n  default_language: jp\n",
  },
  CONFIG_UNKNOWN_KEY_NO_SUPPORT: {
    config: "server_name: example.org\nsuport:\n  support_page: https://example.org/help\n",
  },
  CONFIG_WELL_KNOWN_SERVER: {
    config:
      "server_name: example.org\nsupport:\n  support_page: https://example.org/help\nwell_known:\n  server:\n    m.server: matrix.example.org:https\n",
  },
  CONFIG_WELL_KNOWN_CLIENT: {
    config:
      "server_name: example.org\nsupport:\n  support_page: https://example.org/help\nwell_known:\n  client:\n    m.homeserver: https://matrix.example.org\n",
  },
  INIT_MISSING: {
    trigger: "`matrix-support init --yes` (or without a terminal) and no `--server-name`.",
    params: { what: "server name", flags: "--server-name" },
  },
  INIT_CONTACT_PARTS: {
    trigger: "A wizard answer for a contact that is neither a Matrix ID nor an email address.",
    params: { value: "admin at example.org" },
  },
  INIT_FILE_EXISTS: {
    trigger: "`matrix-support init` when `matrix-support.yaml` exists, without `--force`.",
    params: { file: "matrix-support.yaml" },
  },
  INIT_WRITE_FAILED: {
    trigger: "`init --out` into a folder that does not exist or is not writable.",
    params: { file: "/etc/matrix-support.yaml", reason: "permission denied" },
  },
  INIT_NOT_WRITTEN: {
    trigger: "Never expected: init built a config that does not validate (a bug).",
  },
  INIT_READ_BACK: {
    trigger: "The written file changed between the write and the read-back.",
    params: { file: "matrix-support.yaml", reason: "it does not validate" },
  },
  INIT_FROM_FAILED: {
    trigger: "`init --from example.org` when example.org cannot be reached.",
    params: {
      server_name: "example.org",
      reason: 'The name "example.org" does not resolve: temporary DNS failure',
    },
  },
  INIT_CANCELLED: { trigger: "Ctrl-C or Escape in the wizard." },
  INIT_BACKUP_ON_SERVER: {
    trigger:
      "The wizard's backup question (\"Backup admin contact off example.org\") answered with an address on the server's own domain; the question stays open.",
    params: { value: "backup@mail.example.org", server_name: "example.org" },
  },

  // ---- scan ----
  SCAN_CHECK_FAILED: {
    trigger: "Never expected: the checker threw on one server (a bug); the scan goes on.",
    params: { detail: "TypeError: Cannot read properties of undefined" },
  },
  SCAN_RATE_INVALID: {
    trigger: "`matrix-support scan servers.txt --out results.jsonl --rate fast` (exit 2).",
    params: { reason: '"fast" is not a rate; write it as N/s, N/min or N/h' },
  },
  SCAN_FLAGS_INVALID: {
    trigger:
      "`scan --resolve bad`: a malformed `--resolve`, `--connect-to` or `--cacert` (exit 2).",
    params: { reason: '--resolve takes HOST:PORT:ADDR, not "bad"' },
  },
  SCAN_FILE_UNREADABLE: {
    trigger:
      "`scan nope.txt`, or `report nope.jsonl`: the input file is missing, a directory or unreadable (exit 2).",
    params: { file: "nope.txt", reason: "no such file" },
  },
  SCAN_INPUT_TERMINAL: {
    trigger:
      "`matrix-support scan --out results.jsonl` typed on a terminal without a FILE (exit 2).",
  },
  SCAN_LINE_SKIPPED: {
    trigger:
      "A line of the input list that is not UTF-8: named with its line and column, and the scan goes on.",
    params: {
      reason: "Not valid UTF-8: byte 0xE9 at offset 22 (line 2, column 4) cannot be decoded",
    },
  },
  SCAN_EXCLUDE_UNREADABLE: {
    trigger:
      "`scan --exclude optout.txt` when the list is missing, unreadable or over 16 MiB (exit 2).",
    params: { reason: "cannot read optout.txt: no such file" },
  },
  SCAN_EXCLUDE_BAD_LINE: {
    trigger:
      "A line of the opt-out list that is not a server name or `*.domain`; named with its line.",
    params: {
      text: "exa mple.org",
      reason: `a DNS name holds only letters, digits, '-' and '.', not " "`,
    },
  },
  SCAN_EXCLUDE_INVALID: {
    trigger: "After the bad lines of the opt-out list are named: nothing is scanned (exit 2).",
    params: { file: "optout.txt", count: 2 },
  },
  SCAN_OUTPUT_EXISTS: {
    trigger:
      "`scan --out results.jsonl` when the file already holds results, without `--resume` (exit 2).",
    params: { file: "results.jsonl" },
  },
  SCAN_OUTPUT_UNWRITABLE: {
    trigger: "`scan --out /results.jsonl` in a folder that is not writable (exit 2).",
    params: { file: "/results.jsonl", reason: "permission denied" },
  },
  SCAN_RESUME_STDOUT: { trigger: "`scan --out - --resume` (exit 2)." },
  SCAN_RESUME_FOREIGN: {
    trigger:
      "`scan --resume --out notes.txt`: the output file has a line `scan` did not write (exit 2).",
  },
  SCAN_OUTPUT_REPAIRED: {
    trigger: "`scan --resume` after a crash that tore the last line of the output.",
    params: { bytes: 311 },
  },
  SCAN_RESUMING: {
    trigger: "`scan --resume` with results already in the output file.",
    params: { count: 48, file: "results.jsonl" },
  },
  SCAN_STOPPING: {
    trigger: "Ctrl-C (or SIGTERM) during a scan; a second one aborts the requests in flight.",
    params: { signal: "SIGINT" },
  },
  SCAN_DONE: {
    trigger: "The first line of the summary at the end of a scan.",
    params: { count: 32, seconds: 3.3, rate: 9.8, duplicates: 1, excluded: 1 },
  },
  SCAN_DONE_RESUMED: {
    trigger:
      "The first line of the summary of a resumed scan; the counts below it cover the whole file.",
    params: {
      count: 12,
      seconds: 3.1,
      rate: 3.9,
      before: 48,
      duplicates: 0,
      excluded: 0,
      file: "results.jsonl",
    },
  },
  SCAN_WRITE_FAILED: {
    trigger: "The disk fills up during a scan (exit 2); the results written so far are kept.",
    params: { file: "results.jsonl", reason: "no space left on the device" },
  },
  SCAN_READ_FAILED: {
    trigger:
      "The input file cannot be read any further during a scan, e.g. a network share went away (exit 2).",
    params: { file: "servers.txt", reason: "input/output error" },
  },
  SCAN_INTERRUPTED: {
    trigger: "The last line of a scan stopped by Ctrl-C or SIGTERM (exit 130).",
  },
  SCAN_INTERRUPTED_STDOUT: {
    trigger: "The same, for a scan writing to standard output (`--out -`).",
  },
  REPORT_OPTIONS_CONFLICT: {
    trigger: "`matrix-support report results.jsonl --csv --json` (exit 2).",
  },
  REPORT_HTML_CONFLICT: {
    trigger: "`matrix-support report results.jsonl --html --csv` (exit 2).",
    params: { flag: "--csv" },
  },
  REPORT_ONE_FILE: {
    trigger: "`matrix-support report monday.jsonl tuesday.jsonl` without `--html` (exit 2).",
    params: { count: 2 },
  },
  REPORT_BAD_LINE: {
    trigger:
      "A line of the scan file that is not a check result (a torn last line, a stray line); the first five are named.",
    params: { reason: "not JSON" },
  },
  REPORT_MORE_BAD_LINES: {
    trigger: "More than five bad lines: the rest are counted.",
    params: { count: 12 },
  },
  REPORT_NOT_A_SCAN: {
    trigger:
      "`matrix-support report notes.txt`: no line of the file is a check result (exit 1, nothing on standard output).",
    params: { lines: 2 },
  },
  REPORT_REPEATED_LAST: {
    trigger:
      "`report --diff`: a scan file lists a server more than once; its last line (the newer check) is compared.",
    params: { count: 2 },
  },
  REPORT_FAIL_ON_INVALID: {
    trigger: "`matrix-support report --diff old.jsonl new.jsonl --fail-on low` (exit 2).",
    params: { value: "low" },
  },
  REPORT_FAIL_ON_WITHOUT_DIFF: {
    trigger: "`matrix-support report results.jsonl --fail-on high`, without --diff (exit 2).",
  },
  REPORT_CSV_WRITE_FAILED: {
    trigger: "`report --csv > /dev/full`: standard output cannot be written (exit 2).",
    params: { reason: "no space left on the device" },
  },
  REPORT_DUPLICATES: {
    trigger:
      "The scan file lists a server twice (e.g. two files concatenated); it is counted once.",
    params: { count: 3 },
  },
  SCAN_FILE_BROKE: {
    trigger:
      "`report --diff OLD NEW`: a server whose file was usable in the old scan is not in the new one (risk medium).",
    params: {
      before: "found",
      after: "invalid",
      detail: ' (The document has neither "contacts" nor "support_page"; at least one is required)',
    },
  },
  SCAN_FILE_FIXED: {
    trigger: "`report --diff`: a server whose file is usable now and was not before (risk medium).",
    params: { before: "not_found", after: "found" },
  },
  SCAN_STATUS_CHANGED: {
    trigger: "`report --diff`: a change between two unusable statuses (risk low).",
    params: {
      before: "unreachable",
      after: "not_found",
      detail: "",
    },
  },
  SCAN_SERVER_ADDED: {
    trigger: "`report --diff`: a server in the new scan only (risk low).",
    params: { after: "found" },
  },
  SCAN_SERVER_DROPPED: {
    trigger: "`report --diff`: a server in the old scan only (risk low).",
    params: { before: "not_found" },
  },

  // ---- the web checker ----
  PROBE_NO_SERVER: { trigger: "`GET /api/check` without `?server=`." },
  PROBE_METHOD_NOT_ALLOWED: {
    trigger: "`POST /api/check`.",
    params: { path: "/api/check", method: "POST" },
  },
  PROBE_RATE_LIMITED: {
    trigger: "More than 10 checks in a burst from one address (IPv6: one /64).",
    params: { seconds: 6, burst: 10, every: 6 },
  },
  PROBE_BUSY: {
    trigger: "8 checks are already running for all clients together.",
    params: { max: 8 },
  },
  PROBE_FAILED: {
    trigger: "Never expected: the probe threw while checking (a bug).",
    params: { detail: "TypeError: Cannot read properties of undefined" },
  },
  PROBE_NO_TARGET: {
    trigger: "`GET /probe` without `?target=` on `serve --probe-metrics` (answered `400`).",
  },
  PROBE_EXPECT_INVALID: {
    trigger:
      "`GET /probe?target=example.org&expect=../x`: a path, a file missing from `--probe-expect-dir`, or a URL that is not `https:` (answered `400`).",
    params: {
      value: "../x",
      reason:
        "a file name in --probe-expect-dir holds only letters, digits, '.', '_' and '-' (no path)",
    },
  },
  BROWSER_BLOCKED: {
    trigger:
      "The web checker's in-browser fetch is refused (no CORS header, or no connection); the probe's result says which.",
  },

  // ---- export ----
  EXPORT_CONTACT_DROPPED: {
    trigger:
      "`export --target conduwuit` with more than one contact: continuwuity/conduwuit take one.",
    params: {
      target: "conduwuit",
      index: 2,
      role: "m.role.security",
      who: "security@example.org",
      file: "conduwuit.toml",
    },
  },
  EXPORT_FIELD_DROPPED: {
    trigger: "A homeserver target has no setting for an extension key of the document.",
    params: { target: "tuwunel", field: "org.example.motd", file: "tuwunel.toml" },
  },
  EXPORT_WOULD_OVERWRITE: {
    trigger:
      "`export --target nginx --out snippets/` when `snippets/nginx.conf` was written by hand (or edited since export wrote it), without `--force`: nothing is written (exit 1).",
    params: { file: "snippets/nginx.conf" },
  },
  EXPORT_MANIFEST_UNREADABLE: {
    trigger:
      "`export --out public/` when `public/.matrix-support-export.json` is not JSON, or lists an entry that is not a plain relative path with a SHA-256: nothing is written (exit 1).",
    params: { file: "public/.matrix-support-export.json", reason: "it is not JSON" },
  },
  EXPORT_WRITE_FAILED: {
    trigger: "`export --out /proc/x`, a read-only folder, or an `--out` that is a file (exit 1).",
    params: {
      file: "/proc/x/.well-known/matrix/support",
      reason: "cannot create the directory /proc/x (the file system does not allow it)",
    },
  },
  EXPORT_KEPT: {
    trigger:
      "The config no longer publishes `well_known.server`, but `public/.well-known/matrix/server` was written by hand (or edited since export wrote it): it stays (exit 0).",
    params: { file: "public/.well-known/matrix/server" },
  },
  EXPORT_NOT_REQUESTED: {
    trigger: "The last line of `export` without `--target`: the snippet targets it did not write.",
    params: {
      targets:
        "nginx (nginx.conf), caddy (Caddyfile), apache (apache.conf), tuwunel (tuwunel.toml), conduwuit (conduwuit.toml)",
      example: "nginx",
    },
  },
  EXPORT_NGINX_SSI: {
    trigger: "`export --target nginx` for a document containing `$`.",
    params: { name: "support" },
  },
};
