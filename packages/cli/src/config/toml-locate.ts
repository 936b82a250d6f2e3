/**
 * Where each key of a TOML text is, as JSON Pointers: smol-toml gives values but no source map.
 * A small scanner that knows just enough TOML to stay in step (comments, the four kinds of
 * strings, `[table]` and `[[array]]` headers, dotted and quoted keys, inline tables and arrays
 * over several lines). It runs on text smol-toml has already accepted; on anything unexpected it
 * skips ahead and never throws.
 */
import { pointer, pointerSegments } from "../../../lib/src/core/diagnostics.js";
import type { Position } from "../../../lib/src/core/json-source.js";

interface Spot {
  offset: number;
  /** Written out (a key, a table header, an array item), not only implied by a longer name. */
  explicit: boolean;
}

const isBare = (c: string) => /[A-Za-z0-9_-]/.test(c);

class Scanner {
  private i = 0;
  readonly spots = new Map<string, Spot>();
  /** Offset of the first key or table header: where a diagnostic about the whole file points. */
  first: number | undefined;
  /** Arrays of tables seen so far, by pointer, with the index of their last entry. */
  private readonly arrays = new Map<string, number>();

  constructor(private readonly text: string) {}

  private mark(path: readonly string[], offset: number, explicit: boolean): void {
    const key = pointer(...path);
    const had = this.spots.get(key);
    if (!had || (explicit && !had.explicit)) this.spots.set(key, { offset, explicit });
  }

  private peek(k = 0): string {
    return this.text[this.i + k] ?? "";
  }

  private startsWith(s: string): boolean {
    return this.text.startsWith(s, this.i);
  }

  /** Spaces and tabs; with `lines`, also line ends and comments. */
  private skip(lines: boolean): void {
    for (;;) {
      const c = this.peek();
      if (c === " " || c === "\t") this.i++;
      else if (lines && (c === "\n" || c === "\r")) this.i++;
      else if (lines && c === "#") this.skipComment();
      else return;
    }
  }

  private skipComment(): void {
    while (this.i < this.text.length && this.peek() !== "\n") this.i++;
  }

  /** To the next line, past a trailing comment or anything left over. */
  private skipLine(): void {
    while (this.i < this.text.length && this.peek() !== "\n") {
      const c = this.peek();
      if (c === '"' || c === "'") this.readString();
      else this.i++;
    }
  }

  /** A string at `i` (any of the four kinds); returns its value (escapes kept as written). */
  private readString(): string {
    const q = this.peek();
    const triple = this.startsWith(q.repeat(3));
    const start = this.i + (triple ? 3 : 1);
    this.i = start;
    while (this.i < this.text.length) {
      const c = this.peek();
      if (q === '"' && c === "\\") {
        this.i += 2;
        continue;
      }
      if (!triple && c === "\n") break;
      if (triple ? this.startsWith(q.repeat(3)) : c === q) {
        const value = this.text.slice(start, this.i);
        this.i += triple ? 3 : 1;
        // Up to two more quotes may end a multi-line string (`""""` is a quote, then the end).
        if (triple) while (this.peek() === q) this.i++;
        return value;
      }
      this.i++;
    }
    return this.text.slice(start, this.i);
  }

  /** A dotted key: each part with its offset. Empty when there is no key here. */
  private readKey(): { part: string; offset: number }[] {
    const parts: { part: string; offset: number }[] = [];
    for (;;) {
      this.skip(false);
      const offset = this.i;
      const c = this.peek();
      let part: string;
      if (c === '"') part = unescapeBasic(this.readString());
      else if (c === "'") part = this.readString();
      else if (isBare(c)) {
        while (isBare(this.peek())) this.i++;
        part = this.text.slice(offset, this.i);
      } else return parts;
      parts.push({ part, offset });
      this.skip(false);
      if (this.peek() !== ".") return parts;
      this.i++;
    }
  }

  /** Header names: each part goes into the last entry of an array of tables it names. */
  private resolve(names: readonly string[], lastIsArray: boolean): string[] {
    const out: string[] = [];
    names.forEach((name, n) => {
      out.push(name);
      const count = this.arrays.get(pointer(...out));
      if (count !== undefined && !(lastIsArray && n === names.length - 1)) out.push(String(count));
    });
    return out;
  }

