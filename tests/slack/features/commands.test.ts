import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../../src/db/rows.js';
import { validateMessage } from '../../helpers/blockLimits.js';
import { ActionId, CallbackId } from '../../../src/slack/ids.js';
import { startTestBot, type TestBot } from '../../helpers/slackBot.js';
import { NOW, seedFixture, type Fixture } from './fixture.js';
import { allText, blocksOf, findElement } from './helpers.js';
import type { KnownBlock } from '@slack/types';

let bot: TestBot;
let fx: Fixture;

beforeAll(async () => {
  bot = await startTestBot({ now: () => NOW, configOverrides: { CHART_MODE: 'off' } });
  fx = await seedFixture(bot.db.db);
  bot.fake.setUser('U0JA', { locale: 'ja-JP', tz: 'Asia/Tokyo' });
});
afterAll(async () => {
  await bot?.close();
});
beforeEach(() => bot.fake.reset());

/** Runs a command and returns the body posted to its response_url, checked against Block Kit limits. */
async function run(text: string, userId?: string) {
  const r = await bot.command(text, userId ? { userId } : {});
  expect(r.status).toBe(200);
  const res = await r.waitForResponse();
  const body = res.body;
  expect(body.response_type).toBe('ephemeral');
  expect(validateMessage(body as { text: string; blocks: KnownBlock[] })).toEqual([]);
  return { body, text: allText(body) };
}

const actionCount = async () => (await queryRows<{ n: number }>(bot.db.db, sql`select count(*)::int as n from improvement_actions`))[0]?.n ?? -1;

describe('/journey list', () => {
  it('shows every journey with NPS, interval, responses, conversion and change', async () => {
    for (const text of ['', 'list', 'list 30d']) {
      const { body, text: all } = await run(text);
      // オンライン購入: n 90, 37 promoters, 30 detractors → +7.8 ≈ +8; previous 48/14 of 80 → +42.5; change −34.7 ≈ −35.
      expect(all).toContain('*オンライン購入*  `online-purchase`\n*NPS* +8 [');
      expect(all).toContain('n=90 ↓ −35 ⚑ significant');
      expect(all).toContain('*Conversion* 24% (previous 45%) · *Responses* 90');
      expect(all).toContain('*NPS* +100 · n=30\n*Conversion* — (previous —) · *Responses* 30');
      expect(body.text).toContain('2 journeys, 30d');
      expect(findElement(body, ActionId.journeyOpen)?.value).toBe(JSON.stringify({ v: 'journey', j: fx.journeys.support, p: '30d' }));
    }
  });

  it('speaks Japanese to a Japanese user, with dates in their timezone', async () => {
    const { text } = await run('list 7d', 'U0JA');
    expect(text).toContain('ジャーニー一覧');
    expect(text).toContain('直近7日間（2026年3月25日〜2026年3月31日）・本日分は集計途中');
    expect(text).toContain('*コンバージョン*');
  });

  it('still answers, in the configured defaults, when users.info fails with 500', async () => {
    bot.fake.failNext('users.info', { status: 500 }, 3);
    const { text } = await run('list 7d', 'U0NEW');
    expect(text).toContain('Journeys');
    expect(text).toContain('7d · Mar 25, 2026 – Mar 31, 2026');
    expect(bot.fake.callsTo('users.info').length).toBe(3);
  });

  it('explains a bad period', async () => {
    const { text } = await run('list 45x');
    expect(text).toContain('`45x` is not a period I know. Try one of: `7d`, `30d`');
    const tooMany = await run('list 7d 30d');
    expect(tooMany.text).toContain('I did not understand `7d 30d` after `list`');
    // The right shape with a number out of range gets the range, not "not a period".
    const zero = await run('online-purchase 0d');
    expect(zero.text).toContain('`0d` is out of range: a period is `1d` to `366d`, or `1w` to `104w`.');
    const long = await run('list 9999d');
    expect(long.text).toContain('`9999d` is out of range');
  });
});

