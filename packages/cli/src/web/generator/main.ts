/**
 * The generator page (`/new`, and the static copy in dist/web/new/): a form for the support file,
 * checked as you type by the CLI's own config check, with the exact JSON and every export target
 * to download. The draft lives in the URL fragment; nothing leaves the browser unless the admin
 * loads what is live. Its words come in the language the page was rendered in (a JSON block in
 * the page, English when there is none).
 */
import type { Diagnostic } from "../../../../lib/src/core/diagnostics.js";
import { ROLE_SECURITY } from "../../../../lib/src/core/roles.js";
import { format } from "../../../../lib/src/server/i18n/format.js";
import { append, clear, el } from "../common/dom.js";
import { translateMessage } from "../i18n/diagnostics.js";
import { plural } from "../i18n/plural.js";
import { pageStringsText, parseGeneratorStrings } from "../i18n/strings.js";
import { type LiveOutcome, loadLive } from "./live.js";
import { DOWNLOADS, renderDownloads, webRootProblem } from "./outputs.js";
import {
  type Checked,
  type ContactDraft,
  type ContactField,
  checkDraft,
  type Draft,
  decodeFragment,
  draftFromDocument,
  emptyContact,
  emptyDraft,
  encodeFragment,
  placeKey,
  publishes,
  type Rename,
  sameDraft,
} from "./state.js";
import {
  button,
  type ContactRow,
  CUSTOM_ROLE,
  contactRow,
  diagnosticList,
  ids,
  shownValue,
} from "./view.js";

function byId<T extends HTMLElement>(id: string, type: { new (): T }): T {
  const node = document.getElementById(id);
  if (!(node instanceof type)) throw new Error(`the page has no #${id}`);
  return node;
}

const serverInput = byId("server-name", HTMLInputElement);
const pageInput = byId("support-page", HTMLInputElement);
const webRootInput = byId("web-root", HTMLInputElement);
const loadButton = byId("load-live", HTMLButtonElement);
const addButton = byId("add-contact", HTMLButtonElement);
const copyButton = byId("copy-json", HTMLButtonElement);
const showButton = byId("show-problems", HTMLButtonElement);
const contactsList = byId("contacts", HTMLOListElement);
const livePanel = byId("live", HTMLElement);
const statusLine = byId("status", HTMLElement);
const fragmentNote = byId("fragment-note", HTMLElement);
const json = byId("support-json", HTMLElement);
const jsonNote = byId("json-note", HTMLElement);
const summary = byId("summary", HTMLElement);
const downloadsStatus = byId("downloads-status", HTMLElement);
const downloadsList = byId("downloads", HTMLUListElement);
const extensionsPanel = byId("extensions", HTMLElement);
const extensionList = byId("extension-list", HTMLUListElement);
const strings = parseGeneratorStrings(pageStringsText(document));
const t = strings.generator;
const lang = strings.lang;
const count = (forms: Parameters<typeof plural>[1], n: number) => plural(lang, forms, n);
const twoSentences = (first: string, second: string) => format(t.twoSentences, { first, second });

/** `<meta name="matrix-support-probe">`: present only on the page `serve` serves with its probe. */
const probe =
  document.querySelector<HTMLMetaElement>('meta[name="matrix-support-probe"]')?.content ||
  undefined;

let draft: Draft = emptyDraft();
let rows: ContactRow[] = [];
let checked: Checked = checkDraft(draft);
/** Show every problem, touched or not (a loaded or shared draft, or "Show the problems"). */
let showAll = false;
/** What the admin has been in: page fields, and per contact (the object survives reordering). */
const touched = new Set<string>();
const touchedContacts = new WeakMap<ContactDraft, Set<string>>();

function touch(key: string, contact?: ContactDraft): void {
  hashHeld = false;
  if (!contact) {
    touched.add(key);
    return;
  }
  let set = touchedContacts.get(contact);
  if (!set) {
    set = new Set();
    touchedContacts.set(contact, set);
  }
  set.add(key);
  set.add("contact");
}

