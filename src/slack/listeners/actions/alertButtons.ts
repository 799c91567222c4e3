import type { App, BlockAction } from '@slack/bolt';
import { z } from 'zod';
import { t } from '../../../i18n/index.js';
import { acknowledgeIncident, getIncidentView, snoozeIncident } from '../../../db/queries/automation/incidents.js';
import { listAllTouchpoints } from '../../../db/queries/lookup.js';
import type { SlackDeps } from '../../app.js';
import { sendWithChartFallback } from '../../charts.js';
import { actionChannel, actionValue, actionViewer, modalOpenerViewer, reply, type BlockActionArgs } from '../../interactions.js';
import { noticeMessage } from '../../views/notice.js';
import { renderView } from '../../viewMessages.js';
import { openLogActionModal } from '../../views/logActionModal.js';
import { ActionId } from '../../ids.js';
import { renderAlert } from '../../automationMessages.js';

/** Button values are ids only; anything else (forged, or from an old message) is refused. */
const incidentValue = z.object({ i: z.number().int().positive().max(2_147_483_647) });
const journeyValue = z.object({ j: z.number().int().positive().max(2_147_483_647) });

function decode<T>(schema: z.ZodType<T>, text: string | undefined): T | null {
  if (!text || text.length > 200) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const HOUR = 3_600_000;

/**
 * Alert and digest buttons. Anyone in the channel may press them (no admin check): acknowledging,
 * snoozing and logging actions are part of everyone's work. Acknowledge and Snooze update the
 * alert message in place for everyone; the journey view answers only the presser.
 */
export function registerAutomationActions(app: App, deps: SlackDeps): void {
  const changeIncident = (apply: (incidentId: number, userId: string, now: Date) => Promise<boolean>) => async (args: BlockActionArgs) => {
    await args.ack();
    const viewer = await actionViewer(deps, args.body);
    const value = decode(incidentValue, actionValue(args));
    const view = value ? await getIncidentView(deps.db.db, value.i) : null;
    if (!value || !view) {
      await reply(args, noticeMessage(t(viewer.locale, 'alert.gone')), 'new');
      return;
    }
    const now = deps.now();
    if (!(await apply(view.id, args.body.user.id, now))) {
      await reply(args, noticeMessage(t(viewer.locale, 'alert.alreadyResolved')), 'new');
      return;
    }
    const updated = await getIncidentView(deps.db.db, view.id);
    if (!updated?.messageTs) return;
    const message = await renderAlert({ config: deps.config, logger: deps.logger, db: deps.db.db, web: deps.web, charts: deps.charts }, updated, now);
    const ts = updated.messageTs;
    await sendWithChartFallback(message.blocks, (blocks) => deps.web.chat.update({ channel: updated.channelId, ts, text: message.text, blocks }));
  };

  app.action<BlockAction>(ActionId.alertAcknowledge, changeIncident((id, user, now) => acknowledgeIncident(deps.db.db, id, user, now)));
  app.action<BlockAction>(ActionId.alertSnooze24h, changeIncident((id, user, now) => snoozeIncident(deps.db.db, id, user, new Date(now.getTime() + 24 * HOUR), now)));
  app.action<BlockAction>(ActionId.alertSnooze7d, changeIncident((id, user, now) => snoozeIncident(deps.db.db, id, user, new Date(now.getTime() + 7 * 24 * HOUR), now)));

  app.action<BlockAction>(ActionId.alertLogAction, async (args) => {
    await args.ack();
    const value = decode(incidentValue, actionValue(args));
    // trigger_id lives 3 seconds: open the modal before anything slow.
    const [viewer, view, touchpoints] = await Promise.all([
      modalOpenerViewer(deps, args.body),
      value ? getIncidentView(deps.db.db, value.i) : Promise.resolve(null),
      listAllTouchpoints(deps.db.db),
    ]);
    if (!view) {
      await reply(args, noticeMessage(t(viewer.locale, 'alert.gone')), 'new');
      return;
    }
    const channel = actionChannel(args.body);
    await openLogActionModal(args.client, args.body.trigger_id, {
      locale: viewer.locale,
      touchpoints,
      prefill: { touchpointId: view.touchpointId },
      metadata: { ...(channel ? { c: channel } : {}), i: view.id },
    });
  });

  app.action<BlockAction>(ActionId.alertViewJourney, async (args) => {
    await args.ack();
    const viewer = await actionViewer(deps, args.body);
    const value = decode(incidentValue, actionValue(args));
    const view = value ? await getIncidentView(deps.db.db, value.i) : null;
    if (!view) {
      await reply(args, noticeMessage(t(viewer.locale, 'alert.gone')), 'new');
      return;
    }
    const rendered = await renderView(deps, viewer, { v: 'journey', j: view.journeyId, p: `${view.windowDays}d` });
    await reply(args, rendered.message, 'new');
  });

  // One action_id per journey button (ids must be unique within a block): jp_digest_open_journey:12, …
  app.action<BlockAction>({ action_id: new RegExp(`^${ActionId.digestOpenJourney}(:|$)`) }, async (args) => {
    await args.ack();
    const viewer = await actionViewer(deps, args.body);
    const value = decode(journeyValue, actionValue(args));
    if (!value) {
      await reply(args, noticeMessage(t(viewer.locale, 'journey.error.stale')), 'new');
      return;
    }
    const rendered = await renderView(deps, viewer, { v: 'journey', j: value.j, p: '7d' });
    await reply(args, rendered.message, 'new');
  });

  app.action<BlockAction>(ActionId.digestLogAction, async (args) => {
    await args.ack();
    const [viewer, touchpoints] = await Promise.all([modalOpenerViewer(deps, args.body), listAllTouchpoints(deps.db.db)]);
    const channel = actionChannel(args.body);
    await openLogActionModal(args.client, args.body.trigger_id, { locale: viewer.locale, touchpoints, ...(channel ? { metadata: { c: channel } } : {}) });
  });
}
