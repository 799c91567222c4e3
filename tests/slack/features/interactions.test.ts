import { sql } from 'drizzle-orm';
import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../../src/db/rows.js';
import { logAction } from '../../../src/db/queries/actions.js';
import { validateMessage } from '../../helpers/blockLimits.js';
import { ActionId, BlockId, CallbackId } from '../../../src/slack/ids.js';
import { startTestBot, type TestBot } from '../../helpers/slackBot.js';
import { postSigned, signRequest, viewSubmissionPayload } from '../../helpers/slackRequests.js';
import { NOW, seedFixture, type Fixture } from './fixture.js';
import { allText, blocksOf, findElement } from './helpers.js';

let bot: TestBot;
let fx: Fixture;

beforeAll(async () => {
  bot = await startTestBot({ now: () => NOW, configOverrides: { CHART_MODE: 'off' } });
  fx = await seedFixture(bot.db.db);
});
afterAll(async () => {
  await bot?.close();
});
beforeEach(() => bot.fake.reset());

const v = (x: unknown) => JSON.stringify(x);
const statusOf = async (id: number) => (await queryRows<{ status: string }>(bot.db.db, sql`select status from improvement_actions where id = ${id}`))[0]?.status;

describe('view buttons', () => {
  it('switches the period by replacing the ephemeral message', async () => {
    const r = await bot.action({ actionId: `${ActionId.journeyPeriod}:7d`, value: v({ v: 'journey', j: fx.journeys.online, p: '7d' }) });
    expect(r.status).toBe(200);
    const res = await r.waitForResponse();
    expect(res.body.replace_original).toBe(true);
    expect(res.body.response_type).toBe('ephemeral');
    expect(validateMessage(res.body as { text: string; blocks: KnownBlock[] })).toEqual([]);
    const text = allText(res.body);
    expect(text).toContain('7d · Mar 25, 2026 – Mar 31, 2026');
    // 7 days back from Mar 31 (LA time) holds only the answers 5–6 days old: fewer than in 30d.
    expect(text).not.toContain('n=40 ↓ −80');
    expect(findElement(res.body, `${ActionId.journeyPeriod}`)).toBeDefined();
  });

  it('opens a journey from the list and a touchpoint from the picker', async () => {
    const open = await bot.action({ actionId: ActionId.journeyOpen, value: v({ v: 'journey', j: fx.journeys.support, p: '30d' }) });
    expect(allText((await open.waitForResponse()).body)).toContain('• *Contact us* `contact`: +100 · n=30');
    const pick = await bot.action({ actionId: ActionId.journeyViewTouchpoint, selectedOption: v({ v: 'touchpoint', t: fx.tp.checkout, p: '30d' }) });
    const res = await pick.waitForResponse();
    expect(res.body.replace_original).toBe(true);
    expect(allText(res.body)).toContain('*NPS*\n−20 [−47, +7] · n=40');
  });

  it('refuses tampered or stale values without changing anything', async () => {
    for (const value of ['not json', v({ v: 'journey', j: 'x', p: '7d' }), v({ v: 'journey', j: 1 }), v({ v: 'nope', p: '7d' })]) {
      const r = await bot.action({ actionId: `${ActionId.journeyPeriod}:7d`, value });
      const res = await r.waitForResponse();
      expect(res.body.replace_original).toBe(false);
      expect(res.body.text).toBe('That button is out of date. Run the command again to get a fresh view.');
    }
    const gone = await bot.action({ actionId: ActionId.journeyOpen, value: v({ v: 'journey', j: 999999, p: '30d' }) });
    expect((await gone.waitForResponse()).body.text).toContain('out of date');
    const badPeriod = await bot.action({ actionId: `${ActionId.journeyPeriod}:7d`, value: v({ v: 'list', p: '1000y' }) });
    expect((await badPeriod.waitForResponse()).body.text).toContain('is not a period I know');
  });
});