// ---- announcements ----

let announceTimer: ReturnType<typeof setTimeout> | undefined;
function announce(text: string, delay = 50): void {
  clearTimeout(announceTimer);
  // Cleared first so the same sentence twice is still announced.
  statusLine.textContent = "";
  announceTimer = setTimeout(() => {
    statusLine.textContent = text;
  }, delay);
}

// ---- which diagnostics show where ----

/** Whether a place's problems show yet: after the admin has been in it (or for a loaded draft). */
function shownAt(key: string, index?: number, part?: string): boolean {
  if (showAll) return true;
  if (index === undefined) return touched.has(key);
  const contact = draft.contacts[index];
  const set = contact ? touchedContacts.get(contact) : undefined;
  return set?.has(part ?? "contact") === true;
}

function diagnosticsAt(key: string): Diagnostic[] {
  return checked.byPlace.get(key) ?? [];
}

/** Replaces a container's list only when what it says changed (no churn for screen readers). */
function paintList(container: HTMLElement, ds: readonly Diagnostic[]): void {
  const signature = ds.map((d) => `${d.code}\u0000${d.message}`).join("\u0001");
  if (container.dataset.shown === signature) return;
  container.dataset.shown = signature;
  clear(container);
  append(container, diagnosticList(ds, strings));
}

/** aria-invalid on errors; aria-describedby = help, then the messages when there are some. */
function mark(input: HTMLElement, help: string, msgIds: string[], invalid: boolean): void {
  if (invalid) input.setAttribute("aria-invalid", "true");
  else input.removeAttribute("aria-invalid");
  input.setAttribute("aria-describedby", [help, ...msgIds].join(" "));
}

const hasError = (ds: readonly Diagnostic[]) => ds.some((d) => d.severity === "error");

function paintField(
  input: HTMLElement,
  help: string,
  msg: HTMLElement,
  ds: readonly Diagnostic[],
  extra: { ids: string[]; invalid: boolean } = { ids: [], invalid: false },
): void {
  paintList(msg, ds);
  mark(
    input,
    help,
    [...(ds.length > 0 ? [msg.id] : []), ...extra.ids],
    hasError(ds) || extra.invalid,
  );
}

function paint(): void {
  const serverDs = shownAt("serverName") ? diagnosticsAt("serverName") : [];
  paintField(serverInput, "server-name-help", byId("server-name-msg", HTMLElement), serverDs);
  const pageDs = shownAt("supportPage") ? diagnosticsAt("supportPage") : [];
  paintField(pageInput, "support-page-help", byId("support-page-msg", HTMLElement), pageDs);

  rows.forEach((row, i) => {
    const contactDs = shownAt("", i) ? diagnosticsAt(placeKey({ kind: "contact", index: i })) : [];
    const contactMsg = byId(ids.contactMsg(i), HTMLElement);
    paintList(contactMsg, contactDs);
    // "Neither a Matrix ID nor an email address" is about both fields: both point at it.
    const reach = contactDs.filter((d) => d.code === "CONTACT_UNREACHABLE");
    const shared = { ids: reach.length > 0 ? [contactMsg.id] : [], invalid: hasError(reach) };
    const fieldDs = (f: ContactField) =>
      shownAt("", i, f) ? diagnosticsAt(placeKey({ kind: "field", index: i, field: f })) : [];
    const roleDs = fieldDs("role");
    const roleMsg = byId(ids.msg(i, "role"), HTMLElement);
    const custom = !row.customField.hidden;
    paintField(custom ? row.custom : row.select, ids.help(i, "role"), roleMsg, roleDs);
    mark(custom ? row.select : row.custom, ids.help(i, "role"), [], false);
    paintField(
      row.inputs.matrixId,
      ids.help(i, "matrixId"),
      byId(ids.msg(i, "matrixId"), HTMLElement),
      fieldDs("matrixId"),
      shared,
    );
    paintField(
      row.inputs.email,
      ids.help(i, "email"),
      byId(ids.msg(i, "email"), HTMLElement),
      fieldDs("email"),
      shared,
    );
    paintField(
      row.inputs.pgpKey,
      ids.help(i, "pgpKey"),
      byId(ids.msg(i, "pgpKey"), HTMLElement),
      fieldDs("pgpKey"),
    );
    const extraMsg = document.getElementById(ids.extraMsg(i));
    if (extraMsg)
      paintList(
        extraMsg,
        shownAt("", i) ? diagnosticsAt(placeKey({ kind: "extra", index: i, key: "" })) : [],
      );
  });

  paintList(byId("contacts-msg", HTMLElement), diagnosticsAt("contacts"));
  paintList(byId("extensions-msg", HTMLElement), diagnosticsAt("extensions"));
  paintList(byId("advice", HTMLElement), diagnosticsAt("document"));

  const { errors, warnings } = checked;
  const counts = format(t.summaryCounts, countsOf(errors, warnings));
  summary.textContent =
    errors + warnings === 0
      ? publishes(draft)
        ? t.summaryReady
        : t.summaryNothing
      : errors > 0
        ? twoSentences(counts, t.errorsAtFields)
        : counts;
  summary.dataset.errors = String(errors);
}

