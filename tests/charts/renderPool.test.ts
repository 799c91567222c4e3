import { afterAll, describe, expect, it } from 'vitest';
import { chartKey, createPngCache } from '../../src/charts/cache.js';
import { createRenderPool } from '../../src/charts/renderPool.js';
import { createChartService } from '../../src/charts/service.js';
import { funnelChart } from '../../src/charts/spec.js';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const spec = () => funnelChart([{ label: 'カート', reached: 10 }, { label: '支払い', reached: 6 }], { title: 'テスト' });
const size = { width: 400, height: 200 };

describe('chart worker pool', () => {
  const pool = createRenderPool({ threads: 1 });
  afterAll(async () => {
    await pool.close();
  });

  it('renders a PNG in a worker thread', async () => {
    const png = await pool.render(spec(), size);
    expect(png.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
    expect(png.byteLength).toBeGreaterThan(1000);
  });

  it('is what the chart service renders with when given', async () => {
    const service = createChartService({ CHART_MODE: 'local', QUICKCHART_URL: 'https://quickchart.io' }, undefined, { renderPng: (s, z) => pool.render(s, z) });
    const chart = await service.render(spec(), { title: 't', altText: 'a', size });
    expect(chart?.kind).toBe('png');
    if (chart?.kind === 'png') expect(chart.png.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
  });
});

describe('chart cache', () => {
  it('renders an identical spec once, also when asked for it concurrently', async () => {
    let renders = 0;
    const service = createChartService({ CHART_MODE: 'local', QUICKCHART_URL: 'https://quickchart.io' }, undefined, {
      renderPng: () => {
        renders += 1;
        return Promise.resolve(Buffer.concat([PNG_MAGIC, Buffer.alloc(100)]));
      },
    });
    const meta = { title: 't', altText: 'a', size };
    const [a, b] = await Promise.all([service.render(spec(), meta), service.render(spec(), meta)]);
    const c = await service.render(spec(), meta);
    expect(renders).toBe(1);
    expect(a?.kind).toBe('png');
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    await service.render(spec(), { ...meta, size: { width: 800, height: 400 } });
    expect(renders).toBe(2);
  });

  it('keys by spec and size, stays within its byte bound and does not cache failures', async () => {
    expect(chartKey(spec(), size)).toBe(chartKey(spec(), { ...size }));
    expect(chartKey(spec(), size)).not.toBe(chartKey(spec(), { width: 401, height: 200 }));
    const cache = createPngCache(250);
    for (const k of ['a', 'b', 'c']) await cache.getOrRender(k, () => Promise.resolve(Buffer.alloc(100)));
    expect(cache.size).toBe(2);
    expect(cache.bytes).toBeLessThanOrEqual(250);
    let again = 0;
    await cache.getOrRender('a', () => {
      again += 1;
      return Promise.resolve(Buffer.alloc(100));
    });
    expect(again).toBe(1); // the oldest was evicted
    await expect(cache.getOrRender('x', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await cache.getOrRender('x', () => Promise.resolve(Buffer.alloc(10)));
    expect(cache.size).toBeGreaterThan(0);
  });
});
