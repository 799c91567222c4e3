import type { App, BlockAction } from '@slack/bolt';
import { parsePeriod, resolvePeriod, DEFAULT_PERIOD } from '../../../domain/periods.js';
import type { SlackDeps } from '../../app.js';
import { ActionId } from '../../ids.js';
import { buildHomeView } from '../../views/home.js';
import { loadHomeData } from '../../../services/home.js';
import { actionViewer, type BlockActionArgs } from '../../interactions.js';
import { viewerFor, type Viewer } from '../../viewer.js';

/**
 * Builds and publishes the viewer's App Home: journeys, touchpoints needing attention, their open
 * actions. `notice` is a one-line confirmation shown at the top (after a status button there).
 */
export async function publishHome(deps: SlackDeps, viewer: Viewer, opts: { notice?: string } = {}): Promise<void> {
  const spec = parsePeriod(DEFAULT_PERIOD);
  if (!spec.ok) throw new Error(`DEFAULT_PERIOD ${DEFAULT_PERIOD} does not parse`);
  const window = resolvePeriod(spec.spec, viewer.now, viewer.timezone);
  const data = await loadHomeData(deps.db.db, window, viewer.userId, viewer.now);
  const view = buildHomeView(
    { window, ...data, now: viewer.now, today: viewer.today, ...(opts.notice ? { notice: opts.notice } : {}) },
    { locale: viewer.locale, timezone: viewer.timezone },
  );
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
