import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  real,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

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
    metric: text('metric', { enum: ['nps', 'csat', 'ces'] }).notNull(),
    score: smallint('score').notNull(),
    comment: text('comment'),
    customerRef: text('customer_ref'),
    respondedAt: timestamp('responded_at', { withTimezone: true }).notNull(),
    /** Idempotency: the sender's id for the answer, unique within its source. */
    source: text('source').notNull().default(''),
    externalId: text('external_id').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('responses_source_external_id_uq').on(t.source, t.externalId),
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
    metric: text('metric', { enum: ['nps', 'csat', 'ces'] }).notNull(),
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
    status: text('status', { enum: ['open', 'in_progress', 'done'] }).notNull().default('open'),
    createdByUserId: text('created_by_user_id').notNull(),
    teamId: text('team_id'),
    /** The touchpoint's NPS (last 30 days) when the action was logged, to compare with the NPS since. */
    baselineNps: real('baseline_nps'),
    baselineResponses: integer('baseline_responses'),
    /** Set when the action was logged from an alert incident (the alerts issue adds that table). */
    incidentId: integer('incident_id'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index('improvement_actions_touchpoint_idx').on(t.touchpointId, t.status),
    index('improvement_actions_owner_idx').on(t.ownerUserId, t.status),
    check('improvement_actions_status_known', sql`${t.status} in ('open', 'in_progress', 'done')`),
    check('improvement_actions_description_not_blank', sql`length(btrim(${t.description})) > 0`),
  ],
);
export type ImprovementAction = typeof improvementActions.$inferSelect;
