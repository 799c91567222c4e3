import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { Chart, registerables, type Plugin } from 'chart.js';
import { CHART_FONT_FAMILY, ensureChartFonts } from './fonts.js';
import { DEFAULT_CHART_SIZE, type RenderSize } from './size.js';
import type { ChartSpec } from './spec.js';

export type { RenderSize } from './size.js';

Chart.register(...registerables);


// Slack shows transparent PNGs on a dark background in dark mode; paint white first.
const whiteBackground: Plugin = {
  id: 'jpWhiteBackground',
  beforeDraw: (chart) => {
    // Chart.js types its context with DOM types we do not load; on this platform it is Skia's.
    const ctx = chart.ctx as unknown as SKRSContext2D;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

/** Renders a spec to PNG in-process (chart.js on @napi-rs/canvas): no survey data leaves the machine. */
export function renderPng(spec: ChartSpec, size: RenderSize = DEFAULT_CHART_SIZE): Buffer {
  ensureChartFonts();
  Chart.defaults.font.family = CHART_FONT_FAMILY;
  Chart.defaults.color = '#1f2937';
  const canvas = createCanvas(size.width, size.height);
  // A deep copy: Chart.js mutates the config it is given, and builders' specs may be reused.
  const config = structuredClone(spec);
  config.options = { ...config.options, responsive: false, animation: false, devicePixelRatio: 1 };
  config.plugins = [...(config.plugins ?? []), whiteBackground];
  const chart = new Chart(canvas, config);
  try {
    return canvas.toBuffer('image/png');
  } finally {
    chart.destroy();
  }
}
