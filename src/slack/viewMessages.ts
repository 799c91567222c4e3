import { englishPeriodText, MAX_DAYS, MAX_WEEKS, parsePeriod, resolvePeriod } from '../domain/periods.js';
import type { ActionStatus } from '../domain/enums.js';
import type { TouchpointRef } from '../domain/model.js';
import type { PeriodWindow } from '../domain/types.js';
import { t } from '../i18n/index.js';
import { deliverChart } from './charts.js';
import type { SlackContext } from './context.js';
import type { Message } from './kit/blocks.js';
import type { ActionsListRef, ViewRef } from './values.js';
import type { Viewer } from './viewer.js';
import { buildActionsListMessage } from './views/actionsList.js';
import { distributionChartRequest, funnelChartRequest, touchpointTrendChartRequest } from './views/charts.js';
import { periodList } from './views/help.js';
import { changedStep } from './views/fixFirst.js';
import { buildJourneyDetailMessage } from './views/journeyDetail.js';
import { buildJourneyListMessage } from './views/journeyList.js';
import { noticeMessage } from './views/notice.js';
import { buildTouchpointDetailMessage } from './views/touchpointDetail.js';

/**
 * The messages of the three views (journey list, journey, touchpoint) and of the actions list, for
 * a viewer: the period is parsed, the service loads the data, the pure view builds the blocks and
 * the charts are delivered. Used by the command, the period switch, Share to channel and "open"
 * buttons, so they always agree.
 */

export type Rendered = { ok: true; message: Message } | { ok: false; message: Message };

export function windowFor(spec: string, viewer: Viewer): { ok: true; window: PeriodWindow } | { ok: false; message: Message } {
  const parsed = parsePeriod(spec);
  if (!parsed.ok && /^\d+-?[dw]$/.test(englishPeriodText(spec))) {
    // The shape is right, the number is not (`0d`, `9999d`, `400日`): say the range rather than "unknown period".
    const input = spec.trim().slice(0, 40);
    return { ok: false, message: noticeMessage(t(viewer.locale, 'journey.error.periodRange', { input, maxDays: MAX_DAYS, maxWeeks: MAX_WEEKS })) };
  }
  if (!parsed.ok) {
    return { ok: false, message: noticeMessage(t(viewer.locale, 'journey.error.badPeriod', { input: spec.slice(0, 40).replace(/`/g, "'"), help: periodList(viewer.locale) })) };
  }
  return { ok: true, window: resolvePeriod(parsed.spec, viewer.now, viewer.timezone) };
}

export async function viewMessage(ctx: SlackContext, viewer: Viewer, ref: ViewRef, sharedBy?: string): Promise<Rendered> {
  const w = windowFor(ref.p, viewer);
  if (!w.ok) return w;
  const opts = { locale: viewer.locale, timezone: viewer.timezone, ...(sharedBy ? { sharedBy } : {}) };
  const stale = (): Rendered => ({ ok: false, message: noticeMessage(t(viewer.locale, 'journey.error.stale')) });
  switch (ref.v) {
    case 'list': {
      const [rows, ranking] = await Promise.all([ctx.services.journeys.overview(w.window), ctx.services.fixFirst.all(w.window)]);
      if (rows.length === 0) return { ok: false, message: noticeMessage(t(viewer.locale, 'journey.error.noJourneys')) };
      return { ok: true, message: buildJourneyListMessage(rows, w.window, opts, ranking.byJourney) };
    }
    case 'journey': {
      const [view, problems, targets] = await Promise.all([
        ctx.services.journeys.journey(ref.j, w.window, viewer.now),
        ctx.services.fixFirst.journey(ref.j, w.window),
        ctx.services.targets.progress({ journeyId: ref.j }, w.window),
      ]);
      if (!view) return stale();
      const chart = await deliverChart(ctx, funnelChartRequest(viewer.locale, view.detail, changedStep(problems)?.touchpointId));
      return {
        ok: true,
        message: buildJourneyDetailMessage(view.detail, opts, { openActions: view.openActions, chart, today: viewer.today, problems, targets, complaints: view.complaints }),
      };
    }
    case 'touchpoint': {
      const [view, targets] = await Promise.all([ctx.services.journeys.touchpoint(ref.t, w.window, viewer.now), ctx.services.targets.list({ touchpointId: ref.t })]);
      if (!view) return stale();
      const [trendChart, distributionChart] = await Promise.all([
        deliverChart(ctx, touchpointTrendChartRequest(viewer.locale, view.detail, targets.find((g) => g.metric === 'nps')?.value)),
        deliverChart(ctx, distributionChartRequest(viewer.locale, view.detail)),
      ]);
      return {
        ok: true,
        message: buildTouchpointDetailMessage(view.detail, opts, {
          actions: view.actions,
          trendChart,
          distributionChart,
          today: viewer.today,
          concentration: view.concentration ?? null,
          themes: view.themes,
        }),
      };
    }
  }
}

export interface ActionsListExtras {
  /** The touchpoint of an `f: 'touchpoint'` list when the caller already has it (saves a lookup). */
  touchpoint?: TouchpointRef;
  /** Confirmation after a status button (see buildActionsListMessage). */
  notice?: { text: string; action?: { id: number; status: ActionStatus } };
}

/**
 * `/journey actions …`, rendered from a list reference so a status button can render the same list
 * again with fresh statuses. Not ok when the list's touchpoint no longer exists.
 */
export async function actionsListMessage(ctx: SlackContext, viewer: Viewer, list: ActionsListRef, extras: ActionsListExtras = {}): Promise<Rendered> {
  const { locale } = viewer;
  const listing = await ctx.services.actions.listing(
    list.f === 'touchpoint' ? { kind: 'touchpoint', touchpointId: list.t } : { kind: list.f },
    { userId: viewer.userId, now: viewer.now },
    extras.touchpoint,
  );
  if (!listing) return { ok: false, message: noticeMessage(t(locale, 'journey.error.stale')) };
  const title =
    list.f === 'touchpoint' && listing.touchpoint
      ? t(locale, 'journey.actions.title.touchpoint', { touchpoint: listing.touchpoint.name, journey: listing.touchpoint.journeyName })
      : t(locale, `journey.actions.title.${list.f === 'touchpoint' ? 'all' : list.f}`);
  const message = buildActionsListMessage(
    { title, actions: listing.actions, today: viewer.today, list, ...(extras.notice ? { notice: extras.notice } : {}) },
    { locale, timezone: viewer.timezone },
  );
  return { ok: true, message };
}
