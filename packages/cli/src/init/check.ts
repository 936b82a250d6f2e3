/**
 * Checks of each answer, by the spec core's own rules, so init says exactly what `validate`
 * would say about the same value. Pure: no I/O, no message text of its own (the catalogue has it).
 */
import {
  analyseSupport,
  type Diagnostic,
  diagnostic,
  parseServerName,
  ROLE_ADMIN,
  serverNameFromInput,
} from "../../../lib/src/core/index.js";
import { type ContactAnswer, type ContactSlot, type InitAnswers, present } from "./answers.js";

export type AnswerKind = "server_name" | "matrix_id" | "email_address" | "support_page";

/** A diagnostic about one value (an answer, a flag's value): the value names the place, not a path. */
export function withoutPath(d: Diagnostic): Diagnostic {
  const { path: _path, ...rest } = d;
  return rest;
}

/** Diagnostics about a value, stripped of the document path (they are about one answer). */
function unplaced(diagnostics: readonly Diagnostic[], path: string): Diagnostic[] {
  return diagnostics.filter((d) => d.path === path).map(withoutPath);
}

/** Every diagnostic `validate` would give this value in its place in the document. */
export function checkValue(kind: AnswerKind, value: string): Diagnostic[] {
  switch (kind) {
    case "server_name": {
      const parsed = parseServerName(value);
      return parsed.ok
        ? []
        : [diagnostic("SERVER_NAME_INVALID", undefined, { value, reason: parsed.reason })];
    }
    case "matrix_id":
    case "email_address": {
      const doc = { contacts: [{ role: ROLE_ADMIN, [kind]: value }] };
      return unplaced(analyseSupport(doc, { lint: false }).diagnostics, `/contacts/0/${kind}`);
    }
    case "support_page":
      return unplaced(
        analyseSupport({ support_page: value }, { lint: false }).diagnostics,
        "/support_page",
      );
  }
}

export const hasError = (diagnostics: readonly Diagnostic[]): boolean =>
  diagnostics.some((d) => d.severity === "error");

export interface ParsedContact {
  /** The contact, when the text named one (possibly with problems). */
  contact?: ContactAnswer;
  diagnostics: Diagnostic[];
}

/**
 * One wizard answer for a contact: a Matrix ID (starts with `@`) and/or an email address,
 * separated by spaces or a comma, in any order. Empty text = no contact.
 */
