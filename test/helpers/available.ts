/**
 * Whether a binary (or a built file) that a test needs is here. On a contributor's laptop a
 * missing one skips its tests; in CI (`CI` set) it is a failure, because `.ci/run` installs
 * everything and a silent skip would hide lost coverage.
 */
import { existsSync } from "node:fs";

export function available(path: string, installedBy = ".ci/run"): boolean {
  if (existsSync(path)) return true;
  if (process.env.CI)
    throw new Error(
      `${path} is missing, and CI must not skip its tests (installed by ${installedBy})`,
    );
  return false;
}
