import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/main.js';
import { ConfigError, parseConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { createMetrics, MAX_SLACK_KINDS, noopMetrics } from '../../src/metrics.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { startFakeSlack } from '../helpers/fakeSlack.js';
import { testBotConfig } from '../helpers/slackBot.js';

const METRICS_TOKEN = 'metrics-token-0123456789';
const NAMES = [
  'slack_requests_total',
  'slack_ack_seconds',
  'slack_reply_seconds',
  'work_queue_depth',
  'ingest_rows_total',
  'deliveries_total',
  'alert_evaluation_seconds',
  'process_cpu_user_seconds_total',
  'nodejs_heap_size_used_bytes',
];

describe('GET /metrics', () => {
  let db: TestDb;
  let off: RunningApp;
  let open: RunningApp;
  let guarded: RunningApp;
  const url = (app: RunningApp) => `http://127.0.0.1:${app.port}/metrics`;

  beforeAll(async () => {
    db = await createTestDb();
    off = await startApp({ config: parseConfig({ PORT: '0' }), logger: silentLogger, db });
    open = await startApp({ config: parseConfig({ PORT: '0', METRICS_ENABLED: 'true' }), logger: silentLogger, db });
    guarded = await startApp({ config: parseConfig({ PORT: '0', METRICS_ENABLED: '1', METRICS_TOKEN }), logger: silentLogger, db });
  });
  afterAll(async () => {
    await off.close();
    await open.close();
    await guarded.close();
    await db.close();
  });

  it('is 404 like any unknown path while METRICS_ENABLED is off', async () => {
    const res = await fetch(url(off));
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'not_found' });
    expect(off.metrics).toBe(noopMetrics);
  });

  it('is 404 while off with Slack on too (the Slack receiver answers unknown paths)', async () => {
    const fake = await startFakeSlack();
    const app = await startApp({ config: testBotConfig(fake), logger: silentLogger, db });
    try {
      expect((await fetch(url(app))).status).toBe(404);
    } finally {
      await app.close();
      await fake.close();
    }
  });

  it('serves Prometheus text with every metric name when enabled', async () => {
    const res = await fetch(url(open));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    for (const name of NAMES) expect(text).toContain(`# TYPE ${name} `);
  });

  it('answers 405 to other methods', async () => {
    expect((await fetch(url(open), { method: 'POST' })).status).toBe(405);
  });

  it('with METRICS_TOKEN, answers 401 without or with a wrong bearer token and 200 with the right one', async () => {
    const none = await fetch(url(guarded));
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    expect((await fetch(url(guarded), { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    expect((await fetch(url(guarded), { headers: { authorization: `Basic ${METRICS_TOKEN}` } })).status).toBe(401);
    const ok = await fetch(url(guarded), { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('slack_requests_total');
  });

  it('shows what the record functions recorded, on that app only', async () => {
    const m = open.metrics;
    m.recordSlackRequest('command', 'nps', 'ok');
    m.recordSlackRequest('command', 'nps', 'ok');
    m.recordSlackRequest('action', 'digest_edit', 'busy');
    m.observeSlackAck('command', 0.042);
    m.observeSlackReply('command', 1.5);
    m.setWorkQueueDepth(7);
    m.recordIngestRows('responses', 'accepted', 120);
    m.recordIngestRows('responses', 'duplicate', 3);
    m.recordIngestRows('step_metrics', 'rejected');
    m.recordDelivery('digest', 'sent');
    m.recordDelivery('alert', 'retry');
    m.observeAlertEvaluation(0.3);
    const text = await (await fetch(url(open))).text();
    expect(text).toContain('slack_requests_total{surface="command",kind="nps",outcome="ok"} 2');
    expect(text).toContain('slack_requests_total{surface="action",kind="digest_edit",outcome="busy"} 1');
    expect(text).toContain('slack_ack_seconds_count{surface="command"} 1');
    expect(text).toContain('slack_ack_seconds_bucket{le="0.05",surface="command"} 1');
    expect(text).toContain('slack_reply_seconds_sum{surface="command"} 1.5');
    expect(text).toContain('work_queue_depth 7');
    expect(text).toContain('ingest_rows_total{kind="responses",outcome="accepted"} 120');
    expect(text).toContain('ingest_rows_total{kind="responses",outcome="duplicate"} 3');
    expect(text).toContain('ingest_rows_total{kind="step_metrics",outcome="rejected"} 1');
    expect(text).toContain('deliveries_total{kind="digest",outcome="sent"} 1');
    expect(text).toContain('deliveries_total{kind="alert",outcome="retry"} 1');
    expect(text).toContain('alert_evaluation_seconds_count 1');
    // Another app in the same process has its own registry.
    const other = await (await fetch(url(guarded), { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    expect(other).not.toContain('kind="nps"');
    expect(other).toContain('work_queue_depth 0');
  });

  it('an injected Metrics object is the one served and exposed', async () => {
    const metrics = createMetrics();
    const app = await startApp({ config: parseConfig({ PORT: '0', METRICS_ENABLED: 'true' }), logger: silentLogger, db, metrics });
    try {
      expect(app.metrics).toBe(metrics);
      metrics.recordDelivery('alert', 'missed');
      expect(await (await fetch(url(app))).text()).toContain('deliveries_total{kind="alert",outcome="missed"} 1');
    } finally {
      await app.close();
    }
  });
});

describe('metrics recording', () => {
  it('ignores values prom-client would throw on, instead of breaking the caller', async () => {
    const m = createMetrics();
    expect(() => {
      m.observeSlackAck('view', Number.NaN);
      m.observeSlackReply('view', -1);
      m.recordIngestRows('responses', 'accepted', -5);
      m.setWorkQueueDepth(Number.POSITIVE_INFINITY);
      m.observeAlertEvaluation(Number.NaN);
    }).not.toThrow();
    const text = await m.render();
    expect(text).toContain('alert_evaluation_seconds_count 0');
    expect(text).not.toContain('ingest_rows_total{');
  });

  it('bounds the number of distinct kind labels', async () => {
    const m = createMetrics();
    for (let i = 0; i < MAX_SLACK_KINDS + 10; i++) m.recordSlackRequest('action', `page_${i}`, 'ok');
    const text = await m.render();
    expect(text).toContain(`kind="page_${MAX_SLACK_KINDS - 1}"`);
    expect(text).not.toContain(`kind="page_${MAX_SLACK_KINDS}"`);
    expect(text).toContain('slack_requests_total{surface="action",kind="other",outcome="ok"} 10');
  });

  it('noopMetrics records nothing and renders nothing', async () => {
    noopMetrics.recordSlackRequest('event', 'app_home_opened', 'ok');
    expect(await noopMetrics.render()).toBe('');
  });
});

describe('metrics configuration', () => {
  it('is off by default, parses true/false flags and rejects anything else', () => {
    expect(parseConfig({}).METRICS_ENABLED).toBe(false);
    expect(parseConfig({ METRICS_ENABLED: 'true' }).METRICS_ENABLED).toBe(true);
    expect(parseConfig({ METRICS_ENABLED: 'false' }).METRICS_ENABLED).toBe(false);
    expect(parseConfig({ METRICS_ENABLED: '' }).METRICS_ENABLED).toBe(false);
    expect(() => parseConfig({ METRICS_ENABLED: 'maybe' })).toThrow(ConfigError);
    expect(() => parseConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(parseConfig({}).LOG_FORMAT).toBe('auto');
    expect(() => parseConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT/);
  });
});
