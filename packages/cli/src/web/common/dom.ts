/**
 * The only way the web pages (checker, generator) build DOM: createElement + textContent. Remote data never reaches an
 * HTML parser, and links get an href only when their scheme is on a short allow-list.
 */

export type Child = Node | string | null | undefined | false;

export interface Attrs {
  class?: string;
  id?: string;
  role?: string;
  hidden?: boolean;
  tabindex?: string;
  /** A language tag, for text in another language than the page. */
  lang?: string | undefined;
  /** Only for values this page writes itself (labels, ids), never remote data. */
  [attribute: `aria-${string}` | `data-${string}`]: string | undefined;
}

/** `el("p", { class: "x" }, "text", child)`: strings become text nodes, never markup. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === undefined || value === false) continue;
      if (name === "class") node.className = String(value);
      else if (name === "hidden") node.hidden = value === true;
      else node.setAttribute(name, String(value));
    }
  }
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
}

const LINK_SCHEMES = new Set(["https:", "http:", "mailto:"]);

/** The URL when it is absolute and its scheme is http(s) or mailto; undefined otherwise. */
export function safeUrl(
  text: unknown,
  schemes: ReadonlySet<string> = LINK_SCHEMES,
): string | undefined {
  if (typeof text !== "string") return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  return schemes.has(url.protocol) ? url.href : undefined;
}

const WEB_ONLY = new Set(["https:", "http:"]);

/**
 * A link when `href` passes `safeUrl`, else the text alone. Remote links open in a new tab with
 * no referrer and no opener.
 */
export function link(
  href: unknown,
  text: string,
  schemes: ReadonlySet<string> = LINK_SCHEMES,
): HTMLElement {
  const safe = safeUrl(href, schemes);
  if (safe === undefined) return el("span", { class: "unlinked" }, text);
  const a = el("a", null, text);
  a.href = safe;
  if (WEB_ONLY.has(new URL(safe).protocol)) {
    a.target = "_blank";
    a.rel = "noopener noreferrer";
  }
  return a;
}

export const WEB_SCHEMES: ReadonlySet<string> = WEB_ONLY;

export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}
