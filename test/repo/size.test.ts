// The library's size budgets (PRODUCT.md, issue 13), measured as bench/size.mjs prints them:
// esbuild browser bundles, minified, gzip -9; the installed size of the packed tarball.
import { describe, expect, it } from "vitest";
import { BUDGETS, BUNDLES, bundleSize, installedSize } from "../../bench/size.mjs";

describe("the library's size budgets", () => {
  for (const name of [
    "validateSupport + pickContact",
    "validateSupport + pickContact + discoverSupport",
  ] as const) {
    it(`${name} <= ${BUDGETS[name] / 1024} KB gzipped`, async () => {
      const size = await bundleSize(BUNDLES[name]);
      expect(size.gzip, `largest inputs: ${size.largest.join(", ")}`).toBeLessThanOrEqual(
        BUDGETS[name],
      );
    });
  }

  it("installs in at most 1 MB with no runtime dependency", () => {
    const size = installedSize();
    expect(size.dependencies).toEqual([]);
    expect(size.installed).toBeLessThanOrEqual(BUDGETS.installed);
  });
});
