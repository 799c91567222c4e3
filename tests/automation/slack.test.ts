import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { queryRows } from '../../src/db/rows.js';
import { ActionId, BlockId, CallbackId } from '../../src/slack/ids.js';
import { TEST_SIGNING_SECRET } from '../helpers/slackBot.js';
import { sendViewSubmission } from '../helpers/slackRequests.js';
import { addNps, repeat, seedJourney, setReached } from '../helpers/automationData.js';
import { startAutomationBot, type AutomationBot } from '../helpers/automationBot.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { startFakeSlack, type FakeSlack, type RecordedCall } from '../helpers/fakeSlack.js';

/**
 * Digests and alerts end to end: signed requests through the real Bolt receiver, a fake Slack
 * Web API, real data, and an injected clock moved by the test (no waiting for timers).
 */

const ADMIN = 'U0ADMIN';
const INGEST_TOKEN = 'ingest-token-0123456789';
const CHANNEL = 'C0CX';
let db: TestDb;
let fake: FakeSlack;
let bot: AutomationBot;
let payId = 0;

const posts = (channel = CHANNEL): RecordedCall[] => fake.callsTo('chat.postMessage').filter((c) => c.body.channel === channel);
const json = (c: RecordedCall | undefined) => JSON.stringify(c?.body ?? {});

beforeAll(async () => {
  db = await createTestDb();
  fake = await startFakeSlack();
  fake.setUser(ADMIN, { is_admin: true, tz: 'Asia/Tokyo' });
  const { touchpointIds } = await seedJourney(db.db, 'checkout', 'オンライン購入', [
    { key: 'cart', name: 'カート' },
    { key: 'pay', name: 'Payment' },
  ]);
  const [cart, pay] = touchpointIds as [number, number];
  payId = pay;
  // Digest week Mon 16 – Sun 22 Nov 2026 (JST) and the week before.
  const thisWeek = new Date('2026-11-18T03:00:00Z');
  const lastWeek = new Date('2026-11-11T03:00:00Z');
  await addNps(db.db, cart, thisWeek, [...repeat(10, 30), ...repeat(0, 10)]); // +50 (n 40)
  await addNps(db.db, cart, lastWeek, [...repeat(10, 20), ...repeat(0, 20)]); // 0
  await addNps(db.db, pay, thisWeek, [...repeat(9, 10), ...repeat(2, 27)]);
  await addNps(db.db, pay, thisWeek, [1], '<script>遅い</script> checkout');
  await addNps(db.db, pay, thisWeek, [1], 'card declined twice');
  await addNps(db.db, pay, thisWeek, [1], 'no PayPay');
  await addNps(db.db, pay, lastWeek, [...repeat(9, 30), ...repeat(3, 10)]); // +50
  await setReached(db.db, cart, '2026-11-18', 1000);
  await setReached(db.db, pay, '2026-11-18', 600);
  await setReached(db.db, cart, '2026-11-11', 1000);
  await setReached(db.db, pay, '2026-11-11', 800);
  await db.db.execute(
    sql`insert into improvement_actions (touchpoint_id, description, status, created_by_user_id, completed_at, due_date) values
        (${pay}, 'Fix the card form', 'done', 'U0ALICE', '2026-11-19T05:00:00Z', null),
        (${cart}, 'Shorter cart page', 'open', 'U0ALICE', null, '2026-11-20'),
        (${cart}, 'Not due yet', 'open', 'U0ALICE', null, '2026-12-31')`,
  );
  bot = await startAutomationBot({ db, fake, start: new Date('2026-11-20T00:00:00Z'), config: { INGEST_TOKEN } });
});

afterAll(async () => {
  await bot.close();
  await fake.close();
  await db.close();
});

