/**
 * The generator's DOM pieces: a contact row, a list of diagnostics. Built with `el()` only (text
 * nodes, never markup); values typed or loaded go into inputs' `value`, never into HTML.
 */
import type { Diagnostic } from "../../../../lib/src/core/diagnostics.js";
import {
  PROPOSAL_ROLES,
  ROLE_ADMIN,
  ROLE_SECURITY,
  roleLabel,
} from "../../../../lib/src/core/roles.js";
import { el, link, WEB_SCHEMES } from "../common/dom.js";
import { type ContactDraft, type ContactField, KNOWN_ROLES } from "./state.js";

/** The role select's value for "a role of your own". */
export const CUSTOM_ROLE = "custom";

/** One diagnostic as the CLI prints it: severity, message, code; then hint and spec link. */
export function diagnosticItem(d: Diagnostic): HTMLElement {
  return el(
    "li",
    { class: `problem problem-${d.severity}`, "data-code": d.code },
    el(
      "p",
      { class: "problem-message" },
      el("span", { class: "badge" }, d.severity),
      " ",
      d.message,
      " ",
      el("code", { class: "code" }, `(${d.code})`),
    ),
    d.hint !== undefined ? el("p", { class: "problem-hint" }, `hint: ${d.hint}`) : null,
    d.spec !== undefined
      ? el("p", { class: "problem-spec" }, link(d.spec, "What the spec says", WEB_SCHEMES))
      : null,
  );
}

export function diagnosticList(ds: readonly Diagnostic[]): HTMLElement | null {
  return ds.length > 0 ? el("ul", { class: "problems" }, ...ds.map(diagnosticItem)) : null;
}

/** Element ids of a contact's parts (index-based: rows are rebuilt when the list changes). */
export const ids = {
  contact: (i: number) => `c${i}`,
  legend: (i: number) => `c${i}-legend`,
  field: (i: number, f: ContactField) => `c${i}-${f}`,
  custom: (i: number) => `c${i}-role-custom`,
  help: (i: number, f: ContactField) => `c${i}-${f}-help`,
  msg: (i: number, f: ContactField) => `c${i}-${f}-msg`,
  contactMsg: (i: number) => `c${i}-msg`,
  extraMsg: (i: number) => `c${i}-extra-msg`,
};

const isKnownRole = (role: string) => KNOWN_ROLES.includes(role);

function roleOptions(selected: string): HTMLSelectElement {
  const select = el("select");
  const option = (value: string, text: string) => {
    const o = el("option", null, text);
    o.value = value;
    o.selected = value === selected;
    return o;
  };
  select.append(
    option(ROLE_ADMIN, `${roleLabel(ROLE_ADMIN)} (${ROLE_ADMIN})`),
    option(ROLE_SECURITY, `${roleLabel(ROLE_SECURITY)} (${ROLE_SECURITY})`),
  );
  const proposals = el("optgroup");
  proposals.label = "Proposed roles (not in the spec yet)";
  for (const [role, proposal] of PROPOSAL_ROLES) {
    const unstable = role.startsWith("m.") ? "" : ", unstable name";
    proposals.append(option(role, `${roleLabel(role)} (${role}; ${proposal.msc}${unstable})`));
  }
  select.append(proposals, option(CUSTOM_ROLE, "A role of your own (namespaced)…"));
  if (!isKnownRole(selected)) select.value = CUSTOM_ROLE;
  return select;
}

function textInput(id: string, value: string, describedBy: string): HTMLInputElement {
  const input = el("input", { id, "aria-describedby": describedBy });
  input.type = "text";
  input.value = value;
  input.autocomplete = "off";
  input.spellcheck = false;
  input.setAttribute("autocapitalize", "none");
  return input;
}

export interface ContactRow {
  item: HTMLLIElement;
  select: HTMLSelectElement;
  custom: HTMLInputElement;
  customField: HTMLElement;
  inputs: Record<Exclude<ContactField, "role">, HTMLInputElement>;
  up: HTMLButtonElement;
  down: HTMLButtonElement;
  remove: HTMLButtonElement;
  dropExtra: HTMLButtonElement | null;
}

function field(
  id: string,
  label: string,
  input: HTMLElement,
  help: string | null,
  helpId: string,
  msgId: string,
): HTMLElement {
  const labelEl = el("label", null, label);
  labelEl.htmlFor = id;
  return el(
    "div",
    { class: "field" },
    labelEl,
    input,
    help !== null ? el("p", { id: helpId, class: "help" }, help) : null,
    el("div", { id: msgId, class: "msgs" }),
  );
}

