import type { App, BlockAction } from '@slack/bolt';
import { t } from '../../../i18n/index.js';
import type { SlackContext } from '../../context.js';
import { Actions } from '../../ids.js';
import { actionTeam, actionValue, reply, type BlockActionArgs } from '../../interactions.js';
import { viewMessage } from '../../viewMessages.js';
import { viewerFor } from '../../viewer.js';
import { noticeMessage } from '../../views/notice.js';

/**
 * Buttons that show a view: Open (journey list → journey), the period switch, the touchpoint
 * picker and "Back to journey". They replace the ephemeral message they were pressed in.
 */
export function registerViewButtons(app: App, ctx: SlackContext): void {
  const show = async (args: BlockActionArgs): Promise<void> => {
    await args.ack();
    const viewer = await viewerFor(ctx, args.body.user.id, actionTeam(args.body));
    const ref = Actions.journeyOpen.decode(actionValue(args));
    if (!ref) {
      await reply(args, noticeMessage(t(viewer.locale, 'journey.error.stale')), 'new');
      return;
    }
    const rendered = await viewMessage(ctx, viewer, ref);
    await reply(args, rendered.message, rendered.ok ? 'replace' : 'new', viewer.locale);
  };
  app.action<BlockAction>(Actions.journeyOpen.id, show);
  app.action<BlockAction>(Actions.journeyViewTouchpoint.id, show);
  app.action<BlockAction>({ action_id: Actions.journeyPeriod.pattern }, show);
}
