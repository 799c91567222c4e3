import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Metrics } from '../metrics.js';
import { sendJson } from './respond.js';
import type { Route } from './router.js';

export interface MetricsRouteOptions {
  enabled: boolean;
  /** When set, scrapers must send Authorization: Bearer <token>. */
  token: string | undefined;
  metrics: Metrics;
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * GET /metrics in Prometheus text format. Disabled, the route does not exist at all, so the
 * path answers exactly like any unknown path and does not advertise itself.
 */
export function metricsRoutes({ enabled, token, metrics }: MetricsRouteOptions): Route[] {
  if (!enabled) return [];
  // Hashing both sides gives equal-length buffers, so the comparison time says nothing about the token.
  const expected = token === undefined ? undefined : sha256(token);
  const authorized = (req: IncomingMessage): boolean => {
    if (expected === undefined) return true;
    const match = /^Bearer +(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    return match !== null && timingSafeEqual(sha256(match[1] ?? ''), expected);
  };
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
