import { describe, expect, it } from 'vitest';
import { journeyDefinitionSchema, responsesBatchSchema, unstorableTextReason, validate, type Problem } from '../../src/ingest/schemas.js';

const NOW = new Date('2026-03-15T12:00:00Z');
const schema = responsesBatchSchema(() => NOW);
const row = (extra: Record<string, unknown> = {}) => ({
  id: 'a-1',
  journey: 'shop',
  touchpoint: 'checkout',
  metric: 'nps',
  score: 9,
  respondedAt: '2026-03-15T20:00:00+09:00',
  ...extra,
});
const problemsOf = (input: unknown): Problem[] => {
  const r = validate(schema, input, 'responses');
  return r.ok ? [] : r.problems;
};

describe('text Postgres cannot store', () => {
  it('names NUL and lone surrogates, and accepts surrogate pairs', () => {
    expect(unstorableTextReason('a\u0000')).toMatch(/NUL/);
    expect(unstorableTextReason('\ud83d')).toMatch(/lone UTF-16 surrogate/);
    expect(unstorableTextReason('\ude00x')).toMatch(/lone UTF-16 surrogate/);
    expect(unstorableTextReason('😀 \ud83d\ude00 オンライン')).toBeUndefined();
  });

  it('reports one problem per bad field, not "blank" or "too long" on top', () => {
    expect(problemsOf({ responses: [row({ comment: ' \u0000 ' }), row({ id: 'x'.repeat(300) + '\u0000' })] })).toEqual([
      { index: 0, field: 'comment', message: 'comment must not contain the NUL character (\\u0000)' },
      { index: 1, field: 'id', message: 'id must not contain the NUL character (\\u0000)' },
    ]);
  });

  it('refuses year 0000 and timestamps before 1900, keeps 1900 itself', () => {
    expect(problemsOf({ responses: [row({ respondedAt: '0000-01-01T00:00:00Z' })] })).toEqual([
      { index: 0, field: 'respondedAt', message: 'respondedAt must be in 1900 or later' },
    ]);
    expect(problemsOf({ responses: [row({ respondedAt: '1900-01-01T00:00:00Z' })] })).toEqual([]);
  });

  it('checks journey and touchpoint names, descriptions and channels', () => {
    const r = validate(
      journeyDefinitionSchema,
      { name: '\ud800', description: 'd\u0000', touchpoints: [{ key: 'a', name: 'A', channel: '\u0000' }] },
      'touchpoints',
    );
    expect(r.ok ? [] : r.problems.map((p) => `${p.index ?? ''}:${p.field}`)).toEqual([':name', ':description', '0:channel']);
  });
});
