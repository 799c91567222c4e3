import { localDay } from '../domain/periods.js';
import { getUserContext, type UserContext } from './users.js';
import type { Locale } from '../i18n/index.js';
import type { SlackDeps } from './app.js';

/** Who is looking, in which language and timezone, and when: everything a view needs about the viewer. */
export interface Viewer {
  userId: string;
  teamId: string | undefined;
  locale: Locale;
  timezone: string;
  now: Date;
  /** The viewer's local date, YYYY-MM-DD (for overdue marks and due-date checks). */
  today: string;
}

export async function viewerFor(deps: SlackDeps, userId: string, teamId?: string): Promise<Viewer> {
  const now = deps.now();
  const ctx = await getUserContext(deps.web, userId, deps.config, now.getTime());
  return toViewer(userId, teamId, ctx, now);
}

/** How long a handler that has not acked yet may wait for users.info (Slack allows 3 s in all). */
export const PRE_ACK_LOOKUP_MS = 800;

/**
 * The viewer for a handler that must ack within Slack's 3 seconds (view_submission): users.info
 * gets at most `maxWaitMs` (a cached user answers at once); past that the configured defaults are
 * used and `fromSlack` is false. The lookup keeps going in the background and fills the cache for
 * the next request; getUserContext never rejects, so nothing is left unhandled.
 */
export async function viewerWithin(
  deps: SlackDeps,
  userId: string,
  teamId: string | undefined,
  maxWaitMs: number = PRE_ACK_LOOKUP_MS,
): Promise<{ viewer: Viewer; fromSlack: boolean }> {
  const now = deps.now();
  const fallback: UserContext = { locale: deps.config.DEFAULT_LOCALE, timezone: deps.config.DEFAULT_TIMEZONE, isAdmin: false, isOwner: false, fromSlack: false };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<UserContext>((resolve) => {
    timer = setTimeout(() => resolve(fallback), maxWaitMs);
  });
  try {
    const ctx = await Promise.race([getUserContext(deps.web, userId, deps.config, now.getTime()), timeout]);
    return { viewer: toViewer(userId, teamId, ctx, now), fromSlack: ctx.fromSlack };
  } finally {
    clearTimeout(timer);
  }
}

function toViewer(userId: string, teamId: string | undefined, ctx: Pick<UserContext, 'locale' | 'timezone'>, now: Date): Viewer {
  return { userId, teamId, locale: ctx.locale, timezone: ctx.timezone, now, today: localDay(now, ctx.timezone) };
}
