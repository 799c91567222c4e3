import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importResponsesCsv, importStepMetricsCsv } from '../../src/cli/csvImport.js';
import { upsertJourneyDefinition } from '../../src/db/queries/ingest.js';
import { queryRows } from '../../src/db/rows.js';
import { ingestResponses, ingestStepMetrics } from '../../src/ingest/pipeline.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

const NOW = () => new Date('2026-03-15T12:00:00Z');

describe('attributes on answers and step metrics', () => {
  let t: TestDb;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDb();
    dir = mkdtempSync(join(tmpdir(), 'jp-attr-'));
    await upsertJourneyDefinition(t.db, 'online-purchase', {
      name: 'オンライン購入',
      description: undefined,
      touchpoints: [
        { key: 'cart', name: 'カート', channel: 'online' },
        { key: 'delivery', name: '配送', channel: 'offline' },
      ],
    });
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  const row = (id: string, attributes: unknown) => ({
    id,
    journey: 'online-purchase',
    touchpoint: 'delivery',
    metric: 'nps',
    score: 3,
    respondedAt: '2026-03-10T10:00:00+09:00',
    attributes,
  });

  it('stores trimmed string attributes and rolls them up', async () => {
    const out = await ingestResponses(t.db, { source: 'api', responses: [row('a1', { region: ' 関西 ', plan: 'pro' }), row('a2', null), row('a3', {})] }, NOW);
    expect(out).toMatchObject({ ok: true, accepted: 3 });
    const stored = await queryRows<{ external_id: string; attributes: Record<string, string> | null }>(
      t.db,
      sql`select external_id, attributes from responses where source = 'api' order by external_id`,
    );
    expect(stored).toEqual([
      { external_id: 'a1', attributes: { region: '関西', plan: 'pro' } },
      { external_id: 'a2', attributes: null },
      { external_id: 'a3', attributes: null },
    ]);
    const rollup = await queryRows<{ attr_key: string; attr_value: string; c3: number }>(
      t.db,
      sql`select attr_key, attr_value, c3 from response_attribute_daily order by attr_key`,
    );
    expect(rollup).toEqual([
      { attr_key: 'plan', attr_value: 'pro', c3: 1 },
      { attr_key: 'region', attr_value: '関西', c3: 1 },
    ]);
  });

  it('reports bad attributes as row errors, every one, and writes nothing', async () => {
    const many = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, 'x']));
    const out = await ingestResponses(
      t.db,
      {
        responses: [
          row('b1', { Region: '関西' }),
          row('b2', { region: 7 }),
          row('b3', { region: '  ' }),
          row('b4', { region: 'x'.repeat(101) }),
          row('b5', many),
          row('b6', ['関西']),
          row('b7', { channel: 'web' }),
        ],
      },
      NOW,
    );
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.problems.map((p) => [p.index, p.field])).toEqual([
      [0, 'attributes.Region'],
      [1, 'attributes.region'],
      [2, 'attributes.region'],
      [3, 'attributes.region'],
      [4, 'attributes'],
      [5, 'attributes'],
      [6, 'attributes.channel'],
    ]);
    expect(out.problems[1]!.message).toBe('attribute "region" must be a string');
    expect(out.problems[4]!.message).toBe('at most 10 attributes per row (got 11)');
  });

  it('keeps the unsplit step total exact beside segment counts', async () => {
    const metric = (attributes: unknown, reached: number) => ({ journey: 'online-purchase', touchpoint: 'cart', day: '2026-03-10', reached, attributes });
    const out = await ingestStepMetrics(t.db, { metrics: [metric(undefined, 100), metric({ region: '関西' }, 30), metric({ region: '関東' }, 60)] });
    expect(out).toMatchObject({ ok: true, written: 3 });
    await ingestStepMetrics(t.db, { metrics: [metric({ region: '関西' }, 35)] });
    const [total] = await queryRows<{ reached: number }>(t.db, sql`select reached from step_metrics`);
    expect(total!.reached).toBe(100);
    const segments = await queryRows<{ attr_value: string; reached: number }>(t.db, sql`select attr_value, reached from step_metric_segments order by reached`);
    expect(segments).toEqual([
      { attr_value: '関西', reached: 35 },
      { attr_value: '関東', reached: 60 },
    ]);
    const bad = await ingestStepMetrics(t.db, { metrics: [metric({ region: '関西', plan: 'pro' }, 1), metric({ region: '関西' }, 2), metric({ region: '関西' }, 3)] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems.map((p) => [p.index, p.field])).toEqual([[0, 'attributes'], [2, 'day']]);
  });

  it('imports attr.<key> CSV columns; a bad header key is reported at line 1', async () => {
    const path = join(dir, 'answers.csv');
    writeFileSync(
      path,
      'id,journey,touchpoint,metric,score,responded_at,attr.region,attr.device\n' +
        'c1,online-purchase,delivery,nps,9,2026-03-10T10:00:00Z,九州,mobile\n' +
        'c2,online-purchase,delivery,nps,9,2026-03-10T10:00:00Z,,\n',
    );
    const out = await importResponsesCsv(t.db, path, { source: 'csv', now: NOW });
    expect(out).toMatchObject({ ok: true, accepted: 2 });
    const stored = await queryRows<{ attributes: Record<string, string> | null }>(t.db, sql`select attributes from responses where source = 'csv' order by external_id`);
    expect(stored).toEqual([{ attributes: { region: '九州', device: 'mobile' } }, { attributes: null }]);

    const badHeader = join(dir, 'bad.csv');
    writeFileSync(badHeader, 'id,journey,touchpoint,metric,score,responded_at,attr.Region\nc9,online-purchase,delivery,nps,9,2026-03-10T10:00:00Z,x\n');
    const bad = await importResponsesCsv(t.db, badHeader, { now: NOW });
    expect(bad).toMatchObject({ ok: false, problems: [{ line: 1, field: '(header)' }] });

    const badValue = join(dir, 'badValue.csv');
    writeFileSync(badValue, `id,journey,touchpoint,metric,score,responded_at,attr.region\nc9,online-purchase,delivery,nps,9,2026-03-10T10:00:00Z,${'x'.repeat(101)}\n`);
    const badV = await importResponsesCsv(t.db, badValue, { now: NOW });
    expect(badV).toMatchObject({ ok: false, problems: [{ line: 2, field: 'attr.region' }] });

    const steps = join(dir, 'steps.csv');
    writeFileSync(steps, 'journey,touchpoint,day,reached,attr.device\nonline-purchase,cart,2026-03-11,40,mobile\nonline-purchase,cart,2026-03-11,70,\n');
    expect(await importStepMetricsCsv(t.db, steps)).toMatchObject({ ok: true, written: 2 });
  });
});
