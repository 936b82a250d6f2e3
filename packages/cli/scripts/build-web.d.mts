/** Types for scripts/build-web.mjs (tests build the checker page into a temporary directory). */
export const ASSET_PREFIX: string;
export const GENERATOR_ASSET_PREFIX: string;
export const STATIC_GENERATOR_CSP: string;
export function buildWeb(options?: {
  outDir?: string;
  minify?: boolean;
}): Promise<Record<string, string>>;
