/** Moved to ../common/dom.ts (the generator page uses it too); kept here for existing imports. */
export * from "../common/dom.js";
