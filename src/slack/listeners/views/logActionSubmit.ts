import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { randomBytes } from 'node:crypto';
import type { ActionRow } from '../../../domain/model.js';
import { localDay } from '../../../domain/periods.js';
import { t } from '../../../i18n/index.js';
import type { SlackContext } from '../../context.js';
import { BlockId, CallbackId } from '../../ids.js';
import type { Message } from '../../kit/blocks.js';
import { requestKeyOf } from '../../requestKey.js';
import { decodeModalMetadata } from '../../values.js';
import { viewerWithin } from '../../viewer.js';
import { loggedMessage } from '../../views/actionsList.js';
import { parseLogActionForm } from '../../views/logActionModal.js';
import { noticeMessage } from '../../views/notice.js';

type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** The zone where the calendar date is earliest (UTC−12): a due date it calls past is past everywhere. */
const EARLIEST_ZONE = 'Etc/GMT+12';

/**
 * The modal's submission: invalid fields are answered inline (`response_action: 'errors'`, the
 * modal stays open); valid ones close the modal, are saved, and the user gets a confirmation in
 * the channel they started from (ephemeral) or, failing that, in a DM.
 * https://docs.slack.dev/surfaces/modals#displaying_errors
 *
 * Slack shows an error if the ack takes more than 3 seconds, and errors can only be shown in that
 * ack. So before it: users.info is capped (viewerWithin), validation is pure, and the only query
 * is the indexed touchpoint lookup. The insert and the confirmation come after.
 */
export function registerLogActionSubmit(app: App, ctx: SlackContext): void {
  app.view<ViewSubmitAction>(CallbackId.logAction, async ({ ack, body, view, client }: SubmitArgs) => {
    const { viewer, fromSlack } = await viewerWithin(ctx, body.user.id, body.team?.id);
    // Without the user's timezone, only refuse dates that are past in every timezone.
    const today = fromSlack ? viewer.today : localDay(viewer.now, EARLIEST_ZONE);
    const result = parseLogActionForm(view.state.values, viewer.locale, today);
    if (!result.ok) {
      await ack({ response_action: 'errors', errors: result.errors });
      return;
    }
    const touchpoint = await ctx.services.lookup.touchpoint(result.form.touchpointId);
    if (!touchpoint) {
      await ack({ response_action: 'errors', errors: { [BlockId.logTouchpoint]: t(viewer.locale, 'journey.modal.error.touchpointGone') } });
      return;
    }
    await ack();

    const meta = decodeModalMetadata(view.private_metadata);
    let message: Message;
    let action: ActionRow | undefined;
    try {
      action = await ctx.services.actions.log({
        touchpointId: touchpoint.id,
        description: result.form.description,
        ownerUserId: result.form.ownerUserId,
        dueDate: result.form.dueDate,
        createdByUserId: viewer.userId,
        teamId: viewer.teamId ?? null,
        incidentId: meta.i ?? null,
        // A replayed submission carries the same trigger_id: it finds this action instead of adding one.
        requestKey: requestKeyOf(body.trigger_id),
        now: viewer.now,
      });
      message = loggedMessage(viewer.locale, action);
    } catch (err) {
      // The modal is already closed: the user learns of the failure from the confirmation instead.
      const ref = randomBytes(4).toString('hex');
      ctx.logger.error('saving an action from the modal failed', { ref, touchpointId: touchpoint.id, err });
      message = noticeMessage(t(viewer.locale, 'platform.error.apology', { ref }));
    }
    try {
      if (!meta.c) throw new Error('no channel to confirm in');
      await client.chat.postEphemeral({ channel: meta.c, user: viewer.userId, ...message });
    } catch {
      // Not in that channel (or none): a DM always reaches the user.
      try {
        await client.chat.postMessage({ channel: viewer.userId, ...message });
      } catch (err) {
        ctx.logger.warn('could not confirm a logged action', { actionId: action?.id, err });
      }
    }
  });
}
