import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { silentLogger } from '../logger.js';
import { chartKey, createPngCache } from './cache.js';
import { DEFAULT_CHART_SIZE, type RenderSize } from './size.js';
import { quickChartShortUrl, quickChartUrl } from './quickchart.js';
import type { ChartSpec } from './spec.js';

/** Slack refuses image_url values longer than this. */
const MAX_IMAGE_URL = 3000;
/** Default bound of the rendered-PNG cache (charts are tens of KB). */
export const DEFAULT_CHART_CACHE_BYTES = 16 * 1024 * 1024;

export type RenderedChart =
  | { kind: 'url'; url: string; title: string; altText: string }
  /** `key` identifies the picture (spec and size): the same key is the same PNG. */
  | { kind: 'png'; png: Buffer; key: string; title: string; altText: string };

export interface ChartService {
  readonly mode: Config['CHART_MODE'];
  /** null when charts are off or rendering failed (a message without its chart beats no message). */
  render(spec: ChartSpec, meta: { title: string; altText: string; size?: RenderSize }): Promise<RenderedChart | null>;
}

export interface ChartServiceOptions {
  /**
   * Where local PNGs are rendered. The bot passes its worker-thread pool (renderPool.ts); the
   * default renders on the caller's thread (tests, the CLI).
   */
  renderPng?: (spec: ChartSpec, size: RenderSize) => Promise<Buffer>;
  /** Bytes of rendered PNGs kept for identical charts; 0 turns the cache off. */
  cacheBytes?: number;
}

/**
 * CHART_MODE:
 * - `quickchart`: an image URL on QUICKCHART_URL; Slack fetches it (the data is in the URL).
 * - `local`: PNG rendered in-process and uploaded to Slack; no survey data goes to a third party.
 * - `off`: no charts.
 */
export function createChartService(config: Pick<Config, 'CHART_MODE' | 'QUICKCHART_URL'>, logger: Logger = silentLogger, opts: ChartServiceOptions = {}): ChartService {
  const mode = config.CHART_MODE;
  // chart.js and the canvas are loaded on the first local chart, not at start-up.
  const renderLocal = opts.renderPng ?? (async (spec: ChartSpec, size: RenderSize) => (await import('./localRenderer.js')).renderPng(spec, size));
  const cacheBytes = opts.cacheBytes ?? DEFAULT_CHART_CACHE_BYTES;
  const cache = cacheBytes > 0 ? createPngCache(cacheBytes) : null;
  const local = (key: string, spec: ChartSpec, size: RenderSize): Promise<Buffer> =>
    cache ? cache.getOrRender(key, () => renderLocal(spec, size)) : renderLocal(spec, size);
  return {
    mode,
    render: async (spec, { title, altText, size = DEFAULT_CHART_SIZE }) => {
      try {
        if (mode === 'quickchart') {
          let url = quickChartUrl(spec, config.QUICKCHART_URL, size);
          if (url.length > MAX_IMAGE_URL) url = await quickChartShortUrl(spec, config.QUICKCHART_URL, size);
          return { kind: 'url', url, title, altText };
        }
        if (mode === 'local') {
          const key = chartKey(spec, size);
          return { kind: 'png', png: await local(key, spec, size), key, title, altText };
        }
        return null;
      } catch (err) {
        logger.warn('chart rendering failed', { mode, title, err });
        return null;
      }
    },
  };
}
