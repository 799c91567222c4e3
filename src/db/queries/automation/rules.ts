import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../client.js';
import { queryRows } from '../../rows.js';
import { alertRules, type AlertRule } from '../../schema.js';
import type { AlertKind } from '../../../domain/thresholds.js';

export type RuleScope = { scope: 'all' } | { scope: 'journey'; journeyId: number } | { scope: 'touchpoint'; touchpointId: number; journeyId: number };

export interface RuleInput {
  teamId: string;
  channelId: string;
  kind: AlertKind;
  target: RuleScope;
  threshold: number;
  windowDays: number;
  minSample: number;
  locale: 'en' | 'ja';
  /** IANA timezone whose local days make the windows; UTC when not given. */
  timezone?: string;
  createdBy: string;
  /**
   * Identifies the Slack request that asked for it (a hash of its trigger_id): creating again with
   * the same key returns the rule already stored, so a replayed command adds nothing.
   */
  requestKey?: string | null;
}

export async function createRule(db: Db, input: RuleInput, now: Date): Promise<AlertRule> {
  const [row] = await db
    .insert(alertRules)
    .values({
      teamId: input.teamId,
      channelId: input.channelId,
      kind: input.kind,
      scope: input.target.scope,
      journeyId: input.target.scope === 'all' ? null : input.target.journeyId,
      touchpointId: input.target.scope === 'touchpoint' ? input.target.touchpointId : null,
      threshold: input.threshold,
      windowDays: input.windowDays,
      minSample: input.minSample,
      locale: input.locale,
      timezone: input.timezone ?? 'UTC',
      createdBy: input.createdBy,
      requestKey: input.requestKey ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: alertRules.requestKey })
    .returning();
  if (row) return row;
  // Nothing inserted: this request was seen before, and its rule is the answer.
  if (input.requestKey) {
    const [existing] = await db.select().from(alertRules).where(eq(alertRules.requestKey, input.requestKey));
    if (existing) return existing;
  }
  throw new Error('createRule returned no row');
}

/** Removes a rule of this channel (ids are global; a rule of another channel is not found). */
export async function deleteRule(db: Db, channelId: string, ruleId: number): Promise<boolean> {
  const rows = await db
    .delete(alertRules)
    .where(and(eq(alertRules.id, ruleId), eq(alertRules.channelId, channelId)))
    .returning({ id: alertRules.id });
  return rows.length > 0;
}

export async function listAllRules(db: Db): Promise<AlertRule[]> {
  return db.select().from(alertRules).orderBy(asc(alertRules.id));
}

export interface RuleListing {
  rule: AlertRule;
  /** Display label of the scope: `*`, `journey` or `journey/touchpoint` keys and names. */
  scopeLabel: string;
  openIncidents: number;
  acknowledged: number;
  snoozed: number;
  /** Notifications that keep failing or failed for good, with the latest error. */
  failingNotifications: number;
  lastNotificationError: string | null;
}

/** The channel's rules with their current state, in one query (for `/journey alerts`). */
export async function listRulesForChannel(db: Db, channelId: string): Promise<RuleListing[]> {
  const rules = await db.select().from(alertRules).where(eq(alertRules.channelId, channelId)).orderBy(asc(alertRules.id));
  if (rules.length === 0) return [];
  const stats = await queryRows<{
    id: number;
    label: string;
    open: number;
    acked: number;
    snoozed: number;
    failing: number;
    last_error: string | null;
  }>(
    db,
    sql`select r.id::int as id,
          case r.scope when 'all' then '*'
            when 'journey' then j.name || ' (' || j.key || ')'
            else j.name || ' / ' || t.name || ' (' || j.key || '/' || t.key || ')' end as label,
          (select count(*) from alert_incidents i where i.rule_id = r.id and i.status = 'open')::int as open,
          (select count(*) from alert_incidents i where i.rule_id = r.id and i.status = 'acknowledged')::int as acked,
          (select count(*) from alert_incidents i where i.rule_id = r.id and i.status = 'snoozed')::int as snoozed,
          (select count(*) from alert_notifications n join alert_incidents i on i.id = n.incident_id
             where i.rule_id = r.id and n.status in ('pending', 'claimed', 'failed') and n.last_error is not null)::int as failing,
          (select n.last_error from alert_notifications n join alert_incidents i on i.id = n.incident_id
             where i.rule_id = r.id and n.last_error is not null and n.status <> 'sent' order by n.updated_at desc limit 1) as last_error
        from alert_rules r
        left join touchpoints t on t.id = r.touchpoint_id
        left join journeys j on j.id = coalesce(r.journey_id, t.journey_id)
        where r.channel_id = ${channelId}`,
  );
  const byId = new Map(stats.map((s) => [s.id, s]));
  return rules.map((rule) => {
    const s = byId.get(rule.id);
    return {
      rule,
      scopeLabel: s?.label ?? '*',
      openIncidents: s?.open ?? 0,
      acknowledged: s?.acked ?? 0,
      snoozed: s?.snoozed ?? 0,
      failingNotifications: s?.failing ?? 0,
      lastNotificationError: s?.last_error ?? rule.lastError,
    };
  });
}

export async function recordRuleError(db: Db, ruleId: number, error: string, now: Date): Promise<void> {
  await db.update(alertRules).set({ lastError: error, lastErrorAt: now }).where(eq(alertRules.id, ruleId));
}
