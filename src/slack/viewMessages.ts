import type { ImageBlock } from '@slack/types';
import { distributionChart, funnelChart, npsTrendChart } from '../charts/spec.js';
import { MAX_DAYS, MAX_WEEKS, parsePeriod, resolvePeriod } from '../domain/periods.js';
import type { PeriodWindow } from '../domain/types.js';
import { formatNumber, t } from '../i18n/index.js';
import { listActions, type ActionFilter, type ActionStatus } from '../db/queries/actions.js';
import { getJourneyDetail } from '../db/queries/journeyDetail.js';
import { getTouchpointRef } from '../db/queries/lookup.js';
import { getJourneyOverview } from '../db/queries/overview.js';
import { getTouchpointDetail } from '../db/queries/touchpointDetail.js';
import type { JourneyDetail, TouchpointDetail, TouchpointRef } from '../domain/model.js';
import type { Message } from './kit/blocks.js';
import { chartBlock } from './charts.js';
import type { SlackDeps } from './app.js';
import { buildActionsListMessage } from './views/actionsList.js';
import { periodList } from './views/help.js';
import { buildJourneyDetailMessage } from './views/journeyDetail.js';
import { buildJourneyListMessage } from './views/journeyList.js';
import { noticeMessage } from './views/notice.js';
import { buildTouchpointDetailMessage } from './views/touchpointDetail.js';
import { npsValue } from './views/format.js';
import type { ActionsListRef, ViewRef } from './values.js';
import type { Viewer } from './viewer.js';

/**
 * Fetches and renders the three views (journey list, journey, touchpoint) for a viewer. Used by the
 * command, the period switch, Share to channel and "open" buttons, so they always agree.
 */

export type Rendered = { ok: true; message: Message } | { ok: false; message: Message };

