import type { WebClient } from '@slack/web-api';
import type { Config } from '../config.js';
import { resolveLocale, type Locale } from '../i18n/locale.js';

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

const TTL_MS = 5 * 60 * 1000;
// Per client, so tests with their own fake Slack never see each other's users.
const caches = new WeakMap<WebClient, Map<string, { value: UserContext; expires: number }>>();

/**
 * The user's language and timezone from users.info (with include_locale, or Slack omits the locale),
 * cached for five minutes. Any failure (Slack down, missing scope) falls back to the configured
 * defaults: a reply in the default language beats no reply. Failures are not cached.
 */
export async function getUserContext(
  web: WebClient,
  userId: string,
  config: Pick<Config, 'DEFAULT_LOCALE' | 'DEFAULT_TIMEZONE'>,
  nowMs: number = Date.now(),
): Promise<UserContext> {
  let cache = caches.get(web);
  if (!cache) {
    cache = new Map();
    caches.set(web, cache);
  }
  const hit = cache.get(userId);
  if (hit && hit.expires > nowMs) return hit.value;
  try {
    const res = await web.users.info({ user: userId, include_locale: true });
    const user = res.user;
    const value: UserContext = {
      locale: resolveLocale(user?.locale, config.DEFAULT_LOCALE),
      timezone: user?.tz && isIanaTimezone(user.tz) ? user.tz : config.DEFAULT_TIMEZONE,
      isAdmin: user?.is_admin === true,
      isOwner: user?.is_owner === true || user?.is_primary_owner === true,
      fromSlack: true,
    };
    cache.set(userId, { value, expires: nowMs + TTL_MS });
    return value;
  } catch {
    return { locale: config.DEFAULT_LOCALE, timezone: config.DEFAULT_TIMEZONE, isAdmin: false, isOwner: false, fromSlack: false };
  }
}

function isIanaTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
