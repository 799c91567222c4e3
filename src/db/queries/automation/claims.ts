import { sql } from 'drizzle-orm';
import type { Db } from '../../client.js';
import { queryRows } from '../../rows.js';
import type { NotificationKind } from '../../../domain/enums.js';

/**
 * Claims that make a send happen once across replicas. A claim is a row state with an expiry:
 * whoever moves the row into `claimed` (atomically, in one statement) owns the send until
 * `claim_expires_at`; if it crashes or hangs, the claim expires and the next tick anywhere retries.
 */

export interface DigestClaim {
  runId: number;
  attempts: number;
}

/**
 * Claims the digest of one subscription for one period. Inserting the (subscription, period)
 * row wins the first time; later, only an expired claim or a due retry can be taken over.
 * Concurrent callers serialise on the unique index, so exactly one gets a row back.
 */
export async function claimDigestRun(
  db: Db,
  args: { subscriptionId: number; periodKey: string; scheduledFor: Date; owner: string; now: Date; leaseMs: number },
): Promise<DigestClaim | null> {
  const now = args.now.toISOString();
  const until = new Date(args.now.getTime() + args.leaseMs).toISOString();
  const rows = await queryRows<{ id: number; attempts: number }>(
    db,
    sql`insert into digest_runs as r (subscription_id, period_key, status, scheduled_for, claimed_by, claim_expires_at, attempts, created_at, updated_at)
        values (${args.subscriptionId}, ${args.periodKey}, 'claimed', ${args.scheduledFor.toISOString()}::timestamptz, ${args.owner},
                ${until}::timestamptz, 1, ${now}::timestamptz, ${now}::timestamptz)
        on conflict (subscription_id, period_key) do update
          set status = 'claimed', claimed_by = excluded.claimed_by, claim_expires_at = excluded.claim_expires_at,
              attempts = r.attempts + 1, updated_at = excluded.updated_at
          where (r.status = 'claimed' and r.claim_expires_at <= ${now}::timestamptz)
             or (r.status = 'retry' and r.next_attempt_at <= ${now}::timestamptz)
        returning r.id::int as id, r.attempts::int as attempts`,
  );
  const row = rows[0];
  return row ? { runId: row.id, attempts: row.attempts } : null;
}

/** Records a period that was not sent because its time passed long ago (e.g. every replica was down). */
export async function recordMissedDigest(db: Db, args: { subscriptionId: number; periodKey: string; scheduledFor: Date; now: Date; reason: string }): Promise<boolean> {
  const now = args.now.toISOString();
  const rows = await queryRows<{ id: number }>(
    db,
    sql`insert into digest_runs (subscription_id, period_key, status, scheduled_for, last_error, created_at, updated_at)
        values (${args.subscriptionId}, ${args.periodKey}, 'missed', ${args.scheduledFor.toISOString()}::timestamptz, ${args.reason},
                ${now}::timestamptz, ${now}::timestamptz)
        on conflict (subscription_id, period_key) do nothing
        returning id::int as id`,
  );
  return rows.length > 0;
}

/** Only the claim holder may finish a run: a late, superseded sender changes nothing. */
export async function finishDigestRun(
  db: Db,
  args: { runId: number; owner: string; now: Date } & (
    | { outcome: 'sent'; messageTs: string | null }
    | { outcome: 'retry'; error: string; retryAt: Date }
    | { outcome: 'failed'; error: string }
  ),
): Promise<boolean> {
  const now = args.now.toISOString();
  const set =
    args.outcome === 'sent'
      ? sql`status = 'sent', message_ts = ${args.messageTs}, sent_at = ${now}::timestamptz, last_error = null, claim_expires_at = null`
      : args.outcome === 'retry'
        ? sql`status = 'retry', last_error = ${args.error}, next_attempt_at = ${args.retryAt.toISOString()}::timestamptz, claim_expires_at = null`
        : sql`status = 'failed', last_error = ${args.error}, claim_expires_at = null`;
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update digest_runs set ${set}, updated_at = ${now}::timestamptz
        where id = ${args.runId} and status = 'claimed' and claimed_by = ${args.owner}
        returning id::int as id`,
  );
  return rows.length > 0;
}

export interface NotificationClaim {
  id: number;
  incidentId: number;
  kind: NotificationKind;
  seq: number;
  attempts: number;
  /** First queued, epoch ms: how long it has waited (warned about when it is hours). */
  createdAtMs: number;
}

/**
 * Claims up to `limit` due alert notifications. FOR UPDATE SKIP LOCKED lets replicas claim
 * different rows at the same moment without waiting on each other. Follow-ups (update, worsen,
 * resolve) wait until the incident's first post exists, since they edit or reply to it.
 */
export async function claimNotifications(db: Db, args: { owner: string; now: Date; leaseMs: number; limit: number }): Promise<NotificationClaim[]> {
  const now = args.now.toISOString();
  const until = new Date(args.now.getTime() + args.leaseMs).toISOString();
  return queryRows<NotificationClaim>(
    db,
    sql`update alert_notifications n
        set status = 'claimed', claimed_by = ${args.owner}, claim_expires_at = ${until}::timestamptz,
            attempts = n.attempts + 1, updated_at = ${now}::timestamptz
        where n.id in (
          select q.id from alert_notifications q
          join alert_incidents i on i.id = q.incident_id
          where ((q.status = 'pending' and (q.next_attempt_at is null or q.next_attempt_at <= ${now}::timestamptz))
              or (q.status = 'claimed' and q.claim_expires_at <= ${now}::timestamptz))
            and (q.kind = 'open' or i.message_ts is not null)
          order by q.id
          limit ${args.limit}
          for update of q skip locked
        )
        returning n.id::int as id, n.incident_id::int as "incidentId", n.kind, n.seq::int as seq, n.attempts::int as attempts,
                  (extract(epoch from n.created_at) * 1000)::float8 as "createdAtMs"`,
  );
}

export async function finishNotification(
  db: Db,
  args: { id: number; owner: string; now: Date } & ({ outcome: 'sent' } | { outcome: 'retry'; error: string; retryAt: Date } | { outcome: 'failed'; error: string }),
): Promise<boolean> {
  const now = args.now.toISOString();
  const set =
    args.outcome === 'sent'
      ? sql`status = 'sent', sent_at = ${now}::timestamptz, last_error = null, claim_expires_at = null`
      : args.outcome === 'retry'
        ? sql`status = 'pending', last_error = ${args.error}, next_attempt_at = ${args.retryAt.toISOString()}::timestamptz, claim_expires_at = null`
        : sql`status = 'failed', last_error = ${args.error}, claim_expires_at = null`;
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update alert_notifications set ${set}, updated_at = ${now}::timestamptz
        where id = ${args.id} and status = 'claimed' and claimed_by = ${args.owner}
        returning id::int as id`,
  );
  return rows.length > 0;
}
