import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { describeRequest, isBusyError, BusyError } from '../../src/slack/workGate.js';
import { createWorkQueue } from '../../src/slack/workQueue.js';
import { startTestBot, type TestBot } from '../helpers/slackBot.js';
import { TEST_IDS } from '../helpers/slackRequests.js';

/** A promise and its resolve, to hold a listener in its slot until the test lets it go. */
function latch(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe('work queue', () => {
  it('admits concurrency + backlog requests, refuses the next, and frees a place on release', async () => {
    const depths: number[] = [];
    const queue = createWorkQueue({ concurrency: 1, maxBacklog: 1, onDepth: (n) => depths.push(n) });
    const first = queue.tryAcquire();
    const second = queue.tryAcquire();
    expect(first).not.toBeNull();
    expect(second).not.toBeNull();
    expect(queue.tryAcquire()).toBeNull();
    const releaseFirst = await first!;
    expect(queue.running).toBe(1);
    expect(queue.waiting).toBe(1);
    releaseFirst();
    releaseFirst(); // twice is harmless
    const releaseSecond = await second!;
    expect(queue.waiting).toBe(0);
    const third = queue.tryAcquire();
    expect(third).not.toBeNull();
    releaseSecond();
    (await third!)();
    expect(queue.running + queue.waiting).toBe(0);
    expect(depths).toContain(1);
    expect(depths.at(-1)).toBe(0);
  });

  it('tells what a request is for metrics and queueing', () => {
    expect(describeRequest({ command: '/journey', text: 'touchpoint online-purchase/delivery', user_id: 'U1', response_url: 'https://x/r' })).toEqual({
      surface: 'command',
      kind: 'touchpoint',
      queued: true,
      userId: 'U1',
      responseUrl: 'https://x/r',
    });
    expect(describeRequest({ type: 'block_actions', actions: [{ action_id: 'jp_share' }], user: { id: 'U1' } })).toMatchObject({ surface: 'action', kind: 'jp_share', queued: true });
    expect(describeRequest({ type: 'view_submission', view: { callback_id: 'log' }, user: { id: 'U1' } })).toMatchObject({ surface: 'view', kind: 'log', queued: true });
    expect(describeRequest({ type: 'block_suggestion', action_id: 'tp' })).toMatchObject({ surface: 'options', queued: false });
    expect(describeRequest({ type: 'event_callback', event: { type: 'app_home_opened' } })).toMatchObject({ surface: 'event', kind: 'app_home_opened', queued: false });
    expect(isBusyError(new BusyError())).toBe(true);
    expect(isBusyError({ original: new BusyError() })).toBe(true);
    expect(isBusyError(new Error('x'))).toBe(false);
  });
});

describe('after-ack work through the bounded queue', () => {
  let bot: TestBot;
  const lines: string[] = [];
  let hold = latch();
  let entered = latch();
  let slowDone = latch();

  beforeAll(async () => {
    bot = await startTestBot({
      configOverrides: { CHART_MODE: 'off', WORK_CONCURRENCY: 1, WORK_MAX_BACKLOG: 1, METRICS_ENABLED: true },
      logger: createLogger('debug', {}, (l) => lines.push(l)),
    });
    // A listener whose after-ack work takes as long as the test says.
    bot.slack.app.action('test_slow', async ({ ack }) => {
      await ack();
      entered.open();
      await hold.promise;
      slowDone.open();
    });
    bot.fake.setUser(TEST_IDS.userId, { locale: 'en-US', tz: 'Asia/Tokyo' });
  });
  afterAll(async () => {
    hold.open();
    await bot?.close();
  });

  const reset = (): void => {
    hold = latch();
    entered = latch();
    slowDone = latch();
  };

  it('acks at once while another request holds the only slot, and runs the queued work when it is free', async () => {
    reset();
    const slow = await bot.action({ actionId: 'test_slow', value: 'v' });
    expect(slow.status).toBe(200);
    await entered.promise;
    // The slot is taken and stays taken until hold opens: this ack cannot have waited for it.
    const queued = await bot.command('help');
    expect(queued.status).toBe(200);
    expect(queued.responses()).toHaveLength(0);
    hold.open();
    await slowDone.promise;
    const reply = await queued.waitForResponse();
    expect(JSON.stringify(reply.body)).not.toContain('is busy right now');
  });

  it('refuses past the backlog with a busy reply, and the listener does not run', async () => {
    reset();
    const slow = await bot.action({ actionId: 'test_slow', value: 'v' });
    expect(slow.status).toBe(200);
    await entered.promise;
    const waiting = await bot.command('help'); // the one place in the backlog
    const refused = await bot.command('help');
    expect(waiting.status).toBe(200);
    expect(refused.status).toBe(200);
    const busy = await refused.waitForResponse();
    expect(busy.body.text).toBe('Journey Pulse is busy right now and could not take this request. Please try again in a minute.');
    expect(busy.body.response_type).toBe('ephemeral');
    hold.open();
    await slowDone.promise;
    await waiting.waitForResponse();
    // The refused command's listener never got past ack(): its only post is the busy notice.
    expect(refused.responses()).toHaveLength(1);
    // Not logged as a failure, no apology.
    expect(lines.filter((l) => l.includes('Slack listener failed'))).toHaveLength(0);
    const metrics = await bot.app.metrics.render();
    expect(metrics).toMatch(/slack_requests_total\{surface="command",kind="help",outcome="busy"\} 1/);
    expect(metrics).toMatch(/slack_requests_total\{surface="command",kind="help",outcome="ok"\} 2/);
    expect(metrics).toMatch(/slack_ack_seconds_count\{surface="command"\} 3/);
    expect(metrics).toMatch(/work_queue_depth 0/);
  });
});
