import type { App, BlockAction } from '@slack/bolt';
import { t } from '../../../i18n/index.js';
import type { SlackDeps } from '../../app.js';
import { sendWithChartFallback } from '../../charts.js';
import { ActionId } from '../../ids.js';
import { noticeMessage } from '../../views/notice.js';
import { slackErrorCode } from '../commands/journeyCommand.js';
import { renderView } from '../../viewMessages.js';
import { decodeValue, viewRefSchema } from '../../values.js';
import { actionChannel, actionValue, actionViewer, reply, type BlockActionArgs } from '../../interactions.js';

/**
 * Share to channel: posts the same view (fresh numbers, no private buttons) in the channel with
 * "Shared by @user". The ephemeral original stays as it is.
 */
export function registerShareButton(app: App, deps: SlackDeps): void {
  app.action<BlockAction>(ActionId.journeyShare, async (args: BlockActionArgs) => {
    await args.ack();
    const viewer = await actionViewer(deps, args.body);
    const ref = decodeValue(viewRefSchema, actionValue(args));
    const channel = actionChannel(args.body);
    if (!ref || !channel) {
      await reply(args, noticeMessage(t(viewer.locale, 'journey.error.stale')), 'new');
      return;
    }
    const rendered = await renderView(deps, viewer, ref, viewer.userId);
    if (!rendered.ok) {
      await reply(args, rendered.message, 'new');
      return;
    }
    try {
      await sendWithChartFallback(rendered.message.blocks, (blocks) => args.client.chat.postMessage({ channel, text: rendered.message.text, blocks }));
    } catch (err) {
      const code = slackErrorCode(err);
      deps.logger.warn('share to channel failed', { code, channel });
      const key = code === 'not_in_channel' || code === 'channel_not_found' || code === 'is_archived' ? 'journey.error.shareFailed' : 'platform.error.slackUnavailable';
      await reply(args, noticeMessage(t(viewer.locale, key)), 'new');
    }
  });
}
