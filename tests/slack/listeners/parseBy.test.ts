import { describe, expect, it } from 'vitest';
import { parseJourneyCommand } from '../../../src/slack/listeners/commands/parse.js';

describe('`by <attribute>` in /journey commands', () => {
  const ok = (text: string) => {
    const r = parseJourneyCommand(text, new Set(['alert']));
    if (!r.ok) throw new Error(`${text}: ${r.error.code}`);
    return r.command;
  };

  it('reads by with a period before or after it', () => {
    expect(ok('online-purchase by region')).toEqual({ kind: 'show', journey: 'online-purchase', explicit: false, by: 'region' });
    expect(ok('online-purchase by region 7d')).toEqual({ kind: 'show', journey: 'online-purchase', explicit: false, by: 'region', period: '7d' });
    expect(ok('online-purchase 7d BY region')).toEqual({ kind: 'show', journey: 'online-purchase', explicit: false, by: 'region', period: '7d' });
    expect(ok('show "Account onboarding" by plan')).toEqual({ kind: 'show', journey: 'Account onboarding', explicit: true, by: 'plan' });
    expect(ok('touchpoint online-purchase/delivery by region 7d')).toEqual({
      kind: 'touchpoint',
      target: { journey: 'online-purchase', touchpoint: 'delivery' },
      by: 'region',
      period: '7d',
    });
  });

  it('reads Japanese: <key>別 and by with a Japanese key, full-width letters folded', () => {
    expect(ok('オンライン購入 地域別')).toEqual({ kind: 'show', journey: 'オンライン購入', explicit: false, by: '地域' });
    expect(ok('オンライン購入 地域別 7日')).toEqual({ kind: 'show', journey: 'オンライン購入', explicit: false, by: '地域', period: '7d' });
    expect(ok('オンライン購入 ７日 ｒｅｇｉｏｎ別')).toEqual({ kind: 'show', journey: 'オンライン購入', explicit: false, by: 'region', period: '7d' });
    expect(ok('tp オンライン購入/配送 by 地域')).toEqual({ kind: 'touchpoint', target: { journey: 'オンライン購入', touchpoint: '配送' }, by: '地域' });
  });

  it('leaves commands without by alone', () => {
    expect(ok('online-purchase 7d')).toEqual({ kind: 'show', journey: 'online-purchase', explicit: false, period: '7d' });
    // A journey named with 別 inside is not a breakdown unless the word ends in 別.
    expect(ok('別荘 予約')).toEqual({ kind: 'show', journey: '別荘 予約', explicit: false });
  });

  it('says what is missing or extra', () => {
    expect(parseJourneyCommand('online-purchase by')).toEqual({ ok: false, error: { code: 'missing_attribute', subcommand: 'show' } });
    expect(parseJourneyCommand('online-purchase by 7d')).toEqual({ ok: false, error: { code: 'missing_attribute', subcommand: 'show' } });
    expect(parseJourneyCommand('online-purchase by region plan')).toEqual({ ok: false, error: { code: 'too_many_args', subcommand: 'show', input: 'plan' } });
  });
});
