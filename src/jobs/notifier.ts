/**
 * The port between the jobs and a messaging platform. A job loads everything a message needs and
 * hands it over; the platform side (src/slack/notifier.ts) only renders and sends, so the
 * exactly-once logic is testable without Slack. Notifiers classify failures: permanent ones (the
 * channel is gone, the bot is not in it) are recorded and not retried; anything else is retried
 * after `retryAfterMs` or a backoff.
 */
import type { NotificationKind } from '../domain/enums.js';
import type { AlertInsight } from '../domain/insights.js';
import type { IncidentView } from '../domain/model.js';
import type { DigestPeriod } from '../domain/schedule.js';
import type { AlertTrendPoint } from '../services/alerts.js';
import type { DigestData } from '../services/digests.js';

export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    /** From Slack's Retry-After on 429, when known. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** Where and how a digest goes out: the subscription's channel, language and schedule (for the footer). */
export interface DigestTarget {
  channelId: string;
  locale: string;
  timezone: string;
  weekday: number;
  hour: number;
  minute: number;
}

export interface DigestNotice {
  target: DigestTarget;
  period: DigestPeriod;
  data: DigestData;
}

export interface IncidentNotice {
  incident: IncidentView;
  kind: NotificationKind;
  /** The weekly NPS the message charts (open and update; empty for thread notes and drop-off rules). */
  trend: AlertTrendPoint[];
  /** Where the fall is concentrated and what detractors say (open and update of NPS rules), when known. */
  insight?: AlertInsight | null;
  now: Date;
}

export interface Notifier {
  /** Posts a digest to its channel; returns the message ts. */
  postDigest(notice: DigestNotice): Promise<{ ts: string | null }>;
  /** open → new post (returns its ts); update → edit it; worsen / resolve → thread note. */
  sendIncident(notice: IncidentNotice): Promise<{ ts: string | null }>;
}

/** 1, 2, 4 … minutes, capped at 30: transient Slack trouble is retried without hammering it. */
export function backoffMs(attempts: number): number {
  return Math.min(30, 2 ** Math.max(0, attempts - 1)) * 60_000;
}

export function asDeliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  return new DeliveryError(err instanceof Error ? err.message : String(err), false);
}

/** A send failing this long is logged as a warning and shown in the commands. */
export const STUCK_AFTER_MS = 60 * 60_000;

export type FailureOutcome =
  | { permanent: true; message: string }
  | { permanent: false; message: string; retryAt: Date; stuck: boolean; waitedMinutes: number };

/**
 * What to do after a failed send, the same for digests and alerts: a permanent Slack error is
 * recorded and never retried; anything else is retried after Slack's Retry-After or the backoff,
 * whichever is longer, and counts as stuck once the send has waited longer than STUCK_AFTER_MS.
 */
export function failureOutcome(err: unknown, attempts: number, waitedMs: number, now: Date): FailureOutcome {
  const e = asDeliveryError(err);
  if (e.permanent) return { permanent: true, message: e.message };
  return {
    permanent: false,
    message: e.message,
    retryAt: new Date(now.getTime() + Math.max(e.retryAfterMs ?? 0, backoffMs(attempts))),
    stuck: waitedMs > STUCK_AFTER_MS,
    waitedMinutes: Math.round(waitedMs / 60_000),
  };
}
