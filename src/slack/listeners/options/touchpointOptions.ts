import type { App } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import { InputId } from '../../ids.js';
import { touchpointOptionGroups } from '../../views/logActionModal.js';

/**
 * Options for the modal's touchpoint picker when there are more than 100 touchpoints (an
 * external_select): Slack sends what the user typed, we answer with up to 100 matches grouped by
 * journey. Slack waits 3 seconds; the lookup is one small query.
 */
export function registerTouchpointOptions(app: App, ctx: SlackContext): void {
  app.options<'block_suggestion'>({ action_id: InputId.logTouchpointSelect }, async ({ ack, payload }) => {
    const touchpoints = await ctx.services.lookup.allTouchpoints();
    // Slack caps what it sends in `value`; a very long query still only filters.
    await ack({ option_groups: touchpointOptionGroups(touchpoints, payload.value.slice(0, 100)) });
  });
}
