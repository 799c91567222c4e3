import { DEFAULT_PERIOD, parsePeriod, resolvePeriod } from '../domain/periods.js';
import type { SlackContext } from './context.js';
import type { Viewer } from './viewer.js';
import { buildHomeView } from './views/home.js';

/**
 * Builds and publishes the viewer's App Home: journeys, touchpoints needing attention, their open
 * actions. `notice` is a one-line confirmation shown at the top (after a status button there).
 */
export async function publishHome(ctx: SlackContext, viewer: Viewer, opts: { notice?: string; period?: string } = {}): Promise<void> {
  // A period from a Home button; an unreadable one (an old or forged value) falls back to the default.
  const chosen = opts.period ? parsePeriod(opts.period) : null;
  const spec = chosen?.ok ? chosen : parsePeriod(DEFAULT_PERIOD);
  if (!spec.ok) throw new Error(`DEFAULT_PERIOD ${DEFAULT_PERIOD} does not parse`);
  const window = resolvePeriod(spec.spec, viewer.now, viewer.timezone);
  const data = await ctx.services.home.load(window, viewer.userId, viewer.now);
  const view = buildHomeView(
    { window, ...data, now: viewer.now, today: viewer.today, ...(opts.notice ? { notice: opts.notice } : {}) },
    { locale: viewer.locale, timezone: viewer.timezone },
  );
  await ctx.web.views.publish({ user_id: viewer.userId, view });
}
