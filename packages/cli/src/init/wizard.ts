/**
 * The interactive part of `init`: a few questions on a terminal (@clack/prompts), each answer
 * checked on entry by the spec core with the same messages as `validate`, and corrected in place
 * (the prompt stays open, showing the problem, until the answer is right). Streams are injected
 * so tests drive it with scripted keystrokes.
 */
import type { Readable, Writable } from "node:stream";
import { cancel, intro, isCancel, log, text } from "@clack/prompts";
import {
  type Diagnostic,
  diagnostic,
  MSC4121,
  parseServerName,
  ROLE_MODERATOR,
} from "../../../lib/src/core/index.js";
import { printable } from "../../../lib/src/core/printable.js";
import { promptNote, promptText } from "../diagnostic-text.js";
import {
  adminOnlyOnServerDomain,
  type ContactAnswer,
  type InitAnswers,
  onServerDomain,
  present,
} from "./answers.js";
import { checkValue, contactText, parseContactText } from "./check.js";

export interface WizardIo {
  input: Readable;
  output: Writable;
  /** Collects what was said about the answers, so init does not repeat it after writing. */
  shown?: Diagnostic[];
}

/** Shows a finding that does not block the answer (a warning or a note). */
export function showDiagnostic(d: Diagnostic, io: WizardIo, where?: string): void {
  if (!where) io.shown?.push(d);
  const body = promptNote(d, where);
  const opts = { output: io.output };
  if (d.severity === "error") log.error(body, opts);
  else if (d.severity === "warning") log.warn(body, opts);
  else log.info(body, opts);
}

const firstError = (ds: readonly Diagnostic[]): string | undefined => {
  const e = ds.find((d) => d.severity === "error");
  return e ? promptText(e) : undefined;
};

const showWarnings = (ds: readonly Diagnostic[], io: WizardIo) => {
  for (const d of ds) if (d.severity !== "error") showDiagnostic(d, io);
};

class Cancelled extends Error {}

async function ask(
  io: WizardIo,
  options: {
    message: string;
    placeholder?: string;
    initialValue?: string;
    validate: (value: string) => string | undefined;
  },
): Promise<string> {
  const answer = await text({
    message: options.message,
    ...(options.placeholder ? { placeholder: options.placeholder } : {}),
    // A value from the server (--from) is shown escaped: the user sees what is there and fixes it.
    ...(options.initialValue ? { initialValue: printable(options.initialValue) } : {}),
    validate: (value) => options.validate((value ?? "").trim()),
    input: io.input,
    output: io.output,
  });
  if (isCancel(answer)) throw new Cancelled();
  return answer.trim();
}

/** A contact question: a Matrix ID and/or an email address in one answer. */
async function askContact(
  io: WizardIo,
  options: {
    message: string;
    placeholder: string;
    initial?: ContactAnswer | undefined;
    required?: string;
    /** A backup: at least one way to reach it must be off this server's domain. */
    offServer?: string;
  },
): Promise<ContactAnswer | undefined> {
  const { required, offServer } = options;
  const initialValue = contactText(options.initial);
  const answer = await ask(io, {
    message: options.message,
    placeholder: options.placeholder,
    ...(initialValue ? { initialValue } : {}),
    validate: (value) => {
      if (value === "" && required)
        return diagnostic("INIT_MISSING", undefined, { what: required, flags: "" }).message;
      const parsed = parseContactText(value);
      const error = firstError(parsed.diagnostics);
      if (error || !offServer || !onServerDomain(offServer, parsed.contact)) return error;
      return promptText(
        diagnostic("INIT_BACKUP_ON_SERVER", undefined, { value, server_name: offServer }),
      );
    },
  });
  const parsed = parseContactText(answer);
  showWarnings(parsed.diagnostics, io);
  return present(parsed.contact);
}

/**
 * Asks for every answer, starting from `initial` (flags and `--from`), and returns them;
 * null when the user cancels (Ctrl-C or Escape). `notes` are shown first (what is wrong with
 * the live file, for `--from`).
 */
export async function runWizard(
  initial: InitAnswers,
  io: WizardIo,
  notes: readonly { where?: string; diagnostic: Diagnostic }[] = [],
): Promise<InitAnswers | null> {
  const answers: InitAnswers = { ...initial };
  // A pseudo-terminal nobody sized reports 0 columns and 0 rows: the prompts would wrap after
  // every character and never redraw. Assume a common size instead.
  const screen = io.output as Writable & { columns?: number; rows?: number };
  if (screen.columns === 0) screen.columns = 80;
  if (screen.rows === 0) screen.rows = 24;
  intro("matrix-support init: publish /.well-known/matrix/support", { output: io.output });
  for (const n of notes) showDiagnostic(n.diagnostic, io, n.where);
  try {
    const serverName = await ask(io, {
      message: "Server name (the part after ':' in your users' Matrix IDs)",
      placeholder: "e.g. example.org",
      ...(answers.serverName ? { initialValue: answers.serverName } : {}),
      validate: (value) =>
        value === ""
          ? diagnostic("INIT_MISSING", undefined, { what: "server name", flags: "" }).message
          : firstError(checkValue("server_name", value)),
    });
    answers.serverName = serverName;
    const parsed = parseServerName(serverName);
    const host = parsed.ok ? parsed.host.toLowerCase() : serverName;

    answers.admin = await askContact(io, {
      message: "Admin contact, for any question about the server: a Matrix ID and/or an email",
      placeholder: `e.g. @admin:${serverName} admin@${host}`,
      initial: answers.admin,
      required: "admin contact",
    });

    if (adminOnlyOnServerDomain(answers)) {
      showDiagnostic(diagnostic("NO_OFF_DOMAIN_CONTACT", "", { server_name: serverName }), io);
      const backup = await askContact(io, {
        message: `Backup admin contact off ${host} (Enter to skip)`,
        placeholder: "e.g. @you:matrix.org or you@another-domain.example",
        initial: answers.backup,
        offServer: serverName,
      });
      if (backup) answers.backup = backup;
      else delete answers.backup;
    }

    const security = await askContact(io, {
      message: "Security contact, for vulnerability reports (Enter: the admin contact)",
      placeholder: `e.g. security@${host}`,
      initial: answers.security,
    });
    if (security) answers.security = security;
    else delete answers.security;

    const moderator = await askContact(io, {
      message: `Moderator contact, for abuse reports (Enter to skip; ${ROLE_MODERATOR} is a proposal, ${MSC4121.msc}, not in the spec yet)`,
      placeholder: `e.g. abuse@${host}`,
      initial: answers.moderator,
    });
    if (moderator) answers.moderator = moderator;
    else delete answers.moderator;

    const page = await ask(io, {
      message: "Support page, a web page where users find help (Enter to skip)",
      placeholder: `e.g. https://${host}/help`,
      ...(answers.supportPage ? { initialValue: answers.supportPage } : {}),
      validate: (value) =>
        value === "" ? undefined : firstError(checkValue("support_page", value)),
    });
    if (page) {
      showWarnings(checkValue("support_page", page), io);
      answers.supportPage = page;
    } else delete answers.supportPage;
  } catch (error) {
    if (error instanceof Cancelled) {
      cancel(diagnostic("INIT_CANCELLED", undefined).message, { output: io.output });
      return null;
    }
    throw error;
  }
  return answers;
}
