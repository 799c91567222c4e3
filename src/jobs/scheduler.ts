import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../logger.js';
import { runDueWork, type DueWorkSummary, type JobContext } from './tick.js';

export interface AutomationRuntime {
  /** This replica's claim owner id (host:pid:random). */
  readonly owner: string;
  /** One tick at `now` (default: the injected clock). Tests call this directly instead of waiting. */
  runDueWork(now?: Date, opts?: { evaluate?: boolean }): Promise<DueWorkSummary>;
  /** Evaluate alerts soon, after an ingest batch; several batches in a row coalesce into one run. */
  afterIngest(): void;
  start(): void;
  stop(): Promise<void>;
}

export function replicaId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/**
 * The background scheduler of one replica: a minute tick for due digests and the alert outbox, and
 * alert evaluation on ALERT_EVAL_CRON. Nothing is scheduled per subscription: each tick reads the
 * subscriptions from the database, so changes apply at the next minute without a restart. Runs are
 * serialised within the process (no pile-up when the DB is slow); across replicas the database
 * claims decide who sends.
 */
export function createAutomationRuntime(args: {
  ctx: Omit<JobContext, 'owner'>;
  now: () => Date;
  alertEvalCron: string;
  logger: Logger;
  owner?: string;
}): AutomationRuntime {
  const owner = args.owner ?? replicaId();
  const ctx: JobContext = { ...args.ctx, owner };
  let chain: Promise<unknown> = Promise.resolve();
  let ingestQueued = false;
  let stopped = false;
  const tasks: ScheduledTask[] = [];

  const enqueue = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn, fn);
    chain = next.catch(() => undefined);
    return next;
  };
  const tick = (evaluate: boolean) => enqueue(() => runDueWork(ctx, args.now(), { evaluate }));
  const fire = (evaluate: boolean) => {
    if (stopped) return;
    tick(evaluate).catch((err: unknown) => args.logger.error('automation tick failed', { err }));
  };

  return {
    owner,
    runDueWork: (now, opts) => enqueue(() => runDueWork(ctx, now ?? args.now(), { evaluate: opts?.evaluate ?? true })),
    afterIngest: () => {
      if (ingestQueued || stopped) return;
      ingestQueued = true;
      enqueue(async () => {
        ingestQueued = false;
        return runDueWork(ctx, args.now(), { evaluate: true });
      }).catch((err: unknown) => args.logger.error('alert evaluation after ingest failed', { err }));
    },
    start: () => {
      if (tasks.length > 0) return;
      stopped = false;
      // Cron expressions in UTC: the digests' own timezones are handled by the schedule maths, not here.
      tasks.push(cron.schedule('* * * * *', () => fire(false), { name: `jp-digests-${owner}`, timezone: 'UTC', noOverlap: true }));
      tasks.push(cron.schedule(args.alertEvalCron, () => fire(true), { name: `jp-alerts-${owner}`, timezone: 'UTC', noOverlap: true }));
      args.logger.info('automation scheduler started', { owner, alertEvalCron: args.alertEvalCron });
    },
    stop: async () => {
      stopped = true;
      for (const task of tasks.splice(0)) await task.destroy();
      await chain;
    },
  };
}