/** "1 error", "2 warnings": the two counts as a sentence's values. */
function countsOf(errors: number, warnings: number): { errors: string; warnings: string } {
  return { errors: count(t.errors, errors), warnings: count(t.warnings, warnings) };
}

// ---- the JSON and the downloads ----

const blobUrls = new Map<string, { contents: string; url: string }>();
const downloadLinks = new Map<string, { link: HTMLAnchorElement; msg: HTMLElement }>();

function buildDownloads(): void {
  for (const d of DOWNLOADS) {
    const link = el("a", { class: "download" }, d.name);
    link.setAttribute("download", d.name);
    link.setAttribute("aria-disabled", "true");
    const msg = el("div", { class: "msgs" });
    const label = "product" in d.label ? d.label.product : t[d.label.text];
    const item = el(
      "li",
      null,
      link,
      el("span", { class: "download-what" }, ` ${format(t.downloadCaption, { label })} `),
      el("span", { class: "help" }, t[d.use]),
      msg,
    );
    downloadsList.append(item);
    downloadLinks.set(d.name, { link, msg });
  }
}

function disable(name: string): void {
  const entry = downloadLinks.get(name);
  if (!entry) return;
  entry.link.removeAttribute("href");
  entry.link.setAttribute("aria-disabled", "true");
  paintList(entry.msg, []);
  const old = blobUrls.get(name);
  if (old) URL.revokeObjectURL(old.url);
  blobUrls.delete(name);
}

function paintOutputs(): void {
  const body = checked.config.support;
  const published = body !== undefined && Object.keys(body).length > 0;
  json.textContent = published ? JSON.stringify(body) : "";
  jsonNote.hidden = published;
  jsonNote.textContent = published ? "" : t.nothingToPublish;

  const rootProblem = webRootProblem(draft.webRoot);
  const rootMsg = byId("web-root-msg", HTMLElement);
  clear(rootMsg);
  if (rootProblem)
    rootMsg.append(
      el("p", { class: "problem problem-error" }, format(t[rootProblem], { root: draft.webRoot })),
    );
  mark(webRootInput, "web-root-help", rootProblem ? [rootMsg.id] : [], rootProblem !== undefined);

  const ready = published && checked.errors === 0;
  showButton.hidden = checked.errors === 0 || showAll;
  downloadsStatus.textContent = !published
    ? t.addFirst
    : checked.errors === 1
      ? t.fixTheError
      : checked.errors > 1
        ? format(t.fixErrors, { errors: count(t.errors, checked.errors) })
        : t.downloadsReady;
  clearTimeout(downloadsTimer);
  if (!ready) {
    downloadsPending = false;
    for (const d of DOWNLOADS) disable(d.name);
    return;
  }
  // Rendering every target takes a few milliseconds: done once typing pauses, or at once when the
  // links come alive. A click on a link in between renders first (see the click listener), so a
  // download is never of an older draft than the one on screen.
  downloadsPending = true;
  if (blobUrls.size === 0) flushDownloads();
  else downloadsTimer = setTimeout(flushDownloads, 150);
}

