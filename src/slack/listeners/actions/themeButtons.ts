import type { App, BlockAction } from '@slack/bolt';
import { parsePeriod, resolvePeriod } from '../../../domain/periods.js';
import { t } from '../../../i18n/index.js';
import type { SlackContext } from '../../context.js';
import { Actions } from '../../ids.js';
import { actionTeam, actionValue, reply, type BlockActionArgs } from '../../interactions.js';
import { viewerFor } from '../../viewer.js';
import { noticeMessage } from '../../views/notice.js';
import { themeQuotesMessage } from '../../views/themes.js';

const MORE_QUOTES = 5;

/** "More quotes" under a theme of `/journey why`: the theme's next comments, as a new ephemeral message. */
export function registerThemeButtons(app: App, ctx: SlackContext): void {
  app.action<BlockAction>(Actions.themeQuotes.id, async (args: BlockActionArgs) => {
    await args.ack();
    const viewer = await viewerFor(ctx, args.body.user.id, actionTeam(args.body));
    const value = Actions.themeQuotes.decode(actionValue(args));
    const period = value ? parsePeriod(value.p) : null;
    if (!value || !period?.ok) {
      await reply(args, noticeMessage(t(viewer.locale, 'journey.error.stale')), 'new');
      return;
    }
    const window = resolvePeriod(period.spec, ctx.now(), viewer.timezone);
    const quotes = await ctx.services.themes.quotes({ journeyId: value.j, touchpointId: value.t }, window, value.k, value.o, MORE_QUOTES);
    await reply(args, themeQuotesMessage(viewer.locale, value.l, window, quotes), 'new', viewer.locale);
  });
}
