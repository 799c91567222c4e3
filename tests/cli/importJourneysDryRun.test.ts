import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs, runCommand, UsageError } from '../../src/cli/commands.js';
import { upsertJourneyDefinition } from '../../src/db/queries/ingest.js';
import { queryRows } from '../../src/db/rows.js';
import { DEMO_JOURNEYS } from '../../src/demo/data.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

/** The README's journeys.yaml example, as a reader would copy it. */
function readmeExample(): string {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const m = /journeys\.yaml \(the demo[^\n]*\n[^\n]*\n\n((?: {4}[^\n]*\n)+)/.exec(readme);
  if (!m?.[1]) throw new Error('README: journeys.yaml example not found');
  return m[1].replace(/^ {4}/gm, '');
}

describe('import-journeys --dry-run', () => {
  let t: TestDb;
  let dir: string;
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const run = async (path: string, dryRun: boolean) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCommand(t.db, { command: 'import-journeys', file: path, ...(dryRun ? { dryRun } : {}) }, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out, err };
  };
  const snapshot = () =>
    queryRows<{ j: string; name: string; k: string; n: string; active: boolean; position: number }>(
      t.db,
      sql`select j.key as j, j.name, t.key as k, t.name as n, t.active, t.position from journeys j join touchpoints t on t.journey_id = j.id order by j.key, t.key`,
    );

  beforeAll(async () => {
    t = await createTestDb();
    dir = mkdtempSync(join(tmpdir(), 'jp-dry-'));
    // The demo's journeys and touchpoints as seed-demo defines them (no answers needed here).
    for (const j of DEMO_JOURNEYS) {
      await upsertJourneyDefinition(t.db, j.key, { name: j.name, description: j.description, touchpoints: j.touchpoints.map(({ key, name, channel }) => ({ key, name, channel })) });
    }
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it("the README's example retires none of the demo's touchpoints", async () => {
    const r = await run(file('readme.yaml', readmeExample()), true);
    expect(r.code).toBe(0);
    expect(r.out).toEqual([`${join(dir, 'readme.yaml')}: dry run, nothing written.`, 'would update journey online-purchase', '  no changes']);
  });

  it('prints new journeys, added, renamed, brought back and retired touchpoints, and writes nothing', async () => {
    const before = await snapshot();
    const path = file(
      'changed.yaml',
      `- key: online-purchase
  name: オンライン購入（EC）
  touchpoints:
    - { key: ad, name: 広告 }
    - { key: cart, name: 買い物かご }
    - { key: checkout, name: 購入手続き }
    - { key: returns, name: 返品 }
- key: store-visit
  name: 店舗来店
  touchpoints:
    - { key: arrival, name: 来店 }
`,
    );
    const r = await run(path, true);
    expect(r.code).toBe(0);
    expect(r.out).toEqual([
      `${path}: dry run, nothing written.`,
      'would update journey online-purchase',
      '  rename journey: オンライン購入 → オンライン購入（EC）',
      '  add touchpoints: returns',
      '  rename touchpoint cart: カート → 買い物かご',
      '  RETIRE touchpoints left out of the file (kept, no longer shown): site-visit, delivery, support',
      'would create journey store-visit',
      '  add touchpoints: arrival',
    ]);
    expect(await snapshot()).toEqual(before);

    // The real import then does what the dry run said; a second dry run of the README file would bring them back.
    expect((await run(path, false)).out).toEqual([
      'updated journey online-purchase (4 touchpoints, retired site-visit, delivery, support)',
      'created journey store-visit (1 touchpoints)',
    ]);
    const again = await run(file('readme2.yaml', readmeExample()), true);
    expect(again.out).toContain('  bring back retired touchpoints: site-visit, delivery, support');
    expect(again.out).toContain('  rename journey: オンライン購入（EC） → オンライン購入');
    expect(again.out).toContain('  RETIRE touchpoints left out of the file (kept, no longer shown): returns');
  });

  it('refuses a bad file like the import does, and --dry-run with other commands', async () => {
    const r = await run(file('bad.yaml', '- key: Bad Key\n  name: x\n  touchpoints: []\n'), true);
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(/problem\(s\); nothing would be imported\.$/);
    const path = file('x.csv', 'journey,touchpoint,day,reached\n');
    expect(parseArgs(['import-journeys', path, '--dry-run'])).toEqual({ command: 'import-journeys', file: path, dryRun: true });
    expect(() => parseArgs(['import-step-metrics', path, '--dry-run'])).toThrow(UsageError);
  });
});
