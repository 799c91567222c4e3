import type { WebClient } from '@slack/web-api';
import { buildLogActionModal, type LogActionModalInput } from './views/logActionModal.js';

/** Opens the "Log an action" modal; trigger_id is valid for 3 seconds, so callers open it right after ack. */
export async function openLogActionModal(client: WebClient, triggerId: string, input: LogActionModalInput): Promise<void> {
  await client.views.open({ trigger_id: triggerId, view: buildLogActionModal(input) });
}
