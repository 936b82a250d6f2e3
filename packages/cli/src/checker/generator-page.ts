/**
 * `/new` (the support-file generator page) and `/new/assets/*` (its bundle), for `serve`. The same
 * handlers, headers and policy as `/check`; the page is dist/web/new.html (made by
 * scripts/build-web.mjs). With `probe: false` (`serve --no-checker`) the page is served without
 * naming the probe, so "load what is live" reads through the browser only.
 */
import type { Routes } from "../../../lib/src/server/handler.js";
import { loadWebAssets } from "./assets.js";
import { createAssetHandler, createPageHandler, type WebAssets } from "./check-page.js";

export const GENERATOR_PATH = "/new";
export const GENERATOR_ASSET_PREFIX = "/new/assets/";

/** The tag that names the probe to the page (written by scripts/build-web.mjs). */
const PROBE_META = /<meta name="matrix-support-probe" content="[^"]*">\n?/;

export interface GeneratorPageOptions {
  /** Where the built pages live (default dist/web). */
  webDir?: string;
  /** Whether the page may load live files through `/api/check` (the checker's probe). */
  probe: boolean;
}

/** The page as served: without the probe's name when there is no probe. */
export function withoutProbe(assets: WebAssets): WebAssets {
  const html = new TextDecoder().decode(assets.html).replace(PROBE_META, "");
  return { html: new TextEncoder().encode(html), files: assets.files };
}

export function createGeneratorPage(options: GeneratorPageOptions): Routes {
  let loading: Promise<WebAssets | Error> | undefined;
  const assets = () => {
    loading ??= loadWebAssets(options.webDir, { page: "new.html", assets: "new/assets" }).then(
      (loaded) => (loaded instanceof Error || options.probe ? loaded : withoutProbe(loaded)),
    );
    return loading;
  };
  return {
    [GENERATOR_PATH]: createPageHandler(assets, { what: "The generator page", localise: false }),
    [`${GENERATOR_ASSET_PREFIX}*`]: createAssetHandler(assets, GENERATOR_ASSET_PREFIX),
  };
}
