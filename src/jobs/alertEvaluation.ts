import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { AlertRule } from '../db/schema.js';
import { DEFAULT_POLICIES, decide, observe, type OpenIncidentState, type ResolvedIncidentState } from '../domain/thresholds.js';
import type { Logger } from '../logger.js';
import { applyDecisions, type DecisionBatch } from '../db/queries/automation/applyDecisions.js';
import { loadIncidentStates, type IncidentStateRow } from '../db/queries/automation/incidents.js';
import { loadRuleSubjects } from '../db/queries/automation/observations.js';
import { listAllRules } from '../db/queries/automation/rules.js';

/** Held for the length of one evaluation transaction: replicas evaluate one after another, never twice at once. */
const EVALUATION_LOCK = 7_310_004;

export interface EvaluationSummary {
  rules: number;
  subjects: number;
  opened: number;
  updated: number;
  worsened: number;
  resolved: number;
  reopened: number;
}

/**
 * Evaluates every alert rule on every touchpoint in its scope: one query for the numbers, one for
 * the incident states, then writes only what changed in a few set-based statements. Decisions are made under a transaction-scoped
 * advisory lock, so two replicas evaluating at once cannot both open the same incident or both
 * queue the same note (the unique keys would also refuse it). Slack is not called here: changes
 * land in the alert_notifications outbox, which `deliverAlertNotifications` drains.
 */
export async function evaluateAlerts(db: Db, now: Date, logger: Logger): Promise<EvaluationSummary> {
  const summary: EvaluationSummary = { rules: 0, subjects: 0, opened: 0, updated: 0, worsened: 0, resolved: 0, reopened: 0 };
  await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    await t.execute(sql`select pg_advisory_xact_lock(${EVALUATION_LOCK})`);
    const rules = await listAllRules(t);
    summary.rules = rules.length;
    if (rules.length === 0) return;
    const subjects = await loadRuleSubjects(t, rules, now);
    summary.subjects = subjects.length;
    const maxCooldown = Math.max(...Object.values(DEFAULT_POLICIES).map((p) => p.cooldownMs));
    const states = await loadIncidentStates(t, new Date(now.getTime() - maxCooldown), now);
    const openBySubject = new Map<string, IncidentStateRow>();
    const resolvedBySubject = new Map<string, IncidentStateRow>();
    for (const s of states) {
      const key = `${s.ruleId}:${s.touchpointId}`;
      if (s.status === 'resolved') {
        // Ordered newest resolution first: keep the first seen.
        if (!resolvedBySubject.has(key)) resolvedBySubject.set(key, s);
      } else openBySubject.set(key, s);
    }
    const ruleById = new Map<number, AlertRule>(rules.map((r) => [r.id, r]));

    const batch: DecisionBatch = { opens: [], updates: [], resolves: [], reopens: [], queue: [] };
    for (const subject of subjects) {
      const rule = ruleById.get(subject.ruleId);
      if (!rule) continue;
      const key = `${subject.ruleId}:${subject.touchpointId}`;
      const obs = observe(rule.kind, subject);
      const openRow = openBySubject.get(key) ?? null;
      const resolvedRow = resolvedBySubject.get(key) ?? null;
      const open: OpenIncidentState | null = openRow
        ? {
            status: openRow.status === 'resolved' ? 'open' : openRow.status,
            snoozedUntil: openRow.snoozedUntilMs === null ? null : new Date(openRow.snoozedUntilMs),
            notifiedBadness: openRow.notifiedBadness,
            worsenCount: openRow.worsenCount,
            resolveNoted: openRow.resolveNoted,
          }
        : null;
      const resolved: ResolvedIncidentState | null =
        resolvedRow && resolvedRow.resolvedAtMs !== null ? { resolvedAt: new Date(resolvedRow.resolvedAtMs), resolveNoted: resolvedRow.resolveNoted } : null;
      const decision = decide({ kind: rule.kind, threshold: rule.threshold, minSample: rule.minSample }, obs, open, resolved, now);
      const value = obs.value ?? 0;

      switch (decision.type) {
        case 'none':
          break;
        case 'open':
          batch.opens.push({
            rule_id: rule.id,
            tp: subject.touchpointId,
            channel: rule.channelId,
            threshold: rule.threshold,
            value,
            sample: obs.sample,
            previous: obs.previousValue,
            badness: decision.badness,
          });
          break;
        case 'update':
        case 'worsen': {
          if (!openRow) break;
          const worsened = decision.type === 'worsen';
          // chat.update only when the shown value moved by a point or more: no edit storm every 15 minutes.
          const moved = Math.abs(value - openRow.lastValue) >= 1;
          if (!worsened && !moved && !openRow.snoozeExpired) break;
          batch.updates.push({ id: openRow.id, value, sample: obs.sample, previous: obs.previousValue, badness: decision.badness, worsened });
          if (worsened) {
            batch.queue.push({ incident: openRow.id, kind: 'worsen', seq: openRow.worsenCount + 1 });
            summary.worsened++;
          }
          batch.queue.push({ incident: openRow.id, kind: 'update', seq: 0 });
          summary.updated++;
          break;
        }
        case 'resolve': {
          if (!openRow) break;
          batch.resolves.push({ id: openRow.id, value: obs.value, sample: obs.value === null ? null : obs.sample, previous: obs.previousValue });
          if (decision.note) batch.queue.push({ incident: openRow.id, kind: 'resolve', seq: 0 });
          batch.queue.push({ incident: openRow.id, kind: 'update', seq: 0 });
          summary.resolved++;
          break;
        }
        case 'reopen': {
          if (!resolvedRow) break;
          batch.reopens.push({ id: resolvedRow.id, value, sample: obs.sample, previous: obs.previousValue, badness: decision.badness });
          batch.queue.push({ incident: resolvedRow.id, kind: 'update', seq: 0 });
          summary.reopened++;
          break;
        }
      }
    }
    summary.opened = (await applyDecisions(t, batch, now)).opened;
  });
  if (summary.opened + summary.worsened + summary.resolved + summary.reopened > 0) logger.info('alerts evaluated', { ...summary });
  else logger.debug('alerts evaluated', { ...summary });
  return summary;
}
