import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createChartService } from '../../src/charts/service.js';
import { funnelChart } from '../../src/charts/spec.js';
import { silentLogger } from '../../src/logger.js';
import { section } from '../../src/slack/kit/blocks.js';
import { chartBlock, sendWithChartFallback } from '../../src/slack/charts.js';
import { createWebClient } from '../../src/slack/web.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fakeSlack.js';

describe('chart delivery', () => {
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => fake.reset());
  const web = () => createWebClient({ SLACK_API_URL: fake.apiUrl, SLACK_BOT_TOKEN: 'xoxb-t' }, { retries: 'interactive', overrides: { retryConfig: { retries: 0 } } });
  const spec = funnelChart([{ label: '広告', reached: 100 }, { label: '購入', reached: 20 }], { title: 'オンライン購入' });
  const meta = { title: 'オンライン購入 funnel', altText: 'Funnel: 広告 100, 購入 20' };

  it('local PNG: uploads privately (no channel) and references the file with slack_file', async () => {
    const chart = await createChartService({ CHART_MODE: 'local', QUICKCHART_URL: 'https://quickchart.io' }).render(spec, meta);
    const block = await chartBlock(web(), chart, { logger: silentLogger, blockId: 'chart' });
    const [getUrl] = fake.callsTo('files.getUploadURLExternal');
    const [complete] = fake.callsTo('files.completeUploadExternal');
    expect(getUrl?.body).toMatchObject({ filename: 'chart.png', alt_text: meta.altText });
    expect(complete?.body.channel_id).toBeUndefined();
    expect(complete?.body.channels).toBeUndefined();
    const fileId = String(getUrl && (complete?.body.files as { id: string }[])[0]?.id);
    expect(block).toEqual({ type: 'image', slack_file: { id: fileId }, alt_text: meta.altText, title: { type: 'plain_text', text: meta.title, emoji: true }, block_id: 'chart' });
    // The bytes Slack received are the PNG we rendered.
    expect(chart?.kind).toBe('png');
    expect(fake.uploads.get(fileId)?.equals(chart?.kind === 'png' ? chart.png : Buffer.alloc(0))).toBe(true);
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it('QuickChart: an image_url block, no Slack call', async () => {
    const chart = await createChartService({ CHART_MODE: 'quickchart', QUICKCHART_URL: 'https://quickchart.io' }).render(spec, meta);
    const block = await chartBlock(web(), chart, { logger: silentLogger });
    expect(block).toMatchObject({ type: 'image', alt_text: meta.altText });
    expect((block as { image_url?: string }).image_url).toMatch(/^https:\/\/quickchart\.io\/chart\?/);
    expect(fake.calls).toEqual([]);
  });

  it('omits the chart when the upload fails or the URL is too long, or charts are off', async () => {
    const chart = await createChartService({ CHART_MODE: 'local', QUICKCHART_URL: 'https://quickchart.io' }).render(spec, meta);
    fake.failNext('files.getUploadURLExternal', { error: 'missing_scope' });
    expect(await chartBlock(web(), chart, { logger: silentLogger })).toBeNull();
    expect(await chartBlock(web(), { kind: 'url', url: `https://q/${'a'.repeat(3000)}`, title: 't', altText: 'a' }, { logger: silentLogger })).toBeNull();
    expect(await chartBlock(web(), null, { logger: silentLogger })).toBeNull();
  });

  it('resends without the image when Slack refuses the image block', async () => {
    const client = web();
    fake.failNext('chat.postMessage', { error: 'invalid_blocks' });
    const blocks: KnownBlock[] = [section('NPS 42'), { type: 'image', slack_file: { id: 'F000000001' }, alt_text: 'chart' }];
    const res = await sendWithChartFallback({ text: 'NPS', blocks }, (m) => client.chat.postMessage({ channel: 'C1', text: m.text, blocks: m.blocks }), { note: section('_chart unavailable_') });
    expect(res.ok).toBe(true);
    const calls = fake.callsTo('chat.postMessage');
    expect(calls).toHaveLength(2);
    expect((calls[1]?.body.blocks as KnownBlock[]).map((b) => b.type)).toEqual(['section', 'section']);
  });

  it('does not hide other errors', async () => {
    const client = web();
    fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    const blocks: KnownBlock[] = [{ type: 'image', image_url: 'https://q/c.png', alt_text: 'chart' }];
    await expect(sendWithChartFallback({ text: 'x', blocks }, (m) => client.chat.postMessage({ channel: 'C1', text: m.text, blocks: m.blocks }))).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
  });
});
