import type { DbHandle } from '../db/client.js';
import { sendJson } from './respond.js';
import type { Route } from './router.js';

export function healthRoutes(handle: DbHandle): Route[] {
  return [
    {
      method: 'GET',
      path: '/healthz',
      handler: async (_req, res) => {
        const ok = await handle.ping(2000);
        sendJson(res, ok ? 200 : 503, { ok, db: handle.kind });
      },
    },
  ];
}
