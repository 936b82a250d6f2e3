/**
 * Answers -> the config as commented YAML. Pure. Written line by line so every key carries a
 * comment; values are rendered by the yaml library (quoted only where YAML needs it) and
 * anything that is not a plain string is written as JSON, which is valid YAML flow syntax.
 */
import { stringify } from "yaml";
import {
  isServerName,
  MSC4121,
  ROLE_MODERATOR,
  roleDescription,
  supportUrl,
} from "../../../lib/src/core/index.js";
import { type InitAnswers, type PlannedContact, plannedContacts, present } from "./answers.js";

export interface RenderOptions {
  /** Where the config JSON Schema is, for editors (`# yaml-language-server: $schema=...`). */
  schemaRef?: string | undefined;
  /** The file name, for the comment naming the commands that use it. */
  fileName?: string | undefined;
  /** Where the answers came from, e.g. "https://example.org/.well-known/matrix/support". */
  from?: string | undefined;
  /** Who wrote the file, for its first comment (default: `matrix-support init`). */
  writer?: string | undefined;
  /**
   * The comment over `otherContacts`: "kept" (default: "Kept as published.", for --from) or
   * "roles" (what each role is for: the generator page, whose contacts are all "other").
   */
  otherContacts?: "kept" | "roles" | undefined;
}

/** A scalar on one line: plain when YAML allows, else double-quoted. */
export function yamlScalar(value: unknown): string {
  if (typeof value === "string") {
    const out = stringify(value, { lineWidth: 0 }).trimEnd();
    return out.includes("\n") ? JSON.stringify(value) : out;
  }
  return JSON.stringify(value) ?? "null";
}

/** A mapping key: plain when it is a simple word, else double-quoted. */
function yamlKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key) ? key : JSON.stringify(key);
}

function contactComment(
  p: PlannedContact,
  serverName: string | undefined,
  answers: InitAnswers,
  options: RenderOptions,
): string[] {
  const role = p.contact.role;
  switch (p.slot) {
    case "admin":
      return [`# ${role}: ${roleDescription(role) ?? ""} The catch-all contact.`];
    case "backup":
      return [
        `# A backup ${role} contact off ${serverName ?? "the server's own domain"}, reachable when the server is down.`,
      ];
    case "security":
      return [
        `# ${role}: ${roleDescription(role) ?? ""}`,
        ...(present(answers.security)
          ? []
          : ["# The admin contact, as no separate security contact was given."]),
      ];
    case "moderator":
      return [
        `# ${ROLE_MODERATOR}: ${roleDescription(ROLE_MODERATOR) ?? ""}`,
        `# The role is a proposal (${MSC4121.msc}, ${MSC4121.url}), not in the spec yet:`,
        "# clients may not recognise it, and `validate` warns about it. The admin contact stays the fallback.",
      ];
    default: {
      if (options.otherContacts !== "roles") return ["# Kept as published."];
      const about = typeof role === "string" ? roleDescription(role) : undefined;
      return about ? [`# ${role}: ${about}`] : [];
    }
  }
}

function contactLines(
  p: PlannedContact,
  serverName: string | undefined,
  answers: InitAnswers,
  options: RenderOptions,
): string[] {
  const lines = contactComment(p, serverName, answers, options).map((c) => `    ${c}`);
  const entries = Object.entries(p.contact);
  entries.forEach(([key, value], i) => {
    lines.push(`    ${i === 0 ? "- " : "  "}${yamlKey(key)}: ${yamlScalar(value)}`);
  });
  return lines;
}

/** The whole config file. `parseConfig` reads it back to exactly `buildConfig(answers)`. */
export function renderConfigYaml(answers: InitAnswers, options: RenderOptions = {}): string {
  const name = answers.serverName;
  const file = options.fileName ?? "matrix-support.yaml";
  const out: string[] = [];
  if (options.schemaRef) out.push(`# yaml-language-server: $schema=${options.schemaRef}`);
  out.push(
    `# matrix-support config${name ? ` for ${name}` : ""}, written by ${options.writer ?? "`matrix-support init`"}.`,
  );
  if (options.from) out.push(`# Started from what was published at ${options.from}.`);
  out.push(
    `# Check it:   matrix-support validate ${file}`,
    `# Serve it:   matrix-support serve --config ${file}`,
    "",
    "# The Matrix server name this file describes: the part after ':' in your users' IDs.",
  );
  if (name) out.push(`server_name: ${yamlScalar(name)}`);
  out.push(
    "",
    `# The support document, served as JSON at ${name && isServerName(name) ? supportUrl(name) : "https://<server name>/.well-known/matrix/support"}`,
    "# exactly as written here. Spec: https://spec.matrix.org/latest/client-server-api/#getwell-knownmatrixsupport",
    "support:",
  );
  const contacts = plannedContacts(answers);
  if (contacts.length > 0) {
    out.push(
      "  # Who people can reach. Each contact has a role and a Matrix ID (matrix_id) and/or an",
      "  # email address (email_address); either may be on another domain.",
      "  contacts:",
    );
    for (const p of contacts) out.push(...contactLines(p, name, answers, options));
  }
  if (answers.supportPage) {
    out.push(
      "  # A web page (https) where your users find help.",
      `  support_page: ${yamlScalar(answers.supportPage)}`,
    );
  }
  const extensions = Object.entries(answers.extensions ?? {}).filter(
    ([key]) => key !== "contacts" && key !== "support_page",
  );
  if (extensions.length > 0) {
    out.push("  # Extension keys, kept as published.");
    for (const [key, value] of extensions) out.push(`  ${yamlKey(key)}: ${yamlScalar(value)}`);
  }
  out.push(
    "",
    "# Optional: also serve /.well-known/matrix/client and /.well-known/matrix/server.",
    "# well_known:",
    '#   client: { "m.homeserver": { "base_url": "https://matrix.example.org" } }',
    '#   server: { "m.server": "matrix.example.org:443" }',
    "",
    "# Optional: where `matrix-support serve` listens (its flags override these).",
    "# http:",
    "#   host: 127.0.0.1",
    "#   port: 8080",
    "#   cache_max_age: 3600   # seconds clients and CDNs may cache the files",
    "#   checker: true         # the public checker at /check; false on a private network or",
    "#                         # where serve must make no outbound requests",
    "",
  );
  return out.join("\n");
}
