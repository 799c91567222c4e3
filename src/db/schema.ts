import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import {
  ACTION_STATUSES,
  ALERT_KINDS,
  DIGEST_RUN_STATUSES,
  INCIDENT_STATUSES,
  METRICS,
  NOTIFICATION_KINDS,
  NOTIFICATION_STATUSES,
  RULE_SCOPES,
  TARGET_METRICS,
} from '../domain/enums.js';

/**
 * The tables are also a contract for upstream pipelines that write with plain SQL
 * (see README "Database contract"). Anything derived (response_daily) is kept up to date
 * by triggers, so rows written directly are seen exactly like rows ingested over HTTP.
 */

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

export const journeys = pgTable(
  'journeys',
  {
    id: serial('id').primaryKey(),
    key: text('key').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    /** Key of the touchpoint whose score is the journey's outcome (key drivers); null = the last active one. */
    outcomeKey: text('outcome_key'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('journeys_key_uq').on(t.key),
    check('journeys_key_slug', sql`${t.key} ~ '^[a-z0-9][a-z0-9_-]{0,63}$'`),
    check('journeys_name_not_blank', sql`length(btrim(${t.name})) > 0`),
  ],
);
export type Journey = typeof journeys.$inferSelect;

export const touchpoints = pgTable(
  'touchpoints',
  {
    id: serial('id').primaryKey(),
    journeyId: integer('journey_id')
      .notNull()
      .references(() => journeys.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    name: text('name').notNull(),
    channel: text('channel'),
    /** 0-based order within the journey; the funnel follows it. */
    position: integer('position').notNull(),
    /** A touchpoint left out of a journey definition is retired, not deleted: its data stays. */
    active: boolean('active').notNull().default(true),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('touchpoints_journey_key_uq').on(t.journeyId, t.key),
    index('touchpoints_journey_position_idx').on(t.journeyId, t.position),
    check('touchpoints_key_slug', sql`${t.key} ~ '^[a-z0-9][a-z0-9_-]{0,63}$'`),
    check('touchpoints_position_nonneg', sql`${t.position} >= 0`),
  ],
);
export type Touchpoint = typeof touchpoints.$inferSelect;

export const responses = pgTable(
  'responses',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    touchpointId: integer('touchpoint_id')
      .notNull()
      .references(() => touchpoints.id, { onDelete: 'cascade' }),
    metric: text('metric', { enum: METRICS }).notNull(),
    score: smallint('score').notNull(),
    comment: text('comment'),
    customerRef: text('customer_ref'),
    respondedAt: timestamp('responded_at', { withTimezone: true }).notNull(),
    /** Idempotency: the sender's id for the answer, unique within its source. */
    source: text('source').notNull().default(''),
    externalId: text('external_id').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * Who answered, as `{"region": "関西", "plan": "pro"}`: string values only. Null = none.
     * response_attribute_daily rolls it up (triggers), so rows written with plain SQL count too.
     */
    attributes: jsonb('attributes').$type<Record<string, string>>(),
  },
  (t) => [
    uniqueIndex('responses_source_external_id_uq').on(t.source, t.externalId),
    check('responses_attributes_object', sql`${t.attributes} is null or jsonb_typeof(${t.attributes}) = 'object'`),
    index('responses_touchpoint_time_idx').on(t.touchpointId, t.respondedAt),
    check('responses_metric_known', sql`${t.metric} in ('nps', 'csat', 'ces')`),
    check(
      'responses_score_in_range',
      sql`(${t.metric} = 'nps' and ${t.score} between 0 and 10)
        or (${t.metric} = 'csat' and ${t.score} between 1 and 5)
        or (${t.metric} = 'ces' and ${t.score} between 1 and 7)`,
    ),
  ],
);
export type ResponseRow = typeof responses.$inferSelect;

/**
 * Rollup of responses per touchpoint, metric and UTC day: c0..c10 count answers by score.
 * Maintained only by triggers on `responses` (migration 0001); never write it directly.
 * Queries add raw responses for the partial days at a period's edges, so any timezone works.
 */
export const responseDaily = pgTable(
  'response_daily',
  {
    touchpointId: integer('touchpoint_id')
      .notNull()
      .references(() => touchpoints.id, { onDelete: 'cascade' }),
    metric: text('metric', { enum: METRICS }).notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    c0: integer('c0').notNull().default(0),
    c1: integer('c1').notNull().default(0),
    c2: integer('c2').notNull().default(0),
    c3: integer('c3').notNull().default(0),
    c4: integer('c4').notNull().default(0),
    c5: integer('c5').notNull().default(0),
    c6: integer('c6').notNull().default(0),
    c7: integer('c7').notNull().default(0),
    c8: integer('c8').notNull().default(0),
    c9: integer('c9').notNull().default(0),
    c10: integer('c10').notNull().default(0),
  },
  (t) => [primaryKey({ name: 'response_daily_pk', columns: [t.touchpointId, t.metric, t.day] })],
);

/**
 * Rollup of responses per touchpoint, attribute key, UTC day, metric and attribute value, the
 * same c0..c10 counts as response_daily. Maintained only by statement-level triggers on
 * `responses` (one upsert per statement, not per row); never write it directly.
 */
export const responseAttributeDaily = pgTable(
  'response_attribute_daily',
  {
    touchpointId: integer('touchpoint_id')
      .notNull()
      .references(() => touchpoints.id, { onDelete: 'cascade' }),
    attrKey: text('attr_key').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    metric: text('metric', { enum: METRICS }).notNull(),
    attrValue: text('attr_value').notNull(),
    c0: integer('c0').notNull().default(0),
    c1: integer('c1').notNull().default(0),
    c2: integer('c2').notNull().default(0),
    c3: integer('c3').notNull().default(0),
    c4: integer('c4').notNull().default(0),
    c5: integer('c5').notNull().default(0),
    c6: integer('c6').notNull().default(0),
    c7: integer('c7').notNull().default(0),
    c8: integer('c8').notNull().default(0),
    c9: integer('c9').notNull().default(0),
    c10: integer('c10').notNull().default(0),
  },
  (t) => [
    primaryKey({ name: 'response_attribute_daily_pk', columns: [t.touchpointId, t.attrKey, t.day, t.metric, t.attrValue] }),
  ],
);

export const stepMetrics = pgTable(
  'step_metrics',
  {
    touchpointId: integer('touchpoint_id')
      .notNull()
      .references(() => touchpoints.id, { onDelete: 'cascade' }),
    /** The local calendar day the customers reached the step (the sender's day). */
    day: date('day', { mode: 'string' }).notNull(),
    reached: integer('reached').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'step_metrics_pk', columns: [t.touchpointId, t.day] }),
    check('step_metrics_reached_nonneg', sql`${t.reached} >= 0`),
  ],
);
export type StepMetric = typeof stepMetrics.$inferSelect;

