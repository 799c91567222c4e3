import type { App, BlockAction } from '@slack/bolt';
import { t } from '../../../i18n/index.js';
import type { SlackDeps } from '../../app.js';
import { ActionId } from '../../ids.js';
import { noticeMessage } from '../../views/notice.js';
import { renderView } from '../../viewMessages.js';
import { decodeValue, viewRefSchema } from '../../values.js';
import { actionValue, actionViewer, reply, type BlockActionArgs } from '../../interactions.js';

/**
 * Buttons that show a view: Open (journey list → journey), the period switch, the touchpoint
 * picker and "Back to journey". They replace the ephemeral message they were pressed in.
 */
export function registerViewButtons(app: App, deps: SlackDeps): void {
  const show = async (args: BlockActionArgs): Promise<void> => {
    await args.ack();
    const viewer = await actionViewer(deps, args.body);
    const ref = decodeValue(viewRefSchema, actionValue(args));
    if (!ref) {
      await reply(args, noticeMessage(t(viewer.locale, 'journey.error.stale')), 'new');
      return;
    }
    const rendered = await renderView(deps, viewer, ref);
    await reply(args, rendered.message, rendered.ok ? 'replace' : 'new', viewer.locale);
  };
  app.action<BlockAction>(ActionId.journeyOpen, show);
  app.action<BlockAction>(ActionId.journeyViewTouchpoint, show);
  // One action_id per period button (ids must be unique within a block): jp_journey_period:7d, …
  app.action<BlockAction>({ action_id: new RegExp(`^${ActionId.journeyPeriod}(:|$)`) }, show);
}
