/** Types for scripts/build-web.mjs (tests build the checker page into a temporary directory). */
export const ASSET_PREFIX: string;
export function buildWeb(options?: {
  outDir?: string;
  minify?: boolean;
}): Promise<Record<string, string>>;