/**
 * Daily step counts of one segment (one attribute key and value), beside the unsplit total in
 * step_metrics, which stays the sender's exact figure: segments never add into it.
 */
export const stepMetricSegments = pgTable(
  'step_metric_segments',
  {
    touchpointId: integer('touchpoint_id')
      .notNull()
      .references(() => touchpoints.id, { onDelete: 'cascade' }),
    attrKey: text('attr_key').notNull(),
    attrValue: text('attr_value').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    reached: integer('reached').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'step_metric_segments_pk', columns: [t.touchpointId, t.attrKey, t.day, t.attrValue] }),
    check('step_metric_segments_reached_nonneg', sql`${t.reached} >= 0`),
  ],
);

export const improvementActions = pgTable(
  'improvement_actions',
  {
    id: serial('id').primaryKey(),
    touchpointId: integer('touchpoint_id')
      .notNull()
      .references(() => touchpoints.id, { onDelete: 'cascade' }),
    description: text('description').notNull(),
    /** Slack user id of the owner. */
    ownerUserId: text('owner_user_id'),
    dueDate: date('due_date', { mode: 'string' }),
    status: text('status', { enum: ACTION_STATUSES }).notNull().default('open'),
    createdByUserId: text('created_by_user_id').notNull(),
    teamId: text('team_id'),
    /** The touchpoint's NPS (last 30 days) when the action was logged, to compare with the NPS since. */
    baselineNps: real('baseline_nps'),
    baselineResponses: integer('baseline_responses'),
    /** Set when the action was logged from an alert incident. */
    incidentId: integer('incident_id'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /**
     * SHA-256 (hex) of the Slack trigger_id of the command or submission that logged it, so a
     * replayed request finds this row instead of adding another. Null for actions logged elsewhere.
     */
    requestKey: text('request_key'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('improvement_actions_request_key_uq').on(t.requestKey),
    index('improvement_actions_touchpoint_idx').on(t.touchpointId, t.status),
    index('improvement_actions_owner_idx').on(t.ownerUserId, t.status),
    check('improvement_actions_status_known', sql`${t.status} in ('open', 'in_progress', 'done')`),
    check('improvement_actions_description_not_blank', sql`length(btrim(${t.description})) > 0`),
  ],
);
export type ImprovementAction = typeof improvementActions.$inferSelect;

// ─────────────────────────────────────────────────────────────────────────────
// Automation: weekly digests and threshold alerts.
// Every "send exactly once" decision is a row claimed in these tables (unique keys plus
// a claim expiry), so several replicas can share one database without double-posting.
// ─────────────────────────────────────────────────────────────────────────────

const claimColumns = {
  /** Replica that holds the claim (host:pid:random); informational. */
  claimedBy: text('claimed_by'),
  /** A claim whose holder crashed or hung expires here; another tick or replica may then retry. */
  claimExpiresAt: timestamp('claim_expires_at', { withTimezone: true }),
  attempts: integer('attempts').notNull().default(0),
  /** Earliest time of the next attempt after a transient failure (429 Retry-After, 5xx, timeout). */
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
  lastError: text('last_error'),
};

/** One weekly digest per channel: weekday 1 = Monday … 7 = Sunday, local time in `timezone`. */
export const digestSubscriptions = pgTable(
  'digest_subscriptions',
  {
    id: serial('id').primaryKey(),
    teamId: text('team_id').notNull(),
    channelId: text('channel_id').notNull(),
    weekday: smallint('weekday').notNull(),
    hour: smallint('hour').notNull(),
    minute: smallint('minute').notNull(),
    timezone: text('timezone').notNull(),
    /** Empty = every journey. */
    journeyKeys: text('journey_keys').array().notNull().default(sql`'{}'::text[]`),
    locale: text('locale').notNull().default('en'),
    createdBy: text('created_by').notNull(),
    /** Last permanent or long-lasting send problem, shown by `/journey digest`. */
    lastError: text('last_error'),
    lastErrorAt: timestamp('last_error_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('digest_subscriptions_channel_uq').on(t.channelId),
    check('digest_subscriptions_weekday', sql`${t.weekday} between 1 and 7`),
    check('digest_subscriptions_hour', sql`${t.hour} between 0 and 23`),
    check('digest_subscriptions_minute', sql`${t.minute} between 0 and 59`),
  ],
);
export type DigestSubscription = typeof digestSubscriptions.$inferSelect;

/** One row per (subscription, local week): the claim that makes each weekly digest post once. */
export const digestRuns = pgTable(
  'digest_runs',
  {
    id: serial('id').primaryKey(),
    subscriptionId: integer('subscription_id')
      .notNull()
      .references(() => digestSubscriptions.id, { onDelete: 'cascade' }),
    /** Local Monday (YYYY-MM-DD) of the week the digest covers. */
    periodKey: text('period_key').notNull(),
    status: text('status', { enum: DIGEST_RUN_STATUSES }).notNull(),
    scheduledFor: timestamp('scheduled_for', { withTimezone: true }).notNull(),
    ...claimColumns,
    messageTs: text('message_ts'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('digest_runs_subscription_period_uq').on(t.subscriptionId, t.periodKey),
    check('digest_runs_status_known', sql`${t.status} in ('claimed', 'retry', 'sent', 'failed', 'missed')`),
  ],
);
export type DigestRun = typeof digestRuns.$inferSelect;

export const alertRules = pgTable(
  'alert_rules',
  {
    id: serial('id').primaryKey(),
    teamId: text('team_id').notNull(),
    channelId: text('channel_id').notNull(),
    kind: text('kind', { enum: ALERT_KINDS }).notNull(),
    /** all = every active touchpoint; journey = its touchpoints; touchpoint = that one. */
    scope: text('scope', { enum: RULE_SCOPES }).notNull(),
    journeyId: integer('journey_id').references(() => journeys.id, { onDelete: 'cascade' }),
    touchpointId: integer('touchpoint_id').references(() => touchpoints.id, { onDelete: 'cascade' }),
    /** NPS value (nps_below), NPS points (nps_drop) or drop-off percent 0..100 (dropoff_above). */
    threshold: real('threshold').notNull(),
    windowDays: integer('window_days').notNull().default(7),
    minSample: integer('min_sample').notNull().default(30),
    locale: text('locale').notNull().default('en'),
    /**
     * IANA timezone whose local days make the rule's windows (the creator's Slack timezone by default).
     * Null reads as UTC; the default fills rules made before windows were local (they were UTC days).
     */
    timezone: text('timezone').default('UTC'),
    createdBy: text('created_by').notNull(),
    lastError: text('last_error'),
    lastErrorAt: timestamp('last_error_at', { withTimezone: true }),
    /** SHA-256 (hex) of the creating command's trigger_id: a replayed command finds this rule. */
    requestKey: text('request_key'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('alert_rules_request_key_uq').on(t.requestKey),
    index('alert_rules_channel_idx').on(t.channelId),
    check('alert_rules_kind_known', sql`${t.kind} in ('nps_below', 'nps_drop', 'dropoff_above')`),
    check(
      'alert_rules_scope_ids',
      sql`(${t.scope} = 'all' and ${t.journeyId} is null and ${t.touchpointId} is null)
        or (${t.scope} = 'journey' and ${t.journeyId} is not null and ${t.touchpointId} is null)
        or (${t.scope} = 'touchpoint' and ${t.touchpointId} is not null)`,
    ),
    check('alert_rules_window', sql`${t.windowDays} between 1 and 90`),
    check('alert_rules_min_sample', sql`${t.minSample} >= 1`),
  ],
);
export type AlertRule = typeof alertRules.$inferSelect;

/** A breach of one rule on one touchpoint, from opening to resolution; one Slack message per incident. */
export const alertIncidents = pgTable(
  'alert_incidents',
  {
    id: serial('id').primaryKey(),
    ruleId: integer('rule_id')
      .notNull()
      .references(() => alertRules.id, { onDelete: 'cascade' }),
    touchpointId: integer('touchpoint_id')
      .notNull()
      .references(() => touchpoints.id, { onDelete: 'cascade' }),
    status: text('status', { enum: INCIDENT_STATUSES }).notNull().default('open'),
    threshold: real('threshold').notNull(),
    /** Value when opened, latest value, and how far past the threshold the last notification was. */
    openedValue: real('opened_value').notNull(),
    lastValue: real('last_value').notNull(),
    lastSample: integer('last_sample').notNull(),
    /** Values of the window before (nps_drop: previous NPS; dropoff_above: previous drop-off). */
    lastPrevious: real('last_previous'),
    notifiedBadness: real('notified_badness').notNull(),
    worsenCount: integer('worsen_count').notNull().default(0),
    reopenCount: integer('reopen_count').notNull().default(0),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    lastEvaluatedAt: timestamp('last_evaluated_at', { withTimezone: true }).notNull(),
    acknowledgedBy: text('acknowledged_by'),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    snoozedBy: text('snoozed_by'),
    snoozedUntil: timestamp('snoozed_until', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    /** Where the alert was posted (the rule's channel at the time). */
    channelId: text('channel_id').notNull(),
    messageTs: text('message_ts'),
    ...timestamps,
  },
  (t) => [
    // At most one unresolved incident per rule and touchpoint, whichever replica evaluates.
    uniqueIndex('alert_incidents_one_open_uq')
      .on(t.ruleId, t.touchpointId)
      .where(sql`${t.status} <> 'resolved'`),
    index('alert_incidents_rule_idx').on(t.ruleId, t.touchpointId, t.resolvedAt),
    check('alert_incidents_status_known', sql`${t.status} in ('open', 'acknowledged', 'snoozed', 'resolved')`),
  ],
);
export type AlertIncident = typeof alertIncidents.$inferSelect;

/**
 * Outbox of Slack sends for incidents. (incident, kind, seq) is unique, so a notification
 * is queued once however many replicas evaluate; delivery claims rows with SKIP LOCKED.
 * kind: open = the first post; update = chat.update of that post (one re-armed row, seq 0);
 * worsen / resolve / reopen = thread notes.
 */
export const alertNotifications = pgTable(
  'alert_notifications',
  {
    id: serial('id').primaryKey(),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => alertIncidents.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    seq: integer('seq').notNull().default(0),
    status: text('status', { enum: NOTIFICATION_STATUSES }).notNull().default('pending'),
    ...claimColumns,
    sentAt: timestamp('sent_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('alert_notifications_key_uq').on(t.incidentId, t.kind, t.seq),
    index('alert_notifications_due_idx').on(t.status, t.nextAttemptAt),
    check('alert_notifications_kind_known', sql`${t.kind} in ('open', 'update', 'worsen', 'resolve')`),
    check('alert_notifications_status_known', sql`${t.status} in ('pending', 'claimed', 'sent', 'failed')`),
  ],
);
export type AlertNotification = typeof alertNotifications.$inferSelect;

/**
 * What the comment analysis (src/text) found in one NPS answer's comment: its language and distinct
 * terms. Filled in the background after ingest (jobs/commentAnalysis.ts), so ingest never waits for
 * it; deleted with its response. Never holds the comment itself.
 */
export const commentTerms = pgTable(
  'comment_terms',
  {
    // No foreign key on purpose: one would forbid a plain `TRUNCATE responses`, which the direct-SQL
    // contract allows. Triggers on responses (migration comment_themes_sql) delete and truncate these rows.
    responseId: bigint('response_id', { mode: 'number' }).primaryKey(),
    touchpointId: integer('touchpoint_id')
      .notNull()
      .references(() => touchpoints.id, { onDelete: 'cascade' }),
    respondedAt: timestamp('responded_at', { withTimezone: true }).notNull(),
    score: smallint('score').notNull(),
    language: text('language', { enum: ['ja', 'en'] }).notNull(),
    terms: text('terms').array().notNull(),
  },
  (t) => [
    index('comment_terms_touchpoint_time_idx').on(t.touchpointId, t.respondedAt),
    index('comment_terms_terms_idx').using('gin', t.terms),
    check('comment_terms_language_known', sql`${t.language} in ('ja', 'en')`),
    check('comment_terms_score_nps', sql`${t.score} between 0 and 10`),
  ],
);

/**
 * Respondents per touchpoint, UTC day, language and term (the term '' counts every analysed
 * comment). Maintained only by triggers on comment_terms (custom migration comment_themes_sql).
 */
export const commentTermDaily = pgTable(
  'comment_term_daily',
  {
    touchpointId: integer('touchpoint_id')
      .notNull()
      .references(() => touchpoints.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    language: text('language', { enum: ['ja', 'en'] }).notNull(),
    term: text('term').notNull(),
    n: integer('n').notNull().default(0),
    promoters: integer('promoters').notNull().default(0),
    detractors: integer('detractors').notNull().default(0),
  },
  (t) => [primaryKey({ name: 'comment_term_daily_pk', columns: [t.touchpointId, t.day, t.language, t.term] })],
);

/** How far the background comment analysis has got: one row, the last response id it has read. */
export const commentAnalysisState = pgTable('comment_analysis_state', {
  id: smallint('id').primaryKey().default(1),
  lastResponseId: bigint('last_response_id', { mode: 'number' }).notNull().default(0),
  analysedAt: timestamp('analysed_at', { withTimezone: true }),
});

/**
 * A theme a team defined (like a saved topic): a label and keywords, for one touchpoint, one
 * journey or everywhere (both null). `terms` are the keywords as the analysis sees them.
 */
export const teamThemes = pgTable(
  'team_themes',
  {
    id: serial('id').primaryKey(),
    journeyId: integer('journey_id').references(() => journeys.id, { onDelete: 'cascade' }),
    touchpointId: integer('touchpoint_id').references(() => touchpoints.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    keywords: text('keywords').array().notNull(),
    terms: text('terms').array().notNull(),
    createdBy: text('created_by').notNull(),
    ...timestamps,
  },
  (t) => [
    index('team_themes_scope_idx').on(t.journeyId, t.touchpointId),
    check('team_themes_label_not_blank', sql`length(btrim(${t.label})) > 0`),
  ],
);
export type TeamTheme = typeof teamThemes.$inferSelect;

/**
 * A target the team set: a touchpoint's NPS/CSAT/CES, a journey's (no touchpoint) or a step's
 * conversion, or a step's drop-off (the step is the touchpoint customers drop off on the way into),
 * optionally by a date. Values in display units: NPS points, percent, CES mean.
 */
export const targets = pgTable(
  'targets',
  {
    id: serial('id').primaryKey(),
    journeyId: integer('journey_id')
      .notNull()
      .references(() => journeys.id, { onDelete: 'cascade' }),
    touchpointId: integer('touchpoint_id').references(() => touchpoints.id, { onDelete: 'cascade' }),
    metric: text('metric', { enum: TARGET_METRICS }).notNull(),
    value: real('value').notNull(),
    dueDate: date('due_date', { mode: 'string' }),
    teamId: text('team_id'),
    createdBy: text('created_by').notNull(),
    ...timestamps,
  },
  (t) => [
    index('targets_journey_idx').on(t.journeyId),
    check('targets_metric_known', sql`${t.metric} in ('nps', 'csat', 'ces', 'conversion', 'dropoff')`),
    check('targets_step_metrics', sql`${t.metric} not in ('dropoff', 'csat', 'ces') or ${t.touchpointId} is not null`),
  ],
);
export type Target = typeof targets.$inferSelect;
