/**
 * The config in the format its file name asks for. YAML is the one with a comment on every key;
 * JSON carries the schema as a `$schema` key (JSON has no comments); TOML gets a short header.
 * Pure. `parseConfig` reads each back to `buildConfig(answers)` (checked before writing).
 */
import { stringify as stringifyToml } from "smol-toml";
import { buildConfig, type InitAnswers } from "./answers.js";
import { type RenderOptions, renderConfigYaml } from "./yaml.js";

export type InitFormat = "yaml" | "json" | "toml";

/** `.json` and `.toml` names get those formats; anything else is YAML. */
export function formatFor(fileName: string): InitFormat {
  const ext = /\.([A-Za-z]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return ext === "json" ? "json" : ext === "toml" ? "toml" : "yaml";
}

export function renderConfig(
  answers: InitAnswers,
  format: InitFormat,
  options: RenderOptions = {},
): string {
  if (format === "yaml") return renderConfigYaml(answers, options);
  const config = buildConfig(answers);
  if (format === "json") {
    const withSchema = options.schemaRef ? { $schema: options.schemaRef, ...config } : config;
    return `${JSON.stringify(withSchema, null, 2)}\n`;
  }
  const header = [
    ...(options.schemaRef ? [`#:schema ${options.schemaRef}`] : []),
    `# matrix-support config${answers.serverName ? ` for ${answers.serverName}` : ""}, written by \`matrix-support init\`.`,
    "# `support` is served as JSON at /.well-known/matrix/support; see examples/matrix-support.yaml",
    "# for every key explained.",
    "",
  ];
  return `${header.join("\n")}\n${stringifyToml(config)}\n`;
}