let downloadsTimer: ReturnType<typeof setTimeout> | undefined;
let downloadsPending = false;

function flushDownloads(): void {
  clearTimeout(downloadsTimer);
  if (!downloadsPending) return;
  downloadsPending = false;
  paintDownloads(webRootProblem(draft.webRoot) !== undefined);
}

function paintDownloads(rootProblem: boolean): void {
  for (const file of renderDownloads(draft)) {
    const name = file.download.name;
    const entry = downloadLinks.get(name);
    if (!entry) continue;
    if (name === "apache.conf" && rootProblem) {
      disable(name);
      continue;
    }
    let blob = blobUrls.get(name);
    if (!blob || blob.contents !== file.contents) {
      if (blob) URL.revokeObjectURL(blob.url);
      const url = URL.createObjectURL(new Blob([file.contents], { type: file.download.type }));
      blob = { contents: file.contents, url };
      blobUrls.set(name, blob);
    }
    entry.link.href = blob.url;
    entry.link.removeAttribute("aria-disabled");
    paintList(entry.msg, file.diagnostics);
  }
}

// ---- the fragment ----

let fragmentTimer: ReturnType<typeof setTimeout> | undefined;
/** An unreadable draft link stays in the address bar until the admin edits (it may be repairable). */
let hashHeld = false;
function saveFragment(now = false): void {
  clearTimeout(fragmentTimer);
  if (hashHeld) return;
  const write = () => {
    const fragment = encodeFragment(draft);
    const url = fragment === "" ? location.pathname + location.search : `#${fragment}`;
    if (location.hash.slice(1) !== fragment) history.replaceState(null, "", url);
    keepDraftInLanguageLinks(fragment);
  };
  if (now) write();
  else fragmentTimer = setTimeout(write, 250);
}

/** The language switch keeps the draft: each of its links carries the fragment. */
function keepDraftInLanguageLinks(fragment: string): void {
  for (const a of document.querySelectorAll<HTMLAnchorElement>("nav.languages a[hreflang]")) {
    const base = (a.getAttribute("href") ?? "").split("#")[0] ?? "";
    a.setAttribute("href", fragment === "" ? base : `${base}#${fragment}`);
  }
}

// ---- updating ----

/**
 * Leaving a field reveals its problems, which moves what is below it. When the field was left by
 * pressing a pointer on a button further down ("Add contact"), repainting at once would move the
 * button away before the pointer is released, and the click would be lost: the repaint waits for
 * the release (and the click) then.
 */
let pointerDown = false;
let deferred = false;
function afterPointer(): void {
  pointerDown = false;
  if (!deferred) return;
  deferred = false;
  setTimeout(update, 0);
}
document.addEventListener(
  "pointerdown",
  () => {
    pointerDown = true;
  },
  true,
);
document.addEventListener("pointerup", afterPointer, true);
document.addEventListener("pointercancel", afterPointer, true);

/** `update()` for a field being left: now, or after the pointer's click (see above). */
function updateOnLeave(): void {
  if (pointerDown) deferred = true;
  else update();
}

/** Re-checks the draft and repaints everything but the contact rows. */
function update(): void {
  checked = checkDraft(draft);
  paint();
  paintOutputs();
  saveFragment();
  announceFocused();
}