describe('/journey <journey>', () => {
  it('shows the funnel with the largest drop-off, touchpoint NPS with markers, and buttons', async () => {
    for (const text of ['online-purchase', 'show オンライン購入', '"オンライン購入" 30d', 'ONLINE-PURCHASE']) {
      const { body, text: all } = await run(text);
      // Each drop-off beside the previous period's, which rose at every step.
      expect(all).toContain(
        '1. 商品検索: *1,000* reached\n2. カート: *600* reached · 60% converted · 40% dropped off ↑ (previous 30%)\n3. 決済: *300* reached · 50% converted · 50% dropped off ↑ (previous 28.6%)  :warning: largest drop-off  :chart_with_upwards_trend: got worse (previous 8 weeks 29%)\n4. アンケート: *240* reached · 80% converted · 20% dropped off ↑ (previous 10%)',
      );
      expect(all).toContain('*End-to-end conversion* 24% (previous 45%)');
      expect(all).toContain('• *決済* `checkout`: −20 [−47, +7] · n=40 ↓ −80 ⚑ significant');
      expect(all).toContain('• *カート* `cart`: +25 [−1, +51] · n=40 → 0');
      expect(all).toContain('• *商品検索* `search`: +50 [+19, +81] · n=10 ⚠ small sample');
      // Log action is prefilled with the touchpoint whose NPS fell significantly.
      expect(findElement(body, ActionId.journeyLogAction)?.value).toBe(JSON.stringify({ j: fx.journeys.online, t: fx.tp.checkout }));
      expect(findElement(body, ActionId.journeyShare)).toBeDefined();
      expect(findElement(body, ActionId.journeyViewTouchpoint)?.options?.length).toBe(4);
    }
  });

  it('shows a Japanese-named journey for 先月 (last month), in English and in Japanese', async () => {
    // Now is Tue 31 March 2026 (21:00 in Tokyo), so last month is February. The fixture's previous-period
    // answers sit 40–49 days back (10–19 February, at most 6 hours earlier), inside February in UTC and Tokyo:
    // checkout 28 P / 8 / 4 D = +60 (n 40), cart 20 / 10 / 10 = +25; search has none. January, the month
    // before, has nothing. The funnel was counted on 19 February: 1000 → 700 → 500 → 450, end to end 45%.
    const en = await run('オンライン購入 先月');
    expect(en.text).toContain('last-month · Feb 1, 2026 – Feb 28, 2026');
    expect(en.text).toContain('• *決済* `checkout`: +60');
    expect(en.text).toContain('• *カート* `cart`: +25');
    expect(en.text).toContain('*End-to-end conversion* 45%');
    expect(en.text).not.toContain('No journey matches');
    // Buttons carry the English spec, so they work whatever language the command was typed in.
    expect(findElement(en.body, ActionId.journeyShare)?.value).toBe(JSON.stringify({ v: 'journey', j: fx.journeys.online, p: 'last-month' }));

    const ja = await run('オンライン購入\u3000先月', 'U0JA');
    expect(ja.text).toContain('先月（2026年2月1日〜2026年2月28日）');
    expect(ja.text).not.toContain('last-month');
    expect(ja.text).toContain('• *決済* `checkout`: +60');
    expect(ja.text).not.toContain('一致するジャーニー');

    // A Japanese count out of range gets the range, quoted as typed.
    expect((await run('オンライン購入 400日')).text).toContain('`400日` is out of range');
    expect((await run('list ４００日')).text).toContain('`４００日` is out of range');
  });

  it('answers an unknown journey with suggestions, and a mistyped subcommand with the subcommand', async () => {
    const near = await run('online-purchas');
    expect(near.text).toContain('No journey matches `online-purchas`.\nDid you mean: `/journey online-purchase` (オンライン購入)');
    const typo = await run('acitons');
    expect(typo.text).toBe('There is no subcommand `acitons`. Did you mean `/journey actions`?\nThere is no subcommand `acitons`. Did you mean `/journey actions`?');
    const nothing = await run('zzzzzz');
    expect(nothing.text).toContain('No journey matches `zzzzzz`.\nTry `/journey list`');
    // A touchpoint where a journey was expected: point at `/journey touchpoint`.
    const tp = await run('online-purchase/checkout');
    expect(tp.text).toContain('No journey matches `online-purchase/checkout`.\nDid you mean: `/journey touchpoint online-purchase/checkout` (決済)');
  });
});

