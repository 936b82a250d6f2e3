/**
 * The checker page: a server-name form whose result lives at `?server=NAME` (shareable, checks on
 * load, back button works). Each check fetches two ways at once and shows both. Its words come
 * in the language the server rendered the page in (a JSON block in the page); `?lang=` is kept
 * across checks.
 */
import { format, formatParts } from "../../../../lib/src/server/i18n/format.js";
import { append, clear, el } from "../common/dom.js";
import { pageStringsText, parseCheckerStrings } from "../i18n/strings.js";
import {
  checkFromBrowser,
  checkThroughProbe,
  PROBE_ENDPOINT,
  type SourceOutcome,
} from "./fetchers.js";
import { announcement, renderResult } from "./render.js";
import { normaliseServerInput } from "./view.js";

function byId<T extends HTMLElement>(id: string, type: { new (): T }): T {
  const node = document.getElementById(id);
  if (!(node instanceof type)) throw new Error(`the page has no #${id}`);
  return node;
}

const form = byId("check-form", HTMLFormElement);
const input = byId("server", HTMLInputElement);
const statusLine = byId("status", HTMLElement);
const progress = byId("progress", HTMLElement);
const result = byId("result", HTMLElement);
const strings = parseCheckerStrings(pageStringsText(document));
const t = strings.checker;

let running: AbortController | undefined;

function announce(text: string): void {
  // Clear first so the same sentence twice is still announced.
  statusLine.textContent = "";
  setTimeout(() => {
    statusLine.textContent = text;
  }, 50);
}

function serverFromLocation(): string {
  return new URLSearchParams(location.search).get("server")?.trim() ?? "";
}

/** This page's address for a server: the current query (`lang` included) with `server` set. */
function locationFor(serverName: string): string {
  const params = new URLSearchParams(location.search);
  params.set("server", serverName);
  return `${location.pathname}?${params}`;
}

/** The language switch keeps the server being looked at. */
function syncLanguageLinks(serverName: string): void {
  for (const a of document.querySelectorAll<HTMLAnchorElement>("nav.languages a[hreflang]")) {
    const params = new URLSearchParams({ lang: a.hreflang });
    if (serverName) params.set("server", serverName);
    a.href = `?${params}`;
  }
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

const failed = (): SourceOutcome => ({ ok: false, unreachable: true });

async function check(serverName: string): Promise<void> {
  running?.abort();
  const controller = new AbortController();
  running = controller;
  input.value = serverName;
  document.title = format(t.documentTitle, { server: serverName });
  syncLanguageLinks(serverName);
  clear(result);
  result.hidden = true;
  result.setAttribute("aria-busy", "true");

  const started = performance.now();
  const seconds = (n: number) => format(t.seconds, { seconds: n });
  const elapsed = el("span", { class: "elapsed", "aria-hidden": "true" }, seconds(0));
  const step = (label: string) => {
    const state = el("span", { class: "step-state" }, t.stepChecking);
    const line = formatParts(t.stepLine, { label, state });
    return { item: el("li", { class: "step" }, ...line), state };
  };
  const browserStep = step(t.fromBrowser);
  const probeStep = step(t.throughProbe);
  clear(progress);
  append(
    progress,
    el(
      "p",
      null,
      el("span", { class: "spinner", "aria-hidden": "true" }),
      `${format(t.checking, { server: serverName })} `,
      elapsed,
    ),
    el("ul", { class: "steps" }, browserStep.item, probeStep.item),
  );
  progress.hidden = false;
  announce(format(t.checking, { server: serverName }));
  const ticker = setInterval(() => {
    elapsed.textContent = seconds(Math.round((performance.now() - started) / 1000));
  }, 1000);

  const done = (s: { state: HTMLElement }) => (o: SourceOutcome) => {
    s.state.textContent = t.stepDone;
    return o;
  };
  const [browser, probe] = await Promise.all([
    checkFromBrowser(serverName, controller.signal).catch(failed).then(done(browserStep)),
    checkThroughProbe(serverName, controller.signal).catch(failed).then(done(probeStep)),
  ]);
  clearInterval(ticker);
  if (controller.signal.aborted || running !== controller) return;

  const outcomes = { browser, probe };
  const probeUrl = `${PROBE_ENDPOINT}?server=${encodeURIComponent(serverName)}`;
  progress.hidden = true;
  clear(progress);
  append(result, renderResult(outcomes, { copy: copyText, announce }, probeUrl, strings));
  result.hidden = false;
  result.removeAttribute("aria-busy");
  announce(announcement(outcomes, strings));
}

function reset(): void {
  running?.abort();
  running = undefined;
  input.value = "";
  document.title = t.pageTitle;
  syncLanguageLinks("");
  clear(result);
  result.hidden = true;
  clear(progress);
  progress.hidden = true;
  statusLine.textContent = "";
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const serverName = normaliseServerInput(input.value);
  if (serverName === "") {
    input.focus();
    return;
  }
  if (serverName !== serverFromLocation()) history.pushState(null, "", locationFor(serverName));
  void check(serverName);
});

window.addEventListener("popstate", () => {
  const serverName = serverFromLocation();
  if (serverName) void check(serverName);
  else reset();
});

const initial = serverFromLocation();
if (initial) void check(initial);
