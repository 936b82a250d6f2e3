/** The export targets and the files each one writes. */
export const EXPORT_TARGETS = [
  "files",
  "nginx",
  "caddy",
  "apache",
  "headers",
  "tuwunel",
  "conduwuit",
] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

export const TARGET_FILES: Readonly<Record<ExportTarget, string>> = {
  files: ".well-known/matrix/{support,client,server}",
  nginx: "nginx.conf",
  caddy: "Caddyfile",
  apache: "apache.conf",
  headers: "_headers",
  tuwunel: "tuwunel.toml",
  conduwuit: "conduwuit.toml",
};

/**
 * What `export` writes when no target is named: only what belongs in a web root (the well-known
 * files, and `_headers`, which static hosts read from there). Snippets only when asked for: a web
 * root is public, and nginx.conf, apache.conf (absolute paths) or a homeserver fragment are not
 * meant to be served from it.
 */
export const DEFAULT_TARGETS: readonly ExportTarget[] = ["files", "headers"];

/** Targets that do not go in the web root: README.txt (which file goes where) comes with them. */
export const SNIPPET_TARGETS: readonly ExportTarget[] = EXPORT_TARGETS.filter(
  (t) => !DEFAULT_TARGETS.includes(t),
);

export function isExportTarget(name: string): name is ExportTarget {
  return (EXPORT_TARGETS as readonly string[]).includes(name);
}

/**
 * The targets to render, in canonical order. Apache and `_headers` serve the static files, so
 * choosing them brings the files along.
 */
export function resolveTargets(chosen: readonly ExportTarget[] | undefined): ExportTarget[] {
  const set = new Set<ExportTarget>(chosen && chosen.length > 0 ? chosen : DEFAULT_TARGETS);
  if (set.has("apache") || set.has("headers")) set.add("files");
  return EXPORT_TARGETS.filter((t) => set.has(t));
}
