import type { App, BlockAction } from '@slack/bolt';
import { t } from '../../../i18n/index.js';
import { sendWithChartFallback } from '../../charts.js';
import type { SlackContext } from '../../context.js';
import { isChannelAccessError, slackErrorCode } from '../../errors.js';
import { Actions } from '../../ids.js';
import { actionChannel, actionTeam, actionValue, reply, type BlockActionArgs } from '../../interactions.js';
import { viewMessage } from '../../viewMessages.js';
import { viewerFor } from '../../viewer.js';
import { noticeMessage } from '../../views/notice.js';

/**
 * Share to channel: posts the same view (fresh numbers, no private buttons) in the channel with
 * "Shared by @user". The ephemeral original stays as it is.
 */
export function registerShareButton(app: App, ctx: SlackContext): void {
  app.action<BlockAction>(Actions.journeyShare.id, async (args: BlockActionArgs) => {
    await args.ack();
    const viewer = await viewerFor(ctx, args.body.user.id, actionTeam(args.body));
    const ref = Actions.journeyShare.decode(actionValue(args));
    const channel = actionChannel(args.body);
    if (!ref || !channel) {
      await reply(args, noticeMessage(t(viewer.locale, 'journey.error.stale')), 'new');
      return;
    }
    const rendered = await viewMessage(ctx, viewer, ref, viewer.userId);
    if (!rendered.ok) {
      await reply(args, rendered.message, 'new');
      return;
    }
    try {
      await sendWithChartFallback(rendered.message, (m) => args.client.chat.postMessage({ channel, text: m.text, blocks: m.blocks }));
    } catch (err) {
      ctx.logger.warn('share to channel failed', { code: slackErrorCode(err), channel });
      const key = isChannelAccessError(err) ? 'journey.error.shareFailed' : 'platform.error.slackUnavailable';
      await reply(args, noticeMessage(t(viewer.locale, key)), 'new');
    }
  });
}
