/**
 * The checker page: a server-name form whose result lives at `?server=NAME` (shareable, checks on
 * load, back button works). Each check fetches two ways at once and shows both.
 */
import { append, clear, el } from "./dom.js";
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
  document.title = `${serverName} · Matrix support checker`;
  clear(result);
  result.hidden = true;
  result.setAttribute("aria-busy", "true");

  const started = performance.now();
  const elapsed = el("span", { class: "elapsed", "aria-hidden": "true" }, "0 s");
  const step = (label: string) => {
    const state = el("span", { class: "step-state" }, "checking…");
    return { item: el("li", { class: "step" }, `${label}: `, state), state };
  };
  const browserStep = step("From your browser");
  const probeStep = step("Through this checker's server");
  clear(progress);
  append(
    progress,
    el(
      "p",
      null,
      el("span", { class: "spinner", "aria-hidden": "true" }),
      `Checking ${serverName}… `,
      elapsed,
    ),
    el("ul", { class: "steps" }, browserStep.item, probeStep.item),
  );
  progress.hidden = false;
  announce(`Checking ${serverName}…`);
  const ticker = setInterval(() => {
    elapsed.textContent = `${Math.round((performance.now() - started) / 1000)} s`;
  }, 1000);

  const done = (s: { state: HTMLElement }) => (o: SourceOutcome) => {
    s.state.textContent = "done";
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
  append(result, renderResult(outcomes, { copy: copyText, announce }, probeUrl));
  result.hidden = false;
  result.removeAttribute("aria-busy");
  announce(announcement(outcomes));
}

function reset(): void {
  running?.abort();
  running = undefined;
  input.value = "";
  document.title = "Matrix support checker";
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
  if (serverName !== serverFromLocation())
    history.pushState(null, "", `${location.pathname}?server=${encodeURIComponent(serverName)}`);
  void check(serverName);
});

window.addEventListener("popstate", () => {
  const serverName = serverFromLocation();
  if (serverName) void check(serverName);
  else reset();
});

const initial = serverFromLocation();
if (initial) void check(initial);
