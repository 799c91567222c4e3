import type { ReceiverEvent } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionId, CallbackId, SLASH_COMMAND } from '../../src/slack/ids.js';
import { startTestBot, type TestBot } from '../helpers/slackBot.js';
import { blockActionPayload, slashCommandBody, viewSubmissionPayload } from '../helpers/slackRequests.js';

/**
 * Every id in src/slack/ids.ts is wired to a listener that acks: events are fed straight to
 * app.processEvent (as bolt-js's own tests do), so this proves routing without HTTP. A button whose
 * action_id nobody listens to would show users a warning triangle in Slack.
 */
// Elements inside modal `input` blocks send no block_actions (their values arrive with view_submission).
const INPUT_ONLY: string[] = [ActionId.logTouchpointSelect, ActionId.logDescriptionInput, ActionId.logOwnerSelect, ActionId.logDueDate];

describe('listener routing', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ configOverrides: { CHART_MODE: 'off' } });
  });
  afterAll(async () => {
    await bot?.close();
  });

  async function acked(body: Record<string, unknown>): Promise<boolean> {
    let ok = false;
    const event: ReceiverEvent = {
      body,
      ack: async () => {
        ok = true;
      },
    };
    await bot.slack.app.processEvent(event);
    return ok;
  }

  it(`${SLASH_COMMAND} is handled`, async () => {
    const body = Object.fromEntries(new URLSearchParams(slashCommandBody({ text: 'help', responseUrl: bot.fake.responseUrl('routing') })));
    expect(await acked(body)).toBe(true);
  });

  it('every action id has a listener that acks', async () => {
    const missing: string[] = [];
    for (const actionId of Object.values(ActionId)) {
      if (INPUT_ONLY.includes(actionId)) continue;
      const payload = blockActionPayload({ actionId, value: '', responseUrl: bot.fake.responseUrl(`routing-${actionId}`) });
      if (!(await acked(payload))) missing.push(actionId);
    }
    expect(missing).toEqual([]);
  });

  it('every modal callback id has a view_submission listener that acks', async () => {
    const missing: string[] = [];
    for (const callbackId of Object.values(CallbackId) as string[]) {
      if (!(await acked(viewSubmissionPayload({ callbackId, values: {} })))) missing.push(callbackId);
    }
    expect(missing).toEqual([]);
  });
});
