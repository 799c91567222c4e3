import { describe, expect, it } from 'vitest';
import { parseWindow } from '../../../src/slack/listeners/commands/alert.js';

describe('alert windows in English and Japanese', () => {
  it('reads 7d, 2w and their Japanese forms as the same number of days', () => {
    expect([parseWindow('7d'), parseWindow('7日'), parseWindow('7日間'), parseWindow('直近7日間'), parseWindow('７日')]).toEqual([7, 7, 7, 7, 7]);
    expect([parseWindow('2w'), parseWindow('2週'), parseWindow('2週間')]).toEqual([14, 14, 14]);
    expect(parseWindow(undefined)).toBe(7);
  });

  it('refuses what is not a window', () => {
    expect(parseWindow('先週')).toBeNaN();
    expect(parseWindow('7x')).toBeNaN();
    expect(parseWindow('1000日')).toBeNaN();
  });
});
