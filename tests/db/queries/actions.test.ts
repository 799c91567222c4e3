import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertResponses } from '../../../src/db/queries/ingest.js';
import { getActionImpact, listActions, logAction, npsCountsBetween, setActionStatus } from '../../../src/db/queries/actions.js';
import { createTestDb, type TestDb } from '../../helpers/db.js';
import { NOW, seedFixture, type Fixture } from '../../slack/features/fixture.js';

let handle: TestDb;
let fx: Fixture;

beforeAll(async () => {
  handle = await createTestDb();
  fx = await seedFixture(handle.db);
});
afterAll(async () => {
  await handle.close();
});

describe('improvement actions', () => {
  it('counts NPS answers in a window across partial and whole days', async () => {
    const c = await npsCountsBetween(handle.db, fx.tp.checkout, new Date(NOW.getTime() - 30 * 86_400_000), NOW);
    expect(c).toEqual({ n: 40, promoters: 12, detractors: 20 });
    // A window inside one day uses only raw rows.
    const none = await npsCountsBetween(handle.db, fx.tp.checkout, new Date(NOW.getTime() - 3_600_000), NOW);
    expect(none).toEqual({ n: 0, promoters: 0, detractors: 0 });
  });

  it('logs an action with the 30-day baseline and reports the NPS since', async () => {
    const action = await logAction(handle.db, {
      touchpointId: fx.tp.checkout,
      description: '  Fix the card form  ',
      ownerUserId: 'U_OWNER',
      dueDate: '2026-04-15',
      createdByUserId: 'U_ME',
      teamId: 'T1',
      now: NOW,
    });
    expect(action).toMatchObject({
      description: 'Fix the card form',
      ownerUserId: 'U_OWNER',
      dueDate: '2026-04-15',
      status: 'open',
      baseline: { score: -20, responses: 40 },
      touchpoint: { key: 'checkout', journeyKey: 'online-purchase', journeyName: 'オンライン購入' },
    });
    expect(action.createdAt.toISOString()).toBe(NOW.toISOString());

    // Two days later: 3 promoters and 1 detractor arrived → NPS since = (3 − 1)/4 = +50, delta +70.
    const later = new Date(NOW.getTime() + 2 * 86_400_000);
    await insertResponses(handle.db, [10, 9, 10, 0].map((score, i) => ({
      touchpointId: fx.tp.checkout, metric: 'nps' as const, score, source: 'later', externalId: `l${i}`,
      respondedAt: new Date(NOW.getTime() + (i + 1) * 3_600_000 * 7).toISOString(),
    })));
    const impact = await getActionImpact(handle.db, action.id, later);
    expect(impact?.since).toEqual({ n: 4, promoters: 3, detractors: 1, score: 50 });
    expect(impact?.delta).toBe(70);

    const listed = await listActions(handle.db, { statuses: ['open'], ownerUserId: 'U_OWNER' }, later);
    expect(listed.map((a) => [a.id, a.since.n, a.delta])).toEqual([[action.id, 4, 70]]);
    expect(await listActions(handle.db, { statuses: ['done'] }, later)).toEqual([]);
    expect((await listActions(handle.db, { journeyId: fx.journeys.support }, later)).length).toBe(0);
  });

  it('moves status only from the expected status', async () => {
    const a = await logAction(handle.db, { touchpointId: fx.tp.cart, description: 'Shorter cart', createdByUserId: 'U_ME', now: NOW });
    expect(a.baseline).toEqual({ score: 25, responses: 40 });
    const started = await setActionStatus(handle.db, a.id, 'in_progress', NOW, 'open');
    expect(started.ok && started.action.status).toBe('in_progress');
    const stale = await setActionStatus(handle.db, a.id, 'in_progress', NOW, 'open');
    expect(stale).toMatchObject({ ok: false, reason: 'stale' });
    const done = await setActionStatus(handle.db, a.id, 'done', NOW, 'in_progress');
    expect(done.ok && done.action.completedAt?.toISOString()).toBe(NOW.toISOString());
    const reopened = await setActionStatus(handle.db, a.id, 'open', NOW, 'done');
    expect(reopened.ok && reopened.action.completedAt).toBeNull();
    expect(await setActionStatus(handle.db, 999_999, 'done', NOW)).toEqual({ ok: false, reason: 'not_found' });
  });

  it('keeps a baseline of null when the touchpoint had no answers', async () => {
    const a = await logAction(handle.db, { touchpointId: fx.tp.resolution, description: '調査する', createdByUserId: 'U_ME', now: NOW });
    expect(a.baseline).toEqual({ score: null, responses: 0 });
    expect(a.description).toBe('調査する');
  });
});
