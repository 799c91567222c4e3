import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { AlertRule } from '../db/schema.js';
import { evaluateSubjects, resolvedHorizonMs, subjectKey, type EngineRule, type SubjectState } from '../domain/alertEngine.js';
import { ruleTimezone } from '../domain/alertWindows.js';
import type { Logger } from '../logger.js';
import { applyDecisions, type DecisionBatch } from '../db/queries/automation/applyDecisions.js';
import { loadIncidentStates, type IncidentStateRow } from '../db/queries/automation/incidents.js';
import { loadRuleEvidence } from '../db/queries/automation/observations.js';
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
 * Evaluates every alert rule on every touchpoint in its scope: one query for the evidence (completed
 * local days and baselines), one for the incident states, the one evaluation step every alert path
 * shares (evaluateSubjects), then writes only what changed in a few set-based statements. Decisions are made under a transaction-scoped
 * advisory lock, so two replicas evaluating at once cannot both open the same incident or both
 * queue the same note (the unique keys would also refuse it). Slack is not called here: changes
 * land in the alert_notifications outbox, which `deliverAlertNotifications` drains.
 */
export async function evaluateAlerts(db: Db, now: Date, logger: Logger): Promise<EvaluationSummary> {
  const summary: EvaluationSummary = { rules: 0, subjects: 0, opened: 0, updated: 0, worsened: 0, resolved: 0, reopened: 0 };
  await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    await t.execute(sql`select pg_advisory_xact_lock(${EVALUATION_LOCK})`);
    const rows = await listAllRules(t);
    summary.rules = rows.length;
    if (rows.length === 0) return;
    const rules = rows.map(engineRule);
    const subjects = await loadRuleEvidence(t, rows, now);
    summary.subjects = subjects.length;
    const states = await loadIncidentStates(t, new Date(now.getTime() - resolvedHorizonMs(rules)), now);
    const openBySubject = new Map<string, IncidentStateRow>();
    const resolvedBySubject = new Map<string, IncidentStateRow>();
    for (const s of states) {
      const key = subjectKey(s.ruleId, s.touchpointId);
      if (s.status === 'resolved') {
        // Ordered newest resolution first: keep the first seen.
        if (!resolvedBySubject.has(key)) resolvedBySubject.set(key, s);
      } else openBySubject.set(key, s);
    }
    const decisions = evaluateSubjects(rules, subjects, (ruleId, tp) => subjectState(openBySubject.get(subjectKey(ruleId, tp)), resolvedBySubject.get(subjectKey(ruleId, tp))), now);
    const channelOf = new Map(rows.map((r) => [r.id, r.channelId]));

    const batch: DecisionBatch = { opens: [], updates: [], resolves: [], reopens: [], queue: [] };
    for (const { rule, touchpointId, decision } of decisions) {
      const key = subjectKey(rule.id, touchpointId);
      const openRow = openBySubject.get(key) ?? null;
      const resolvedRow = resolvedBySubject.get(key) ?? null;
      switch (decision.type) {
        case 'none':
          break;
        case 'open': {
          const r = decision.reading;
          batch.opens.push({
            rule_id: rule.id,
            tp: touchpointId,
            channel: channelOf.get(rule.id) ?? '',
            threshold: rule.threshold,
            value: r.value ?? 0,
            sample: r.sample,
            previous: r.previous,
            badness: decision.badness,
          });
          break;
        }
        case 'update':
        case 'worsen': {
          if (!openRow) break;
          const r = decision.reading;
          const value = r.value ?? openRow.lastValue;
          const worsened = decision.type === 'worsen';
          // chat.update only when the shown value moved by a point or more: no edit storm every 15 minutes.
          const moved = Math.abs(value - openRow.lastValue) >= 1;
          if (!worsened && !moved && !openRow.snoozeExpired) break;
          // nps_drop keeps the baseline frozen at opening as its "previous".
          const previous = rule.kind === 'nps_drop' ? openRow.lastPrevious : r.previous;
          batch.updates.push({ id: openRow.id, value, sample: r.sample, previous, badness: decision.badness, worsened });
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
          const r = decision.reading;
          const previous = rule.kind === 'nps_drop' ? openRow.lastPrevious : r.previous;
          batch.resolves.push({ id: openRow.id, value: r.value, sample: r.value === null ? null : r.sample, previous });
          if (decision.note) batch.queue.push({ incident: openRow.id, kind: 'resolve', seq: 0 });
          batch.queue.push({ incident: openRow.id, kind: 'update', seq: 0 });
          summary.resolved++;
          break;
        }
        case 'reopen': {
          if (!resolvedRow) break;
          const r = decision.reading;
          batch.reopens.push({ id: resolvedRow.id, value: r.value ?? 0, sample: r.sample, previous: r.previous, badness: decision.badness });
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

/** A stored rule as the evaluation step sees it. */
export function engineRule(r: AlertRule): EngineRule {
  return { id: r.id, kind: r.kind, threshold: r.threshold, minSample: r.minSample, timezone: ruleTimezone(r.timezone), windowDays: r.windowDays };
}

function subjectState(open: IncidentStateRow | undefined, resolved: IncidentStateRow | undefined): SubjectState {
  return {
    open: open
      ? {
          id: open.id,
          status: open.status === 'resolved' ? 'open' : open.status,
          snoozedUntil: open.snoozedUntilMs === null ? null : new Date(open.snoozedUntilMs),
          notifiedBadness: open.notifiedBadness,
          worsenCount: open.worsenCount,
          resolveNoted: open.resolveNoted,
          openedAt: new Date(open.openedAtMs),
          lastPrevious: open.lastPrevious,
          lastValue: open.lastValue,
        }
      : null,
    lastResolved: resolved && resolved.resolvedAtMs !== null ? { id: resolved.id, resolvedAt: new Date(resolved.resolvedAtMs), resolveNoted: resolved.resolveNoted } : null,
  };
}
