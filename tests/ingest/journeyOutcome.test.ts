import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertJourneyDefinition } from '../../src/db/queries/ingest.js';
import { queryRows } from '../../src/db/rows.js';
import { journeyDefinitionSchema } from '../../src/ingest/schemas.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

describe('journey outcome (key drivers)', () => {
  it('accepts one of the journey’s touchpoint keys, or none', () => {
    const touchpoints = [{ key: 'cart', name: 'カート' }, { key: 'nps', name: '総合評価' }];
    expect(journeyDefinitionSchema.parse({ name: 'J', touchpoints, outcome: 'nps' }).outcome).toBe('nps');
    expect(journeyDefinitionSchema.parse({ name: 'J', touchpoints }).outcome).toBeUndefined();
    const bad = journeyDefinitionSchema.safeParse({ name: 'J', touchpoints, outcome: 'delivery' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['outcome', 'outcome "delivery" is not one of the journey\'s touchpoint keys']]);
  });

  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  }, 60_000);
  afterAll(async () => t.close());

  it('is stored with the journey and cleared when a definition drops it', async () => {
    const outcomeOf = async () => (await queryRows<{ outcome_key: string | null }>(t.db, sql`select outcome_key from journeys where key = 'buy'`))[0]?.outcome_key;
    const touchpoints = [{ key: 'cart', name: 'カート' }, { key: 'nps', name: '総合評価' }];
    await upsertJourneyDefinition(t.db, 'buy', { name: 'Buy', touchpoints, outcome: 'nps' });
    expect(await outcomeOf()).toBe('nps');
    await upsertJourneyDefinition(t.db, 'buy', { name: 'Buy', touchpoints });
    expect(await outcomeOf()).toBeNull();
  });
});
