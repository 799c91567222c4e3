/**
 * What the jobs need from a messaging platform, so the exactly-once logic is testable without Slack.
 * Senders classify failures: permanent ones (the channel is gone, the bot is not in it) are recorded
 * and not retried; anything else is retried after `retryAfterMs` or a backoff.
 */
import type { DigestSubscription } from '../db/schema.js';
import type { DigestPeriod } from '../domain/schedule.js';
import type { IncidentView } from '../queries/automation/incidents.js';

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

export type NotificationKind = 'open' | 'update' | 'worsen' | 'resolve';

export interface AutomationSender {
  /** Posts the digest of `period` to the subscription's channel; returns the message ts. */
  sendDigest(subscription: DigestSubscription, period: DigestPeriod, now: Date): Promise<{ ts: string | null }>;
  /** open → new post (returns its ts); update → edit it; worsen / resolve → thread note (resolve also edits). */
  sendIncident(view: IncidentView, kind: NotificationKind, now: Date): Promise<{ ts: string | null }>;
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