describe('Share to channel', () => {
  it('posts the view in the channel, says who shared it, and leaves out private buttons', async () => {
    const r = await bot.action({ actionId: ActionId.journeyShare, value: v({ v: 'journey', j: fx.journeys.online, p: '30d' }) });
    expect(r.status).toBe(200);
    const post = await bot.fake.waitFor(() => bot.fake.callsTo('chat.postMessage')[0]);
    expect(post.body.channel).toBe(bot.ids.channelId);
    const text = allText(post.body);
    expect(text).toContain('Shared by <@U0ALICE>');
    expect(text).toContain('3. 決済: *300* reached · 50% converted · 50% dropped off ↑ (previous 28.6%)  :warning: largest drop-off');
    expect(blocksOf(post.body).some((b) => b.type === 'actions')).toBe(false);
    expect(validateMessage(post.body as { text: string; blocks: KnownBlock[] })).toEqual([]);
    await new Promise((res) => setTimeout(res, 50));
    expect(r.responses()).toEqual([]);
  });

  it('explains when the bot is not in the channel', async () => {
    bot.fake.failNext('chat.postMessage', { error: 'not_in_channel' });
    const r = await bot.action({ actionId: ActionId.journeyShare, value: v({ v: 'list', p: '30d' }) });
    const res = await r.waitForResponse();
    expect(res.body.text).toContain('I could not post in this channel. Invite me');
  });

  it('retries through a 429 and succeeds', async () => {
    bot.fake.failNext('chat.postMessage', { status: 429, retryAfter: 0 });
    await bot.action({ actionId: ActionId.journeyShare, value: v({ v: 'list', p: '30d' }) });
    await bot.fake.waitFor(() => bot.fake.callsTo('chat.postMessage').length >= 2);
    const calls = bot.fake.callsTo('chat.postMessage');
    expect(calls.length).toBe(2);
    expect(allText(calls[1]?.body ?? {})).toContain('Shared by <@U0ALICE>');
  });

  it('tells the user when Slack keeps answering 500', async () => {
    bot.fake.failNext('chat.postMessage', { status: 500 }, 5);
    const r = await bot.action({ actionId: ActionId.journeyShare, value: v({ v: 'list', p: '30d' }) });
    const res = await r.waitForResponse(1, 15_000);
    expect(res.body.text).toContain('Slack did not answer in time');
    expect(bot.fake.callsTo('chat.postMessage').length).toBe(3);
  });
});

