import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { errorCause } from '../errorCause.js';
import type { Logger } from '../logger.js';
import { HttpError, sendJson } from './respond.js';
import { compileRoutes, malformedUrl, type Route } from './router.js';

export interface HttpServerOptions {
  routes: Route[];
  /** Requests no route matched (Slack's receiver mounts here for /slack/*). */
  fallback?: (req: IncomingMessage, res: ServerResponse) => void;
  logger: Logger;
}

export function createHttpServer({ routes, fallback, logger }: HttpServerOptions): Server {
  const match = compileRoutes(routes);

  /**
   * Answers a failed request. Everything thrown — synchronously by routing or the fallback, or
   * by an async handler — ends here: an exception escaping the request listener would take the
   * whole process down with every other request in flight.
   */
  const fail = (req: IncomingMessage, res: ServerResponse, path: string, err: unknown): void => {
    try {
      if (err instanceof HttpError) {
        // The body may be unread (e.g. refused before reading it); drain it so keep-alive works.
        if (!req.readableEnded) req.resume();
        if (!res.headersSent) sendJson(res, err.status, err.body);
        else res.end();
        return;
      }
      const ref = Math.random().toString(36).slice(2, 10);
      // The cause, never the error itself: a failed query's message and stack hold every parameter of the batch.
      logger.error('request failed', { ref, method: req.method, path, cause: errorCause(err), stack: stackFrames(err) });
      if (!res.headersSent) sendJson(res, 500, { error: 'internal_error', message: `Something went wrong (ref ${ref}).` });
      else res.end();
    } catch (answerErr) {
      // Even answering failed (socket gone, headers half written): drop the connection, keep the process.
      logger.error('could not answer a failed request', { method: req.method, path, cause: errorCause(answerErr) });
      res.destroy();
    }
  };

  const server = createServer((req, res) => {
    let path = '(unparsed)';
    try {
      path = pathnameOf(req.url);
      const found = match(req.method ?? 'GET', path);
      if (found && 'route' in found) {
        const { route, params } = found;
        const requestPath = path;
        // Through a promise so that a handler throwing before its first await is caught as well.
        Promise.resolve()
          .then(() => route.handler(req, res, params))
          .catch((err: unknown) => fail(req, res, requestPath, err));
        return;
      }
      if (found && 'allowed' in found) {
        req.resume();
        sendJson(res, 405, { error: 'method_not_allowed', message: `Use ${found.allowed.join(' or ')}.` }, { allow: found.allowed.join(', ') });
        return;
      }
      if (fallback) {
        fallback(req, res);
        return;
      }
      req.resume();
      sendJson(res, 404, { error: 'not_found', message: `No route for ${req.method ?? 'GET'} ${path}.` });
    } catch (err) {
      fail(req, res, path, err);
    }
  });
  // Slow clients must not hold sockets forever.
  server.requestTimeout = 60_000;
  server.headersTimeout = 15_000;
  return server;
}

/**
 * The path of a request target. An origin-form target (`/…`) is a path even when it starts with
 * `//`, which `new URL(target, base)` would read as a host and refuse; an absolute-form target
 * `new URL` refuses (e.g. `http://[`) is a 400, not a crash.
 */
export function pathnameOf(target: string | undefined): string {
  const t = target ?? '/';
  try {
    return (t.startsWith('/') ? new URL(`http://localhost${t}`) : new URL(t)).pathname;
  } catch {
    throw malformedUrl(`The request target "${(target ?? '').slice(0, 100)}" is not a valid URL.`);
  }
}

/** Stack frames without the message lines, which for a failed query quote its parameters. */
function stackFrames(err: unknown): string[] | undefined {
  if (!(err instanceof Error) || typeof err.stack !== 'string') return undefined;
  return err.stack
    .split('\n')
    .filter((line) => line.startsWith('    at '))
    .slice(0, 8)
    .map((line) => line.trim());
}
