import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../src/db/rows.js';
import { ActionId, BlockId, CallbackId } from '../../../src/slack/ids.js';
import { startTestBot, type TestBot } from '../../helpers/slackBot.js';
import { postSigned, slashCommandBody, type SlackHttpResult } from '../../helpers/slackRequests.js';
import { NOW, seedFixture, type Fixture } from './fixture.js';

/**
 * A signed request replayed inside Slack's 5-minute window passes signature checks again. Writes
 * are keyed on the request's trigger_id (hashed), so the replay finds what the first delivery
 * stored: one row, and the same confirmation as the first time.
 */
let bot: TestBot;
let fx: Fixture;
const ADMIN = 'U0ADMIN';

beforeAll(async () => {
  bot = await startTestBot({ now: () => NOW, configOverrides: { CHART_MODE: 'off' } });
  fx = await seedFixture(bot.db.db);
  bot.fake.setUser(ADMIN, { is_admin: true, tz: 'UTC' });
});
afterAll(async () => {
  await bot?.close();
});

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const actionRows = (description: string) =>
  queryRows<{ id: number; request_key: string | null; whole: string }>(
    bot.db.db,
    sql`select a.id::int as id, a.request_key, row_to_json(a)::text as whole from improvement_actions a where description = ${description} order by id`,
  );

/** The same bytes, signature and timestamp twice, as an attacker replaying a captured request would send them. */
async function sendTwice(input: { text: string; responseId: string; triggerId: string; userId?: string }): Promise<[SlackHttpResult, SlackHttpResult]> {
  const body = slashCommandBody({ text: input.text, triggerId: input.triggerId, responseUrl: bot.fake.responseUrl(input.responseId), ...(input.userId ? { userId: input.userId } : {}) });
  const timestamp = Math.floor(Date.now() / 1000);
  const type = 'application/x-www-form-urlencoded';
  const first = await postSigned(bot.baseUrl, bot.secret, body, type, { timestamp });
  const second = await postSigned(bot.baseUrl, bot.secret, body, type, { timestamp });
  return [first, second];
}

const replies = async (responseId: string, n: number) => {
  await bot.fake.waitFor(() => (bot.fake.responsesTo(responseId).length >= n ? true : undefined));
  return bot.fake.responsesTo(responseId).map((r) => String(r.body.text));
};

describe('replayed requests do not repeat writes', () => {
  it('/journey log sent twice as the identical signed request stores one action and confirms it twice', async () => {
    const [a, b] = await sendTwice({ text: 'log online-purchase/checkout Replay: call the carrier', responseId: 'replay-log', triggerId: 'trig.replay.log.1' });
    expect([a.status, b.status]).toEqual([200, 200]);
    const [first, second] = await replies('replay-log', 2);
    expect(first).toMatch(/Logged action #\d+/);
    expect(second).toBe(first);
    const rows = await actionRows('Replay: call the carrier');
    expect(rows).toHaveLength(1);
    // Only a hash of the trigger_id is kept; the trigger_id itself appears nowhere in the row.
    expect(rows[0]?.request_key).toBe(sha256('trig.replay.log.1'));
    expect(rows[0]?.whole).not.toContain('trig.replay.log.1');
  });

  it('the same trigger_id through bot.command twice is one action; another trigger_id is another action', async () => {
    await (await bot.command('log online-purchase/cart Replay: shorter cart', { triggerId: 'trig.replay.log.2' })).waitForResponse();
    await (await bot.command('log online-purchase/cart Replay: shorter cart', { triggerId: 'trig.replay.log.2' })).waitForResponse();
    expect(await actionRows('Replay: shorter cart')).toHaveLength(1);
    // Logging the same words again on purpose is a new request (new trigger_id): stored again.
    await (await bot.command('log online-purchase/cart Replay: shorter cart', { triggerId: 'trig.replay.log.3' })).waitForResponse();
    expect(await actionRows('Replay: shorter cart')).toHaveLength(2);
  });

  it('a replayed log-action modal submission stores one action', async () => {
    const values = {
      [BlockId.logTouchpoint]: { [ActionId.logTouchpointSelect]: { type: 'static_select', selected_option: { value: String(fx.tp.checkout), text: { type: 'plain_text', text: 'x' } } } },
      [BlockId.logDescription]: { [ActionId.logDescriptionInput]: { type: 'plain_text_input', value: 'Replay: modal action' } },
      [BlockId.logOwner]: { [ActionId.logOwnerSelect]: { type: 'users_select', selected_user: null } },
      [BlockId.logDue]: { [ActionId.logDueDate]: { type: 'datepicker', selected_date: null } },
    };
    const submission = { callbackId: CallbackId.logAction, values, privateMetadata: JSON.stringify({ c: 'C0CX' }), triggerId: 'trig.replay.modal.1' };
    const before = bot.fake.callsTo('chat.postEphemeral').length;
    expect((await bot.submit(submission)).status).toBe(200);
    expect((await bot.submit(submission)).status).toBe(200);
    await bot.fake.waitFor(() => (bot.fake.callsTo('chat.postEphemeral').length >= before + 2 ? true : undefined));
    const [first, second] = bot.fake.callsTo('chat.postEphemeral').slice(before).map((c) => String(c.body.text));
    expect(first).toMatch(/Logged action #\d+/);
    expect(second).toBe(first);
    const rows = await actionRows('Replay: modal action');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.request_key).toBe(sha256('trig.replay.modal.1'));
  });

  it('/journey alert … sent twice as the identical signed request creates one rule', async () => {
    const [a, b] = await sendTwice({ text: 'alert nps-below online-purchase/checkout -10', responseId: 'replay-alert', triggerId: 'trig.replay.alert.1', userId: ADMIN });
    expect([a.status, b.status]).toEqual([200, 200]);
    const [first, second] = await replies('replay-alert', 2);
    expect(first).toMatch(/Alert rule \*#\d+\*/);
    expect(second).toBe(first);
    const rules = await queryRows<{ id: number; request_key: string | null; whole: string }>(
      bot.db.db,
      sql`select r.id::int as id, r.request_key, row_to_json(r)::text as whole from alert_rules r where threshold = -10`,
    );
    expect(rules).toHaveLength(1);
    expect(rules[0]?.request_key).toBe(sha256('trig.replay.alert.1'));
    expect(rules[0]?.whole).not.toContain('trig.replay.alert.1');
  });
});
