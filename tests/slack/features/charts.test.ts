import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../../helpers/slackBot.js';
import { NOW, seedFixture } from './fixture.js';
import { blocksOf } from './helpers.js';

/** Charts in journey and touchpoint views: uploaded PNGs (local mode) or QuickChart URLs. */
describe('charts in views', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ now: () => NOW, configOverrides: { CHART_MODE: 'local' } });
    await seedFixture(bot.db.db);
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('uploads the funnel PNG privately and shows it as a slack_file image', async () => {
    bot.fake.reset();
    const r = await bot.command('online-purchase');
    const res = await r.waitForResponse(1, 15_000);
    const image = blocksOf(res.body).find((b) => b.type === 'image') as { slack_file?: { id: string }; alt_text?: string } | undefined;
    expect(image?.slack_file?.id).toMatch(/^F\d+$/);
    expect(image?.alt_text).toBe('Funnel of オンライン購入: 商品検索 1,000, カート 600, 決済 300, アンケート 240');
    const complete = bot.fake.callsTo('files.completeUploadExternal')[0];
    // No channel: the file stays private to the bot until a message shows it.
    expect(complete?.body.channel_id).toBeUndefined();
    const png = bot.fake.uploads.get(image?.slack_file?.id ?? '');
    expect(png?.subarray(1, 4).toString('latin1')).toBe('PNG');
    if (png && process.env.SAVE_CHARTS) writeFileSync(join(tmpdir(), 'jp-funnel.png'), png);
  });

  it('shows an identical chart again from the file it already uploaded', async () => {
    const first = await (await bot.command('online-purchase')).waitForResponse(1, 15_000);
    const uploadsBefore = bot.fake.callsTo('files.getUploadURLExternal').length;
    const again = await (await bot.command('online-purchase')).waitForResponse(1, 15_000);
    const fileOf = (body: Record<string, unknown>) => (blocksOf(body).find((b) => b.type === 'image') as { slack_file?: { id: string } } | undefined)?.slack_file?.id;
    expect(fileOf(again.body)).toBe(fileOf(first.body));
    expect(fileOf(again.body)).toMatch(/^F\d+$/);
    expect(bot.fake.callsTo('files.getUploadURLExternal')).toHaveLength(uploadsBefore);
  });

  it('shows the weekly trend and distribution charts on a touchpoint', async () => {
    bot.fake.reset();
    const r = await bot.command('touchpoint online-purchase/checkout');
    const res = await r.waitForResponse(1, 15_000);
    const images = blocksOf(res.body).filter((b) => b.type === 'image') as Array<{ slack_file?: { id: string } }>;
    expect(images.length).toBe(2);
    if (process.env.SAVE_CHARTS) images.forEach((img, i) => writeFileSync(join(tmpdir(), `jp-tp-${i}.png`), bot.fake.uploads.get(img.slack_file?.id ?? '') ?? Buffer.alloc(0)));
  });

  it('still answers, without the chart, when the upload fails', async () => {
    bot.fake.reset();
    bot.fake.failNext('files.getUploadURLExternal', { error: 'not_allowed_token_type' });
    // A chart this bot has not uploaded yet (one it has is shown from the file Slack already holds).
    const r = await bot.command('online-purchase 90d');
    const res = await r.waitForResponse(1, 15_000);
    expect(blocksOf(res.body).some((b) => b.type === 'image')).toBe(false);
    expect(JSON.stringify(res.body)).toContain('largest drop-off');
  });
});

describe('QuickChart mode', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ now: () => NOW, configOverrides: { CHART_MODE: 'quickchart', QUICKCHART_URL: 'https://charts.example.com' } });
    await seedFixture(bot.db.db);
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('puts a chart URL on the configured QuickChart host', async () => {
    const r = await bot.command('online-purchase');
    const res = await r.waitForResponse(1, 15_000);
    const image = blocksOf(res.body).find((b) => b.type === 'image') as { image_url?: string } | undefined;
    expect(image?.image_url).toMatch(/^https:\/\/charts\.example\.com\//);
    expect(bot.fake.callsTo('files.getUploadURLExternal')).toEqual([]);
  });
});
