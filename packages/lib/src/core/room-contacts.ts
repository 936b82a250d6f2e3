/**
 * Per-room contacts: MSC4489 defines an `m.room.contact` state event (state key "") whose content
 * reuses the support file's `contacts` and `support_page`; MSC4490 puts that content, verbatim,
 * under `contact` in the error answer of a join or knock that does not succeed. Both are
 * proposals. Three shapes are accepted, and told apart by their keys:
 *
 * - the content itself: `{ "contacts": [...], "support_page": "..." }`;
 * - a whole event: an object with `type` and `content` (`state_key`, `sender` and the other event
 *   keys are allowed and, except `state_key`, not looked at);
 * - a rejection: an object with `errcode` and `contact` (or its unstable name).
 *
 * The content goes through the support file's own walk (same rules, same catalogue, same
 * grammars), with two differences the proposal makes: having neither contacts nor a support page
 * is a warning (MSC4489 says SHOULD), and the lint checks only for duplicates.
 */
import { describeType, walk } from "./analyse.js";
import { DOCUMENT_CODES } from "./catalogue/document.js";
import { ROOM_CODES } from "./catalogue/room.js";
import { type Diagnostic, diagnosticFrom, hasErrors, pointer } from "./diagnostics.js";
import { locateDiagnostics, type ParsedSource } from "./json-source.js";
import {
  MSC4489,
  MSC4490,
  PROPOSAL_EVENT_TYPES,
  type Proposal,
  REJECTION_CONTACT_KEY,
  REJECTION_CONTACT_KEY_UNSTABLE,
  ROOM_CONTACT_EVENT_UNSTABLE,
} from "./proposals.js";
import type { Contact } from "./types.js";

const room = diagnosticFrom(ROOM_CODES);
const documentDiagnostic = diagnosticFrom(DOCUMENT_CODES);

/** The content of an `m.room.contact` event: the support file's shape. */
export interface RoomContacts {
  contacts?: Contact[];
  support_page?: string;
  [extension: string]: unknown;
}

/** Which of the three accepted shapes a value has. */
export type RoomContactsShape = "content" | "event" | "rejection";

/** Options of the room-contacts functions (`validateRoomContacts`, `parseRoomContacts`...). */
export interface RoomContactsOptions {
  /** Checks beyond the proposal (duplicate contacts). Default true. */
  lint?: boolean | undefined;
  /** Count warnings as errors. */
  strict?: boolean | undefined;
}

/** Everything `analyseRoomContacts` found: the shape read, where the content is, the findings and the usable content. */
export interface RoomContactsAnalysis {
  shape: RoomContactsShape;
  /** JSON Pointer of the content in the value: `""`, `/content`, `/contact`... */
  base: string;
  diagnostics: Diagnostic[];
  /** What a lenient consumer can use (contacts, support page, extensions); null when nothing. */
  content: RoomContacts | null;
}