  run(): void {
    let table: string[] = [];
    while (this.i < this.text.length) {
      this.skip(true);
      if (this.i >= this.text.length) break;
      const start = this.i;
      if (this.peek() === "[") {
        const array = this.peek(1) === "[";
        this.i += array ? 2 : 1;
        const key = this.readKey();
        this.skipLine();
        if (key.length === 0) continue;
        this.first ??= start;
        const names = key.map((k) => k.part);
        const path = this.resolve(names, array);
        if (array) {
          const at = pointer(...path);
          const index = (this.arrays.get(at) ?? -1) + 1;
          this.arrays.set(at, index);
          this.mark(path, start, true);
          path.push(String(index));
        }
        // The header points at its line for the table it opens and for those it only implies.
        for (let n = 1; n < key.length; n++)
          this.mark(this.resolve(names.slice(0, n), false), start, false);
        this.mark(path, start, true);
        table = path;
        continue;
      }
      const key = this.readKey();
      if (key.length === 0 || this.peek() !== "=") {
        this.skipLine();
        continue;
      }
      this.first ??= start;
      this.i++;
      this.keyValue(table, key);
      this.skipLine();
    }
  }

  /** `a.b.c = value` inside `base`: marks each part, then reads the value. */
  private keyValue(base: readonly string[], key: { part: string; offset: number }[]): void {
    const path = [...base];
    key.forEach((k, n) => {
      path.push(k.part);
      this.mark(path, k.offset, n === key.length - 1);
    });
    this.value(path);
  }

  /** One value at `path`: inline tables and arrays are followed, everything else skipped. */
  private value(path: string[]): void {
    this.skip(false);
    const c = this.peek();
    if (c === '"' || c === "'") {
      this.readString();
    } else if (c === "{") {
      this.i++;
      for (;;) {
        this.skip(true);
        if (this.peek() === "}" || this.i >= this.text.length) {
          this.i++;
          return;
        }
        if (this.peek() === ",") {
          this.i++;
          continue;
        }
        const key = this.readKey();
        if (key.length === 0 || this.peek() !== "=") {
          this.i++;
          continue;
        }
        this.i++;
        this.keyValue(path, key);
      }
    } else if (c === "[") {
      this.i++;
      let index = 0;
      for (;;) {
        this.skip(true);
        if (this.peek() === "]" || this.i >= this.text.length) {
          this.i++;
          return;
        }
        if (this.peek() === ",") {
          this.i++;
          index++;
          continue;
        }
        const item = [...path, String(index)];
        this.mark(item, this.i, true);
        const before = this.i;
        this.value(item);
        if (this.i === before) this.i++;
      }
    } else {
      // A number, date, boolean...: up to what ends a value.
      while (this.i < this.text.length && !/[\s,\]}#]/.test(this.peek())) this.i++;
    }
  }
}

/** The escapes of a basic string key, enough to match the parsed key. */
function unescapeBasic(s: string): string {
  if (!s.includes("\\")) return s;
  try {
    return JSON.parse(
      `"${s.replace(/\\U([0-9A-Fa-f]{8})/g, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))}"`,
    );
  } catch {
    return s;
  }
}

/** A line/column finder over one text. */
function positions(text: string): (offset: number) => Position {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
  };
}

/**
 * A locator for JSON Pointers into a TOML text: the key (or `[table]` header, or array item) the
 * pointer names, else its nearest parent that is written in the text; the whole document (`""`)
 * is the first key or header.
 */
export function tomlLocator(text: string): (path: string) => Position | undefined {
  let scanned: Scanner | undefined;
  let at: ((offset: number) => Position) | undefined;
  return (path) => {
    if (!scanned) {
      scanned = new Scanner(text);
      scanned.run();
      at = positions(text);
    }
    const segments = pointerSegments(path);
    for (let n = segments.length; n > 0; n--) {
      const spot = scanned.spots.get(pointer(...segments.slice(0, n)));
      if (spot) return at?.(spot.offset);
    }
    return scanned.first === undefined ? undefined : at?.(scanned.first);
  };
}

/** Position of a JSON Pointer in TOML text (see `tomlLocator`). */
export function locateToml(text: string, path: string): Position | undefined {
  return tomlLocator(text)(path);
}