describe('/journey touchpoint', () => {
  it('shows trend, distribution and escaped detractor comments', async () => {
    for (const text of ['touchpoint online-purchase/checkout', 'touchpoint checkout', 'tp オンライン購入/決済 30d']) {
      const { text: all } = await run(text);
      expect(all).toContain('*NPS*\n−20 [−47, +7] · n=40');
      expect(all).toContain('*Change vs previous*\n↓ −80 ⚑ significant');
      expect(all).toContain('detractors 0–6: 20 · passives 7–8: 8 · promoters 9–10: 12');
      // Step counts stop 10 days ago: the figures and the label say so (previous: the 20 days just before).
      expect(all).toContain('*Reached* (through Mar 21, 2026)\n300 (previous 500)');
      expect(all).toMatch(/\*Score 2\* · Mar \d+, 2026\n>Payment failed &lt;again&gt; &amp; again #\d+/);
      expect(all).toContain('*Weekly NPS*');
    }
  });

  it('asks which journey when the key is in several, and suggests near misses', async () => {
    const amb = await run('touchpoint feedback');
    expect(amb.text).toContain('`feedback` exists in several journeys. Say which one: `/journey touchpoint support/feedback` (Support), `/journey touchpoint online-purchase/feedback` (オンライン購入)');
    const near = await run('touchpoint online-purchase/chekout');
    expect(near.text).toContain('Did you mean: `/journey touchpoint online-purchase/checkout` (決済)');
    const bad = await run('touchpoint online-purchase/');
    expect(bad.text).toContain('`online-purchase/` is not a touchpoint reference');
  });
});

describe('/journey log', () => {
  it('logs an action directly with its baseline NPS and confirms', async () => {
    const before = await actionCount();
    const { text } = await run('log online-purchase/checkout Simplify the card form & <retry>');
    expect(text).toContain('Logged action #');
    expect(text).toContain('on *決済* (オンライン購入): Simplify the card form &amp; &lt;retry&gt;');
    expect(text).toContain('NPS over the last 30 days: −20 (n=40)');
    expect(await actionCount()).toBe(before + 1);
    const [row] = await queryRows<{ description: string; baseline_nps: number; baseline_responses: number; created_by_user_id: string; team_id: string }>(
      bot.db.db,
      sql`select description, baseline_nps::float8 as baseline_nps, baseline_responses, created_by_user_id, team_id from improvement_actions order by id desc limit 1`,
    );
    expect(row).toEqual({ description: 'Simplify the card form & <retry>', baseline_nps: -20, baseline_responses: 40, created_by_user_id: bot.ids.userId, team_id: bot.ids.teamId });
  });

  it('refuses forged and stale requests: 401, nothing logged, no reply', async () => {
    const before = await actionCount();
    const forged = await bot.command('log online-purchase/checkout Forged', { sign: { secretOverride: 'wrong-secret' } });
    const stale = await bot.command('log online-purchase/checkout Stale', { sign: { timestamp: Math.floor(Date.now() / 1000) - 600 } });
    const future = await bot.command('log online-purchase/checkout Future', { sign: { timestamp: Math.floor(Date.now() / 1000) + 600 } });
    expect([forged.status, stale.status, future.status]).toEqual([401, 401, 401]);
    await new Promise((res) => setTimeout(res, 100));
    expect(await actionCount()).toBe(before);
    expect([...forged.responses(), ...stale.responses(), ...future.responses()]).toEqual([]);
  });

  it('writes nothing for an unknown touchpoint or a missing description', async () => {
    const before = await actionCount();
    expect((await run('log online-purchase/nope Do things')).text).toContain('No touchpoint matches `online-purchase/nope`');
    expect((await run('log online-purchase/checkout')).text).toContain('What will be done?');
    expect((await run(`log online-purchase/checkout ${'x'.repeat(1001)}`)).text).toContain('too long (1000 characters at most)');
    expect(await actionCount()).toBe(before);
  });

  it('opens the modal with touchpoints grouped by journey when given nothing', async () => {
    const r = await bot.command('log', { triggerId: 'trig-123' });
    expect(r.status).toBe(200);
    const call = await bot.fake.waitFor(() => bot.fake.callsTo('views.open')[0]);
    expect(call.body.trigger_id).toBe('trig-123');
    const view = call.body.view as { callback_id: string; blocks: Array<{ element?: { option_groups?: Array<{ label: { text: string }; options: unknown[] }> } }>; private_metadata: string };
    expect(view.callback_id).toBe(CallbackId.logAction);
    const groups = view.blocks[0]?.element?.option_groups ?? [];
    expect(groups.map((g) => [g.label.text, g.options.length])).toEqual([['Support', 3], ['オンライン購入', 4]]);
    expect(JSON.parse(view.private_metadata)).toEqual({ c: bot.ids.channelId });
    await new Promise((res) => setTimeout(res, 50));
    expect(r.responses()).toEqual([]);
  });

  it('opens the modal before the 3-second trigger_id expires even when users.info hangs', async () => {
    bot.fake.failNext('users.info', { delayMs: 4_000 });
    await bot.command('log', { triggerId: 'trig-slow', userId: 'U0SLOWCMD' });
    // Upper bound only: trigger_id is valid for 3 s after the command.
    const call = await bot.fake.waitFor(() => bot.fake.callsTo('views.open')[0], 2_500);
    expect(call.body.trigger_id).toBe('trig-slow');
    expect(bot.fake.callsTo('users.info').map((c) => c.body.user)).toContain('U0SLOWCMD');
  });

  it('says so when Slack refuses to open the modal', async () => {
    bot.fake.failNext('views.open', { error: 'expired_trigger_id' });
    const { text } = await run('log');
    expect(text).toContain('I could not open the form (Slack said: expired_trigger_id)');
  });
});

describe('/journey actions', () => {
  it('lists actions with owner, due date, overdue mark, impact and buttons by filter', async () => {
    await queryRows(
      bot.db.db,
      sql`insert into improvement_actions (touchpoint_id, description, owner_user_id, due_date, status, created_by_user_id, baseline_nps, baseline_responses, created_at)
          values (${fx.tp.cart}, 'Shorter cart page', ${bot.ids.userId}, '2026-03-01', 'in_progress', 'U0BOB', 10, 40, '2026-03-20T00:00:00Z'),
                 (${fx.tp.contact}, 'Done thing', null, null, 'done', 'U0BOB', null, 0, '2026-03-01T00:00:00Z')`,
    );
    const mine = await run('actions mine');
    // Cart answers since Mar 20 00:00 UTC (11.5 days back): those 5–11.25 days old, i.e. i % 10 ≤ 6 of i = 0…39:
    // 28 answers, 14 promoters (i < 20), 7 passives, 7 detractors (i ≥ 30) → +25, vs the stored +10 → +15.
    expect(mine.text).toContain('*Shorter cart page*\nカート · オンライン購入 · in progress · owner <@U0ALICE> · due Mar 1, 2026 :alarm_clock: *overdue*');
    // 28 answers since: too few to claim a change.
    expect(mine.text).toContain('NPS when logged +10 (n=40) → since +25 (n=28) (too few answers to judge yet: 28 since, 30 needed)');
    expect(findElement(mine.body, ActionId.actionComplete)).toBeDefined();
    expect(findElement(mine.body, ActionId.actionStart)).toBeUndefined();

    const done = await run('actions done');
    expect(done.text).toContain('*Done thing*\nContact us · Support · done · owner unassigned · due not set');
    expect(findElement(done.body, ActionId.actionReopen)?.value).toMatch(/"from":"done"/);

    const byTp = await run('actions support/contact');
    expect(byTp.text).toContain('Actions: Contact us · Support');
    expect(byTp.text).toContain('Done thing');
    expect(byTp.text).not.toContain('Shorter cart page');

    const unknown = await run('actions support/nope');
    expect(unknown.text).toContain('No touchpoint matches `support/nope`');
  });
});

describe('help, absurd input and extensions', () => {
  it('lists every subcommand with examples', async () => {
    const { text } = await run('help');
    for (const s of ['`/journey` or `/journey list [period]`', '`/journey <journey> [period]`', '`/journey touchpoint', '`/journey log', '`/journey actions', '`/journey help`', '`this-week`']) {
      expect(text).toContain(s);
    }
  });

  it('answers absurd input briefly', async () => {
    expect((await run('x'.repeat(5000))).text).toContain('longer than any `/journey` command needs');
    expect((await run('show a\u0007b')).text).toContain('invisible control characters');
    expect((await run('show "unclosed')).text).toContain('A quote is not closed');
    expect((await run('show')).text).toContain('Which journey?');
  });

  it('routes subcommands registered by other features and lists them in help', async () => {
    const seen: string[] = [];
    bot.slack.context.subcommands.add({
      name: 'testext',
      handler: async (ctx) => {
        seen.push(ctx.args);
        await ctx.respond({ response_type: 'ephemeral', text: `ext ${ctx.locale} ${ctx.timezone}` });
      },
      help: { en: '`/journey testext` – test', ja: '`/journey testext` – テスト' },
    });
    const r = await bot.command('testext a b');
    const res = await r.waitForResponse();
    expect(res.body.text).toBe('ext en America/Los_Angeles');
    expect(seen).toEqual(['a b']);
    expect((await run('help')).text).toContain('`/journey testext` – test');
  });

  it('keeps the message fallback text short and plain', async () => {
    const { body } = await run('online-purchase');
    expect(typeof body.text).toBe('string');
    expect(blocksOf(body).length).toBeLessThanOrEqual(50);
  });
});
