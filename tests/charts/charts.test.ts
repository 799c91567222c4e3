import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ensureChartFonts } from '../../src/charts/fonts.js';
import { renderPng } from '../../src/charts/localRenderer.js';
import { quickChartUrl } from '../../src/charts/quickchart.js';
import { createChartService } from '../../src/charts/service.js';
import { distributionChart, funnelChart, npsAxisRange, npsTrendChart, type TrendPoint } from '../../src/charts/spec.js';

/** Reads a PNG's size and decodes its pixels (8-bit RGBA, as @napi-rs/canvas writes them). */
function decodePng(png: Buffer): { width: number; height: number; pixel(x: number, y: number): [number, number, number, number] } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const [bitDepth, colorType] = [png[24], png[25]];
  expect([bitDepth, colorType]).toEqual([8, 6]);
  const idat: Buffer[] = [];
  for (let off = 8; off < png.length; ) {
    const len = png.readUInt32BE(off);
    const type = png.toString('ascii', off + 4, off + 8);
    if (type === 'IDAT') idat.push(png.subarray(off + 8, off + 8 + len));
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const rows: Buffer[] = [];
  let prev = Buffer.alloc(stride);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)];
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i += 1) {
      const a = i >= 4 ? line[i - 4]! : 0;
      const b = prev[i]!;
      const c = i >= 4 ? prev[i - 4]! : 0;
      const p = a + b - c;
      const pred = filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? (Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c) : 0;
      line[i] = (line[i]! + pred) & 0xff;
    }
    rows.push(line);
    prev = line;
  }
  return { width, height, pixel: (x, y) => [rows[y]![x * 4]!, rows[y]![x * 4 + 1]!, rows[y]![x * 4 + 2]!, rows[y]![x * 4 + 3]!] };
}

const weeks: TrendPoint[] = Array.from({ length: 12 }, (_, i) => ({
  label: `${String(9 + Math.floor(i / 4)).padStart(2, '0')}/${String(1 + (i % 4) * 7).padStart(2, '0')}週`,
  value: i === 5 ? null : -10 + i * 4,
  low: i === 5 ? null : -20 + i * 4,
  high: i === 5 ? null : i * 4,
}));

describe('chart specs', () => {
  it('NPS trend keeps gaps as null and adds the interval band', () => {
    const spec = npsTrendChart(weeks, { title: 'NPS', yLabel: 'NPS' });
    expect(spec.data.labels).toHaveLength(12);
    expect(spec.data.datasets).toHaveLength(3);
    expect(spec.data.datasets[2]!.data[5]).toBeNull();
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec); // JSON only: safe to send to QuickChart
  });

  it('NPS axis spans the data with headroom, within −100…100', () => {
    expect(npsAxisRange([{ label: 'a', value: 12, low: 2, high: 22 }, { label: 'b', value: 30, low: 20, high: 40 }])).toEqual({ min: -10, max: 50, stepSize: 10 });
    expect(npsAxisRange([{ label: 'a', value: -98, low: -100, high: -90 }, { label: 'b', value: 99 }])).toEqual({ min: -100, max: 100, stepSize: 20 });
    expect(npsAxisRange([{ label: 'a', value: 50 }])).toEqual({ min: 40, max: 60, stepSize: 10 });
    expect(npsAxisRange([{ label: 'a', value: 50 }, { label: 'b', value: 51 }])).toEqual({ min: 40, max: 60, stepSize: 10 });
    expect(npsAxisRange([{ label: 'a', value: 95 }])).toEqual({ min: 80, max: 100, stepSize: 10 });
    expect(npsAxisRange([{ label: 'a', value: null }])).toEqual({ min: -100, max: 100, stepSize: 20 });
  });

  it('NPS axis bounds are whole ticks, so no label is squeezed in at an odd bound', () => {
    // The demo's fallen delivery NPS: a wide range gets 20-point ticks and bounds on multiples of 20
    // (a bound of −50 under ticks every 20 drew "−40" on top of "−50").
    const points: TrendPoint[] = [{ label: 'a', value: 56, low: 47, high: 65 }, { label: 'b', value: -25, low: -44, high: -6 }];
    expect(npsAxisRange(points)).toEqual({ min: -60, max: 80, stepSize: 20 });
    const y = npsTrendChart(points).options?.scales?.y as unknown as { min: number; max: number; ticks?: { stepSize?: number } };
    expect([y.min, y.max, y.ticks?.stepSize]).toEqual([-60, 80, 20]);
  });

  it('funnel highlights the largest drop-off; NPS distribution colours detractors, passives, promoters', () => {
    const funnel = funnelChart([{ label: '広告', reached: 100 }, { label: 'カート', reached: 30 }, { label: '購入', reached: 25 }], { highlightIndex: 1 });
    expect(funnel.data.datasets[0]!.backgroundColor).toEqual(['rgb(37, 99, 235)', 'rgb(220, 38, 38)', 'rgb(37, 99, 235)']);
    const dist = distributionChart([{ score: 6, count: 1 }, { score: 7, count: 2 }, { score: 9, count: 3 }], { metric: 'nps' });
    expect(dist.data.datasets[0]!.backgroundColor).toEqual(['rgb(220, 38, 38)', 'rgb(148, 163, 184)', 'rgb(22, 163, 74)']);
  });
});

