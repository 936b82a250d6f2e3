/**
 * The web pages' own strings (the checker page, the generator page), in English: the reference
 * for every other language. Placeholders are `{name}`; plural texts give
 * one text per plural category (see ../plural.ts). Diagnostic messages are the catalogue's own.
 */
import type { Plural } from "../plural.js";

/** The counts both pages show ("3 errors"). */
const errors = { one: "{count} error", other: "{count} errors" } satisfies Plural;
const warnings = { one: "{count} warning", other: "{count} warnings" } satisfies Plural;

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
  errors,
  warnings,
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

/** A page's strings in one language: every key of its English table, a text or plural forms. */
type Translated<T> = { readonly [K in keyof T]: T[K] extends string ? string : Plural };

/** The checker's strings in one language. */
export type CheckerMessages = Translated<typeof checker>;

export const generator = {
  // ---- the page (new.html) ----
  pageTitle: "Write your Matrix support file",
  skipLink: "Skip to the form",
  intro:
    "Fill in who people should contact about your Matrix server. The page checks every field as you type, shows the exact {path} file, and gives you the snippet for your web server. Nothing you type leaves this browser.",
  formLabel: "Support file",
  serverHeading: "Your server",
  serverLabel: "Server name",
  loadButton: "Load what is live",
  serverHelp:
    "The part after the colon of your users' Matrix IDs: for {example}, type {server}. “Load what is live” fetches the file this server publishes now, so you can fix it here.",
  contactsHeading: "Contacts",
  contactsHelp:
    "Each contact has a role and a Matrix ID, an email address, or both. A security contact, and a backup reachable when your server is down (an address on another domain), are strongly advised.",
  addContact: "Add contact",
  pageHeading: "A page for help",
  supportPageLabel: "Support page",
  supportPageHelp:
    "Optional: a web page (https) where your users find help. Leave it empty if you have none.",
  extensionsHeading: "Other keys, kept from the loaded file",
  extensionsHelp: "Published as they were. Remove the ones you do not want.",
  adviceHeading: "What to fix",
  fileHeading: "The file",
  fileHelp: "Exactly what {path} will serve:",
  copyJson: "Copy the JSON",
  downloadsHeading: "Download",
  showProblems: "Show the problems",
  webRootLabel: "Web root (for apache.conf)",
  webRootHelp:
    "The directory on your web server that holds {directory}: apache.conf serves the support file from there.",
  footer:
    "Private by design: what you type stays in this page and its address (after the {hash}, which browsers never send to a server), so you can bookmark or share a draft. Only “Load what is live” fetches anything. Spec: {spec}.",
  specLink: "the support endpoint",
  // ---- a contact's row ----
  contactLegend: "Contact {n}",
  roleLabel: "Role",
  /** A role in the list: its label and its identifier ("Administrator (m.role.admin)"). */
  roleOption: "{label} ({role})",
  proposedRoles: "Proposed roles (not in the spec yet)",
  proposedRole: "{label} ({role}; {msc})",
  proposedRoleUnstable: "{label} ({role}; {msc}, unstable name)",
  customRole: "A role of your own (namespaced)…",
  customLabel: "Custom identifier",
  roleHelp:
    "What this contact is for. Your own role must be namespaced, e.g. org.example.role.abuse.",
  matrixIdLabel: "Matrix ID",
  matrixIdHelp: "A user people can message, e.g. @admin:example.org (it may be on another server).",
  emailLabel: "Email address",
  emailHelp: "A bare address, e.g. admin@example.org.",
  pgpKeyLabel: "PGP key",
  pgpKeyHelp:
    "Optional (MSC4439, not in the spec yet): a link to this contact's public key, never the key itself.",
  moveUp: "Move up",
  moveDown: "Move down",
  remove: "Remove",
  dropKeys: "Drop these keys",
  /**
   * Buttons' names as screen readers hear them: {button} is the visible word above, the rest is
   * read but not shown ("Remove contact 2").
   */
  buttonForContact: "{button} (contact {n})",
  removeContactName: "{button} contact {n}",
  removeKeyName: "{button} the key {key}",
  keptKeys: "Also published, kept from the loaded file:",
  unshowable: "(a value that cannot be shown)",
  // ---- problems (the CLI's words: severity, message, code, hint) ----
  severityError: "error",
  severityWarning: "warning",
  severityInfo: "info",
  hint: "hint: {hint}",
  whatSpecSays: "What the spec says",
  // ---- the summary, the file, the downloads ----
  errors,
  warnings,
  summaryReady: "No problems: ready to publish.",
  summaryNothing: "Nothing to publish yet: add a contact or a support page.",
  summaryCounts: "{errors} and {warnings}.",
  errorsAtFields: "Errors are shown at their fields.",
  /** Two sentences in a row (Japanese and Chinese put no space between them). */
  twoSentences: "{first} {second}",
  nothingToPublish:
    "Nothing to publish yet: with no contact and no support page the server must answer 404, never 200 {}.",
  addFirst: "Add a contact or a support page first.",
  /** Exactly one error; `fixErrors` for more. */
  fixTheError:
    "Fix the error first: matrix-support export refuses a config with errors, and so does this page.",
  fixErrors:
    "Fix the {errors} first: matrix-support export refuses a config with errors, and so does this page.",
  downloadsReady:
    "Ready. Each file is byte for byte what matrix-support export writes for this config.",
  /** After a download's file name: what it is ({label}, a product's name or the two below). */
  downloadCaption: "{label}.",
  labelSupport: "The support file",
  labelConfig: "The matrix-support config",
  useSupport:
    "Publish it at /.well-known/matrix/support on your server name's host, as JSON with CORS.",
  useConfig: "For matrix-support serve and export; keep it to edit the file later.",
  useNginx: "Include inside your server { } block for the server name.",
  useCaddy: "Paste (or import) inside your site block.",
  useApache:
    "Include inside your <VirtualHost>; it serves the support file from the web root below.",
  useHeaders: "Put it in the site's root beside .well-known/ (with the support file).",
  useTuwunel: "Merge into tuwunel's config: the homeserver then serves the file itself.",
  useConduwuit: "Merge into continuwuity's (or conduwuit's) config.",
  webRootEmpty: "The web root is empty: give the absolute path of your web root.",
  webRootRelative: 'The web root must be an absolute path, not "{root}" (e.g. /var/www/html).',
  webRootControl: "The web root holds a control character (a line break?): give a plain path.",
  // ---- what a screen reader hears ----
  fieldNoProblems: "{field}: no problems.",
  fieldProblems: "{field}: {problems}",
  thisField: "This field",
  notValid: "not valid",
  contactAdded: "Contact {n} added.",
  contactMoved: "Contact {from} is now contact {to}.",
  contactRemoved: "Contact {n} removed. {left}",
  contactsLeft: { one: "{count} left.", other: "{count} left." } satisfies Plural,
  keysDropped: "Contact {n}: the kept keys are dropped.",
  keyRemoved: "Removed the key {key}.",
  errorsShown: {
    one: "{count} error shown at their fields.",
    other: "{count} errors shown at their fields.",
  } satisfies Plural,
  copied: "Copied the JSON.",
  copyFailed: "Could not copy: select the text of the file instead.",
  fragmentUnreadable:
    "The draft in this link could not be read (it may have been cut short): a new draft is shown instead.",
  // ---- loading what is live ----
  typeServerFirst: "Type the server name first.",
  loading: "Loading what {server} publishes…",
  loadedTitle: "Loaded what {server} publishes now",
  readByBrowser: "From {url}, read by your browser.",
  readByProbe: "From {url}, read by this site's server (your browser was not allowed to read it).",
  loadedNext:
    "The form below now holds it: fix what is marked. Your previous draft is one step back in your browser's history.",
  loadedAnnouncement:
    "Loaded {server}'s support file into the form: {errors} and {warnings} to look at.",
  notFoundTitle: "{server} publishes no support file yet",
  notFoundText: "{url} answered 404. Fill in the form to write one; it is unchanged.",
  nothingTitle: "Nothing to load from {server}",
  nothingWithProbe:
    "Neither your browser nor this site's server could read a support file there; the form is unchanged.",
  nothingBrowserOnly:
    "Your browser could not read a support file there; the form is unchanged. A browser may read it only when the server allows it (Access-Control-Allow-Origin: *); matrix-support check, from a terminal, has no such limit.",
  upgraded: "It used pre-spec draft names, upgraded as matrix-support init --from does: {renames}.",
  /** A renamed key or role of a pre-spec draft, in the list above. */
  renamedKey: '"{from}" -> "{to}"',
  renamedRole: 'role "{from}" -> "{to}"',
  /** Between the items of a list ("a, b, c"; Japanese and Chinese: "、"). */
  listSeparator: ", ",
  leftOut: "Left out (the wrong type for a text field): {paths}.",
  liveProblems: "What the live file had wrong ({count})",
} as const;

/** The generator's strings in one language. */
export type GeneratorMessages = Translated<typeof generator>;