/** What `validateRoomContacts` answers: the verdict, the shape read, and every finding. */
export interface RoomContactsValidation {
  valid: boolean;
  shape: RoomContactsShape;
  diagnostics: Diagnostic[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const own = (o: Json, key: string): boolean => Object.hasOwn(o, key);

interface Located {
  shape: RoomContactsShape;
  base: string;
  /** The name the content has in the value (`content`, `contact`...); absent for bare content. */
  key?: string;
  proposal: Proposal;
}

function locate(value: Json): Located {
  if (own(value, "type") && own(value, "content"))
    return { shape: "event", base: "/content", key: "content", proposal: MSC4489 };
  if (own(value, "errcode"))
    for (const key of [REJECTION_CONTACT_KEY, REJECTION_CONTACT_KEY_UNSTABLE])
      if (own(value, key))
        return { shape: "rejection", base: pointer(key), key, proposal: MSC4490 };
  return { shape: "content", base: "", proposal: MSC4489 };
}

/**
 * True when `value` is unmistakably room contacts: an event whose `type` is MSC4489's (stable or
 * unstable) with a `content`, or a rejection with `errcode` and MSC4490's `contact`. Bare content
 * has the support file's shape exactly, so only a caller can say it is room contacts.
 */
export function isRoomContacts(value: unknown): boolean {
  if (!isObject(value)) return false;
  const { shape } = locate(value);
  if (shape === "event")
    return typeof value.type === "string" && PROPOSAL_EVENT_TYPES.has(value.type);
  return shape === "rejection" && typeof value.errcode === "string";
}

function prefixed(diagnostics: Diagnostic[], base: string): Diagnostic[] {
  if (base === "") return diagnostics;
  for (const d of diagnostics) if (d.path !== undefined) d.path = base + d.path;
  return diagnostics;
}

/** The analysis, with `content` `true` for usable content the walk did not copy (`build` false). */
type Analysed = Omit<RoomContactsAnalysis, "content"> & { content: RoomContacts | true | null };

function analyse(value: unknown, options: RoomContactsOptions, build: boolean): Analysed {
  if (!isObject(value))
    return {
      shape: "content",
      base: "",
      diagnostics: [documentDiagnostic("NOT_AN_OBJECT", "", { actual: describeType(value) })],
      content: null,
    };
  const { shape, base, key, proposal } = locate(value);
  const diagnostics: Diagnostic[] = [];
  const mark = (path: string, what: string) =>
    diagnostics.push(
      room("ROOM_CONTACTS_PROPOSAL", path, { what, msc: proposal.msc, title: proposal.title }),
    );

  if (shape === "event") {
    const type = value.type;
    if (typeof type !== "string") {
      diagnostics.push(
        documentDiagnostic("WRONG_TYPE", "/type", {
          field: "type",
          expected: "a string (the event type)",
          actual: describeType(type),
        }),
      );
      return { shape, base, diagnostics, content: null };
    }
    if (!PROPOSAL_EVENT_TYPES.has(type)) {
      diagnostics.push(
        room("ROOM_EVENT_WRONG_TYPE", "/type", { type, unstable: ROOM_CONTACT_EVENT_UNSTABLE }),
      );
      return { shape, base, diagnostics, content: null };
    }
    mark("/type", `The event type "${type}"`);
    if (own(value, "state_key")) {
      const stateKey = value.state_key;
      if (typeof stateKey !== "string")
        diagnostics.push(
          documentDiagnostic("WRONG_TYPE", "/state_key", {
            field: "state_key",
            expected: 'a string (the empty state key, "")',
            actual: describeType(stateKey),
          }),
        );
      else if (stateKey !== "")
        diagnostics.push(room("ROOM_EVENT_STATE_KEY", "/state_key", { state_key: stateKey }));
    }
  } else if (shape === "rejection") {
    mark(base, `The "${key}" of a join or knock rejection`);
  } else {
    mark("", "The content of an m.room.contact state event");
  }

  const content = key === undefined ? value : value[key];
  if (!isObject(content)) {
    diagnostics.push(
      documentDiagnostic("WRONG_TYPE", base, {
        field: key ?? "content",
        expected: "an object (the room's contacts)",
        actual: describeType(content),
      }),
    );
    return { shape, base, diagnostics, content: null };
  }
  const walked = walk(content, { lint: options.lint !== false }, build, true);
  diagnostics.push(...prefixed(walked.diagnostics, base));
  const contacts = content.contacts;
  const hasPage = own(content, "support_page");
  if (!own(content, "contacts") && !hasPage)
    diagnostics.push(
      room("ROOM_CONTACTS_EMPTY", base, {
        detail: 'neither "contacts" nor "support_page" is present',
      }),
    );
  else if (Array.isArray(contacts) && contacts.length === 0 && !hasPage)
    diagnostics.push(
      room("ROOM_CONTACTS_EMPTY", `${base}/contacts`, {
        detail: '"contacts" is empty and there is no "support_page"',
      }),
    );
  return { shape, base, diagnostics, content: walked.document };
}

/** Everything found in room contacts (any of the three shapes), and what a consumer can use. */
export function analyseRoomContacts(
  value: unknown,
  options: RoomContactsOptions = {},
): RoomContactsAnalysis {
  const analysed = analyse(value, options, true);
  // A building walk returns the copy itself, never its stand-in `true`.
  return { ...analysed, content: analysed.content === true ? null : analysed.content };
}

/**
 * Validates room contacts: the content of an MSC4489 `m.room.contact` event, a whole event, or an
 * MSC4490 rejection. `valid` means no error (with `strict`, no warning either).
 */
export function validateRoomContacts(
  value: unknown,
  options: RoomContactsOptions = {},
): RoomContactsValidation {
  const { shape, diagnostics } = analyse(value, options, false);
  return { valid: !hasErrors(diagnostics, options.strict), shape, diagnostics };
}

/** Lenient parsing: the usable contacts and support page, and why anything was dropped. Never throws. */
export function parseRoomContacts(
  value: unknown,
  options: RoomContactsOptions = {},
): { shape: RoomContactsShape; content: RoomContacts | null; diagnostics: Diagnostic[] } {
  const { shape, content, diagnostics } = analyseRoomContacts(value, options);
  return { shape, content, diagnostics };
}

/** Validates parsed text: the text's own problems first, then the room contacts', each located. */
export function validateRoomContactsSource(
  source: ParsedSource,
  options: RoomContactsOptions = {},
): RoomContactsValidation & { value: unknown } {
  if (source.value === undefined)
    return { valid: false, shape: "content", diagnostics: source.diagnostics, value: undefined };
  const { shape, diagnostics } = analyse(source.value, options, false);
  const all = [...source.diagnostics, ...locateDiagnostics(diagnostics, source)];
  return { valid: !hasErrors(all, options.strict), shape, diagnostics: all, value: source.value };
}