describe('local PNG rendering', () => {
  it('ships a font with Japanese glyphs', () => {
    expect(ensureChartFonts()).toBe(true);
  });

  it('renders a real PNG of the requested size with a white background and the data drawn', () => {
    const png = renderPng(npsTrendChart(weeks, { title: 'オンライン購入 › チェックアウト NPS' }), { width: 800, height: 400 });
    const img = decodePng(png);
    expect([img.width, img.height]).toEqual([800, 400]);
    expect(img.pixel(2, 2)).toEqual([255, 255, 255, 255]);
    // Somewhere in the plot the line's blue is drawn.
    let blue = 0;
    for (let x = 0; x < 800; x += 2) for (let y = 0; y < 400; y += 2) {
      const [r, g, b] = img.pixel(x, y);
      if (r < 80 && g > 80 && g < 130 && b > 200) blue += 1;
    }
    expect(blue).toBeGreaterThan(100);
  });

  it('draws different Japanese words differently (no tofu boxes)', () => {
    // Missing glyphs all render as the same box: two different titles of the same length would
    // then give identical images. With real glyphs they differ.
    const render = (title: string) => renderPng(funnelChart([{ label: 'カート', reached: 10 }], { title }), { width: 400, height: 200 });
    expect(render('購入手続き').equals(render('配送状況確認'.slice(0, 5)))).toBe(false);
    expect(render('購入手続き').equals(render('購入手続き'))).toBe(true);
  });

  it('does not mutate the spec it is given', () => {
    const spec = distributionChart([{ score: 1, count: 2 }]);
    const before = JSON.stringify(spec);
    renderPng(spec, { width: 300, height: 150 });
    expect(JSON.stringify(spec)).toBe(before);
  });
});

describe('QuickChart URL', () => {
  it('targets QUICKCHART_URL with Chart.js v4 and carries the Japanese labels', () => {
    const url = new URL(quickChartUrl(npsTrendChart(weeks, { title: 'NPS 推移' }), 'http://charts.internal:3400', { width: 800, height: 400 }));
    expect(url.origin).toBe('http://charts.internal:3400');
    expect(url.pathname).toBe('/chart');
    expect(url.searchParams.get('v')).toBe('4');
    expect(url.searchParams.get('w')).toBe('800');
    // quickchart-js writes the config as a JavaScript object literal, not strict JSON.
    const config = url.searchParams.get('c') ?? '';
    expect(config).toContain('09/01週');
    expect(config).toContain('NPS 推移');
    expect(config).toMatch(/type:\s*'line'/);
  });

  it('a 12-week trend stays under the 3000-character image_url limit', () => {
    const url = quickChartUrl(npsTrendChart(weeks, { title: 'オンライン購入 › チェックアウト NPS' }), 'https://quickchart.io', { width: 800, height: 400 });
    expect(url.length).toBeLessThanOrEqual(3000);
  });
});

describe('ChartService', () => {
  const spec = funnelChart([{ label: 'a', reached: 1 }]);
  const meta = { title: 'Funnel', altText: 'Funnel of a' };
  it('quickchart mode gives a URL, local mode a PNG, off mode nothing', async () => {
    const q = await createChartService({ CHART_MODE: 'quickchart', QUICKCHART_URL: 'https://quickchart.io' }).render(spec, meta);
    expect(q).toMatchObject({ kind: 'url', title: 'Funnel', altText: 'Funnel of a' });
    const l = await createChartService({ CHART_MODE: 'local', QUICKCHART_URL: 'https://quickchart.io' }).render(spec, meta);
    expect(l?.kind).toBe('png');
    expect(await createChartService({ CHART_MODE: 'off', QUICKCHART_URL: 'https://quickchart.io' }).render(spec, meta)).toBeNull();
  });
});

describe('QuickChart short URL for long configs', () => {
  it('asks QUICKCHART_URL for a short URL when the chart URL would pass 3000 characters, else omits the chart', async () => {
    const posted: string[] = [];
    let answer: 'ok' | 'fail' = 'ok';
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        posted.push(`${req.method ?? ''} ${req.url ?? ''} ${Buffer.concat(chunks).toString('utf8')}`);
        if (answer === 'fail') {
          res.writeHead(500);
          res.end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ success: true, url: 'http://qc.local/chart/render/zf-abc' }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const service = createChartService({ CHART_MODE: 'quickchart', QUICKCHART_URL: base });
      const many = Array.from({ length: 60 }, (_, i) => ({ label: `タッチポイント ${i}`, reached: 1000 - i }));
      const long = await service.render(funnelChart(many), { title: 't', altText: 'a' });
      expect(long).toMatchObject({ kind: 'url', url: 'http://qc.local/chart/render/zf-abc' });
      expect(posted).toHaveLength(1);
      expect(posted[0]).toMatch(/^POST \/chart\/create /);
      expect(posted[0]).toContain('タッチポイント 59');
      // A short chart needs no round trip.
      await service.render(funnelChart(many.slice(0, 2)), { title: 't', altText: 'a' });
      expect(posted).toHaveLength(1);
      answer = 'fail';
      expect(await service.render(funnelChart(many), { title: 't', altText: 'a' })).toBeNull();
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
