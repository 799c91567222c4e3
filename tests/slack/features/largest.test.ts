import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logAction } from '../../../src/db/queries/actions.js';
import { insertResponses, upsertJourneyDefinition, upsertStepMetrics } from '../../../src/db/queries/ingest.js';
import { validateMessage } from '../../helpers/blockLimits.js';
import { startTestBot, type TestBot } from '../../helpers/slackBot.js';
import { NOW } from './fixture.js';
import { mrkdwnText } from './helpers.js';

/** The largest cases through the real bot: 25 touchpoints with long names, 10,000-character comments, 60 actions. */
describe('Block Kit limits on the largest cases', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ now: () => NOW, configOverrides: { CHART_MODE: 'off' } });
    const db = bot.db.db;
    const journey = await upsertJourneyDefinition(db, 'big', {
      name: '大きな & <ジャーニー>',
      description: undefined,
      touchpoints: Array.from({ length: 25 }, (_, k) => ({ key: `tp-${k + 1}`, name: `${k + 1} ${'長い名前<&>'.repeat(25)}`, channel: undefined })),
    });
    const ids = journey.touchpoints.map((t) => t.id);
    await insertResponses(
      db,
      ids.flatMap((id, k) =>
        Array.from({ length: 12 }, (_, i) => ({
          touchpointId: id,
          metric: 'nps' as const,
          score: i % 11,
          comment: `${'<b>ひどい</b> & '.repeat(700)}${i}`.slice(0, 10_000),
          respondedAt: new Date(NOW.getTime() - (2 + i) * 86_400_000).toISOString(),
          source: 'big',
          externalId: `${k}-${i}`,
        })),
      ),
    );
    await upsertStepMetrics(db, ids.map((id, k) => ({ touchpointId: id, day: '2026-03-20', reached: 10_000 - k * 100 })));
    for (let i = 0; i < 60; i++) {
      await logAction(db, { touchpointId: ids[i % 25] ?? 0, description: `${'とても長い施策の説明 <&> '.repeat(60)}`.slice(0, 1000), ownerUserId: bot.ids.userId, createdByUserId: 'U0X', now: NOW });
    }
  });
  afterAll(async () => {
    await bot?.close();
  });

  for (const text of ['big', 'list', 'touchpoint big/tp-1', 'actions all', 'actions mine', 'actions big/tp-3']) {
    it(`/journey ${text} stays within every limit`, async () => {
      const r = await bot.command(text);
      const res = await r.waitForResponse();
      const body = res.body as { text: string; blocks: KnownBlock[] };
      expect(validateMessage(body)).toEqual([]);
      expect(body.blocks.length).toBeGreaterThan(3);
      expect(mrkdwnText(res.body)).not.toMatch(/<b>|<ジャーニー>|<&>/);
    });
  }

  it('App Home stays within 100 blocks', async () => {
    bot.fake.reset();
    await bot.event({ type: 'app_home_opened', user: bot.ids.userId, channel: 'D1', tab: 'home' });
    const pub = await bot.fake.waitFor(() => bot.fake.callsTo('views.publish')[0]);
    const view = pub.body.view as { blocks: KnownBlock[] };
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(validateMessage({ text: 'home', blocks: view.blocks }, 'home')).toEqual([]);
  });
});
