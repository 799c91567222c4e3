import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from '../db/client.js';
import { errorCause } from '../errorCause.js';
import type { RetryInfo } from '../db/retry.js';
import { ingestJourney, ingestResponses, ingestStepMetrics } from '../ingest/pipeline.js';
import { problemsBody, SLUG_PATTERN } from '../ingest/schemas.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { listJourneyDefinitions } from '../db/queries/ingest.js';
import { bearerChecker } from './bearer.js';
import { HttpError, readJson, sendJson } from './respond.js';
import type { Route } from './router.js';

export interface IngestedInfo {
  /** Touchpoints that received answers or step metrics in the batch (distinct, ascending). */
  touchpointIds: number[];
}

export interface IngestDeps {
  db: Db;
  /** INGEST_TOKEN; undefined disables the ingest API (403), it never opens it. */
  token: string | undefined;
  maxBodyBytes: number;
  logger: Logger;
  now?: () => Date;
  /** Called after a successful responses/step-metrics batch (e.g. to evaluate alerts at once). */
  onIngested?: (info: IngestedInfo) => void;
  metrics?: Metrics;
}

/** The ingest API: journeys, responses and step metrics, behind a bearer token. */
export function ingestRoutes(deps: IngestDeps): Route[] {
  const now = deps.now ?? (() => new Date());
  const authorize = makeAuthorizer(deps.token);
  // Contention is worth seeing even when the retry then succeeds.
  const write = (what: string) => ({
    onRetry: ({ attempt, delayMs, cause }: RetryInfo) => deps.logger.warn('ingest write retried', { what, attempt, delayMs, cause }),
  });
  const notify = (touchpointIds: number[]) => {
    if (!deps.onIngested || touchpointIds.length === 0) return;
    try {
      deps.onIngested({ touchpointIds });
    } catch (err) {
      // A failing listener must not turn a stored batch into an error for the sender.
      deps.logger.error('onIngested listener failed', { cause: errorCause(err) });
    }
  };

  return [
    {
      method: 'GET',
      path: '/api/v1/journeys',
      handler: async (req, res) => {
        if (!authorize(req, res)) return;
        sendJson(res, 200, { journeys: await listJourneyDefinitions(deps.db) });
      },
    },
    {
      method: 'PUT',
      path: '/api/v1/journeys/:key',
      handler: async (req, res, params) => {
        if (!authorize(req, res)) return;
        const key = params.key ?? '';
        if (!SLUG_PATTERN.test(key)) {
          req.resume();
          throw new HttpError(400, {
            error: 'invalid_key',
            message: `Journey key "${key}" is not a slug: use lowercase a-z, 0-9, "-" or "_", starting with a letter or digit, at most 64 characters.`,
          });
        }
        const body = await readJson(req, deps.maxBodyBytes);
        const outcome = await ingestJourney(deps.db, key, body, write('journey'));
        if (!outcome.ok) return sendJson(res, 400, problemsBody('invalid_journey', outcome.problems, 'the journey definition'));
        deps.logger.info('journey definition stored', { journey: key, touchpoints: outcome.touchpoints.length, retired: outcome.retired.length });
        sendJson(res, outcome.created ? 201 : 200, {
          journey: key,
          created: outcome.created,
          touchpoints: outcome.touchpoints.map(({ key: k, name, channel, position }) => ({ key: k, name, channel, position })),
          retired: outcome.retired,
        });
      },
    },
    {
      method: 'POST',
      path: '/api/v1/responses',
      handler: async (req, res) => {
        if (!authorize(req, res)) return;
        const body = await readJson(req, deps.maxBodyBytes);
        const outcome = await ingestResponses(deps.db, body, now, write('responses'));
        if (!outcome.ok) {
          deps.metrics?.recordIngestRows('responses', 'rejected', rowCount(body, 'responses'));
          return sendJson(res, 400, problemsBody('invalid_batch', outcome.problems, 'the batch'));
        }
        deps.metrics?.recordIngestRows('responses', 'accepted', outcome.accepted);
        deps.metrics?.recordIngestRows('responses', 'duplicate', outcome.duplicates);
        sendJson(res, 200, { accepted: outcome.accepted, duplicates: outcome.duplicates });
        // A batch of only duplicates changed nothing: no reason to re-evaluate anything.
        if (outcome.accepted > 0) notify(outcome.touchpointIds);
      },
    },
    {
      method: 'POST',
      path: '/api/v1/step-metrics',
      handler: async (req, res) => {
        if (!authorize(req, res)) return;
        const body = await readJson(req, deps.maxBodyBytes);
        const outcome = await ingestStepMetrics(deps.db, body, write('step-metrics'));
        if (!outcome.ok) {
          deps.metrics?.recordIngestRows('step_metrics', 'rejected', rowCount(body, 'metrics'));
          return sendJson(res, 400, problemsBody('invalid_batch', outcome.problems, 'the batch'));
        }
        deps.metrics?.recordIngestRows('step_metrics', 'accepted', outcome.written);
        sendJson(res, 200, { written: outcome.written });
        notify(outcome.touchpointIds);
      },
    },
  ];
}

/**
 * The ingest token check. Answers the request itself (403 when the API is off, 401 otherwise) and
 * returns false when it is not authorized; INGEST_TOKEN unset disables the API, it never opens it.
 */
function makeAuthorizer(token: string | undefined): (req: IncomingMessage, res: ServerResponse) => boolean {
  const check = token === undefined ? undefined : bearerChecker(token);
  return (req, res) => {
    if (check === undefined) {
      req.resume();
      sendJson(res, 403, { error: 'ingest_disabled', message: 'Set INGEST_TOKEN to enable the ingest API.' });
      return false;
    }
    const result = check(req);
    if (result === 'ok') return true;
    req.resume();
    // RFC 6750 §3: a 401 carries the Bearer challenge.
    sendJson(
      res,
      401,
      { error: 'unauthorized', message: result === 'invalid' ? 'The bearer token is not valid.' : 'Send the header Authorization: Bearer <INGEST_TOKEN>.' },
      { 'www-authenticate': `Bearer realm="journey-pulse"${result === 'invalid' ? ', error="invalid_token"' : ''}` },
    );
    return false;
  };
}

/** Rows in a refused batch, for the rejected-rows counter (0 when the body is not a batch at all). */
function rowCount(body: unknown, listKey: string): number {
  if (typeof body !== 'object' || body === null) return 0;
  const list = (body as Record<string, unknown>)[listKey];
  return Array.isArray(list) ? list.length : 0;
}
