/**
 * The web pages' own strings (the checker page; the generator page can add its block), in
 * English: the reference for every other language. Placeholders are `{name}`; plural texts give
 * one text per plural category (see ../plural.ts). Diagnostic messages are the catalogue's own.
 */
import type { Plural } from "../plural.js";

export const checker = {
  // ---- the page (check.html) ----
  pageTitle: "Matrix support checker",
  skipLink: "Skip to the server name",
  intro:
    "Checks a Matrix server's {path} file: who to contact, whether web clients can read it, and what to fix.",
  formLabel: "Check a server",
  serverLabel: "Server name",
  checkButton: "Check",
  serverHelp: "The part after the colon of a Matrix ID: for {example}, type {server}.",
  noscript: "This page needs JavaScript. The raw result is at {url}.",
  footer:
    "Your browser fetches the file itself (which proves whether web clients may read it) and this site's server fetches it too (which sees the headers browsers hide). Spec: {spec}.",
  specLink: "the support endpoint",
  // ---- while checking ----
  documentTitle: "{server} · Matrix support checker",
  checking: "Checking {server}…",
  seconds: "{seconds} s",
  stepChecking: "checking…",
  stepDone: "done",
  /** One way of fetching and how far it got ("From your browser: done"). */
  stepLine: "{label}: {state}",
  fromBrowser: "From your browser",
  throughProbe: "Through this checker's server",
  // ---- the verdict ----
  verdictWorks: "Works",
  verdictWarnings: "Works, with warnings",
  verdictBroken: "Broken",
  verdictNotPublished: "Not published",
  verdictUnknown: "Could not check",
  neither: "Neither your browser nor the checker's server got a result.",
  errors: { one: "{count} error", other: "{count} errors" } satisfies Plural,
  warnings: { one: "{count} warning", other: "{count} warnings" } satisfies Plural,
  contacts: { one: "{count} contact", other: "{count} contacts" } satisfies Plural,
  usableContacts: {
    one: "{count} usable contact",
    other: "{count} usable contacts",
  } satisfies Plural,
  toFix: "{errors} and {warnings} to fix.",
  summaryNotFound: "{server} publishes no support file (the server answered 404).",
  summaryUnreachable: "The support file of {server} could not be fetched: see below for why.",
  summaryInvalid: "{server} serves a support file with nothing usable in it.",
  summaryContacts: "{server} publishes {contacts}.",
  summaryContactsAndPage: "{server} publishes {contacts} and a support page.",
  summaryPage: "{server} publishes a support page.",
  summaryFile: "{server} publishes a support file.",
  /** Two sentences in a row (Japanese and Chinese put no space between them). */
  twoSentences: "{first} {second}",
  /** What a screen reader hears when the result arrives. */
  announcement: "{verdict}. {summary}",
  copyJson: "Copy as JSON",
  copied: "Copied the result as JSON.",
  copyFailed: "Could not copy; the raw JSON link opens it.",
  rawJson: "Raw JSON",
  // ---- two ways to fetch ----
  sourcesHeading: "Two ways to fetch",
  fromBrowserNote: "directly, as a web client would",
  throughProbeNote: "sees the headers browsers hide",
  probeUnreachable: "The checker's server could not be reached.",
  browserFailed: "The check could not run in this browser.",
  browserBlocked: "Blocked: this browser could not read the file.",
  sourceFound: "Read the file ({status}), {contacts}; {errors}, {warnings}.",
  sourceNotFound: "{status}: nothing published; {errors}, {warnings}.",
  sourceInvalid: "{status}: nothing usable in the file; {errors}, {warnings}.",
  sourceUnreachable: "Could not fetch the file; {errors}, {warnings}.",
  httpStatus: "HTTP {status}",
  noAnswer: "no answer",
  // ---- contacts ----
  noContacts: "No usable contacts in the file.",
  noSupportPage: "No support page.",
  supportPage: "Support page: {link}",
  supportPageUnlinked: "Support page (not a web address, so not linked): {value}",
  // ---- problems ----
  problemsHeading: "Problems ({count})",
  noProblems: "No problems found.",
  severityError: "Error",
  severityWarning: "Warning",
  severityInfo: "Note",
  at: "at {path}",
  atLine: "at {path}, line {line}, column {column}",
  line: "line {line}, column {column}",
  wholeDocument: "(the whole document)",
  whatSpecSays: "What the spec says",
  // ---- CORS ----
  corsHeading: "Can web clients read it?",
  corsBrowserNo: "No: your browser could not read the file.",
  corsBrowserYes: "Yes: your browser read the file directly.",
  corsOpen: "The answer carries {header}, so web clients on any site can read it.",
  corsMissing: "The answer has no {header} header, so web clients cannot read it.",
  corsRestricted: '{header} is "{value}": only that origin may read it.',
  corsRedirectMissing: "The redirect from {url} has no {header} header: browsers stop there.",
  corsUnknown: "No answer came, so there are no headers to judge.",
  // ---- where we looked ----
  whereHeading: "Where we looked",
  lookedAt: "Looked at {url}",
  hop: "{status} from {from} to {to}",
  hopNoCors: "{status} from {from} to {to} (no CORS header)",
  answered: "Answered HTTP {status}.",
  answeredIn: "Answered HTTP {status} in {ms} ms.",
  noAnswerSentence: "No answer.",
  noAnswerAfter: "No answer after {ms} ms.",
} as const;

/** The checker's strings in one language: every key of the English table. */
export type CheckerMessages = {
  readonly [K in keyof typeof checker]: (typeof checker)[K] extends string ? string : Plural;
};