describe('digest commands', () => {
  it('refuses non-admins politely', async () => {
    const reply = await bot.command('digest weekly mon 09:00 Asia/Tokyo');
    expect(reply.text).toMatch(/Only workspace admins and owners/);
    expect(await queryRows(db.db, sql`select id from digest_subscriptions`)).toEqual([]);
  });

  it('gives specific errors for a bad weekday, time, timezone or journey', async () => {
    expect((await bot.command('digest weekly someday 09:00', { userId: ADMIN })).text).toMatch(/“someday” is not a weekday/);
    expect((await bot.command('digest weekly mon 9.00', { userId: ADMIN })).text).toMatch(/“9.00” is not a time/);
    expect((await bot.command('digest weekly mon 09:00 Mars/Olympus', { userId: ADMIN })).text).toMatch(/“Mars\/Olympus” is not a timezone/);
    expect((await bot.command('digest weekly mon 09:00 Asia/Tokyo chekout', { userId: ADMIN })).text).toMatch(/journey “chekout”.*`checkout`/);
  });

  it('takes Japanese weekdays and full-width or 時 times', async () => {
    fake.setChannel('C0JA', { is_member: true });
    const opts = { userId: ADMIN, channelId: 'C0JA' };
    expect((await bot.command('digest weekly 月 9:00 Asia/Tokyo', opts)).text).toMatch(/every \*mon at 09:00\* \(Asia\/Tokyo\)/);
    expect((await bot.command('digest weekly 金曜日 ９：３０ Asia/Tokyo', opts)).text).toMatch(/every \*fri at 09:30\* \(Asia\/Tokyo\)/);
    expect((await bot.command('digest weekly 水曜 18時 Asia/Tokyo', opts)).text).toMatch(/every \*wed at 18:00\* \(Asia\/Tokyo\)/);
    expect((await bot.command('digest weekly 月曜日 9時半 Asia/Tokyo', opts)).text).toMatch(/every \*mon at 09:30\* \(Asia\/Tokyo\)/);
    expect((await bot.command('digest weekly 毎日 9:00', opts)).text).toMatch(/“毎日” is not a weekday/);
    // Off again, so this channel's digest does not take part in the delivery tests below.
    expect((await bot.command('digest off', opts)).text).toMatch(/switched off/);
    expect(await queryRows(db.db, sql`select id from digest_subscriptions where channel_id = 'C0JA'`)).toEqual([]);
  });

  it('asks to be invited to a private channel first', async () => {
    fake.setChannel('C0PRIV', { error: 'channel_not_found' });
    const reply = await bot.command('digest weekly mon 09:00', { userId: ADMIN, channelId: 'C0PRIV' });
    expect(reply.text).toMatch(/Invite me with `\/invite @Journey Pulse`/);
  });

  it('subscribes, shows and previews', async () => {
    const reply = await bot.command('digest weekly mon 09:00 Asia/Tokyo checkout', { userId: ADMIN });
    expect(reply.text).toMatch(/every \*mon at 09:00\* \(Asia\/Tokyo\) covering `checkout`/);
    const shown = await bot.command('digest');
    expect(shown.text).toMatch(/Weekly digest every \*mon at 09:00\* \(Asia\/Tokyo\)/);
    // Mon 23 Nov 09:00 JST = 00:00Z, as a date token each reader sees in their own timezone.
    const next = Math.floor(new Date('2026-11-23T00:00:00Z').getTime() / 1000);
    expect(shown.text).toContain(`Next: <!date^${next}^{date_short_pretty} {time}|Nov 23, 2026, 12:00 AM UTC>.`);
    const preview = await bot.command('digest preview');
    expect(JSON.stringify(preview.blocks)).toContain('Preview (only you can see this)');
    expect(posts()).toEqual([]); // a preview posts nothing to the channel
  });

  it('subscribing a channel again says which schedule it replaced, in English and Japanese', async () => {
    const channelId = 'C0RESUB';
    const first = await bot.command('digest weekly tue 08:00 UTC', { userId: ADMIN, channelId });
    expect(first.text).not.toMatch(/replaces/);
    const again = await bot.command('digest weekly fri 17:30 Asia/Tokyo checkout', { userId: ADMIN, channelId });
    expect(again.text).toMatch(/every \*fri at 17:30\* \(Asia\/Tokyo\) covering `checkout`/);
    expect(again.text).toContain('This replaces the previous schedule for this channel: every *tue at 08:00* (UTC) covering all journeys.');
    fake.setUser('U0ADMINJA', { is_admin: true, tz: 'Asia/Tokyo', locale: 'ja-JP' });
    const ja = await bot.command('digest weekly mon 07:00 UTC', { userId: 'U0ADMINJA', channelId });
    expect(ja.text).toContain('このチャンネルのこれまでの設定（*毎週金曜 17:30*（Asia/Tokyo）、`checkout`）を置き換えました。');
    expect((await bot.command('digest off', { userId: ADMIN, channelId })).text).toMatch(/switched off/);
  });
});

