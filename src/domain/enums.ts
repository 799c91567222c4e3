/**
 * Every closed set of values the product stores, defined once. The drizzle schema builds its
 * enum columns and check constraints' types from these, and the rest of the code takes its types
 * from here, so adding a value is one edit (plus a migration for the check constraint).
 */

export const METRICS = ['nps', 'csat', 'ces'] as const;
export type Metric = (typeof METRICS)[number];

export const ACTION_STATUSES = ['open', 'in_progress', 'done'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const DIGEST_RUN_STATUSES = ['claimed', 'retry', 'sent', 'failed', 'missed'] as const;
export type DigestRunStatus = (typeof DIGEST_RUN_STATUSES)[number];

export const ALERT_KINDS = ['nps_below', 'nps_drop', 'dropoff_above'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** all = every active touchpoint; journey = its touchpoints; touchpoint = that one. */
export const RULE_SCOPES = ['all', 'journey', 'touchpoint'] as const;
export type RuleScopeKind = (typeof RULE_SCOPES)[number];

export const INCIDENT_STATUSES = ['open', 'acknowledged', 'snoozed', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export type UnresolvedIncidentStatus = Exclude<IncidentStatus, 'resolved'>;

/** open = the first post; update = chat.update of it; worsen / resolve = thread notes. */
export const NOTIFICATION_KINDS = ['open', 'update', 'worsen', 'resolve'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_STATUSES = ['pending', 'claimed', 'sent', 'failed'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export const LOCALES = ['en', 'ja'] as const;
export type Locale = (typeof LOCALES)[number];

/** What a target can be set on: a touchpoint's score, a journey's or step's conversion, a step's drop-off. */
export const TARGET_METRICS = ['nps', 'csat', 'ces', 'conversion', 'dropoff'] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];
