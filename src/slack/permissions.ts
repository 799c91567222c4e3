import type { WebClient } from '@slack/web-api';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

/** Admin status changes rarely; a few minutes of caching spares users.info on every command. */
export const ADMIN_CACHE_MS = 5 * 60_000;

export interface AdminCheck {
  canManage(userId: string, nowMs: number): Promise<boolean>;
}

/**
 * Who may change digests and alert rules: workspace admins and owners (users.info is_admin /
 * is_owner / is_primary_owner) and the user ids in ADMIN_USER_IDS. Anyone may read, acknowledge
 * and log actions. If Slack cannot answer, the answer is no (and the user may retry).
 */
export function createAdminCheck(deps: { config: Config; web: WebClient; logger: Logger }): AdminCheck {
  const cache = new Map<string, { admin: boolean; at: number }>();
  return {
    canManage: async (userId, nowMs) => {
      if (deps.config.ADMIN_USER_IDS.includes(userId)) return true;
      const hit = cache.get(userId);
      if (hit && nowMs - hit.at < ADMIN_CACHE_MS) return hit.admin;
      try {
        const res = await deps.web.users.info({ user: userId });
        const u = res.user;
        const admin = Boolean(u?.is_admin || u?.is_owner || u?.is_primary_owner);
        cache.set(userId, { admin, at: nowMs });
        return admin;
      } catch (err) {
        deps.logger.warn('users.info failed; treating the user as not an admin', { userId, err });
        return false;
      }
    },
  };
}
