import type { App, BlockAction } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { ActionStatus } from '../../../domain/enums.js';
import type { SetStatusResult } from '../../../domain/model.js';
import { t, type Locale } from '../../../i18n/index.js';
import type { SlackContext } from '../../context.js';
import { slackErrorCode } from '../../errors.js';
import { publishHome } from '../../home.js';
import { Actions, type ActionDef } from '../../ids.js';
import { actionChannel, actionTeam, actionValue, reply, updateOriginal, type BlockActionArgs } from '../../interactions.js';
import { actions, escapeText, finalizeMessage, section, truncate } from '../../kit/blocks.js';
import { openLogActionModal } from '../../modals.js';
import type { ActionStatusValue } from '../../values.js';
import { actionsListMessage } from '../../viewMessages.js';
import { viewerFor, viewerWithin } from '../../viewer.js';
import { statusButtons, statusText } from '../../views/actionsList.js';
import { noticeMessage } from '../../views/notice.js';

/** Which status each button moves to, and from which statuses it may be pressed. */
const TRANSITIONS: ReadonlyArray<{ action: ActionDef<ActionStatusValue>; to: ActionStatus; from: readonly ActionStatus[] }> = [
  { action: Actions.actionStart, to: 'in_progress', from: ['open'] },
  { action: Actions.actionComplete, to: 'done', from: ['open', 'in_progress'] },
  { action: Actions.actionReopen, to: 'open', from: ['done'] },
];

/**
 * Start / Complete / Reopen, and Log action (opens the modal prefilled with the touchpoint).
 * A status button changes the message it was pressed in: the list is rendered again with the new
 * status and a one-line confirmation (App Home is published again), rather than adding a message.
 */
export function registerActionButtons(app: App, ctx: SlackContext): void {
  for (const transition of TRANSITIONS) {
    app.action<BlockAction>(transition.action.id, async (args: BlockActionArgs) => {
      await args.ack();
      const viewer = await viewerFor(ctx, args.body.user.id, actionTeam(args.body));
      const value = transition.action.decode(actionValue(args));
      // A value claiming a status this button cannot move from was not rendered by us.
      if (!value || !transition.from.includes(value.from)) {
        await reply(args, noticeMessage(t(viewer.locale, 'journey.error.stale')), 'new');
        return;
      }
      const result = await ctx.services.actions.setStatus(value.a, transition.to, viewer.now, value.from);
      const notice = noticeFor(viewer.locale, result);
      if (args.body.container?.type === 'view' && args.body.view?.type === 'home') {
        await publishHome(ctx, viewer, { notice: notice.text });
        return;
      }
      const rendered = value.r ? await actionsListMessage(ctx, viewer, value.r, { notice }) : null;
      if (rendered?.ok) {
        await updateOriginal(args, ctx.logger, rendered.message, viewer.locale);
        return;
      }
      // Buttons rendered before they carried their list, or a list whose touchpoint is gone: a
      // short message of its own, with the next buttons so a wrong click can be undone at once.
      const blocks: KnownBlock[] = [section(notice.text)];
      if (notice.action) blocks.push(actions(statusButtons(viewer.locale, notice.action)));
      await reply(args, finalizeMessage({ text: notice.text, blocks }), 'new');
    });
  }

  app.action<BlockAction>(Actions.journeyLogAction.id, async (args: BlockActionArgs) => {
    await args.ack();
    // trigger_id expires 3 s after the click: a slow users.info may not hold up views.open.
    const [{ viewer }, touchpoints] = await Promise.all([
      viewerWithin(ctx, args.body.user.id, actionTeam(args.body)),
      ctx.services.lookup.allTouchpoints(),
    ]);
    const value = Actions.journeyLogAction.decode(actionValue(args));
    if (!value) {
      await reply(args, noticeMessage(t(viewer.locale, 'journey.error.stale')), 'new');
      return;
    }
    // A tampered or retired touchpoint id simply leaves the picker empty.
    const prefill = value.t !== undefined && touchpoints.some((tp) => tp.id === value.t) ? { touchpointId: value.t } : {};
    const channel = actionChannel(args.body);
    try {
      await openLogActionModal(args.client, args.body.trigger_id, { locale: viewer.locale, touchpoints, prefill, metadata: channel ? { c: channel } : {} });
    } catch (err) {
      ctx.logger.warn('views.open failed for the Log action button', { error: slackErrorCode(err) });
      await reply(args, noticeMessage(t(viewer.locale, 'journey.error.modalFailed', { error: slackErrorCode(err) })), 'new');
    }
  });
}

/** The confirmation line for a status change, and the action to offer buttons for (none when it is gone). */
function noticeFor(locale: Locale, result: SetStatusResult): { text: string; action?: { id: number; status: ActionStatus } } {
  if (result.ok) {
    const a = result.action;
    const text = `:white_check_mark: ${t(locale, 'journey.actions.changed', { description: escapeText(truncate(a.description, 200)), status: statusText(locale, a.status) })}`;
    return { text, action: { id: a.id, status: a.status } };
  }
  if (result.reason === 'not_found') return { text: t(locale, 'journey.error.actionNotFound') };
  return { text: t(locale, 'journey.error.actionChanged', { status: statusText(locale, result.action.status) }), action: { id: result.action.id, status: result.action.status } };
}
