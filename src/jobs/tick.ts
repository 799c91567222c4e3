import type { Logger } from '../logger.js';
import { deliverAlertNotifications, type DeliverySummary } from './alertDelivery.js';
import { evaluateAlerts, type EvaluationSummary } from './alertEvaluation.js';
import type { JobContext } from './context.js';
import { runDueDigests, type DigestTickSummary } from './digestDelivery.js';

export type { JobContext } from './context.js';

export interface DueWorkSummary {
  digests: DigestTickSummary;
  evaluation: EvaluationSummary | null;
  notifications: DeliverySummary;
}

/**
 * One tick of background work at `now` (an injected clock in tests): due digests, optionally an
 * alert evaluation, then the alert outbox. Safe to run on every replica at once: every send is
 * claimed in the database first.
 */
export async function runDueWork(ctx: JobContext, now: Date, opts: { evaluate: boolean }): Promise<DueWorkSummary> {
  const digests = await guarded(ctx.logger, 'digests', () => runDueDigests(ctx, now), { sent: 0, retrying: 0, failed: 0, missed: 0 });
  const evaluation = opts.evaluate ? await guarded(ctx.logger, 'alert evaluation', () => timedEvaluation(ctx, now), null) : null;
  const notifications = await guarded(ctx.logger, 'alert delivery', () => deliverAlertNotifications(ctx, now), { sent: 0, retrying: 0, failed: 0 });
  return { digests, evaluation, notifications };
}

/** One failing part (e.g. the database briefly away) must not stop the others or the scheduler. */
async function guarded<T>(logger: Logger, what: string, fn: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    logger.error(`${what} failed`, { err });
    return fallback;
  }
}

async function timedEvaluation(ctx: JobContext, now: Date): Promise<EvaluationSummary> {
  const started = performance.now();
  try {
    return await evaluateAlerts(ctx.db, now, ctx.logger);
  } finally {
    ctx.metrics?.observeAlertEvaluation((performance.now() - started) / 1000);
  }
}