describe('action buttons', () => {
  /** The value of the first `actionId` button in the section group of the action described `description`. */
  const buttonFor = (body: Record<string, unknown>, description: string, actionId: string): string | undefined => {
    const blocks = blocksOf(body);
    const at = blocks.findIndex((b) => b.type === 'section' && JSON.stringify(b).includes(`*${description}*`));
    return blocks[at + 1]?.elements?.find((e) => e.action_id === actionId)?.value;
  };
  const contextText = (body: Record<string, unknown>) => blocksOf(body).filter((b) => b.type === 'context').map((b) => JSON.stringify(b)).join('\n');

  it('updates the ephemeral actions list in place with the new status and a confirmation line', async () => {
    const a = await logAction(bot.db.db, { touchpointId: fx.tp.feedback, description: 'In place', createdByUserId: 'U0ALICE', now: NOW });
    const list = await (await bot.command('actions online-purchase/feedback')).waitForResponse();
    const startValue = buttonFor(list.body, 'In place', ActionId.actionStart);
    expect(JSON.parse(startValue ?? '{}')).toEqual({ a: a.id, from: 'open', r: { v: 'actions', f: 'touchpoint', t: fx.tp.feedback } });

    const start = await bot.action({ actionId: ActionId.actionStart, value: startValue });
    const started = await start.waitForResponse();
    expect(start.responses()).toHaveLength(1);
    expect(started.body).toMatchObject({ replace_original: true, response_type: 'ephemeral' });
    expect(validateMessage(started.body as { text: string; blocks: KnownBlock[] })).toEqual([]);
    expect(contextText(started.body)).toContain(':white_check_mark: Action “In place” is now *in progress*.');
    expect(allText(started.body)).toContain('*In place*\nアンケート · オンライン購入 · in progress · owner');
    expect(allText(started.body)).toContain('Actions: アンケート · オンライン購入');
    expect(await statusOf(a.id)).toBe('in_progress');
    // The replaced list's buttons move on from the new status and still know their list.
    const completeValue = buttonFor(started.body, 'In place', ActionId.actionComplete);
    expect(JSON.parse(completeValue ?? '{}')).toEqual({ a: a.id, from: 'in_progress', r: { v: 'actions', f: 'touchpoint', t: fx.tp.feedback } });
    expect(buttonFor(started.body, 'In place', ActionId.actionStart)).toBeUndefined();

    // The old Start button again: someone already changed it. The list is shown as it now is.
    const stale = await bot.action({ actionId: ActionId.actionStart, value: startValue });
    const staleRes = await stale.waitForResponse();
    expect(staleRes.body.replace_original).toBe(true);
    expect(contextText(staleRes.body)).toContain('Someone already changed this action: it is now *in progress*. Nothing was changed.');
    expect(await statusOf(a.id)).toBe('in_progress');

    const complete = await (await bot.action({ actionId: ActionId.actionComplete, value: completeValue })).waitForResponse();
    expect(complete.body.replace_original).toBe(true);
    expect(contextText(complete.body)).toContain('is now *done*');
    expect(allText(complete.body)).toContain('*In place*\nアンケート · オンライン購入 · done · owner');
    expect(await statusOf(a.id)).toBe('done');
    const [row] = await queryRows<{ completed_at: string | null }>(bot.db.db, sql`select completed_at::text from improvement_actions where id = ${a.id}`);
    expect(row?.completed_at).not.toBeNull();

    const reopenValue = buttonFor(complete.body, 'In place', ActionId.actionReopen);
    const reopen = await (await bot.action({ actionId: ActionId.actionReopen, value: reopenValue })).waitForResponse();
    expect(reopen.body.replace_original).toBe(true);
    expect(contextText(reopen.body)).toContain('is now *open*');
    expect(await statusOf(a.id)).toBe('open');
  });

  it('keeps an undo button when the action leaves the list (completed in "open actions")', async () => {
    const a = await logAction(bot.db.db, { touchpointId: fx.tp.search, description: 'Leaves the list', createdByUserId: 'U0ALICE', now: NOW });
    const list = await (await bot.command('actions open')).waitForResponse();
    const completeValue = buttonFor(list.body, 'Leaves the list', ActionId.actionComplete);
    const res = await (await bot.action({ actionId: ActionId.actionComplete, value: completeValue })).waitForResponse();
    expect(res.body.replace_original).toBe(true);
    expect(allText(res.body)).not.toContain('*Leaves the list*');
    const blocks = blocksOf(res.body);
    expect(blocks[0]?.type).toBe('header');
    expect(JSON.stringify(blocks[1])).toContain('Action “Leaves the list” is now *done*.');
    expect(blocks[2]?.elements?.map((e) => [e.action_id, e.value])).toEqual([[ActionId.actionReopen, v({ a: a.id, from: 'done', r: { v: 'actions', f: 'open' } })]]);
  });

  it('updates a message posted in a channel with chat.update', async () => {
    const a = await logAction(bot.db.db, { touchpointId: fx.tp.resolution, description: 'In channel', createdByUserId: 'U0ALICE', now: NOW });
    const value = v({ a: a.id, from: 'open', r: { v: 'actions', f: 'touchpoint', t: fx.tp.resolution } });
    const r = await bot.action({ actionId: ActionId.actionStart, value, container: { type: 'message', messageTs: '1700000000.000200', isEphemeral: false } });
    const update = await bot.fake.waitFor(() => bot.fake.callsTo('chat.update')[0]);
    expect(update.body).toMatchObject({ channel: bot.ids.channelId, ts: '1700000000.000200' });
    expect(contextText(update.body)).toContain('Action “In channel” is now *in progress*.');
    expect(allText(update.body)).toContain('*In channel*\nResolution · Support · in progress');
    expect(await statusOf(a.id)).toBe('in_progress');
    await new Promise((res) => setTimeout(res, 50));
    expect(r.responses()).toEqual([]);
  });

  it('answers buttons rendered before they carried their list with a message of its own', async () => {
    const a = await logAction(bot.db.db, { touchpointId: fx.tp.cart, description: 'Shorter cart', createdByUserId: 'U0ALICE', now: NOW });
    const start = await bot.action({ actionId: ActionId.actionStart, value: v({ a: a.id, from: 'open' }) });
    const started = await start.waitForResponse();
    expect(started.body.replace_original).toBe(false);
    expect(started.body.text).toBe(':white_check_mark: Action “Shorter cart” is now *in progress*.');
    expect(await statusOf(a.id)).toBe('in_progress');
    expect(findElement(started.body, ActionId.actionComplete)?.value).toBe(v({ a: a.id, from: 'in_progress' }));
  });

  it('refuses tampered values', async () => {
    const a = await logAction(bot.db.db, { touchpointId: fx.tp.cart, description: 'Tamper target', createdByUserId: 'U0ALICE', now: NOW });
    // Reopen claims "from open": no button we render says that.
    const forged = await bot.action({ actionId: ActionId.actionReopen, value: v({ a: a.id, from: 'open' }) });
    expect((await forged.waitForResponse()).body.text).toContain('out of date');
    const missing = await bot.action({ actionId: ActionId.actionComplete, value: v({ a: 987654, from: 'open' }) });
    expect((await missing.waitForResponse()).body.text).toBe('That action no longer exists.');
    const junk = await bot.action({ actionId: ActionId.actionComplete, value: '{"a":-1,"from":"open"}' });
    expect((await junk.waitForResponse()).body.text).toContain('out of date');
    expect(await statusOf(a.id)).toBe('open');
  });

  it('Log action opens the modal prefilled with the touchpoint', async () => {
    await bot.action({ actionId: ActionId.journeyLogAction, value: v({ j: fx.journeys.online, t: fx.tp.checkout }), triggerId: 'trig-log' });
    const call = await bot.fake.waitFor(() => bot.fake.callsTo('views.open')[0]);
    expect(call.body.trigger_id).toBe('trig-log');
    const view = call.body.view as { blocks: Array<{ element?: { initial_option?: { value: string; text: { text: string } } } }> };
    expect(view.blocks[0]?.element?.initial_option).toMatchObject({ value: String(fx.tp.checkout), text: { text: '決済 (checkout)' } });
  });

  it('Log action opens the modal before trigger_id expires even when users.info hangs', async () => {
    bot.fake.failNext('users.info', { delayMs: 4_000 });
    await bot.action({ actionId: ActionId.journeyLogAction, value: v({ t: fx.tp.checkout }), triggerId: 'trig-slow', userId: 'U0SLOWBTN' });
    // Upper bound only: trigger_id is valid for 3 s after the click.
    const call = await bot.fake.waitFor(() => bot.fake.callsTo('views.open')[0], 2_500);
    expect(call.body.trigger_id).toBe('trig-slow');
    expect(bot.fake.callsTo('users.info').map((c) => c.body.user)).toContain('U0SLOWBTN');
  });

  it('Log action with a tampered touchpoint opens the modal without a prefill', async () => {
    await bot.action({ actionId: ActionId.journeyLogAction, value: v({ t: 424242 }) });
    const call = await bot.fake.waitFor(() => bot.fake.callsTo('views.open')[0]);
    const view = call.body.view as { blocks: Array<{ element?: { initial_option?: unknown } }> };
    expect(view.blocks[0]?.element?.initial_option).toBeUndefined();
  });
});