let lastFocusedSignature = new Map<string, string>();
/** When the problems of the field being edited change, says so (after a pause in typing). */
function announceFocused(): void {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement) || !active.id) return;
  const describedBy = active.getAttribute("aria-describedby") ?? "";
  const msgIds = describedBy.split(" ").filter((id) => id.endsWith("-msg"));
  const texts = msgIds.flatMap((id) =>
    [...(document.getElementById(id)?.querySelectorAll(".problem-message") ?? [])].map(
      (p) => p.textContent ?? "",
    ),
  );
  const signature = texts.join("\n");
  const before = lastFocusedSignature.get(active.id);
  lastFocusedSignature.set(active.id, signature);
  if (before === undefined && signature === "") return;
  if (before === signature) return;
  const labelled =
    active instanceof HTMLInputElement || active instanceof HTMLSelectElement
      ? active.labels?.[0]?.textContent
      : undefined;
  const field = labelled ?? t.thisField;
  announce(
    signature === ""
      ? format(t.fieldNoProblems, { field })
      : format(t.fieldProblems, { field, problems: texts.join(" ") }),
    700,
  );
}

function wireRow(row: ContactRow, i: number): void {
  const contact = () => draft.contacts[i];
  const edit = (f: ContactField, value: string) => {
    const c = contact();
    if (!c) return;
    c[f] = value;
    touch(f, c);
    update();
  };
  row.select.addEventListener("change", () => {
    const c = contact();
    if (!c) return;
    const custom = row.select.value === CUSTOM_ROLE;
    row.customField.hidden = !custom;
    c.role = custom ? row.custom.value : row.select.value;
    touch("role", c);
    update();
  });
  row.custom.addEventListener("input", () => edit("role", row.custom.value));
  for (const f of ["matrixId", "email", "pgpKey"] as const)
    row.inputs[f].addEventListener("input", () => edit(f, row.inputs[f].value));
  row.item.addEventListener("focusout", (event) => {
    const c = contact();
    const target = event.target;
    if (!c || !(target instanceof HTMLElement)) return;
    const field = target.id.slice(`c${i}-`.length).replace(/-custom$/, "");
    if (field === "role" || field === "matrixId" || field === "email" || field === "pgpKey") {
      const had = touchedContacts.get(c)?.has(field);
      touch(field, c);
      if (!had) updateOnLeave();
    }
  });
  row.up.addEventListener("click", () => move(i, -1));
  row.down.addEventListener("click", () => move(i, 1));
  row.remove.addEventListener("click", () => removeContact(i));
  row.dropExtra?.addEventListener("click", () => {
    const c = contact();
    if (!c) return;
    c.extra = [];
    renderContacts({ index: i, part: "role" });
    announce(format(t.keysDropped, { n: i + 1 }));
  });
}

type Focus = { index: number; part: "role" | "up" | "down" } | "add" | undefined;

/** Rebuilds the contact rows from the draft (after adding, removing, moving or loading). */
function renderContacts(focus?: Focus): void {
  clear(contactsList);
  rows = draft.contacts.map((c, i) => contactRow(c, i, draft.contacts.length, strings));
  rows.forEach((row, i) => {
    contactsList.append(row.item);
    wireRow(row, i);
  });
  lastFocusedSignature = new Map();
  renderExtensions();
  update();
  if (focus === "add") addButton.focus();
  else if (focus) {
    const row = rows[focus.index];
    if (!row) addButton.focus();
    else if (focus.part === "up") (row.up.disabled ? row.down : row.up).focus();
    else if (focus.part === "down") (row.down.disabled ? row.up : row.down).focus();
    else row.select.focus();
  }
}

function renderExtensions(): void {
  clear(extensionList);
  extensionsPanel.hidden = draft.extensions.length === 0;
  draft.extensions.forEach(([key, value], i) => {
    const remove = button(t.remove, t.removeKeyName, { key });
    remove.addEventListener("click", () => {
      draft.extensions.splice(i, 1);
      renderExtensions();
      update();
      const next = extensionList.querySelector("button");
      (next ?? addButton).focus();
      announce(format(t.keyRemoved, { key }));
    });
    extensionList.append(
      el("li", null, el("code", null, key), ": ", shownValue(value, strings), " ", remove),
    );
  });
}

function move(i: number, by: -1 | 1): void {
  const j = i + by;
  const a = draft.contacts[i];
  const b = draft.contacts[j];
  if (!a || !b) return;
  draft.contacts[i] = b;
  draft.contacts[j] = a;
  renderContacts({ index: j, part: by < 0 ? "up" : "down" });
  announce(format(t.contactMoved, { from: i + 1, to: j + 1 }));
}

