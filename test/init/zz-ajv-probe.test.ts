import { createRequire } from "node:module";
import type AjvType from "ajv/dist/2020.js";
import { it, expect } from "vitest";
const require = createRequire(import.meta.url);
const Ajv2020 = require("ajv/dist/2020.js").default as typeof AjvType.default;
it("x", () => { const ajv = new Ajv2020({ strict: false }); expect(ajv.compile({type: "object"})({})).toBe(true); });