describe('touchpoint picker options (external select past 100 touchpoints)', () => {
  it('answers a block_suggestion with matching touchpoints grouped by journey', async () => {
    const payload = {
      type: 'block_suggestion',
      user: { id: bot.ids.userId, team_id: bot.ids.teamId },
      team: { id: bot.ids.teamId, domain: 'x' },
      api_app_id: bot.ids.appId,
      action_id: ActionId.logTouchpointSelect,
      block_id: BlockId.logTouchpoint,
      value: '決済',
      view: { id: 'V1', type: 'modal', callback_id: CallbackId.logAction },
    };
    const res = await postSigned(bot.baseUrl, bot.secret, `payload=${encodeURIComponent(JSON.stringify(payload))}`, 'application/x-www-form-urlencoded');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      option_groups: [{ label: { type: 'plain_text', text: 'オンライン購入', emoji: true }, options: [{ text: { type: 'plain_text', text: '決済 (checkout)', emoji: true }, value: String(fx.tp.checkout) }] }],
    });
  });
});

describe('log action modal submission', () => {
  const values = (o: { tp?: number | null; description?: string; owner?: string | null; due?: string | null }) => ({
    [BlockId.logTouchpoint]: { [ActionId.logTouchpointSelect]: { type: 'static_select', selected_option: o.tp ? { value: String(o.tp), text: { type: 'plain_text', text: 'x' } } : null } },
    [BlockId.logDescription]: { [ActionId.logDescriptionInput]: { type: 'plain_text_input', value: o.description ?? null } },
    [BlockId.logOwner]: { [ActionId.logOwnerSelect]: { type: 'users_select', selected_user: o.owner ?? null } },
    [BlockId.logDue]: { [ActionId.logDueDate]: { type: 'datepicker', selected_date: o.due ?? null } },
  });
  const count = async () => (await queryRows<{ n: number }>(bot.db.db, sql`select count(*)::int as n from improvement_actions where description like 'Modal %'`))[0]?.n;

  it('shows field errors inline and saves nothing', async () => {
    const res = await bot.submit({ callbackId: CallbackId.logAction, values: values({ tp: null, description: '   ', due: '2026-03-01' }), privateMetadata: v({ c: 'C0CX' }) });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      response_action: 'errors',
      errors: {
        [BlockId.logTouchpoint]: 'Choose a touchpoint.',
        [BlockId.logDescription]: 'Describe what will be done (1 to 1000 characters).',
        [BlockId.logDue]: 'The due date is in the past. Pick today or later.',
      },
    });
    const gone = await bot.submit({ callbackId: CallbackId.logAction, values: values({ tp: 424242, description: 'Modal gone' }) });
    expect(gone.json).toEqual({ response_action: 'errors', errors: { [BlockId.logTouchpoint]: 'That touchpoint no longer exists. Choose another.' } });
    expect(await count()).toBe(0);
  });

  it('saves a valid submission and confirms in the channel', async () => {
    // The user is in Los Angeles, where it is still Mar 31 at 05:00: today is a valid due date.
    const res = await bot.submit({
      callbackId: CallbackId.logAction,
      values: values({ tp: fx.tp.checkout, description: 'Modal: fix <card> form', owner: 'U0BOB', due: '2026-03-31' }),
      privateMetadata: v({ c: 'C0CX', i: 7 }),
    });
    expect(res.status).toBe(200);
    expect(res.json ?? null).toBeNull();
    // Saved after the ack (the modal closes first): the confirmation says it is done.
    const eph = await bot.fake.waitFor(() => bot.fake.callsTo('chat.postEphemeral')[0]);
    const [row] = await queryRows<{ touchpoint_id: number; owner_user_id: string; due_date: string; baseline_nps: number; incident_id: number; created_by_user_id: string }>(
      bot.db.db,
      sql`select touchpoint_id, owner_user_id, due_date::text, baseline_nps::float8 as baseline_nps, incident_id, created_by_user_id from improvement_actions where description = 'Modal: fix <card> form'`,
    );
    expect(row).toEqual({ touchpoint_id: fx.tp.checkout, owner_user_id: 'U0BOB', due_date: '2026-03-31', baseline_nps: -20, incident_id: 7, created_by_user_id: 'U0ALICE' });
    expect(eph.body).toMatchObject({ channel: 'C0CX', user: 'U0ALICE' });
    expect(String(eph.body.text)).toContain('Modal: fix &lt;card&gt; form');
  });

  /**
   * Submits like Slack does, but gives up after 2.9 s: Slack shows the user an error when the ack
   * takes more than 3 s. (An upper bound only; the test makes no claim about typical timing.)
   */
  const submitWithin3s = async (userId: string, vals: ReturnType<typeof values>) => {
    const body = new URLSearchParams({ payload: JSON.stringify(viewSubmissionPayload({ callbackId: CallbackId.logAction, values: vals, privateMetadata: v({ c: 'C0CX' }), userId })) }).toString();
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(`${bot.baseUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signRequest(body, bot.secret, ts) },
      body,
      signal: AbortSignal.timeout(2_900),
    });
    return { status: res.status, text: await res.text() };
  };

  it('acks in time with inline errors when users.info hangs', async () => {
    bot.fake.failNext('users.info', { delayMs: 4_000 });
    const res = await submitWithin3s('U0SLOW1', values({ tp: fx.tp.cart, description: '  ', due: '2026-03-01' }));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({
      response_action: 'errors',
      errors: { [BlockId.logDescription]: 'Describe what will be done (1 to 1000 characters).', [BlockId.logDue]: 'The due date is in the past. Pick today or later.' },
    });
    expect(bot.fake.callsTo('users.info').map((c) => c.body.user)).toContain('U0SLOW1');
  });

  it('acks in time, then saves and confirms, when users.info hangs', async () => {
    bot.fake.failNext('users.info', { delayMs: 4_000 });
    // Without the user's timezone, "today" anywhere on Earth is still a valid due date.
    const res = await submitWithin3s('U0SLOW2', values({ tp: fx.tp.cart, description: 'Modal slow lookup', due: '2026-03-31' }));
    expect(res).toEqual({ status: 200, text: '' });
    const eph = await bot.fake.waitFor(() => bot.fake.callsTo('chat.postEphemeral')[0]);
    expect(eph.body).toMatchObject({ channel: 'C0CX', user: 'U0SLOW2' });
    expect(String(eph.body.text)).toContain('Modal slow lookup');
    const [row] = await queryRows<{ created_by_user_id: string; due_date: string }>(
      bot.db.db,
      sql`select created_by_user_id, due_date::text from improvement_actions where description = 'Modal slow lookup'`,
    );
    expect(row).toEqual({ created_by_user_id: 'U0SLOW2', due_date: '2026-03-31' });
  });

  it('falls back to a DM when the channel refuses the confirmation', async () => {
    bot.fake.failNext('chat.postEphemeral', { error: 'channel_not_found' });
    await bot.submit({ callbackId: CallbackId.logAction, values: values({ tp: fx.tp.cart, description: 'Modal DM' }), privateMetadata: v({ c: 'C0GONE' }) });
    const dm = await bot.fake.waitFor(() => bot.fake.callsTo('chat.postMessage')[0]);
    expect(dm.body.channel).toBe('U0ALICE');
    expect(String(dm.body.text)).toContain('Modal DM');
  });
});

describe('App Home', () => {
  it('publishes journeys, touchpoints needing attention and the viewer’s actions when opened, and on refresh', async () => {
    const mine = await logAction(bot.db.db, { touchpointId: fx.tp.checkout, description: 'Home action', ownerUserId: 'U0CAROL', createdByUserId: 'U0CAROL', now: NOW });
    const res = await bot.event({ type: 'app_home_opened', user: 'U0CAROL', channel: 'D0CAROL', tab: 'home' });
    expect(res.status).toBe(200);
    const pub = await bot.fake.waitFor(() => bot.fake.callsTo('views.publish')[0]);
    expect(pub.body.user_id).toBe('U0CAROL');
    const text = allText(pub.body);
    expect(text).toContain('*オンライン購入*  NPS +8 (n=90) ↓ −35 ⚑ · conversion 24% ↓ · 90 responses');
    expect(text).toContain('*Support*  NPS +100 (n=30)');
    // Needs attention is the fix-first ranking: 決済's detractors 20/40 = 50% vs 4/40 = 10% in the 8 weeks before;
    // 300 customers reached it in 30 days: 300 × 0.40 × 7/30 = 28 a week.
    expect(text).toContain('2. *オンライン購入* · 決済 NPS — about *28* customers a week (detractors 50% vs 10%)');
    expect(text).toContain('Home action');
    expect(findElement(pub.body, ActionId.actionStart)?.value).toBe(v({ a: mine.id, from: 'open' }));

    // Refresh, with Slack rate-limiting the first publish: the client waits Retry-After and publishes again.
    bot.fake.reset();
    bot.fake.failNext('views.publish', { status: 429, retryAfter: 0 });
    await bot.action({ actionId: ActionId.homeRefresh, value: 'refresh', userId: 'U0CAROL', container: { type: 'view', viewId: 'V1', viewType: 'home' } });
    await bot.fake.waitFor(() => bot.fake.callsTo('views.publish').length >= 2);
    expect(bot.fake.callsTo('views.publish').map((c) => c.body.user_id)).toEqual(['U0CAROL', 'U0CAROL']);

    bot.fake.reset();
    await bot.action({ actionId: ActionId.actionComplete, value: v({ a: mine.id, from: 'open' }), userId: 'U0CAROL', container: { type: 'view', viewId: 'V1', viewType: 'home' } });
    const again = await bot.fake.waitFor(() => bot.fake.callsTo('views.publish')[0]);
    expect(await statusOf(mine.id)).toBe('done');
    expect(allText(again.body)).toContain('You own no open actions.');
    expect(allText(again.body)).toContain(':white_check_mark: Action “Home action” is now *done*.');
    expect(bot.fake.responses).toEqual([]);
  });
});
