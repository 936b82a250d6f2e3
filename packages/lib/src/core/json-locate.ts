/**
 * Where things are in JSON text: a strict RFC 8259 scan that records the offset of every value
 * and object key, and the first syntax error with its offset. JSON.parse still makes the value
 * (fast, and safe with `__proto__` keys); this only answers "where", for diagnostics' line and
 * column, and sees the duplicate keys that JSON.parse silently drops.
 * https://www.rfc-editor.org/rfc/rfc8259
 */

export type JsonNode =
  | { type: "object"; offset: number; members: JsonMember[] }
  | { type: "array"; offset: number; items: JsonNode[] }
  | { type: "scalar"; offset: number };

export interface JsonMember {
  key: string;
  keyOffset: number;
  value: JsonNode;
}

export type JsonScan = { ok: true; root: JsonNode } | { ok: false; offset: number; detail: string };

class SyntaxFault {
  constructor(
    readonly offset: number,
    readonly detail: string,
  ) {}
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;

/** Scans `text` (the whole of it must be one JSON value, with white space around). */
export function scanJsonText(text: string): JsonScan {
  let i = 0;
  const fail = (detail: string, at = i): never => {
    throw new SyntaxFault(at, detail);
  };
  const skip = () => {
    while (i < text.length && WS.has(text.charCodeAt(i))) i++;
  };
  const string = (): string => {
    const start = i;
    i++; // the opening quote
    let out = "";
    let run = i;
    for (;;) {
      if (i >= text.length) fail("unexpected end of string", start);
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (c < 0x20) fail("invalid character in a string");
      if (c === 0x5c) {
        out += text.slice(run, i);
        const e = text[i + 1] ?? "";
        if (e === "u") {
          HEX4.lastIndex = i + 2;
          if (!HEX4.test(text)) fail("invalid unicode escape");
          out += String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          if (!ESCAPES.has(e)) fail("invalid escape character");
          out +=
            e === "b"
              ? "\b"
              : e === "f"
                ? "\f"
                : e === "n"
                  ? "\n"
                  : e === "r"
                    ? "\r"
                    : e === "t"
                      ? "\t"
                      : e;
          i += 2;
        }
        run = i;
        continue;
      }
      i++;
    }
    out += text.slice(run, i);
    i++; // the closing quote
    return out;
  };
  const value = (): JsonNode => {
    skip();
    const offset = i;
    const c = text[i];
    if (c === "{") {
      i++;
      const members: JsonMember[] = [];
      skip();
      if (text[i] === "}") {
        i++;
        return { type: "object", offset, members };
      }
      for (;;) {
        skip();
        if (text[i] !== '"')
          fail(
            i >= text.length
              ? "unexpected end of file"
              : "expected a property name in double quotes",
          );
        const keyOffset = i;
        const key = string();
        skip();
        if (text[i] !== ":") fail("expected ':' after the property name");
        i++;
        members.push({ key, keyOffset, value: value() });
        skip();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") {
          i++;
          return { type: "object", offset, members };
        }
        fail(
          i >= text.length
            ? "unexpected end of file"
            : "expected ',' or '}' (a trailing comma is not allowed)",
        );
      }
    }
    if (c === "[") {
      i++;
      const items: JsonNode[] = [];
      skip();
      if (text[i] === "]") {
        i++;
        return { type: "array", offset, items };
      }
      for (;;) {
        items.push(value());
        skip();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "]") {
          i++;
          return { type: "array", offset, items };
        }
        fail(i >= text.length ? "unexpected end of file" : "expected ',' or ']'");
      }
    }
    if (c === '"') {
      string();
      return { type: "scalar", offset };
    }
    for (const word of ["true", "false", "null"]) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return { type: "scalar", offset };
      }
    }
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) fail("invalid number format");
      i = NUMBER.lastIndex;
      return { type: "scalar", offset };
    }
    return fail(i >= text.length ? "unexpected end of file" : "expected a value");
  };
  try {
    const root = value();
    skip();
    if (i < text.length) fail("unexpected text after the end");
    return { ok: true, root };
  } catch (error) {
    if (error instanceof SyntaxFault)
      return { ok: false, offset: error.offset, detail: error.detail };
    throw error;
  }
}