export function windowFor(spec: string, viewer: Viewer): { ok: true; window: PeriodWindow } | { ok: false; message: Message } {
  const parsed = parsePeriod(spec);
  if (!parsed.ok && /^\s*\d+\s*[dw]\s*$/i.test(spec)) {
    // The shape is right, the number is not (`0d`, `9999d`): say the range rather than "unknown period".
    const input = spec.trim().slice(0, 40);
    return { ok: false, message: noticeMessage(t(viewer.locale, 'journey.error.periodRange', { input, maxDays: MAX_DAYS, maxWeeks: MAX_WEEKS })) };
  }
  if (!parsed.ok) {
    return { ok: false, message: noticeMessage(t(viewer.locale, 'journey.error.badPeriod', { input: spec.slice(0, 40).replace(/`/g, "'"), help: periodList() })) };
  }
  return { ok: true, window: resolvePeriod(parsed.spec, viewer.now, viewer.timezone) };
}

export async function renderView(deps: SlackDeps, viewer: Viewer, ref: ViewRef, sharedBy?: string): Promise<Rendered> {
  const w = windowFor(ref.p, viewer);
  if (!w.ok) return w;
  const opts = { locale: viewer.locale, timezone: viewer.timezone, ...(sharedBy ? { sharedBy } : {}) };
  const db = deps.db.db;
  switch (ref.v) {
    case 'list': {
      const rows = await getJourneyOverview(db, w.window);
      if (rows.length === 0) return { ok: false, message: noticeMessage(t(viewer.locale, 'journey.error.noJourneys')) };
      return { ok: true, message: buildJourneyListMessage(rows, w.window, opts) };
    }
    case 'journey': {
      const detail = await getJourneyDetail(db, ref.j, w.window);
      if (!detail) return { ok: false, message: noticeMessage(t(viewer.locale, 'journey.error.stale')) };
      const [openActions, chart] = await Promise.all([
        listActions(db, { journeyId: ref.j, statuses: ['open', 'in_progress'] }, viewer.now),
        funnelChartBlock(deps, viewer, detail),
      ]);
      return { ok: true, message: buildJourneyDetailMessage(detail, opts, { openActions, chart, today: viewer.today }) };
    }
    case 'touchpoint': {
      const detail = await getTouchpointDetail(db, ref.t, w.window, { weeks: 12, comments: 5 });
      if (!detail) return { ok: false, message: noticeMessage(t(viewer.locale, 'journey.error.stale')) };
      const [actions, trendChart, distChart] = await Promise.all([
        listActions(db, { touchpointId: ref.t }, viewer.now),
        trendChartBlock(deps, viewer, detail),
        distributionChartBlock(deps, viewer, detail),
      ]);
      return {
        ok: true,
        message: buildTouchpointDetailMessage(detail, opts, { actions, trendChart, distributionChart: distChart, today: viewer.today }),
      };
    }
  }
}

/** How many actions a list fetches (the message shows the first ACTIONS_PER_MESSAGE and counts the rest). */
const ACTIONS_FETCHED = 100;

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
export async function renderActionsList(deps: SlackDeps, viewer: Viewer, list: ActionsListRef, extras: ActionsListExtras = {}): Promise<Rendered> {
  const { locale } = viewer;
  const db = deps.db.db;
  let filter: ActionFilter;
  let title: string;
  switch (list.f) {
    case 'open':
      filter = { statuses: ['open', 'in_progress'] };
      title = t(locale, 'journey.actions.title.open');
      break;
    case 'done':
      filter = { statuses: ['done'] };
      title = t(locale, 'journey.actions.title.done');
      break;
    case 'mine':
      filter = { ownerUserId: viewer.userId, statuses: ['open', 'in_progress'] };
      title = t(locale, 'journey.actions.title.mine');
      break;
    case 'all':
      filter = {};
      title = t(locale, 'journey.actions.title.all');
      break;
    case 'touchpoint': {
      const tp = extras.touchpoint?.id === list.t ? extras.touchpoint : await getTouchpointRef(db, list.t);
      if (!tp) return { ok: false, message: noticeMessage(t(locale, 'journey.error.stale')) };
      filter = { touchpointId: tp.id };
      title = t(locale, 'journey.actions.title.touchpoint', { touchpoint: tp.name, journey: tp.journeyName });
      break;
    }
  }
  const actions = await listActions(db, { ...filter, limit: ACTIONS_FETCHED }, viewer.now);
  const message = buildActionsListMessage(
    { title, actions, today: viewer.today, list, ...(extras.notice ? { notice: extras.notice } : {}) },
    { locale, timezone: viewer.timezone },
  );
  return { ok: true, message };
}

async function funnelChartBlock(deps: SlackDeps, viewer: Viewer, detail: JourneyDetail): Promise<ImageBlock | null> {
  const steps = detail.funnel.current.steps;
  if (!steps.some((s) => s.reached !== null && s.reached > 0)) return null;
  const highlight = detail.funnel.current.largestDropOff?.index;
  const spec = funnelChart(
    steps.map((s) => ({ label: s.name, reached: s.reached ?? 0 })),
    { title: t(viewer.locale, 'journey.detail.chartTitle', { journey: detail.journey.name }), ...(highlight !== undefined ? { highlightIndex: highlight } : {}) },
  );
  const alt = t(viewer.locale, 'journey.detail.chartAlt', {
    journey: detail.journey.name,
    steps: steps.map((s) => `${s.name} ${s.reached === null ? '—' : formatNumber(viewer.locale, s.reached)}`).join(', '),
  });
  const rendered = await deps.charts.render(spec, { title: t(viewer.locale, 'journey.detail.chartTitle', { journey: detail.journey.name }), altText: alt });
  return chartBlock(deps.web, rendered, { logger: deps.logger, filename: 'funnel.png' });
}

async function trendChartBlock(deps: SlackDeps, viewer: Viewer, detail: TouchpointDetail): Promise<ImageBlock | null> {
  if (!detail.weeklyTrend.some((w) => w.nps.n > 0)) return null;
  const title = t(viewer.locale, 'journey.touchpoint.trendTitle', { touchpoint: detail.touchpoint.name });
  const spec = npsTrendChart(
    detail.weeklyTrend.map((w) => ({ label: w.weekStart.slice(5), value: w.nps.score, low: w.nps.ci95?.low ?? null, high: w.nps.ci95?.high ?? null })),
    { title, yLabel: 'NPS' },
  );
  const alt = t(viewer.locale, 'journey.touchpoint.trendAlt', {
    touchpoint: detail.touchpoint.name,
    points: detail.weeklyTrend.filter((w) => w.nps.n > 0).map((w) => `${w.weekStart} ${npsValue(viewer.locale, w.nps.score)}`).join(', '),
  });
  return chartBlock(deps.web, await deps.charts.render(spec, { title, altText: alt }), { logger: deps.logger, filename: 'nps-trend.png' });
}

async function distributionChartBlock(deps: SlackDeps, viewer: Viewer, detail: TouchpointDetail): Promise<ImageBlock | null> {
  if (!detail.distribution.some((c) => c > 0)) return null;
  const title = t(viewer.locale, 'journey.touchpoint.distTitle', { touchpoint: detail.touchpoint.name });
  const spec = distributionChart(detail.distribution.map((count, score) => ({ score, count })), { title, metric: 'nps' });
  const alt = t(viewer.locale, 'journey.touchpoint.distAlt', { counts: detail.distribution.map((c, s) => `${s}: ${c}`).join(', ') });
  return chartBlock(deps.web, await deps.charts.render(spec, { title, altText: alt, size: { width: 800, height: 300 } }), { logger: deps.logger, filename: 'distribution.png' });
}