function removeContact(i: number): void {
  draft.contacts.splice(i, 1);
  const next =
    draft.contacts.length === 0
      ? "add"
      : { index: Math.min(i, draft.contacts.length - 1), part: "role" as const };
  renderContacts(next);
  announce(
    format(t.contactRemoved, { n: i + 1, left: count(t.contactsLeft, draft.contacts.length) }),
  );
}

function addContact(): void {
  // The second contact defaults to the one most often missing: security.
  const hasSecurity = draft.contacts.some((c) => c.role === ROLE_SECURITY);
  draft.contacts.push(
    emptyContact(draft.contacts.length > 0 && !hasSecurity ? ROLE_SECURITY : undefined),
  );
  renderContacts({ index: draft.contacts.length - 1, part: "role" });
  announce(format(t.contactAdded, { n: draft.contacts.length }));
}

/** Puts a whole draft on the page (start-up, a changed fragment, a loaded file). */
function show(next: Draft, all: boolean): void {
  draft = next;
  showAll = all;
  serverInput.value = draft.serverName;
  pageInput.value = draft.supportPage;
  webRootInput.value = draft.webRoot;
  renderContacts();
}

// ---- loading what is live ----

let loading: AbortController | undefined;

function liveReport(
  serverName: string,
  outcome: LiveOutcome,
  upgrades: Rename[],
  dropped: string[],
): HTMLElement[] {
  const url = outcome.url ?? serverName;
  const server = serverName;
  const heading = el("h3", { id: "live-title", tabindex: "-1" });
  const parts: HTMLElement[] = [heading];
  const list = (items: string[]) => items.join(t.listSeparator);
  switch (outcome.kind) {
    case "loaded":
      heading.textContent = format(t.loadedTitle, { server });
      parts.push(
        el(
          "p",
          null,
          twoSentences(
            format(outcome.via === "probe" ? t.readByProbe : t.readByBrowser, { url }),
            t.loadedNext,
          ),
        ),
      );
      break;
    case "not-found":
      heading.textContent = format(t.notFoundTitle, { server });
      parts.push(el("p", null, format(t.notFoundText, { url })));
      break;
    case "nothing":
      heading.textContent = format(t.nothingTitle, { server });
      parts.push(el("p", null, probe ? t.nothingWithProbe : t.nothingBrowserOnly));
      break;
  }
  if (upgrades.length > 0) {
    const renames = upgrades.map((r) =>
      format(r.kind === "key" ? t.renamedKey : t.renamedRole, { from: r.from, to: r.to }),
    );
    parts.push(el("p", { class: "notice" }, format(t.upgraded, { renames: list(renames) })));
  }
  if (dropped.length > 0)
    parts.push(el("p", { class: "notice" }, format(t.leftOut, { paths: list(dropped) })));
  if (outcome.diagnostics.length > 0) {
    parts.push(el("h4", null, format(t.liveProblems, { count: outcome.diagnostics.length })));
    const problems = diagnosticList(outcome.diagnostics, strings);
    if (problems) parts.push(problems);
  }
  return parts;
}

