import type { App, BlockAction } from '@slack/bolt';
import { t } from '../../../i18n/index.js';
import { sendWithChartFallback } from '../../charts.js';
import type { SlackContext } from '../../context.js';
import { Actions } from '../../ids.js';
import { actionChannel, actionTeam, actionValue, reply, type BlockActionArgs } from '../../interactions.js';
import { openLogActionModal } from '../../modals.js';
import { alertMessage } from '../../notificationMessages.js';
import { viewMessage } from '../../viewMessages.js';
import { viewerFor, viewerWithin } from '../../viewer.js';
import { noticeMessage } from '../../views/notice.js';

const HOUR = 3_600_000;

/**
 * Alert and digest buttons. Anyone in the channel may press them (no admin check): acknowledging,
 * snoozing and logging actions are part of everyone's work. Acknowledge and Snooze update the
 * alert message in place for everyone; the journey view answers only the presser.
 */
export function registerAlertButtons(app: App, ctx: SlackContext): void {
  const { alerts, lookup } = ctx.services;
  const changeIncident = (apply: (incidentId: number, userId: string, now: Date) => Promise<boolean>) => async (args: BlockActionArgs) => {
    await args.ack();
    const viewer = await viewerFor(ctx, args.body.user.id, actionTeam(args.body));
    const value = Actions.alertAcknowledge.decode(actionValue(args));
    const incident = value ? await alerts.incident(value.i) : null;
    if (!incident) {
      await reply(args, noticeMessage(t(viewer.locale, 'alert.gone')), 'new');
      return;
    }
    const now = ctx.now();
    if (!(await apply(incident.id, args.body.user.id, now))) {
      await reply(args, noticeMessage(t(viewer.locale, 'alert.alreadyResolved')), 'new');
      return;
    }
    const updated = await alerts.incident(incident.id);
    const ts = updated?.messageTs;
    if (!updated || !ts) return;
    // chat.update replaces every block: explain the fall again, or the acknowledged message would lose it.
    const insight = await alerts.insight(updated, now).catch(() => null);
    const message = await alertMessage(ctx, updated, await alerts.trend(updated, now), now, insight);
    await sendWithChartFallback(message, (m) => ctx.web.chat.update({ channel: updated.channelId, ts, text: m.text, blocks: m.blocks }));
  };

  app.action<BlockAction>(Actions.alertAcknowledge.id, changeIncident((id, user, now) => alerts.acknowledge(id, user, now)));
  app.action<BlockAction>(Actions.alertSnooze24h.id, changeIncident((id, user, now) => alerts.snooze(id, user, new Date(now.getTime() + 24 * HOUR), now)));
  app.action<BlockAction>(Actions.alertSnooze7d.id, changeIncident((id, user, now) => alerts.snooze(id, user, new Date(now.getTime() + 7 * 24 * HOUR), now)));

  app.action<BlockAction>(Actions.alertLogAction.id, async (args) => {
    await args.ack();
    const value = Actions.alertLogAction.decode(actionValue(args));
    // trigger_id lives 3 seconds: open the modal before anything slow.
    const [{ viewer }, incident, touchpoints] = await Promise.all([
      viewerWithin(ctx, args.body.user.id, actionTeam(args.body)),
      value ? alerts.incident(value.i) : Promise.resolve(null),
      lookup.allTouchpoints(),
    ]);
    if (!incident) {
      await reply(args, noticeMessage(t(viewer.locale, 'alert.gone')), 'new');
      return;
    }
    const channel = actionChannel(args.body);
    await openLogActionModal(args.client, args.body.trigger_id, {
      locale: viewer.locale,
      touchpoints,
      prefill: { touchpointId: incident.touchpointId },
      metadata: { ...(channel ? { c: channel } : {}), i: incident.id },
    });
  });

  app.action<BlockAction>(Actions.alertViewJourney.id, async (args) => {
    await args.ack();
    const viewer = await viewerFor(ctx, args.body.user.id, actionTeam(args.body));
    const value = Actions.alertViewJourney.decode(actionValue(args));
    const incident = value ? await alerts.incident(value.i) : null;
    if (!incident) {
      await reply(args, noticeMessage(t(viewer.locale, 'alert.gone')), 'new');
      return;
    }
    const rendered = await viewMessage(ctx, viewer, { v: 'journey', j: incident.journeyId, p: `${incident.windowDays}d` });
    await reply(args, rendered.message, 'new');
  });

  app.action<BlockAction>({ action_id: Actions.digestOpenJourney.pattern }, async (args) => {
    await args.ack();
    const viewer = await viewerFor(ctx, args.body.user.id, actionTeam(args.body));
    const value = Actions.digestOpenJourney.decode(actionValue(args));
    if (!value) {
      await reply(args, noticeMessage(t(viewer.locale, 'journey.error.stale')), 'new');
      return;
    }
    const rendered = await viewMessage(ctx, viewer, { v: 'journey', j: value.j, p: '7d' });
    await reply(args, rendered.message, 'new');
  });

  app.action<BlockAction>(Actions.digestLogAction.id, async (args) => {
    await args.ack();
    const [{ viewer }, touchpoints] = await Promise.all([viewerWithin(ctx, args.body.user.id, actionTeam(args.body)), lookup.allTouchpoints()]);
    const channel = actionChannel(args.body);
    await openLogActionModal(args.client, args.body.trigger_id, { locale: viewer.locale, touchpoints, ...(channel ? { metadata: { c: channel } } : {}) });
  });
}
