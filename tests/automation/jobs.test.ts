import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/rows.js';
import type { NotificationKind } from '../../src/domain/enums.js';
import { deliverAlertNotifications } from '../../src/jobs/alertDelivery.js';
import { DeliveryError, type DigestNotice, type IncidentNotice, type Notifier } from '../../src/jobs/notifier.js';
import { createServices } from '../../src/services/index.js';
import { runDueDigests, type JobContext } from '../../src/jobs/digestDelivery.js';
import { evaluateAlerts } from '../../src/jobs/alertEvaluation.js';
import { silentLogger } from '../../src/logger.js';
import { claimDigestRun } from '../../src/db/queries/automation/claims.js';
import { createRule } from '../../src/db/queries/automation/rules.js';
import { getSubscriptionForChannel, upsertSubscription } from '../../src/db/queries/automation/subscriptions.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { addNps, repeat, seedJourney } from '../helpers/automationData.js';

/** Records sends; `fail` queues errors for the next calls. */
class RecordingSender implements Notifier {
  digests: { channel: string; period: string }[] = [];
  incidents: { id: number; kind: NotificationKind; status: string; value: number; channel?: string }[] = [];
  fail: Error[] = [];
  private ts = 0;
  async postDigest({ target, period }: DigestNotice): Promise<{ ts: string }> {
    const err = this.fail.shift();
    if (err) throw err;
    this.digests.push({ channel: target.channelId, period: period.key });
    return { ts: `${++this.ts}.000` };
  }
  async sendIncident({ incident: view, kind }: IncidentNotice): Promise<{ ts: string | null }> {
    const err = this.fail.shift();
    if (err) throw err;
    this.incidents.push({ id: view.id, kind, status: view.status, value: view.lastValue, ...(view.channelId === 'C-FLAP' ? { channel: view.channelId } : {}) });
    return { ts: kind === 'open' ? `${++this.ts}.000` : null };
  }
}

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db.close();
});

const replicas = (notifier: Notifier): JobContext[] =>
  ['replica-a', 'replica-b', 'replica-c'].map((owner) => ({ db: db.db, services: createServices(db.db), logger: silentLogger, notifier, owner }));
const at = (s: string) => new Date(s);

describe('weekly digests, exactly once', () => {
  it('three replicas firing together post one digest per period', async () => {
    const sender = new RecordingSender();
    await upsertSubscription(
      db.db,
      { teamId: 'T1', channelId: 'C-ONCE', weekday: 1, hour: 9, minute: 0, timezone: 'Asia/Kolkata', journeyKeys: [], locale: 'en', createdBy: 'U1' },
      at('2026-11-20T00:00:00Z'),
    );
    const ctxs = replicas(sender);
    // Monday 09:00 IST = 03:30Z. A minute early: nothing.
    await Promise.all(ctxs.map((c) => runDueDigests(c, at('2026-11-23T03:29:00Z'))));
    expect(sender.digests).toEqual([]);
    await Promise.all(ctxs.map((c) => runDueDigests(c, at('2026-11-23T03:30:00Z'))));
    await Promise.all(ctxs.map((c) => runDueDigests(c, at('2026-11-23T03:31:00Z'))));
    expect(sender.digests).toEqual([{ channel: 'C-ONCE', period: '2026-11-16' }]);
    await Promise.all(ctxs.map((c) => runDueDigests(c, at('2026-11-30T03:30:00Z'))));
    expect(sender.digests.map((d) => d.period)).toEqual(['2026-11-16', '2026-11-23']);
  });

  it('retries a 429 after Retry-After and a crashed claim after it expires', async () => {
    const sender = new RecordingSender();
    const sub = await upsertSubscription(
      db.db,
      { teamId: 'T1', channelId: 'C-RETRY', weekday: 3, hour: 17, minute: 30, timezone: 'UTC', journeyKeys: [], locale: 'en', createdBy: 'U1' },
      at('2026-11-20T00:00:00Z'),
    );
    const [ctx] = replicas(sender) as [JobContext];
    sender.fail.push(new DeliveryError('ratelimited', false, 90_000));
    expect((await runDueDigests(ctx, at('2026-11-25T17:30:00Z'))).retrying).toBe(1);
    await runDueDigests(ctx, at('2026-11-25T17:31:00Z')); // Retry-After (90 s) not over yet
    expect(sender.digests).toEqual([]);
    await runDueDigests(ctx, at('2026-11-25T17:31:30Z'));
    expect(sender.digests).toEqual([{ channel: 'C-RETRY', period: '2026-11-18' }]);

    // Next week a replica claims and dies mid-send: nobody sends until the claim expires (10 min).
    const dead = await claimDigestRun(db.db, {
      subscriptionId: sub.id,
      periodKey: '2026-11-25',
      scheduledFor: at('2026-12-02T17:30:00Z'),
      owner: 'dead',
      now: at('2026-12-02T17:30:00Z'),
      leaseMs: 10 * 60_000,
    });
    expect(dead).not.toBeNull();
    await runDueDigests(ctx, at('2026-12-02T17:35:00Z'));
    expect(sender.digests).toHaveLength(1);
    await runDueDigests(ctx, at('2026-12-02T17:40:00Z'));
    expect(sender.digests.map((d) => d.period)).toEqual(['2026-11-18', '2026-11-25']);
  });

  it('records a permanent failure, shows it on the subscription and does not retry', async () => {
    const sender = new RecordingSender();
    await upsertSubscription(
      db.db,
      { teamId: 'T1', channelId: 'C-GONE', weekday: 5, hour: 8, minute: 0, timezone: 'Europe/Berlin', journeyKeys: [], locale: 'en', createdBy: 'U1' },
      at('2026-11-20T00:00:00Z'),
    );
    const [ctx] = replicas(sender) as [JobContext];
    sender.fail.push(new DeliveryError('channel_not_found', true));
    expect((await runDueDigests(ctx, at('2026-11-27T07:00:00Z'))).failed).toBe(1);
    await runDueDigests(ctx, at('2026-11-27T09:00:00Z'));
    expect(sender.digests.filter((d) => d.channel === 'C-GONE')).toEqual([]);
    const sub = await getSubscriptionForChannel(db.db, 'C-GONE');
    expect(sub?.lastError).toBe('channel_not_found');
  });
});

