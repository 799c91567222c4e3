import { describe, expect, it } from 'vitest';
import { editDistance, suggest } from '../../src/domain/suggest.js';

const candidates = [
  { key: 'checkout', name: 'Checkout' },
  { key: 'check-in', name: 'Hotel check-in' },
  { key: 'purchase', name: 'オンライン購入' },
  { key: 'delivery', name: '配送' },
];

describe('suggest', () => {
  it('finds typos by edit distance', () => {
    expect(editDistance('chekout', 'checkout')).toBe(1);
    expect(suggest('chekout', candidates).map((c) => c.key)).toEqual(['checkout']);
  });

  it('puts prefix matches first, case-insensitively', () => {
    expect(suggest('CHECK', candidates).map((c) => c.key).sort()).toEqual(['check-in', 'checkout']);
  });

  it('works for Japanese, including half-width kana', () => {
    expect(suggest('オンライン', candidates).map((c) => c.key)).toEqual(['purchase']);
    expect(suggest('ｵﾝﾗｲﾝ購入', candidates).map((c) => c.key)).toEqual(['purchase']);
    // 配達 vs 配送: one character apart, in code points.
    expect(editDistance('配達', '配送')).toBe(1);
    expect(suggest('配達', candidates).map((c) => c.key)).toEqual(['delivery']);
  });

  it('returns nothing for unrelated input and respects the limit', () => {
    expect(suggest('zzzzzz', candidates)).toEqual([]);
    expect(suggest('c', candidates, 1)).toHaveLength(1);
  });
});
