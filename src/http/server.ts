import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';
import { HttpError, sendJson } from './respond.js';
import { compileRoutes, type Route } from './router.js';

export interface HttpServerOptions {
  routes: Route[];
  /** Requests no route matched (Slack's receiver mounts here for /slack/*). */
  fallback?: (req: IncomingMessage, res: ServerResponse) => void;
  logger: Logger;
}

export function createHttpServer({ routes, fallback, logger }: HttpServerOptions): Server {
  const match = compileRoutes(routes);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const found = match(req.method ?? 'GET', url.pathname);
    if (found && 'route' in found) {
      found.route.handler(req, res, found.params).catch((err: unknown) => {
        if (err instanceof HttpError) {
          if (!res.headersSent) sendJson(res, err.status, err.body);
          return;
        }
        const ref = Math.random().toString(36).slice(2, 10);
        logger.error('request failed', { ref, method: req.method, path: url.pathname, err });
        if (!res.headersSent) sendJson(res, 500, { error: 'internal_error', message: `Something went wrong (ref ${ref}).` });
        else res.end();
      });
      return;
    }
    if (found && 'allowed' in found) {
      sendJson(res, 405, { error: 'method_not_allowed', message: `Use ${found.allowed.join(' or ')}.` }, { allow: found.allowed.join(', ') });
      return;
    }
    if (fallback) {
      fallback(req, res);
      return;
    }
    sendJson(res, 404, { error: 'not_found', message: `No route for ${req.method ?? 'GET'} ${url.pathname}.` });
  });
  // Slow clients must not hold sockets forever.
  server.requestTimeout = 60_000;
  server.headersTimeout = 15_000;
  return server;
}