function button(text: string, hidden: string, cls = "secondary small"): HTMLButtonElement {
  const b = el("button", { class: cls }, text, el("span", { class: "visually-hidden" }, hidden));
  b.type = "button";
  return b;
}

/** Shows a kept value as text (JSON for anything but a string), shortened. */
function shown(value: unknown): string {
  let text: string;
  try {
    text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = "(a value that cannot be shown)";
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** A contact's row: its fieldset, every field labelled, its move and remove buttons. */
export function contactRow(c: ContactDraft, i: number, count: number): ContactRow {
  const n = i + 1;
  const select = roleOptions(c.role);
  select.id = ids.field(i, "role");
  select.setAttribute("aria-describedby", ids.help(i, "role"));
  const custom = textInput(ids.custom(i), isKnownRole(c.role) ? "" : c.role, ids.help(i, "role"));
  custom.placeholder = "org.example.role.abuse";
  const customLabel = el("label", null, "Custom identifier");
  customLabel.htmlFor = custom.id;
  const customField = el("div", { class: "custom-role" }, customLabel, custom);
  customField.hidden = isKnownRole(c.role);

  const roleLabelEl = el("label", null, "Role");
  roleLabelEl.htmlFor = select.id;
  const roleField = el(
    "div",
    { class: "field" },
    roleLabelEl,
    select,
    customField,
    el(
      "p",
      { id: ids.help(i, "role"), class: "help" },
      "What this contact is for. Your own role must be namespaced, e.g. org.example.role.abuse.",
    ),
    el("div", { id: ids.msg(i, "role"), class: "msgs" }),
  );

  const describe = (f: ContactField) => ids.help(i, f);
  const matrixId = textInput(ids.field(i, "matrixId"), c.matrixId, describe("matrixId"));
  matrixId.placeholder = "@admin:example.org";
  const email = textInput(ids.field(i, "email"), c.email, describe("email"));
  email.placeholder = "admin@example.org";
  email.inputMode = "email";
  const pgpKey = textInput(ids.field(i, "pgpKey"), c.pgpKey, describe("pgpKey"));
  pgpKey.placeholder = "https://example.org/admin.asc";
  pgpKey.inputMode = "url";

  const up = button("Move up", ` (contact ${n})`);
  up.disabled = i === 0;
  const down = button("Move down", ` (contact ${n})`);
  down.disabled = i === count - 1;
  const remove = button("Remove", ` contact ${n}`, "secondary small danger");

  let dropExtra: HTMLButtonElement | null = null;
  let extras: HTMLElement | null = null;
  if (c.extra.length > 0) {
    dropExtra = button("Drop these keys", ` (contact ${n})`);
    extras = el(
      "div",
      { class: "field extras" },
      el("p", { class: "help" }, "Also published, kept from the loaded file:"),
      el(
        "ul",
        { class: "kept" },
        ...c.extra.map(([k, v]) => el("li", null, el("code", null, k), ": ", shown(v))),
      ),
      el("div", { id: ids.extraMsg(i), class: "msgs" }),
      dropExtra,
    );
  }

  const legend = el("legend", { id: ids.legend(i) }, `Contact ${n}`);
  const fieldset = el(
    "fieldset",
    { class: "contact" },
    legend,
    roleField,
    field(
      matrixId.id,
      "Matrix ID",
      matrixId,
      "A user people can message, e.g. @admin:example.org (it may be on another server).",
      describe("matrixId"),
      ids.msg(i, "matrixId"),
    ),
    field(
      email.id,
      "Email address",
      email,
      "A bare address, e.g. admin@example.org.",
      describe("email"),
      ids.msg(i, "email"),
    ),
    field(
      pgpKey.id,
      "PGP key",
      pgpKey,
      "Optional (MSC4439, not in the spec yet): a link to this contact's public key, never the key itself.",
      describe("pgpKey"),
      ids.msg(i, "pgpKey"),
    ),
    extras,
    el("div", { id: ids.contactMsg(i), class: "msgs" }),
    el("div", { class: "row-actions" }, up, down, remove),
  );
  const item = el("li", { id: ids.contact(i) }, fieldset);
  return {
    item,
    select,
    custom,
    customField,
    inputs: { matrixId, email, pgpKey },
    up,
    down,
    remove,
    dropExtra,
  };
}

export { shown as shownValue };
