import type { App, BlockAction } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { t } from '../../../i18n/index.js';
import { setActionStatus, type ActionStatus } from '../../../queries/actions.js';
import { listAllTouchpoints } from '../../../queries/lookup.js';
import type { SlackDeps } from '../../app.js';
import { actions, escapeText, finalizeMessage, section, truncate } from '../../blocks/kit.js';
import { ActionId } from '../../ids.js';
import { statusButtons, statusText } from '../blocks/actionsList.js';
import { noticeMessage } from '../blocks/notice.js';
import { slackErrorCode } from '../commands/journeyCommand.js';
import { publishHome } from '../home/appHome.js';
import { actionStatusValueSchema, decodeValue, logActionValueSchema } from '../values.js';
import { openLogActionModal } from '../views/logActionModal.js';
import { actionChannel, actionValue, actionViewer, reply, type BlockActionArgs } from './common.js';

/** Which status each button moves to, and from which statuses it may be pressed. */
const TRANSITIONS: Record<string, { to: ActionStatus; from: readonly ActionStatus[] }> = {
  [ActionId.actionStart]: { to: 'in_progress', from: ['open'] },
  [ActionId.actionComplete]: { to: 'done', from: ['open', 'in_progress'] },
  [ActionId.actionReopen]: { to: 'open', from: ['done'] },
};

/** Start / Complete / Reopen, and Log action (opens the modal prefilled with the touchpoint). */
export function registerActionButtons(app: App, deps: SlackDeps): void {
  for (const [actionId, transition] of Object.entries(TRANSITIONS)) {
    app.action<BlockAction>(actionId, async (args: BlockActionArgs) => {
      await args.ack();
      const viewer = await actionViewer(deps, args.body);
      const value = decodeValue(actionStatusValueSchema, actionValue(args));
      // A value claiming a status this button cannot move from was not rendered by us.
      if (!value || !transition.from.includes(value.from)) {
        await reply(args, noticeMessage(t(viewer.locale, 'journey.error.stale')), 'new');
        return;
      }
      const result = await setActionStatus(deps.db.db, value.a, transition.to, viewer.now, value.from);
      const inHome = args.body.container?.type === 'view' && args.body.view?.type === 'home';
      if (!result.ok) {
        const text =
          result.reason === 'not_found'
            ? t(viewer.locale, 'journey.error.actionNotFound')
            : t(viewer.locale, 'journey.error.actionChanged', { status: statusText(viewer.locale, result.action.status) });
        if (inHome) await publishHome(deps, viewer);
        else await reply(args, noticeMessage(text), 'new');
        return;
      }
      if (inHome) {
        await publishHome(deps, viewer);
        return;
      }
      const a = result.action;
      const text = t(viewer.locale, 'journey.actions.changed', { description: escapeText(truncate(a.description, 200)), status: statusText(viewer.locale, a.status) });
      // The confirmation carries the next buttons, so a wrong click can be undone at once.
      const blocks: KnownBlock[] = [section(text), actions(statusButtons(viewer.locale, a))];
      await reply(args, finalizeMessage({ text, blocks }), 'new');
    });
  }

  app.action<BlockAction>(ActionId.journeyLogAction, async (args: BlockActionArgs) => {
    await args.ack();
    const viewer = await actionViewer(deps, args.body);
    const value = decodeValue(logActionValueSchema, actionValue(args));
    if (!value) {
      await reply(args, noticeMessage(t(viewer.locale, 'journey.error.stale')), 'new');
      return;
    }
    const touchpoints = await listAllTouchpoints(deps.db.db);
    // A tampered or retired touchpoint id simply leaves the picker empty.
    const prefill = value.t !== undefined && touchpoints.some((tp) => tp.id === value.t) ? { touchpointId: value.t } : {};
    const channel = actionChannel(args.body);
    try {
      await openLogActionModal(args.client, args.body.trigger_id, { locale: viewer.locale, touchpoints, prefill, metadata: channel ? { c: channel } : {} });
    } catch (err) {
      deps.logger.warn('views.open failed for the Log action button', { err });
      await reply(args, noticeMessage(t(viewer.locale, 'journey.error.modalFailed', { error: slackErrorCode(err) })), 'new');
    }
  });
}
