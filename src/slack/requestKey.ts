import { createHash } from 'node:crypto';

/**
 * The key that makes a write idempotent on the Slack request that asked for it. Every slash
 * command and interaction carries its own trigger_id and a replay of the same signed request
 * carries the same one, so a replay finds the row its first delivery stored. Only this hash is
 * kept: the trigger_id itself opens modals for a few seconds and is neither stored nor logged.
 * Null without a trigger_id (nothing to recognise a replay by), which writes as before.
 */
export function requestKeyOf(triggerId: string | undefined): string | null {
  if (!triggerId) return null;
  return createHash('sha256').update(triggerId).digest('hex');
}
