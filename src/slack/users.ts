import { type WebClient } from '@slack/web-api';
import type { Config } from '../config.js';
import { isValidTimezone } from '../domain/localTime.js';
import { resolveLocale, type Locale } from '../i18n/index.js';
import { silentLogger, type Logger } from '../logger.js';
import { isRateLimited } from './errors.js';

export interface UserContext {
  locale: Locale;
  /** IANA timezone from the user's Slack profile, else DEFAULT_TIMEZONE. */
  timezone: string;
  /** From users.info; false when unknown. Used for permission checks on rules and subscriptions. */
  isAdmin: boolean;
  isOwner: boolean;
  /** False when the values are config fallbacks because users.info failed. */
  fromSlack: boolean;
}

/** The one place that asks Slack who a user is. */
export interface UserDirectory {
  /** Language, timezone and admin status; the configured defaults when Slack cannot say. Never rejects. */
  context(userId: string, nowMs?: number): Promise<UserContext>;
  /**
   * Who may change digests and alert rules: workspace admins and owners and the user ids in
   * ADMIN_USER_IDS. If Slack cannot answer, the answer is no (and the user may retry).
   */
  canManage(userId: string, nowMs?: number): Promise<boolean>;
}

/** Profiles and admin status change rarely: five minutes of caching spares users.info on every request. */
export const USER_CACHE_MS = 5 * 60_000;
/** After a 429, users.info is not asked again for this long (or Slack's Retry-After, if longer). */
const RATE_LIMIT_PAUSE_MS = 30_000;

/**
 * users.info (with include_locale, or Slack omits the locale), cached per user. Any failure falls
 * back to the configured defaults: a reply in the default language beats no reply, and failures
 * are not cached. A 429 is never waited out: the client rejects rate-limited calls at once (a
 * waiting Web API client pauses every call queued on it, so one user's limit would stall everyone),
 * and for a short while after one every user gets the defaults without asking Slack.
 */
export function createUserDirectory(deps: {
  web: WebClient;
  config: Pick<Config, 'DEFAULT_LOCALE' | 'DEFAULT_TIMEZONE' | 'ADMIN_USER_IDS'>;
  logger?: Logger;
}): UserDirectory {
  const logger = deps.logger ?? silentLogger;
  const cache = new Map<string, { value: UserContext; expires: number }>();
  let pausedUntil = 0;
  const fallback = (): UserContext => ({
    locale: deps.config.DEFAULT_LOCALE,
    timezone: deps.config.DEFAULT_TIMEZONE,
    isAdmin: false,
    isOwner: false,
    fromSlack: false,
  });

  const context = async (userId: string, nowMs: number = Date.now()): Promise<UserContext> => {
    const hit = cache.get(userId);
    if (hit && hit.expires > nowMs) return hit.value;
    if (Date.now() < pausedUntil) return fallback();
    try {
      const res = await deps.web.users.info({ user: userId, include_locale: true });
      const user = res.user;
      const value: UserContext = {
        locale: resolveLocale(user?.locale, deps.config.DEFAULT_LOCALE),
        timezone: user?.tz && isValidTimezone(user.tz) ? user.tz : deps.config.DEFAULT_TIMEZONE,
        isAdmin: user?.is_admin === true,
        isOwner: user?.is_owner === true || user?.is_primary_owner === true,
        fromSlack: true,
      };
      cache.set(userId, { value, expires: nowMs + USER_CACHE_MS });
      return value;
    } catch (err) {
      const limited = isRateLimited(err);
      if (limited) pausedUntil = Date.now() + Math.max(RATE_LIMIT_PAUSE_MS, limited.retryAfterMs);
      logger.info('users.info failed; using the configured defaults', { userId, rateLimited: Boolean(limited) });
      return fallback();
    }
  };

  return {
    context,
    canManage: async (userId, nowMs) => {
      if (deps.config.ADMIN_USER_IDS.includes(userId)) return true;
      const user = await context(userId, nowMs);
      if (!user.fromSlack) logger.warn('could not check admin status; treating the user as not an admin', { userId });
      return user.isAdmin || user.isOwner;
    },
  };
}
