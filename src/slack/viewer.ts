import { localDay } from '../domain/periods.js';
import type { Locale } from '../i18n/index.js';
import type { SlackContext } from './context.js';
import type { UserContext } from './users.js';

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

type ViewerContext = Pick<SlackContext, 'now' | 'users' | 'config'>;

export async function viewerFor(ctx: ViewerContext, userId: string, teamId?: string): Promise<Viewer> {
  const now = ctx.now();
  return toViewer(userId, teamId, await ctx.users.context(userId, now.getTime()), now);
}

/** How long a handler that has not acked yet may wait for users.info (Slack allows 3 s in all). */
export const PRE_ACK_LOOKUP_MS = 800;

/**
 * The viewer for a handler that must answer within Slack's 3 seconds (a view_submission ack, or
 * views.open before trigger_id expires): users.info gets at most `maxWaitMs` (a cached user answers
 * at once); past that the configured defaults are used and `fromSlack` is false. The lookup keeps
 * going and fills the cache for the next request; UserDirectory.context never rejects.
 */
export async function viewerWithin(
  ctx: ViewerContext,
  userId: string,
  teamId: string | undefined,
  maxWaitMs: number = PRE_ACK_LOOKUP_MS,
): Promise<{ viewer: Viewer; fromSlack: boolean }> {
  const now = ctx.now();
  const fallback: UserContext = { locale: ctx.config.DEFAULT_LOCALE, timezone: ctx.config.DEFAULT_TIMEZONE, isAdmin: false, isOwner: false, fromSlack: false };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<UserContext>((resolve) => {
    timer = setTimeout(() => resolve(fallback), maxWaitMs);
  });
  try {
    const user = await Promise.race([ctx.users.context(userId, now.getTime()), timeout]);
    return { viewer: toViewer(userId, teamId, user, now), fromSlack: user.fromSlack };
  } finally {
    clearTimeout(timer);
  }
}

function toViewer(userId: string, teamId: string | undefined, user: Pick<UserContext, 'locale' | 'timezone'>, now: Date): Viewer {
  return { userId, teamId, locale: user.locale, timezone: user.timezone, now, today: localDay(now, user.timezone) };
}
