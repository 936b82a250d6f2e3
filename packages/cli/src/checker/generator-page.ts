/**
 * `/new` (the support-file generator page) and `/new/assets/*` (its bundle), for `serve`. The same
 * handlers, headers and policy as `/check`; the page is dist/web/new.html (made by
 * scripts/build-web.mjs), rendered once per language from that template (docs/languages.md).
 * With `probe: false` (`serve --no-checker`) the page is served without naming the probe, so
 * "load what is live" reads through the browser only.
 *
 * The static copy (dist/web/new/) is rendered here too, by the build: one file per language.
 */
import type { Routes } from "../../../lib/src/server/handler.js";
import { DEFAULT_LANGUAGE, LANGUAGE_TAGS } from "../../../lib/src/server/i18n/index.js";
import { renderPageTemplate } from "../web/i18n/pages.js";
import { loadWebAssets } from "./assets.js";
import {
  codeHtml,
  createAssetHandler,
  createPageHandler,
  specLinkHtml,
  type WebAssets,
} from "./check-page.js";

export const GENERATOR_PATH = "/new";
export const GENERATOR_ASSET_PREFIX = "/new/assets/";

/** The tag that names the probe to the page (written by scripts/build-web.mjs). */
const PROBE_META = /<meta name="matrix-support-probe" content="[^"]*">\n?/;

/** The generator page's template (new.html, as built) in one language. */
export function renderGeneratorPage(
  template: string,
  tag: string,
  switchHref?: (tag: string) => string,
): string {
  return renderPageTemplate(
    template,
    tag,
    "generator",
    (strings) => ({
      path: codeHtml("/.well-known/matrix/support"),
      example: codeHtml("@alice:example.org"),
      server: codeHtml("example.org"),
      directory: codeHtml(".well-known/"),
      hash: codeHtml("#"),
      spec: specLinkHtml(strings.generator.specLink),
    }),
    switchHref,
  );
}

/**
 * Where each language's static copy lives, relative to dist/web/new/: English (the default) at
 * `index.html`, every other language at `TAG/index.html`. Links name the file, because a file://
 * URL never resolves a folder to its index.html.
 */
export function staticCopyPath(tag: string): string {
  return tag === DEFAULT_LANGUAGE ? "index.html" : `${tag}/index.html`;
}

/**
 * The static copy, one page per language. `template(up)` is the page as built with its assets'
 * URLs starting with `up` (`""` beside assets/, `"../"` one folder down); the language switch
 * links the files to each other.
 */
export function staticCopies(template: (up: string) => string): { path: string; html: string }[] {
  return LANGUAGE_TAGS.map((tag) => {
    const up = staticCopyPath(tag).includes("/") ? "../" : "";
    const html = renderGeneratorPage(template(up), tag, (to) => up + staticCopyPath(to));
    return { path: staticCopyPath(tag), html };
  });
}

export interface GeneratorPageOptions {
  /** Where the built pages live (default dist/web). */
  webDir?: string | undefined;
  /** Whether the page may load live files through `/api/check` (the checker's probe). */
  probe: boolean;
}

/** The page as served: without the probe's name when there is no probe. */
export function withoutProbe(assets: WebAssets): WebAssets {
  const html = new TextDecoder().decode(assets.html).replace(PROBE_META, "");
  return { html: new TextEncoder().encode(html), files: assets.files };
}

/**
 * The generator's routes for a default language (the config's `page.default_language`), made once
 * per default language; every set shares the assets, loaded once.
 */
export function generatorRoutes(
  options: GeneratorPageOptions,
): (defaultLanguage: string | undefined) => Routes {
  let loading: Promise<WebAssets | Error> | undefined;
  const assets = () => {
    loading ??= loadWebAssets(options.webDir, { page: "new.html", assets: "new/assets" }).then(
      (loaded) => (loaded instanceof Error || options.probe ? loaded : withoutProbe(loaded)),
    );
    return loading;
  };
  const assetHandler = createAssetHandler(assets, GENERATOR_ASSET_PREFIX);
  const byLanguage = new Map<string | undefined, Routes>();
  return (defaultLanguage) => {
    let routes = byLanguage.get(defaultLanguage);
    if (routes === undefined) {
      routes = {
        [GENERATOR_PATH]: createPageHandler(assets, {
          what: "The generator page",
          render: renderGeneratorPage,
          defaultLanguage,
        }),
        [`${GENERATOR_ASSET_PREFIX}*`]: assetHandler,
      };
      byLanguage.set(defaultLanguage, routes);
    }
    return routes;
  };
}

/** The generator's routes with English (or `defaultLanguage`) for readers who ask for none. */
export function createGeneratorPage(
  options: GeneratorPageOptions & { defaultLanguage?: string | undefined },
): Routes {
  return generatorRoutes(options)(options.defaultLanguage);
}
