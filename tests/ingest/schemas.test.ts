import { describe, expect, it } from 'vitest';
import {
  isRealDay,
  journeyDefinitionSchema,
  problemsBody,
  responsesBatchSchema,
  stepMetricsBatchSchema,
  validate,
  type Problem,
} from '../../src/ingest/schemas.js';

const NOW = new Date('2026-03-15T12:00:00Z');
const schema = responsesBatchSchema(() => NOW);
const row = (extra: Record<string, unknown> = {}) => ({
  id: 'a-1',
  journey: 'online-purchase',
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

describe('responses batch schema', () => {
  it('accepts a valid batch and normalises optional text', () => {
    const r = validate(schema, { source: 'crm', responses: [row({ comment: '  とても良い  ', customer: '', id: 42 })] }, 'responses');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.responses[0]).toMatchObject({ id: '42', comment: 'とても良い', customer: undefined });
    expect(r.value.source).toBe('crm');
  });

  it.each([
    ['nps', -1, 'nps score must be an integer 0–10'],
    ['nps', 11, 'nps score must be an integer 0–10'],
    ['csat', 0, 'csat score must be an integer 1–5'],
    ['csat', 6, 'csat score must be an integer 1–5'],
    ['ces', 0, 'ces score must be an integer 1–7'],
    ['ces', 8, 'ces score must be an integer 1–7'],
    ['ces', 2.5, 'ces score must be an integer 1–7'],
  ])('refuses %s score %s', (metric, score, message) => {
    expect(problemsOf({ responses: [row({ metric, score })] })).toEqual([{ index: 0, field: 'score', message }]);
  });

  it.each([
    ['nps', 0],
    ['nps', 10],
    ['csat', 1],
    ['csat', 5],
    ['ces', 1],
    ['ces', 7],
  ])('accepts %s score %s at the edge of the range', (metric, score) => {
    expect(problemsOf({ responses: [row({ metric, score })] })).toEqual([]);
  });

  it('allows five minutes of clock skew, not more', () => {
    expect(problemsOf({ responses: [row({ respondedAt: '2026-03-15T12:05:00Z' })] })).toEqual([]);
    expect(problemsOf({ responses: [row({ respondedAt: '2026-03-15T21:05:01+09:00' })] })).toEqual([
      { index: 0, field: 'respondedAt', message: 'respondedAt is in the future (more than 5 minutes ahead of the server clock)' },
    ]);
  });

  it('refuses slugs with capitals or spaces, blank ids and bad sources', () => {
    expect(problemsOf({ source: 'my source', responses: [row({ journey: 'Online Purchase', id: '  ' })] })).toEqual([
      { field: 'source', message: 'source must be 1–64 characters: letters, digits, "_", "-", "." or ":"' },
      { index: 0, field: 'id', message: 'id must not be blank' },
      {
        index: 0,
        field: 'journey',
        message: 'journey must be a slug: lowercase a-z, 0-9, "-" or "_", starting with a letter or digit, at most 64 characters',
      },
    ]);
  });

  it('refuses more than 5,000 rows', () => {
    const rows = Array.from({ length: 5001 }, (_, i) => row({ id: `r${i}` }));
    expect(problemsOf({ responses: rows })).toEqual([{ field: 'responses', message: 'at most 5000 responses per request; split the batch' }]);
  });
});

describe('journey definition schema', () => {
  it('trims names, keeps Unicode, and drops empty channels', () => {
    const r = journeyDefinitionSchema.parse({ name: ' オンライン購入 ', touchpoints: [{ key: 'cart', name: 'カート', channel: '' }] });
    expect(r).toEqual({ name: 'オンライン購入', description: undefined, touchpoints: [{ key: 'cart', name: 'カート', channel: undefined }] });
  });

  it('reports duplicate keys even when another touchpoint is malformed', () => {
    const r = validate(
      journeyDefinitionSchema,
      { name: 'x', touchpoints: [{ key: 'a', name: 'A' }, { key: 'b' }, { key: 'a', name: 'A2' }] },
      'touchpoints',
    );
    expect(r).toEqual({
      ok: false,
      problems: [
        { index: 1, field: 'name', message: 'touchpoint name is required' },
        { index: 2, field: 'key', message: 'duplicate touchpoint key "a" (also at touchpoints[0])' },
      ],
    });
  });

  it('needs at least one touchpoint', () => {
    expect(validate(journeyDefinitionSchema, { name: 'x', touchpoints: [] }, 'touchpoints')).toEqual({
      ok: false,
      problems: [{ field: 'touchpoints', message: 'a journey needs at least one touchpoint' }],
    });
  });
});

describe('step metrics schema and days', () => {
  it('knows real days', () => {
    expect(['2024-02-29', '2026-12-31', '2026-01-01'].map(isRealDay)).toEqual([true, true, true]);
    expect(['2026-02-29', '2026-04-31', '2026-13-01', '2026-1-01', '20260101', ''].map(isRealDay)).toEqual([false, false, false, false, false, false]);
  });

  it('accepts zero reached and refuses fractions', () => {
    const ok = validate(stepMetricsBatchSchema, { metrics: [{ journey: 'j', touchpoint: 't', day: '2026-03-01', reached: 0 }] }, 'metrics');
    expect(ok.ok).toBe(true);
    const bad = validate(stepMetricsBatchSchema, { metrics: [{ journey: 'j', touchpoint: 't', day: '2026-03-01', reached: 0.5 }] }, 'metrics');
    expect(bad).toEqual({ ok: false, problems: [{ index: 0, field: 'reached', message: 'reached must be a non-negative integer' }] });
  });
});

describe('problemsBody', () => {
  it('caps the list at 100 and counts rows and the rest', () => {
    const problems = Array.from({ length: 130 }, (_, i) => ({ index: Math.floor(i / 2), field: 'score', message: 'm' }));
    const body = problemsBody('invalid_batch', problems, 'the batch');
    expect(body.errors).toHaveLength(100);
    expect(body.moreErrors).toBe(30);
    expect(body.message).toBe('130 problems in 65 rows; nothing was written. Fix the batch and send it again.');
  });
});
