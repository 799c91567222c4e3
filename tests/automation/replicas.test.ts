import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/rows.js';
import { createAutomation } from '../../src/main.js';
import type { AutomationRuntime } from '../../src/jobs/scheduler.js';
import { silentLogger } from '../../src/logger.js';
import { createRule } from '../../src/db/queries/automation/rules.js';
import { upsertSubscription } from '../../src/db/queries/automation/subscriptions.js';
import { addNps, repeat, seedJourney } from '../helpers/automationData.js';
import { createTestDb, testDatabaseUrl, type TestDb } from '../helpers/db.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fakeSlack.js';
import { testBotConfig, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../helpers/slackBot.js';

/**
 * Three replicas on one database and one fake Slack fire their schedules at the same instants:
 * each digest period and each incident notification must reach Slack once. On real Postgres
 * (TEST_DATABASE_URL) they are three separate bot processes; on PGlite, which is one process's
 * database, three independent schedulers in this process.
 */

interface Replica {
  run(now: Date): Promise<void>;
  stop(): Promise<void>;
}

let db: TestDb;
let fake: FakeSlack;
let replicas: Replica[] = [];

function childReplica(env: Record<string, string>): Promise<Replica> {
  const script = fileURLToPath(new URL('../helpers/replicaProcess.ts', import.meta.url));
  const child: ChildProcess = fork(script, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let seq = 0;
  const waitFor = (pred: (m: Record<string, unknown>) => boolean) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const onMessage = (raw: unknown) => {
        const m = raw as Record<string, unknown>;
        if (m.type === 'error') {
          child.off('message', onMessage);
          reject(new Error(String(m.message)));
        } else if (pred(m)) {
          child.off('message', onMessage);
          resolve(m);
        }
      };
      child.on('message', onMessage);
    });
  return (async () => {
    await waitFor((m) => m.type === 'booted');
    child.send({ type: 'start', env });
    await waitFor((m) => m.type === 'ready');
    return {
      run: async (now: Date) => {
        const id = ++seq;
        const done = waitFor((m) => m.type === 'done' && m.id === id);
        child.send({ type: 'run', id, now: now.toISOString() });
        await done;
      },
      stop: async () => {
        const stopped = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.send({ type: 'stop' });
        await stopped;
      },
    };
  })();
}

function inProcessReplica(i: number): Replica {
  const config = testBotConfig(fake, { CHART_MODE: 'quickchart' });
  const runtime: Promise<AutomationRuntime> = createAutomation({
    config,
    logger: silentLogger,
    db,
    now: () => new Date(0),
    owner: `in-process-${i}`,
    webOverrides: { retryConfig: { retries: 0 }, timeout: 2_000 },
  });
  return { run: async (now) => void (await (await runtime).runDueWork(now)), stop: async () => (await runtime).stop() };
}

beforeAll(async () => {
  db = await createTestDb();
  fake = await startFakeSlack();
  const { touchpointIds } = await seedJourney(db.db, 'onboarding', '新規登録', [
    { key: 'signup', name: 'Sign-up' },
    { key: 'verify', name: '本人確認' },
  ]);
  const [signup, verify] = touchpointIds as [number, number];
  await addNps(db.db, signup, new Date('2026-11-20T05:00:00Z'), repeat(10, 40));
  await addNps(db.db, verify, new Date('2026-11-20T05:00:00Z'), [...repeat(0, 30), ...repeat(10, 10)]); // −50
  const created = new Date('2026-11-19T00:00:00Z');
  for (const [channel, hour] of [['C0R1', 9], ['C0R2', 9], ['C0R3', 10]] as const) {
    await upsertSubscription(
      db.db,
      { teamId: 'T0JP', channelId: channel, weekday: 1, hour, minute: 0, timezone: 'Asia/Kolkata', journeyKeys: [], locale: 'en', createdBy: 'U0ADMIN' },
      created,
    );
  }
  await createRule(
    db.db,
    { teamId: 'T0JP', channelId: 'C0ALERTS', kind: 'nps_below', target: { scope: 'all' }, threshold: 0, windowDays: 7, minSample: 30, locale: 'en', createdBy: 'U0ADMIN' },
    created,
  );
  if (testDatabaseUrl && db.url) {
    const env = {
      PORT: '0',
      DATABASE_URL: db.url,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_API_URL: fake.apiUrl,
      SLACK_BOT_ID: 'B0BOT',
      SLACK_BOT_USER_ID: 'U0BOT',
      CHART_MODE: 'quickchart',
      LOG_LEVEL: 'silent',
    };
    replicas = await Promise.all([0, 1, 2].map(() => childReplica(env)));
  } else {
    replicas = [0, 1, 2].map((i) => inProcessReplica(i));
  }
}, 120_000);

afterAll(async () => {
  await Promise.all(replicas.map((r) => r.stop()));
  await fake.close();
  await db.close();
});

describe(`three replicas (${testDatabaseUrl ? 'separate processes on Postgres' : 'in-process schedulers on PGlite'})`, () => {
  it('post each digest period and each incident notification once', async () => {
    // Monday 2026-11-23 09:00 IST = 03:30Z; 10:00 IST = 04:30Z. Every replica fires every minute around them.
    const instants = ['03:29', '03:30', '03:30', '03:31', '04:30', '04:30', '04:45'].map((hm) => new Date(`2026-11-23T${hm}:00Z`));
    for (const now of instants) await Promise.all(replicas.map((r) => r.run(now)));

    const posts = fake.callsTo('chat.postMessage');
    const byChannel = (c: string) => posts.filter((p) => p.body.channel === c);
    expect(byChannel('C0R1')).toHaveLength(1);
    expect(byChannel('C0R2')).toHaveLength(1);
    expect(byChannel('C0R3')).toHaveLength(1);
    // One incident (本人確認 at −50 < 0), one post; no thread notes, no duplicates.
    expect(byChannel('C0ALERTS')).toHaveLength(1);
    expect(JSON.stringify(byChannel('C0ALERTS')[0]?.body)).toContain('本人確認');
    const [counts] = await queryRows<{ runs: number; sent: number; incidents: number }>(
      db.db,
      sql`select (select count(*) from digest_runs)::int as runs, (select count(*) from digest_runs where status = 'sent')::int as sent,
                 (select count(*) from alert_incidents)::int as incidents`,
    );
    expect(counts).toEqual({ runs: 3, sent: 3, incidents: 1 });

    // A week later, together again: one more digest per channel.
    const next = new Date('2026-11-30T04:30:00Z');
    await Promise.all(replicas.map((r) => r.run(next)));
    expect(fake.callsTo('chat.postMessage').filter((p) => String(p.body.channel).startsWith('C0R'))).toHaveLength(6);
  });
});
