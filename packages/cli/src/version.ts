/** The CLI's name and version, from its package.json (bundled in at build time): one source. */
import pkg from "../package.json" with { type: "json" };

export const VERSION: string = pkg.version;