describe('weekly digest', () => {
  it('posts exactly one digest with the right numbers when the clock reaches Monday 09:00 JST', async () => {
    bot.clock.now = new Date('2026-11-22T23:59:00Z');
    await bot.automation.runDueWork(undefined, { evaluate: false });
    expect(posts()).toHaveLength(0);
    bot.clock.now = new Date('2026-11-23T00:00:00Z');
    await bot.automation.runDueWork(undefined, { evaluate: false });
    await bot.automation.runDueWork(new Date('2026-11-23T00:05:00Z'), { evaluate: false });
    const digest = posts();
    expect(digest).toHaveLength(1);
    const body = json(digest[0]);
    // Overall: P 30+10 = 40, D 10+30 = 40 of 80 → 0; the week before P 50, D 30 of 80 → +25.
    expect(digest[0]?.body.text).toMatch(/Weekly journey digest Nov 16, 2026 – Nov 22, 2026: NPS 0 \(↓ −25/);
    expect(body).toContain('*Overall NPS 0*');
    expect(body).toContain('80 answers');
    // Movers: Payment +50 → −50 (significant) first, then カート 0 → +50.
    expect(body).toMatch(/Payment: \+50 → −50 \(↓ −100/);
    expect(body).toMatch(/カート: 0 → \+50/);
    // Drop-off カート → Payment: 1 − 600/1000 = 40 %, 20 points more than 1 − 800/1000.
    expect(body).toMatch(/カート → Payment: 40%.*\+20 points/);
    // 3 detractor comments, escaped.
    expect(body).toContain('*New detractor comments*: 3');
    expect(body).toContain('&lt;script&gt;遅い&lt;/script&gt; checkout');
    expect(body).not.toContain('<script>');
    expect(body).toContain('*Actions*: 1 completed this week · 1 overdue');
    expect(body).toContain('quickchart');
    expect(body).toContain(ActionId.digestLogAction);
  });

  it('records a permanent failure, shows it and does not retry it', async () => {
    fake.setChannel('C0ARCH', { is_member: true });
    await bot.command('digest weekly tue 09:00 UTC', { userId: ADMIN, channelId: 'C0ARCH' });
    fake.failNext('chat.postMessage', { error: 'is_archived' });
    await bot.automation.runDueWork(new Date('2026-11-24T09:00:00Z'), { evaluate: false });
    await bot.automation.runDueWork(new Date('2026-11-24T10:00:00Z'), { evaluate: false });
    expect(fake.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C0ARCH')).toHaveLength(1);
    const shown = await bot.command('digest', { channelId: 'C0ARCH' });
    expect(shown.text).toMatch(/Problem since .*: is_archived/);
  });

  it('delivers once in the end through a 429, a 500 and a timeout', async () => {
    await bot.command('digest weekly wed 09:00 UTC', { userId: ADMIN, channelId: 'C0FLAKY' });
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 0 });
    fake.failNext('chat.postMessage', { status: 500 });
    fake.failNext('chat.postMessage', { delayMs: 1_500 });
    const at = (min: number) => new Date(Date.UTC(2026, 10, 25, 9, min));
    for (const min of [0, 1, 2, 4, 8, 16, 32]) await bot.automation.runDueWork(at(min), { evaluate: false });
    const calls = fake.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C0FLAKY');
    // Three failed calls, then one that went through; later ticks send nothing more.
    expect(calls).toHaveLength(4);
    await bot.automation.runDueWork(at(59), { evaluate: false });
    expect(fake.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C0FLAKY')).toHaveLength(4);
    const [run] = await queryRows<{ status: string; attempts: number }>(
      db.db,
      sql`select r.status, r.attempts::int as attempts from digest_runs r join digest_subscriptions s on s.id = r.subscription_id where s.channel_id = 'C0FLAKY'`,
    );
    expect(run).toEqual({ status: 'sent', attempts: 4 });
  });
});

describe('alerts', () => {
  let alertTs = '';
  let incidentId = 0;

  it('a breach posts one alert; the channel lists the rule with its incident', async () => {
    const created = await bot.command('alert nps-below checkout/pay 20', { userId: ADMIN });
    expect(created.text).toMatch(/Alert rule \*#\d+\* for <#C0CX>: NPS below 20 on オンライン購入 \/ Payment/);
    const before = posts().length;
    bot.clock.now = new Date('2026-11-23T01:00:00Z');
    await bot.automation.runDueWork();
    await bot.automation.runDueWork(new Date('2026-11-23T01:15:00Z'));
    const alerts = posts().slice(before);
    expect(alerts).toHaveLength(1);
    // The rule takes its creator's Slack timezone (Tokyo). Last 7 Tokyo days (17–23 Nov JST): Payment has P 10, D 30 of 40 → −50, 70 points below 20.
    expect(json(alerts[0])).toMatch(/NPS below 20: オンライン購入 \/ Payment/);
    expect(json(alerts[0])).toMatch(/NPS is \*−50\* over the last 7d \(Asia\/Tokyo days, 40 answers\): \*70 points below\*/);
    // Times are Slack date tokens (each reader sees their own timezone) with a UTC fallback; the plain `text` gets the fallback only.
    const opened = Math.floor(new Date('2026-11-23T01:00:00Z').getTime() / 1000);
    const body = alerts[0]?.body as { text: string; blocks: unknown[] };
    expect(JSON.stringify(body.blocks)).toContain(`Open since <!date^${opened}^{date_short_pretty} {time}|Nov 23, 2026, 1:00 AM UTC>`);
    expect(body.text).toMatch(/Open since Nov 23, 2026, 1:00\sAM UTC$/);
    expect(body.text).not.toContain('<!date');
    const [inc] = await queryRows<{ id: number; ts: string }>(db.db, sql`select id::int as id, message_ts as ts from alert_incidents`);
    expect(inc?.ts).toBeTruthy();
    alertTs = inc?.ts ?? '';
    incidentId = inc?.id ?? 0;
    const list = await bot.command('alerts');
    expect(list.text).toMatch(/#\d+\* NPS below 20 on .*Payment.* · 7d \(Asia\/Tokyo\), min 30 · 1 open, 0 acknowledged, 0 snoozed/);
  });

  it('Acknowledge and Snooze update the alert message for everyone', async () => {
    const value = JSON.stringify({ i: incidentId });
    const container = { type: 'message' as const, messageTs: alertTs, isEphemeral: false };
    const updates = () => fake.callsTo('chat.update').filter((c) => c.body.ts === alertTs);
    await bot.action({ actionId: ActionId.alertAcknowledge, value, container, userId: 'U0BOB' });
    await fake.waitFor(() => updates().length >= 1);
    expect(json(updates()[0])).toContain('Acknowledged by <@U0BOB>');
    await bot.action({ actionId: ActionId.alertSnooze7d, value, container });
    await fake.waitFor(() => updates().length >= 2);
    // 7 days after the click at 23 Nov 01:00Z: the token for 30 Nov 01:00Z.
    const until = Math.floor(new Date('2026-11-30T01:00:00Z').getTime() / 1000);
    expect(json(updates()[1])).toContain(`Snoozed by <@U0ALICE> until <!date^${until}^{date_short_pretty} {time}|Nov 30, 2026, 1:00 AM UTC>`);
    const [row] = await queryRows<{ status: string; by: string }>(db.db, sql`select status, acknowledged_by as by from alert_incidents where id = ${incidentId}`);
    expect(row).toEqual({ status: 'snoozed', by: 'U0BOB' });
  });

  it('Log action opens the modal pre-filled and linked to the incident; View journey answers ephemerally', async () => {
    const value = JSON.stringify({ i: incidentId });
    const container = { type: 'message' as const, messageTs: alertTs, isEphemeral: false };
    const opened = fake.callsTo('views.open').length;
    await bot.action({ actionId: ActionId.alertLogAction, value, container });
    const call = await fake.waitFor(() => fake.callsTo('views.open')[opened]);
    const view = JSON.stringify(call.body.view);
    expect(view).toContain(`\\"i\\":${incidentId}`);
    expect(view).toContain(`"initial_option":{"text":{"type":"plain_text","text":"Payment (pay)"`);
    // Submitting the modal logs the action linked to the incident.
    const modal = call.body.view as { private_metadata: string };
    const submitted = await sendViewSubmission(bot.baseUrl, TEST_SIGNING_SECRET, {
      callbackId: CallbackId.logAction,
      privateMetadata: modal.private_metadata,
      values: {
        [BlockId.logTouchpoint]: { [ActionId.logTouchpointSelect]: { type: 'static_select', selected_option: { value: String(payId) } } },
        [BlockId.logDescription]: { [ActionId.logDescriptionInput]: { type: 'plain_text_input', value: '決済エラーの文言を見直す' } },
      },
    });
    expect(submitted.status).toBe(200);
    // The action is saved after the ack (Slack's 3 s), so wait for it rather than race it.
    await vi.waitFor(async () => {
      const [logged] = await queryRows<{ incident: number; tp: number }>(db.db, sql`select incident_id::int as incident, touchpoint_id::int as tp from improvement_actions where incident_id is not null`);
      expect(logged).toEqual({ incident: incidentId, tp: payId });
    });
    const res = await bot.action({ actionId: ActionId.alertViewJourney, value, container });
    const reply = await fake.waitFor(() => res.responses()[0]);
    expect(reply.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(reply.body)).toContain('オンライン購入');
    const forged = await bot.action({ actionId: ActionId.alertAcknowledge, value: '{"i":"1; drop"}', container });
    const refused = await fake.waitFor(() => forged.responses()[0]);
    expect(refused.body.text ?? JSON.stringify(refused.body)).toMatch(/no longer exists/);
  });

  it('Log action opens the modal before trigger_id expires even when users.info hangs', async () => {
    fake.failNext('users.info', { delayMs: 4_000 });
    const opened = fake.callsTo('views.open').length;
    const container = { type: 'message' as const, messageTs: alertTs, isEphemeral: false };
    await bot.action({ actionId: ActionId.alertLogAction, value: JSON.stringify({ i: incidentId }), container, triggerId: 'trig-alert-slow', userId: 'U0SLOWALERT' });
    // Upper bound only: trigger_id is valid for 3 s after the click.
    const call = await fake.waitFor(() => fake.callsTo('views.open')[opened], 2_500);
    expect(call.body.trigger_id).toBe('trig-alert-slow');
    expect(fake.callsTo('users.info').map((c) => c.body.user)).toContain('U0SLOWALERT');
  });

  it('recovery posts one resolution note in the thread and updates the message', async () => {
    await addNps(db.db, payId, new Date('2026-11-23T01:30:00Z'), repeat(10, 100)); // P 110, D 30 of 140 → +57
    const threadBefore = posts().filter((c) => c.body.thread_ts === alertTs).length;
    // 23 Nov (Tokyo) is not over yet: its answers are not judged.
    await bot.automation.runDueWork(new Date('2026-11-23T02:00:00Z'));
    expect(posts().filter((c) => c.body.thread_ts === alertTs).length).toBe(threadBefore);
    // Tokyo midnight (15:00Z): the day is complete, and 100 promoters are evidence enough that NPS is back.
    await bot.automation.runDueWork(new Date('2026-11-23T15:30:00Z'));
    await bot.automation.runDueWork(new Date('2026-11-23T15:45:00Z'));
    const notes = posts().filter((c) => c.body.thread_ts === alertTs);
    expect(notes.length - threadBefore).toBe(1);
    expect(json(notes[notes.length - 1])).toMatch(/Recovered: now \*\+57\.1\*/);
    const last = fake.callsTo('chat.update').filter((c) => c.body.ts === alertTs).pop();
    expect(json(last)).toContain(':white_check_mark: Resolved');
    const list = await bot.command('alerts');
    expect(list.text).toMatch(/no open incident/);
  });

  it('removing a rule needs an admin and its id', async () => {
    expect((await bot.command('alert remove 1')).text).toMatch(/Only workspace admins/);
    expect((await bot.command('alert remove abc', { userId: ADMIN })).text).toMatch(/“abc” is not a rule id/);
    expect((await bot.command('alert nps-below checkout/pay 500', { userId: ADMIN })).text).toMatch(/NPS threshold must be a number from -100 to 100/);
    expect((await bot.command('alert nps-drop * 10 7x', { userId: ADMIN })).text).toMatch(/1 to 90 days/);
    const [rule] = await queryRows<{ id: number }>(db.db, sql`select id::int as id from alert_rules order by id limit 1`);
    expect((await bot.command(`alert remove ${rule?.id ?? 0}`, { userId: ADMIN })).text).toMatch(/removed/);
  });

  it('a rule takes its creator’s Slack timezone, or tz=<IANA>; a bad timezone gets a specific error', async () => {
    const mine = await bot.command('alert nps-drop checkout 15 14d tz=America/New_York', { userId: ADMIN, channelId: 'C0TZ' });
    expect(mine.text).toMatch(/Alert rule \*#\d+\* for <#C0TZ>: NPS drop of 15\+ points .*, over local days in America\/New_York\./);
    const own = await bot.command('alert nps-below checkout 0', { userId: ADMIN, channelId: 'C0TZ' });
    expect(own.text).toMatch(/over local days in Asia\/Tokyo/);
    expect((await bot.command('alert nps-below checkout 0 tz=Mars/Olympus', { userId: ADMIN, channelId: 'C0TZ' })).text).toMatch(/“Mars\/Olympus” is not a timezone/);
    const list = await bot.command('alerts', { channelId: 'C0TZ' });
    expect(list.text).toMatch(/NPS drop of 15\+ points .* · 14d \(America\/New_York\), min 30/);
    expect(list.text).toMatch(/NPS below 0 on .* · 7d \(Asia\/Tokyo\), min 30/);
    const rules = await queryRows<{ id: number; tz: string }>(db.db, sql`select id::int as id, timezone as tz from alert_rules where channel_id = 'C0TZ' order by id`);
    expect(rules.map((r) => r.tz)).toEqual(['America/New_York', 'Asia/Tokyo']);
    for (const r of rules) await bot.command(`alert remove ${r.id}`, { userId: ADMIN, channelId: 'C0TZ' });
  });

  it('an ingest batch triggers an evaluation at once: a breach alerts without waiting for the schedule', async () => {
    await bot.command('alert nps-below checkout/cart 45 7d 50', { userId: ADMIN, channelId: 'C0INGEST' });
    bot.clock.now = new Date('2026-11-23T03:00:00Z');
    // カート has P 30, D 10 of 40 this window (NPS 50, too few answers for this rule); 20 detractors more,
    // late answers for a completed day (21 Nov) → 30/30 of 60 → 0.
    const responses = Array.from({ length: 20 }, (_, i) => ({
      id: `ingest-${i}`,
      journey: 'checkout',
      touchpoint: 'cart',
      metric: 'nps',
      score: 2,
      respondedAt: '2026-11-21T02:00:00Z',
    }));
    const res = await fetch(`${bot.baseUrl}/api/v1/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${INGEST_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ responses }),
    });
    expect(res.status).toBe(200);
    const alert = await fake.waitFor(() => posts('C0INGEST')[0], 10_000);
    expect(JSON.stringify(alert.body)).toMatch(/NPS below 45: オンライン購入 \/ カート/);
  });
});
