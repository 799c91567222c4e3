import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { t } from '../../../i18n/index.js';
import { logAction } from '../../../queries/actions.js';
import { getTouchpointRef } from '../../../queries/lookup.js';
import type { SlackDeps } from '../../app.js';
import { BlockId, CallbackId } from '../../ids.js';
import { loggedMessage } from '../commands/journeyCommand.js';
import { decodeValue, logModalMetadataSchema } from '../values.js';
import { viewerFor } from '../viewer.js';
import { parseLogActionForm } from './logActionModal.js';

type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * The modal's submission: invalid fields are answered inline (`response_action: 'errors'`, the
 * modal stays open); valid ones are saved, the modal closes, and the user gets a confirmation
 * in the channel they started from (ephemeral) or, failing that, in a DM.
 * https://docs.slack.dev/surfaces/modals#displaying_errors
 */
export function registerLogActionSubmit(app: App, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(CallbackId.logAction, async ({ ack, body, view, client }: SubmitArgs) => {
    const viewer = await viewerFor(deps, body.user.id, body.team?.id);
    const result = parseLogActionForm(view.state.values, viewer.locale, viewer.today);
    if (!result.ok) {
      await ack({ response_action: 'errors', errors: result.errors });
      return;
    }
    const touchpoint = await getTouchpointRef(deps.db.db, result.form.touchpointId);
    if (!touchpoint) {
      await ack({ response_action: 'errors', errors: { [BlockId.logTouchpoint]: t(viewer.locale, 'journey.modal.error.touchpointGone') } });
      return;
    }
    // Slack waits 3 s for the ack; the insert is one statement, well inside that.
    const meta = decodeValue(logModalMetadataSchema, view.private_metadata) ?? {};
    const action = await logAction(deps.db.db, {
      touchpointId: touchpoint.id,
      description: result.form.description,
      ownerUserId: result.form.ownerUserId,
      dueDate: result.form.dueDate,
      createdByUserId: viewer.userId,
      teamId: viewer.teamId ?? null,
      incidentId: meta.i ?? null,
      now: viewer.now,
    });
    await ack();
    const message = loggedMessage(viewer.locale, action);
    try {
      if (!meta.c) throw new Error('no channel to confirm in');
      await client.chat.postEphemeral({ channel: meta.c, user: viewer.userId, ...message });
    } catch {
      // Not in that channel (or none): a DM always reaches the user.
      try {
        await client.chat.postMessage({ channel: viewer.userId, ...message });
      } catch (err) {
        deps.logger.warn('could not confirm a logged action', { actionId: action.id, err });
      }
    }
  });
}