export function parseContactText(text: string): ParsedContact {
  const parts = text
    .split(/[\s,]+/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  if (parts.length === 0) return { diagnostics: [] };
  const contact: ContactAnswer = {};
  for (const part of parts) {
    const kind = part.startsWith("@") ? "matrix_id" : "email_address";
    if (contact[kind] !== undefined)
      return { diagnostics: [diagnostic("INIT_CONTACT_PARTS", undefined, { value: text.trim() })] };
    contact[kind] = part;
  }
  const diagnostics: Diagnostic[] = [];
  if (contact.matrix_id) diagnostics.push(...checkValue("matrix_id", contact.matrix_id));
  if (contact.email_address)
    diagnostics.push(...checkValue("email_address", contact.email_address));
  return { contact, diagnostics };
}

/** A contact as the wizard shows it back as the default answer. */
export function contactText(contact: ContactAnswer | undefined): string {
  const c = present(contact);
  return c ? [c.matrix_id, c.email_address].filter((v) => v !== undefined).join(" ") : "";
}

/** The value flags of `init`, as commander names them. */
export interface InitFlags {
  serverName?: string;
  adminMxid?: string;
  adminEmail?: string;
  backupMxid?: string;
  backupEmail?: string;
  securityMxid?: string;
  securityEmail?: string;
  moderatorMxid?: string;
  moderatorEmail?: string;
  supportPage?: string;
}

interface FlagField {
  key: keyof InitFlags;
  flag: string;
  kind: AnswerKind;
  slot?: ContactSlot;
}

export const FLAG_FIELDS: readonly FlagField[] = [
  { key: "serverName", flag: "--server-name", kind: "server_name" },
  { key: "adminMxid", flag: "--admin-mxid", kind: "matrix_id", slot: "admin" },
  { key: "adminEmail", flag: "--admin-email", kind: "email_address", slot: "admin" },
  { key: "backupMxid", flag: "--backup-mxid", kind: "matrix_id", slot: "backup" },
  { key: "backupEmail", flag: "--backup-email", kind: "email_address", slot: "backup" },
  { key: "securityMxid", flag: "--security-mxid", kind: "matrix_id", slot: "security" },
  { key: "securityEmail", flag: "--security-email", kind: "email_address", slot: "security" },
  { key: "moderatorMxid", flag: "--moderator-mxid", kind: "matrix_id", slot: "moderator" },
  { key: "moderatorEmail", flag: "--moderator-email", kind: "email_address", slot: "moderator" },
  { key: "supportPage", flag: "--support-page", kind: "support_page" },
];

/** A finding about one flag's value. */
export interface FlagProblem {
  flag: string;
  diagnostic: Diagnostic;
}

/** Answers from flags, with every finding about their values (errors and warnings). */
export function answersFromFlags(flags: InitFlags): {
  answers: InitAnswers;
  problems: FlagProblem[];
} {
  const answers: InitAnswers = {};
  const problems: FlagProblem[] = [];
  for (const field of FLAG_FIELDS) {
    const value = flags[field.key];
    if (value === undefined) continue;
    for (const d of checkValue(field.kind, value))
      problems.push({ flag: field.flag, diagnostic: d });
    if (field.slot) {
      const contact = answers[field.slot] ?? {};
      if (field.kind === "matrix_id") contact.matrix_id = value;
      else contact.email_address = value;
      answers[field.slot] = contact;
    } else if (field.kind === "server_name") answers.serverName = value;
    else answers.supportPage = value;
  }
  return { answers, problems };
}

/** The flags as init reads them: server names as people type them, then every value checked. */
export interface ReadFlags<F extends InitFlags & { from?: string }> {
  /** The flags, with `--server-name` and `--from` read as server names (dropped when not one). */
  flags: F;
  answers: InitAnswers;
  /** What was made of a value (a pasted https://host/ is that host), named by its flag. */
  notes: FlagProblem[];
  /** Findings about the values (errors and warnings), named by their flag, without a path. */
  problems: FlagProblem[];
}

/**
 * Reads init's flags: a pasted `https://host/` for `--server-name` or `--from` is that host (a
 * note); a URL with a path, or http://, is an invalid value like any other (a problem).
 */
export function readInitFlags<F extends InitFlags & { from?: string }>(given: F): ReadFlags<F> {
  const flags: F = { ...given };
  const notes: FlagProblem[] = [];
  const problems: FlagProblem[] = [];
  for (const [key, flag] of [
    ["serverName", "--server-name"],
    ["from", "--from"],
  ] as const) {
    const value = flags[key];
    if (value === undefined) continue;
    const read = serverNameFromInput(value);
    if (read.ok) {
      flags[key] = read.serverName;
      for (const note of read.notes) notes.push({ flag, diagnostic: note });
    } else {
      delete flags[key];
      problems.push({ flag, diagnostic: read.diagnostic });
    }
  }
  const fromFlags = answersFromFlags(flags);
  problems.push(...fromFlags.problems);
  return {
    flags,
    answers: fromFlags.answers,
    notes,
    problems: problems.map((p) => ({ flag: p.flag, diagnostic: withoutPath(p.diagnostic) })),
  };
}

/** What init cannot write without: a server name and a way to reach an admin. */
export function missingAnswers(answers: InitAnswers): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (!answers.serverName)
    out.push(
      diagnostic("INIT_MISSING", undefined, { what: "server name", flags: "--server-name" }),
    );
  if (!present(answers.admin))
    out.push(
      diagnostic("INIT_MISSING", undefined, {
        what: "admin contact",
        flags: "--admin-mxid and/or --admin-email",
      }),
    );
  return out;
}