describe('schedule changes and long outages', () => {
  it('a changed or removed subscription takes effect at the next tick, with no duplicate for the same week', async () => {
    const sender = new RecordingSender();
    const [ctx] = replicas(sender) as [JobContext];
    const input = { teamId: 'T1', channelId: 'C-CHANGE', weekday: 2 as const, hour: 9, minute: 0, timezone: 'UTC', journeyKeys: [], locale: 'en' as const, createdBy: 'U1' };
    await upsertSubscription(db.db, input, at('2026-11-20T00:00:00Z'));
    await runDueDigests(ctx, at('2026-11-24T09:00:00Z'));
    // Moved to 10:00 the same morning: the week was already sent, nothing more.
    await upsertSubscription(db.db, { ...input, hour: 10 }, at('2026-11-24T09:30:00Z'));
    await runDueDigests(ctx, at('2026-11-24T10:00:00Z'));
    expect(sender.digests.filter((d) => d.channel === 'C-CHANGE')).toHaveLength(1);
    // Moved to Thursday: Thursday's week is a new period and goes out then.
    await upsertSubscription(db.db, { ...input, weekday: 4 }, at('2026-11-24T11:00:00Z'));
    await runDueDigests(ctx, at('2026-11-26T09:00:00Z'));
    expect(sender.digests.filter((d) => d.channel === 'C-CHANGE').map((d) => d.period)).toEqual(['2026-11-17', '2026-11-19']);
    // Removed: nothing next week.
    await db.db.execute(sql`delete from digest_subscriptions where channel_id = 'C-CHANGE'`);
    await runDueDigests(ctx, at('2026-12-03T09:00:00Z'));
    expect(sender.digests.filter((d) => d.channel === 'C-CHANGE')).toHaveLength(2);
  });

  it('a digest more than a day late is recorded as missed and shown, not sent', async () => {
    const sender = new RecordingSender();
    const [ctx] = replicas(sender) as [JobContext];
    await upsertSubscription(
      db.db,
      { teamId: 'T1', channelId: 'C-LATE', weekday: 1, hour: 8, minute: 0, timezone: 'UTC', journeyKeys: [], locale: 'en', createdBy: 'U1' },
      at('2026-11-20T00:00:00Z'),
    );
    // Every replica was down from Monday 08:00 to Tuesday 09:00.
    expect((await runDueDigests(ctx, at('2026-11-24T09:00:00Z'))).missed).toBe(1);
    expect((await runDueDigests(ctx, at('2026-11-24T09:01:00Z'))).missed).toBe(0);
    expect(sender.digests.filter((d) => d.channel === 'C-LATE')).toEqual([]);
    expect((await getSubscriptionForChannel(db.db, 'C-LATE'))?.lastError).toMatch(/week of 2026-11-16 was not sent within 24 h/);
  });
});

