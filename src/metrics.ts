import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The bot's Prometheus metrics. Call sites use the small typed functions on `Metrics` and never
 * see prom-client, so label names and values stay consistent and instrumenting code cannot throw.
 *
 * Each app instance owns its registry (never prom-client's global default): tests start several
 * apps in one process, and a shared registry would refuse the second registration of a name.
 */
export type SlackSurface = 'command' | 'action' | 'view' | 'options' | 'event';
export type SlackOutcome = 'ok' | 'error' | 'busy';
export type IngestKind = 'responses' | 'step_metrics';
export type IngestOutcome = 'accepted' | 'duplicate' | 'rejected';
export type DeliveryKind = 'digest' | 'alert';
export type DeliveryOutcome = 'sent' | 'retry' | 'failed' | 'missed';

export interface Metrics {
  /** One Slack request handled; `kind` is the subcommand, action id, view callback id or event type. */
  recordSlackRequest(surface: SlackSurface, kind: string, outcome: SlackOutcome): void;
  /** Seconds from receiving a Slack request to ack() (Slack gives up after 3). */
  observeSlackAck(surface: SlackSurface, seconds: number): void;
  /** Seconds from receiving a Slack request to its reply or message being sent. */
  observeSlackReply(surface: SlackSurface, seconds: number): void;
  /** Jobs waiting in the in-process work queue right now. */
  setWorkQueueDepth(depth: number): void;
  /** Ingested rows by outcome; `count` defaults to 1. */
  recordIngestRows(kind: IngestKind, outcome: IngestOutcome, count?: number): void;
  /** One digest or alert delivery attempt and how it ended. */
  recordDelivery(kind: DeliveryKind, outcome: DeliveryOutcome): void;
  /** Seconds one alert evaluation pass took. */
  observeAlertEvaluation(seconds: number): void;
  /** The Prometheus text exposition of this instance's registry. */
  render(): Promise<string>;
  /** Content-Type header for `render()`'s output. */
  readonly contentType: string;
}

/** Seconds elapsed since `start` (from `process.hrtime.bigint()`), for the observe* functions. */
export function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Slack has to be acknowledged within 3 s, so the buckets are dense below that. */
const ACK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5];
const REPLY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 30, 60];
const EVALUATION_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * Distinct `kind` label values kept per instance. Action ids can embed data (a touchpoint id, a
 * page number); without a bound a busy workspace would grow a new time series for each one.
 */
export const MAX_SLACK_KINDS = 200;
const OTHER_KIND = 'other';

function validSeconds(seconds: number): boolean {
  return Number.isFinite(seconds) && seconds >= 0;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const slackRequests = new Counter({
    name: 'slack_requests_total',
    help: 'Slack requests handled, by surface, subcommand or action id, and outcome.',
    labelNames: ['surface', 'kind', 'outcome'] as const,
    registers: [registry],
  });
  const slackAck = new Histogram({
    name: 'slack_ack_seconds',
    help: 'Time from receiving a Slack request to acknowledging it.',
    labelNames: ['surface'] as const,
    buckets: ACK_BUCKETS,
    registers: [registry],
  });
  const slackReply = new Histogram({
    name: 'slack_reply_seconds',
    help: 'Time from receiving a Slack request to sending its reply or message.',
    labelNames: ['surface'] as const,
    buckets: REPLY_BUCKETS,
    registers: [registry],
  });
  const workQueueDepth = new Gauge({
    name: 'work_queue_depth',
    help: 'Jobs waiting in the in-process work queue.',
    registers: [registry],
  });
  const ingestRows = new Counter({
    name: 'ingest_rows_total',
    help: 'Rows received by the ingest API, by kind and outcome.',
    labelNames: ['kind', 'outcome'] as const,
    registers: [registry],
  });
  const deliveries = new Counter({
    name: 'deliveries_total',
    help: 'Digest and alert delivery attempts, by outcome.',
    labelNames: ['kind', 'outcome'] as const,
    registers: [registry],
  });
  const alertEvaluation = new Histogram({
    name: 'alert_evaluation_seconds',
    help: 'Time one alert evaluation pass took.',
    buckets: EVALUATION_BUCKETS,
    registers: [registry],
  });

  const seenKinds = new Set<string>();
  const kindLabel = (kind: string): string => {
    // Label values are free text to Prometheus, but a bounded, tidy set keeps dashboards usable.
    const tidy = kind.trim().slice(0, 64) || 'unknown';
    if (seenKinds.has(tidy)) return tidy;
    if (seenKinds.size >= MAX_SLACK_KINDS) return OTHER_KIND;
    seenKinds.add(tidy);
    return tidy;
  };

  return {
    recordSlackRequest: (surface, kind, outcome) => slackRequests.inc({ surface, kind: kindLabel(kind), outcome }),
    observeSlackAck: (surface, seconds) => {
      if (validSeconds(seconds)) slackAck.observe({ surface }, seconds);
    },
    observeSlackReply: (surface, seconds) => {
      if (validSeconds(seconds)) slackReply.observe({ surface }, seconds);
    },
    setWorkQueueDepth: (depth) => {
      if (Number.isFinite(depth) && depth >= 0) workQueueDepth.set(depth);
    },
    recordIngestRows: (kind, outcome, count = 1) => {
      // prom-client throws on a negative increment; instrumentation must never break the request.
      if (Number.isFinite(count) && count > 0) ingestRows.inc({ kind, outcome }, count);
    },
    recordDelivery: (kind, outcome) => deliveries.inc({ kind, outcome }),
    observeAlertEvaluation: (seconds) => {
      if (validSeconds(seconds)) alertEvaluation.observe(seconds);
    },
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}

const noop = (): void => undefined;

/** For callers (tests, the CLI) that run without metrics: every record function does nothing. */
export const noopMetrics: Metrics = {
  recordSlackRequest: noop,
  observeSlackAck: noop,
  observeSlackReply: noop,
  setWorkQueueDepth: noop,
  recordIngestRows: noop,
  recordDelivery: noop,
  observeAlertEvaluation: noop,
  render: () => Promise.resolve(''),
  contentType: 'text/plain; version=0.0.4; charset=utf-8',
};
