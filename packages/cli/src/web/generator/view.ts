/**
 * The generator's DOM pieces: a contact row, a list of diagnostics. Built with `el()` only (text
 * nodes, never markup); values typed or loaded go into inputs' `value`, never into HTML. Their
 * words come from the page's strings (../i18n/strings.ts), English by default.
 */
import type { Diagnostic } from "../../../../lib/src/core/diagnostics.js";
import { PROPOSAL_ROLES, ROLE_ADMIN, ROLE_SECURITY } from "../../../../lib/src/core/roles.js";
import { format, formatParts } from "../../../../lib/src/server/i18n/format.js";
import { roleText } from "../../../../lib/src/server/i18n/roles.js";
import { el, link, WEB_SCHEMES } from "../common/dom.js";
import { englishOn, messageText, severityText } from "../i18n/diagnostics.js";
import { GENERATOR_ENGLISH, type GeneratorStrings } from "../i18n/strings.js";
import { type ContactDraft, type ContactField, KNOWN_ROLES } from "./state.js";

/** The role select's value for "a role of your own". */
export const CUSTOM_ROLE = "custom";

/**
 * One diagnostic as the CLI prints it: severity, message, code; then hint and spec link. The
 * message is translated where the page's language has it; the hint stays English.
 */
export function diagnosticItem(
  d: Diagnostic,
  s: GeneratorStrings = GENERATOR_ENGLISH,
): HTMLElement {
  const t = s.generator;
  return el(
    "li",
    { class: `problem problem-${d.severity}`, "data-code": d.code },
    el(
      "p",
      { class: "problem-message" },
      el("span", { class: "badge" }, severityText(d.severity, t)),
      " ",
      messageText(d, s),
      " ",
      el("code", { class: "code" }, `(${d.code})`),
    ),
    d.hint !== undefined
      ? el(
          "p",
          { class: "problem-hint" },
          ...formatParts(t.hint, { hint: el("span", { lang: englishOn(s.lang) }, d.hint) }),
        )
      : null,
    d.spec !== undefined
      ? el("p", { class: "problem-spec" }, link(d.spec, t.whatSpecSays, WEB_SCHEMES))
      : null,
  );
}

export function diagnosticList(
  ds: readonly Diagnostic[],
  s: GeneratorStrings = GENERATOR_ENGLISH,
): HTMLElement | null {
  return ds.length > 0
    ? el("ul", { class: "problems" }, ...ds.map((d) => diagnosticItem(d, s)))
    : null;
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

function roleOptions(selected: string, s: GeneratorStrings): HTMLSelectElement {
  const t = s.generator;
  const select = el("select");
  const option = (value: string, text: string) => {
    const o = el("option", null, text);
    o.value = value;
    o.selected = value === selected;
    return o;
  };
  const label = (role: string) => roleText(role, s.page).label;
  select.append(
    option(ROLE_ADMIN, format(t.roleOption, { label: label(ROLE_ADMIN), role: ROLE_ADMIN })),
    option(
      ROLE_SECURITY,
      format(t.roleOption, { label: label(ROLE_SECURITY), role: ROLE_SECURITY }),
    ),
  );
  const proposals = el("optgroup");
  proposals.label = t.proposedRoles;
  for (const [role, proposal] of PROPOSAL_ROLES) {
    const template = role.startsWith("m.") ? t.proposedRole : t.proposedRoleUnstable;
    proposals.append(
      option(role, format(template, { label: label(role), role, msc: proposal.msc })),
    );
  }
  select.append(proposals, option(CUSTOM_ROLE, t.customRole));
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

/** Where a button's visible word goes in its name. */
const WORD = Symbol("button");

/**
 * A button showing `word`, whose name (what screen readers say) is `name` with `{button}` as the
 * word: the rest of the name is there, visually hidden ("Remove" + " contact 2").
 */
export function button(
  word: string,
  name: string,
  values: Readonly<Record<string, string>>,
  cls = "secondary small",
): HTMLButtonElement {
  const parts = formatParts<string | typeof WORD>(name, { ...values, button: WORD });
  const at = parts.indexOf(WORD);
  const text = (from: number, to?: number) => parts.slice(from, to).join("");
  const hidden = (t: string) => (t === "" ? null : el("span", { class: "visually-hidden" }, t));
  const b = el(
    "button",
    { class: cls },
    at === -1 ? null : hidden(text(0, at)),
    word,
    hidden(text(at + 1)),
  );
  b.type = "button";
  return b;
}

/** Shows a kept value as text (JSON for anything but a string), shortened. */
function shown(value: unknown, s: GeneratorStrings = GENERATOR_ENGLISH): string {
  let text: string;
  try {
    text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = s.generator.unshowable;
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** A contact's row: its fieldset, every field labelled, its move and remove buttons. */
export function contactRow(
  c: ContactDraft,
  i: number,
  count: number,
  s: GeneratorStrings = GENERATOR_ENGLISH,
): ContactRow {
  const t = s.generator;
  const n = String(i + 1);
  const select = roleOptions(c.role, s);
  select.id = ids.field(i, "role");
  select.setAttribute("aria-describedby", ids.help(i, "role"));
  const custom = textInput(ids.custom(i), isKnownRole(c.role) ? "" : c.role, ids.help(i, "role"));
  custom.placeholder = "org.example.role.abuse";
  const customLabel = el("label", null, t.customLabel);
  customLabel.htmlFor = custom.id;
  const customField = el("div", { class: "custom-role" }, customLabel, custom);
  customField.hidden = isKnownRole(c.role);

  const roleLabelEl = el("label", null, t.roleLabel);
  roleLabelEl.htmlFor = select.id;
  const roleField = el(
    "div",
    { class: "field" },
    roleLabelEl,
    select,
    customField,
    el("p", { id: ids.help(i, "role"), class: "help" }, t.roleHelp),
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

  const up = button(t.moveUp, t.buttonForContact, { n });
  up.disabled = i === 0;
  const down = button(t.moveDown, t.buttonForContact, { n });
  down.disabled = i === count - 1;
  const remove = button(t.remove, t.removeContactName, { n }, "secondary small danger");

  let dropExtra: HTMLButtonElement | null = null;
  let extras: HTMLElement | null = null;
  if (c.extra.length > 0) {
    dropExtra = button(t.dropKeys, t.buttonForContact, { n });
    extras = el(
      "div",
      { class: "field extras" },
      el("p", { class: "help" }, t.keptKeys),
      el(
        "ul",
        { class: "kept" },
        ...c.extra.map(([k, v]) => el("li", null, el("code", null, k), ": ", shown(v, s))),
      ),
      el("div", { id: ids.extraMsg(i), class: "msgs" }),
      dropExtra,
    );
  }

  const legend = el("legend", { id: ids.legend(i) }, format(t.contactLegend, { n }));
  const fieldset = el(
    "fieldset",
    { class: "contact" },
    legend,
    roleField,
    field(
      matrixId.id,
      t.matrixIdLabel,
      matrixId,
      t.matrixIdHelp,
      describe("matrixId"),
      ids.msg(i, "matrixId"),
    ),
    field(email.id, t.emailLabel, email, t.emailHelp, describe("email"), ids.msg(i, "email")),
    field(pgpKey.id, t.pgpKeyLabel, pgpKey, t.pgpKeyHelp, describe("pgpKey"), ids.msg(i, "pgpKey")),
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
