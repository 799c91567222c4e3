import type { App, BlockAction } from '@slack/bolt';
import type { SlackContext } from '../../context.js';
import { publishHome } from '../../home.js';
import { Actions } from '../../ids.js';
import { actionTeam, actionValue, type BlockActionArgs } from '../../interactions.js';
import { openLogActionModal } from '../../modals.js';
import { viewMessage } from '../../viewMessages.js';
import { viewerFor, viewerWithin } from '../../viewer.js';
import { journeyModal, loadingModal } from '../../views/homeControls.js';

/**
 * App Home's own buttons: a journey or Needs-attention item opens the journey view in a modal,
 * the period switch publishes Home again for that period, Log action opens its form.
 */
export function registerHomeButtons(app: App, ctx: SlackContext): void {
  app.action<BlockAction>({ action_id: Actions.homeOpenJourney.pattern }, async (args: BlockActionArgs) => {
    await args.ack();
    // trigger_id expires 3 s after the press: open a modal at once and fill it when the view is ready.
    const { viewer } = await viewerWithin(ctx, args.body.user.id, actionTeam(args.body));
    const opened = await args.client.views.open({ trigger_id: args.body.trigger_id, view: loadingModal(viewer.locale) });
    const viewId = opened.view?.id;
    const ref = Actions.homeOpenJourney.decode(actionValue(args));
    if (!viewId || !ref) return;
    const rendered = await viewMessage(ctx, viewer, ref);
    await args.client.views.update({ view_id: viewId, view: journeyModal(viewer.locale, rendered.message) });
  });

  app.action<BlockAction>({ action_id: Actions.homePeriod.pattern }, async (args: BlockActionArgs) => {
    await args.ack();
    const ref = Actions.homePeriod.decode(actionValue(args));
    await publishHome(ctx, await viewerFor(ctx, args.body.user.id, actionTeam(args.body)), ref ? { period: ref.p } : {});
  });

  app.action<BlockAction>(Actions.homeLogAction.id, async (args: BlockActionArgs) => {
    await args.ack();
    const [{ viewer }, touchpoints] = await Promise.all([viewerWithin(ctx, args.body.user.id, actionTeam(args.body)), ctx.services.lookup.allTouchpoints()]);
    await openLogActionModal(args.client, args.body.trigger_id, { locale: viewer.locale, touchpoints });
  });
}
