import type { IncomingMessage } from 'node:http';
import type { Metrics } from '../metrics.js';
import { bearerChecker } from './bearer.js';
import { sendJson } from './respond.js';
import type { Route } from './router.js';

export interface MetricsRouteOptions {
  enabled: boolean;
  /** When set, scrapers must send Authorization: Bearer <token>. */
  token: string | undefined;
  metrics: Metrics;
}

/**
 * GET /metrics in Prometheus text format. Disabled, the route does not exist at all, so the
 * path answers exactly like any unknown path and does not advertise itself.
 */
export function metricsRoutes({ enabled, token, metrics }: MetricsRouteOptions): Route[] {
  if (!enabled) return [];
  const check = token === undefined ? undefined : bearerChecker(token);
  const authorized = (req: IncomingMessage): boolean => check === undefined || check(req) === 'ok';
  return [
    {
      method: 'GET',
      path: '/metrics',
      handler: async (req, res) => {
        if (!authorized(req)) {
          sendJson(
            res,
            401,
            { error: 'unauthorized', message: 'Send the header Authorization: Bearer <METRICS_TOKEN>.' },
            { 'www-authenticate': 'Bearer realm="journey-pulse-metrics"' },
          );
          return;
        }
        const body = await metrics.render();
        res.writeHead(200, { 'content-type': metrics.contentType, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
        res.end(body);
      },
    },
  ];
}
