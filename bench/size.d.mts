/** Types for bench/size.mjs (used by test/repo/size.test.ts). */
export declare const BUDGETS: {
  "validateSupport + pickContact": number;
  "validateSupport + pickContact + discoverSupport": number;
  installed: number;
};
export declare const BUNDLES: Record<string, string>;
export declare function bundleSize(
  source: string | undefined,
): Promise<{ minified: number; gzip: number; largest: string[] }>;
export declare function installedSize(): {
  tarball: number;
  unpacked: number;
  files: number;
  dependencies: string[];
  installed: number;
};