async function loadWhatIsLive(): Promise<void> {
  const serverName = serverInput.value.trim();
  touch("serverName");
  if (serverName === "") {
    update();
    serverInput.focus();
    announce(t.typeServerFirst);
    return;
  }
  if (serverName !== draft.serverName) {
    draft.serverName = serverName;
    serverInput.value = serverName;
  }
  update();
  if (hasError(diagnosticsAt("serverName"))) {
    serverInput.focus();
    const first = diagnosticsAt("serverName")[0];
    announce(
      format(t.fieldProblems, {
        field: serverInput.labels?.[0]?.textContent ?? t.thisField,
        problems: first ? translateMessage(first, strings.diagnostics).text : t.notValid,
      }),
    );
    return;
  }
  loading?.abort();
  const controller = new AbortController();
  loading = controller;
  loadButton.disabled = true;
  livePanel.hidden = false;
  livePanel.setAttribute("aria-busy", "true");
  clear(livePanel);
  const loadingText = format(t.loading, { server: serverName });
  livePanel.append(
    el("p", null, el("span", { class: "spinner", "aria-hidden": "true" }), loadingText),
  );
  announce(loadingText);
  let outcome: LiveOutcome;
  try {
    outcome = await loadLive(serverName, {
      ...(probe ? { probe } : {}),
      signal: controller.signal,
    });
  } finally {
    loadButton.disabled = false;
  }
  if (loading !== controller) return;
  livePanel.removeAttribute("aria-busy");
  let upgrades: Rename[] = [];
  let dropped: string[] = [];
  if (outcome.kind === "loaded") {
    const loaded = draftFromDocument(outcome.value, serverName, draft);
    if (loaded) {
      upgrades = loaded.upgrades;
      dropped = loaded.dropped;
      // A new history entry: Back returns to the draft as it was before loading.
      saveFragment(true);
      history.pushState(null, "", `#${encodeFragment(loaded.draft)}`);
      show(loaded.draft, true);
    }
  }
  clear(livePanel);
  append(livePanel, ...liveReport(serverName, outcome, upgrades, dropped));
  const title = document.getElementById("live-title");
  title?.focus();
  announce(
    outcome.kind === "loaded"
      ? format(t.loadedAnnouncement, {
          server: serverName,
          ...countsOf(checked.errors, checked.warnings),
        })
      : (title?.textContent ?? ""),
  );
}

// ---- events ----

serverInput.addEventListener("input", () => {
  draft.serverName = serverInput.value;
  touch("serverName");
  update();
});
pageInput.addEventListener("input", () => {
  draft.supportPage = pageInput.value;
  touch("supportPage");
  update();
});
for (const [input, key] of [
  [serverInput, "serverName"],
  [pageInput, "supportPage"],
] as const)
  input.addEventListener("blur", () => {
    if (touched.has(key)) return;
    touch(key);
    updateOnLeave();
  });
webRootInput.addEventListener("input", () => {
  draft.webRoot = webRootInput.value;
  update();
});
serverInput.addEventListener("keydown", (event) => {
  if (event.key === "Enter") {
    event.preventDefault();
    void loadWhatIsLive();
  }
});
byId("generator", HTMLFormElement).addEventListener("submit", (event) => event.preventDefault());
loadButton.addEventListener("click", () => void loadWhatIsLive());
addButton.addEventListener("click", addContact);
showButton.addEventListener("click", () => {
  showAll = true;
  update();
  const first = document.querySelector<HTMLElement>('[aria-invalid="true"]');
  first?.focus();
  announce(count(t.errorsShown, checked.errors));
});
// Runs before a link's default action, which then follows the href as it is after the flush.
downloadsList.addEventListener("click", flushDownloads, true);
copyButton.addEventListener("click", async () => {
  try {
    await navigator.clipboard.writeText(json.textContent ?? "");
    announce(t.copied);
  } catch {
    announce(t.copyFailed);
  }
});

function fromFragment(): void {
  const read = decodeFragment(location.hash);
  const starting = rows.length === 0;
  if (read.ok) {
    fragmentNote.hidden = true;
    if (starting || !sameDraft(read.draft, draft)) show(read.draft, true);
    return;
  }
  if (read.reason === "unreadable") {
    if (!starting) return;
    hashHeld = true;
    fragmentNote.hidden = false;
    fragmentNote.textContent = t.fragmentUnreadable;
    show(emptyDraft(), false);
    return;
  }
  // Another anchor (the skip link's) is not a draft: keep the one being edited. Only an address
  // without a fragment (Back to before the first edit) means "no draft".
  if (starting || (location.hash === "" && !sameDraft(draft, emptyDraft())))
    show(emptyDraft(), false);
}

window.addEventListener("popstate", fromFragment);
window.addEventListener("hashchange", fromFragment);

buildDownloads();
fromFragment();
