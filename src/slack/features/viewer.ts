import { localDay } from '../../domain/periods.js';
import { getUserContext } from '../../i18n/userContext.js';
import type { Locale } from '../../i18n/index.js';
import type { SlackDeps } from '../app.js';

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
  return { userId, teamId, locale: ctx.locale, timezone: ctx.timezone, now, today: localDay(now, ctx.timezone) };
}
