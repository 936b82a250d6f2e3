/** `init`: answers -> config -> commented YAML, and the wizard that asks for the answers. */
export * from "./answers.js";
export * from "./check.js";
export * from "./draft.js";
export * from "./formats.js";
export * from "./yaml.js";
