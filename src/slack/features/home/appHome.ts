import type { App, BlockAction } from '@slack/bolt';
import { parsePeriod, resolvePeriod, DEFAULT_PERIOD } from '../../../domain/periods.js';
import { listActions } from '../../../queries/actions.js';
import { getJourneyDetail } from '../../../queries/journeyDetail.js';
import { getJourneyOverview } from '../../../queries/overview.js';
import type { SlackDeps } from '../../app.js';
import { ActionId } from '../../ids.js';
import { buildHomeView, pickAttention } from '../blocks/home.js';
import { actionViewer, type BlockActionArgs } from '../actions/common.js';
import { viewerFor, type Viewer } from '../viewer.js';

/** Builds and publishes the viewer's App Home: journeys, touchpoints needing attention, their open actions. */
export async function publishHome(deps: SlackDeps, viewer: Viewer): Promise<void> {
  const db = deps.db.db;
  const spec = parsePeriod(DEFAULT_PERIOD);
  if (!spec.ok) throw new Error(`DEFAULT_PERIOD ${DEFAULT_PERIOD} does not parse`);
  const window = resolvePeriod(spec.spec, viewer.now, viewer.timezone);
  const [journeys, myActions] = await Promise.all([
    getJourneyOverview(db, window),
    listActions(db, { ownerUserId: viewer.userId, statuses: ['open', 'in_progress'], limit: 20 }, viewer.now),
  ]);
  // One detail query per journey (≤ 25 ms each on the benchmark data); journeys number in the tens.
  const details = await Promise.all(journeys.map((j) => getJourneyDetail(db, j.journey.id, window)));
  const attention = pickAttention(details.flatMap((d) => d?.touchpoints ?? []));
  const view = buildHomeView({ window, journeys, attention, myActions, now: viewer.now, today: viewer.today }, { locale: viewer.locale, timezone: viewer.timezone });
  await deps.web.views.publish({ user_id: viewer.userId, view });
}

export function registerAppHome(app: App, deps: SlackDeps): void {
  // Refreshed every time the tab is opened (https://docs.slack.dev/reference/events/app_home_opened).
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    const viewer = await viewerFor(deps, event.user);
    await publishHome(deps, viewer);
  });
  app.action<BlockAction>(ActionId.homeRefresh, async (args: BlockActionArgs) => {
    await args.ack();
    await publishHome(deps, await actionViewer(deps, args.body));
  });
}
