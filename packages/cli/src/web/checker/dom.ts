/** Moved to ../shared/dom.ts (the generator page uses it too); kept here for existing imports. */
export * from "../shared/dom.js";
