import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs, runCommand, UsageError } from '../../src/cli/commands.js';
import { importResponsesCsv, importStepMetricsCsv } from '../../src/cli/csvImport.js';
import { importJourneysFile } from '../../src/cli/importJourneys.js';
import { queryRows } from '../../src/db/rows.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

const NOW = () => new Date('2026-03-15T12:00:00Z');

describe('CLI imports', () => {
  let t: TestDb;
  let dir: string;
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const count = async (table: 'responses' | 'step_metrics' | 'journeys') => {
    const [row] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from ${sql.identifier(table)}`);
    return row!.n;
  };

  beforeAll(async () => {
    t = await createTestDb();
    dir = mkdtempSync(join(tmpdir(), 'jp-cli-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  describe('import-journeys', () => {
    it('imports a YAML list of journeys with Japanese names', async () => {
      const path = file(
        'journeys.yaml',
        `- key: online-purchase
  name: オンライン購入
  touchpoints:
    - { key: cart, name: カート, channel: online }
    - { key: checkout, name: 購入手続き }
- key: onboarding
  name: Account onboarding
  description: From sign-up to the first project
  touchpoints:
    - { key: signup, name: Sign-up }
`,
      );
      const result = await importJourneysFile(t.db, path);
      expect(result).toEqual({
        ok: true,
        journeys: [
          { key: 'online-purchase', created: true, retired: [], touchpoints: 2 },
          { key: 'onboarding', created: true, retired: [], touchpoints: 1 },
        ],
      });
      const names = await queryRows<{ name: string }>(t.db, sql`select name from touchpoints order by id`);
      expect(names.map((n) => n.name)).toEqual(['カート', '購入手続き', 'Sign-up']);
    });

    it('imports a single JSON object and retires touchpoints it leaves out', async () => {
      const path = file('one.json', JSON.stringify({ key: 'online-purchase', name: 'オンライン購入', touchpoints: [{ key: 'checkout', name: '購入手続き' }] }));
      const result = await importJourneysFile(t.db, path);
      expect(result).toEqual({ ok: true, journeys: [{ key: 'online-purchase', created: false, retired: ['cart'], touchpoints: 1 }] });
      await importJourneysFile(t.db, file('back.json', JSON.stringify({ key: 'online-purchase', name: 'オンライン購入', touchpoints: [{ key: 'cart', name: 'カート' }, { key: 'checkout', name: '購入手続き' }] })));
    });

    it('validates every journey before writing any', async () => {
      const path = file(
        'bad.json',
        JSON.stringify([
          { key: 'fine', name: 'Fine', touchpoints: [{ key: 'a', name: 'A' }] },
          { key: 'Bad Key', name: 'x', touchpoints: [{ key: 'a', name: 'A' }, { key: 'a', name: 'B' }] },
        ]),
      );
      const result = await importJourneysFile(t.db, path);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problems).toContainEqual({ field: '[1].touchpoints[1].key', message: 'duplicate touchpoint key "a" (also at touchpoints[0])' });
      expect(result.problems).toContainEqual(expect.objectContaining({ field: '[1].key' }));
      expect(await count('journeys')).toBe(2);
    });
  });

  describe('import-responses', () => {
    const header = 'id,journey,touchpoint,metric,score,comment,customer,responded_at\n';

    it('imports in batches with progress, and a re-import counts duplicates without doubling', async () => {
      const lines = Array.from(
        { length: 2500 },
        (_, i) => `r${i},online-purchase,${i % 2 ? 'cart' : 'checkout'},nps,${i % 11},"配送が遅い, でも丁寧",c${i % 7},2026-03-0${1 + (i % 9)}T10:00:00+09:00`,
      );
      const path = file('responses.csv', header + lines.join('\n') + '\n');
      const progress: string[] = [];
      const result = await importResponsesCsv(t.db, path, { now: NOW, progress: (m) => progress.push(m) });
      expect(result).toEqual({ ok: true, rows: 2500, accepted: 2500, duplicates: 0 });
      expect(progress.at(-1)).toBe('imported 2,500 / 2,500 rows');
      expect(await count('responses')).toBe(2500);
      const again = await importResponsesCsv(t.db, path, { now: NOW });
      expect(again).toEqual({ ok: true, rows: 2500, accepted: 0, duplicates: 2500 });
      expect(await count('responses')).toBe(2500);
      const [c] = await queryRows<{ comment: string }>(t.db, sql`select comment from responses where external_id = 'r0'`);
      expect(c!.comment).toBe('配送が遅い, でも丁寧');
      // The same ids under another source are other answers.
      const other = await importResponsesCsv(t.db, path, { now: NOW, source: 'survey-tool' });
      expect(other).toMatchObject({ ok: true, accepted: 2500 });
    });

    it('reports every bad row by line number and writes nothing, even from good batches', async () => {
      const good = Array.from({ length: 1500 }, (_, i) => `g${i},online-purchase,cart,csat,4,,,2026-03-01T10:00:00Z`);
      const path = file(
        'bad.csv',
        header +
          [
            ...good,
            'b1,online-purchase,cart,csat,9,,,2026-03-01T10:00:00Z',
            'b2,online-purchase,nowhere,nps,9,,,2026-03-01T10:00:00Z',
            'b3,online-purchase,cart,ces,3,,,2026-03-01',
            ',online-purchase,cart,nps,,,,2026-03-01T10:00:00Z',
          ].join('\n'),
      );
      const before = await count('responses');
      const result = await importResponsesCsv(t.db, path, { now: NOW });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problems).toEqual([
        { line: 1502, field: 'score', message: 'csat score must be an integer 1–5' },
        { line: 1503, field: 'touchpoint', message: 'journey "online-purchase" has no touchpoint "nowhere"' },
        { line: 1504, field: 'responded_at', message: 'responded_at must be an ISO 8601 timestamp with an offset, e.g. 2026-03-01T09:30:00+09:00' },
        { line: 1505, field: 'id', message: 'id is required' },
        { line: 1505, field: 'score', message: 'score is required' },
      ]);
      expect(await count('responses')).toBe(before);
    });

    it('refuses a file with missing or unknown columns', async () => {
      const result = await importResponsesCsv(t.db, file('cols.csv', 'id,journey,score,when\n1,a,3,x\n'), { now: NOW });
      expect(result).toEqual({
        ok: false,
        problems: [
          { line: 1, field: '(header)', message: 'missing columns: touchpoint, metric, responded_at (expected id,journey,touchpoint,metric,score,comment,customer,responded_at)' },
          { line: 1, field: '(header)', message: 'unknown column: when (expected id,journey,touchpoint,metric,score,comment,customer,responded_at)' },
        ],
      });
    });
  });

  describe('import-step-metrics', () => {
    it('writes days, replaces re-imported ones, and refuses bad rows by line', async () => {
      const path = file('steps.csv', 'journey,touchpoint,day,reached\nonline-purchase,cart,2026-03-01,500\nonline-purchase,checkout,2026-03-01,300\n');
      expect(await importStepMetricsCsv(t.db, path)).toEqual({ ok: true, rows: 2, written: 2 });
      await importStepMetricsCsv(t.db, file('steps2.csv', 'journey,touchpoint,day,reached\nonline-purchase,cart,2026-03-01,550\n'));
      const rows = await queryRows<{ reached: number }>(t.db, sql`select reached from step_metrics order by touchpoint_id`);
      expect(rows.map((r) => r.reached)).toEqual([550, 300]);
      const bad = await importStepMetricsCsv(
        t.db,
        file('steps3.csv', 'journey,touchpoint,day,reached\nonline-purchase,cart,2026-02-30,5\nonline-purchase,cart,2026-03-02,-4\nonline-purchase,cart,2026-03-03,lots\n'),
      );
      expect(bad).toEqual({
        ok: false,
        problems: [
          { line: 2, field: 'day', message: 'day must be a real date written YYYY-MM-DD' },
          { line: 3, field: 'reached', message: 'reached must be a non-negative integer' },
          { line: 4, field: 'reached', message: 'reached must be a number' },
        ],
      });
      expect(await count('step_metrics')).toBe(2);
    });
  });

  describe('argument parsing and commands', () => {
    it('parses commands and refuses bad usage with a clear message', () => {
      const csv = file('x.csv', 'id\n');
      expect(parseArgs(['import-responses', csv, '--source', 'crm'])).toEqual({ command: 'import-responses', file: csv, source: 'crm' });
      expect(parseArgs([])).toEqual({ command: 'help' });
      expect(() => parseArgs(['import-everything'])).toThrow(new UsageError('Unknown command "import-everything". Run: npm run cli -- help'));
      expect(() => parseArgs(['import-responses', join(dir, 'missing.csv')])).toThrow(/File not found/);
      expect(() => parseArgs(['import-responses', csv, '--source', 'bad name'])).toThrow(/--source needs a name/);
      expect(() => parseArgs(['import-step-metrics'])).toThrow(/needs exactly one file/);
    });

    it('exits non-zero with line numbers on stderr for a bad file', async () => {
      const out: string[] = [];
      const err: string[] = [];
      const path = file('bad2.csv', 'journey,touchpoint,day,reached\nnope,cart,2026-03-01,5\n');
      const code = await runCommand(t.db, { command: 'import-step-metrics', file: path }, { out: (l) => out.push(l), err: (l) => err.push(l) });
      expect(code).toBe(1);
      expect(err).toEqual([`${path}: 1 problem(s); nothing was imported.`, '  line 2: journey: unknown journey "nope"']);
      expect(out).toEqual([]);
    });
  });
});