describe('alerts, exactly once', () => {
  it('a breach opens one incident and one post across three replicas; recovery resolves it', async () => {
    const { touchpointIds } = await seedJourney(db.db, 'checkout', 'オンライン購入', [
      { key: 'cart', name: 'カート' },
      { key: 'pay', name: 'Payment' },
    ]);
    const [cart] = touchpointIds as [number, number];
    const now = at('2026-11-25T12:00:00Z');
    // 48 answers on 24 Nov (a completed day at noon on the 25th): 12 promoters, 24 detractors → NPS −25.
    // Evidence at the strongest scale (25 vs −15, variance 7500 − 625): 40·(1200 + 48·5)/6875 = 8.4 ≥ 7.
    await addNps(db.db, cart, at('2026-11-24T10:00:00Z'), [...repeat(10, 12), ...repeat(8, 12), ...repeat(3, 24)]);
    await createRule(
      db.db,
      { teamId: 'T1', channelId: 'C-ALERT', kind: 'nps_below', target: { scope: 'all' }, threshold: 20, windowDays: 7, minSample: 30, locale: 'en', createdBy: 'U1' },
      now,
    );
    const sender = new RecordingSender();
    const ctxs = replicas(sender);
    await Promise.all(ctxs.map((c) => evaluateAlerts(c.db, now, silentLogger)));
    await Promise.all(ctxs.map((c) => deliverAlertNotifications(c, now)));
    expect(sender.incidents).toEqual([{ id: expect.any(Number) as number, kind: 'open', status: 'open', value: -25 }]);
    const [inc] = await queryRows<{ n: number; ts: string }>(db.db, sql`select count(*)::int as n, max(message_ts) as ts from alert_incidents`);
    expect(inc).toEqual({ n: 1, ts: '1.000' });

    // 60 promoters on the day it opened (25 Nov, complete at midnight): strong evidence NPS is back above 20 + 5.
    // Resolved, one note, the message updated.
    await addNps(db.db, cart, at('2026-11-25T11:00:00Z'), repeat(9, 60));
    const sameDay = at('2026-11-25T23:45:00Z');
    await Promise.all(ctxs.map((c) => evaluateAlerts(c.db, sameDay, silentLogger)));
    expect((await queryRows<{ n: number }>(db.db, sql`select count(*)::int as n from alert_incidents where status = 'resolved'`))[0]?.n).toBe(0);
    const later = at('2026-11-26T00:15:00Z');
    await Promise.all(ctxs.map((c) => evaluateAlerts(c.db, later, silentLogger)));
    await Promise.all(ctxs.map((c) => deliverAlertNotifications(c, later)));
    expect(sender.incidents.map((i) => `${i.kind}:${i.status}`).sort()).toEqual(['open:open', 'resolve:resolved', 'update:resolved']);
  });
});

describe('alert fatigue', () => {
  it('data that flips between bad and good days yields a bounded number of messages, and a day of new answers is judged once', async () => {
    const { touchpointIds } = await seedJourney(db.db, 'flap', 'Flapping', [{ key: 'only', name: 'Only step' }]);
    const [tp] = touchpointIds as [number];
    await createRule(
      db.db,
      { teamId: 'T1', channelId: 'C-FLAP', kind: 'nps_below', target: { scope: 'journey', journeyId: (await journeyId('flap')) ?? 0 }, threshold: 20, windowDays: 7, minSample: 30, locale: 'en', createdBy: 'U1' },
      at('2026-12-01T00:00:00Z'),
    );
    // 12 days alternating: NPS −50 (10 P, 30 D) and NPS +80 (32 P, 8 passive).
    for (let d = 1; d <= 12; d++) {
      const day = `2026-12-${String(d).padStart(2, '0')}`;
      await addNps(db.db, tp, at(`${day}T10:00:00Z`), d % 2 === 1 ? [...repeat(10, 10), ...repeat(0, 30)] : [...repeat(10, 32), ...repeat(8, 8)]);
    }
    const sender = new RecordingSender();
    const [ctx] = replicas(sender) as [JobContext];
    // Every 2 hours for 12 days (the 15-minute checks in between see the same completed days).
    for (let h = 0; h < 12 * 24; h += 2) {
      const now = new Date(at('2026-12-02T00:00:00Z').getTime() + h * 3_600_000);
      await evaluateAlerts(db.db, now, silentLogger);
      await deliverAlertNotifications(ctx, now);
    }
    const mine = sender.incidents.filter((n) => n.kind !== 'update' && n.channel === 'C-FLAP');
    // Each good day of 40 answers at +80 is evidence enough to resolve, each bad day to breach again; but a
    // breach within 7 days of a resolution re-opens the same message silently, and the resolution notes once.
    expect(mine.map((n) => n.kind)).toEqual(['open', 'resolve']);
    const [incidents] = await queryRows<{ n: number }>(db.db, sql`select count(*)::int as n from alert_incidents i join alert_rules r on r.id = i.rule_id where r.channel_id = 'C-FLAP'`);
    expect(incidents?.n).toBe(1);
  });
});

async function journeyId(key: string): Promise<number | undefined> {
  const [row] = await queryRows<{ id: number }>(db.db, sql`select id::int as id from journeys where key = ${key}`);
  return row?.id;
}
