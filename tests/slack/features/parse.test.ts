import { describe, expect, it } from 'vitest';
import { closestSubcommand, looksLikePeriod, parseJourneyCommand, parseTarget } from '../../../src/slack/listeners/commands/parse.js';

const cmd = (text: string, ext: string[] = []) => {
  const r = parseJourneyCommand(text, new Set(ext));
  if (!r.ok) throw new Error(`expected ok for ${text}: ${r.error.code}`);
  return r.command;
};
const err = (text: string) => {
  const r = parseJourneyCommand(text);
  if (r.ok) throw new Error(`expected an error for ${text}`);
  return r.error;
};

describe('parseJourneyCommand', () => {
  it('lists journeys with or without a period', () => {
    expect(cmd('')).toEqual({ kind: 'list' });
    expect(cmd('   ')).toEqual({ kind: 'list' });
    expect(cmd('list')).toEqual({ kind: 'list' });
    expect(cmd('LIST 7D')).toEqual({ kind: 'list', period: '7d' });
    expect(cmd('90d')).toEqual({ kind: 'list', period: '90d' });
    expect(cmd('last-month')).toEqual({ kind: 'list', period: 'last-month' });
    expect(err('list 7d extra')).toMatchObject({ code: 'too_many_args', subcommand: 'list', input: '7d extra' });
  });

  it('shows a journey by key or name, Japanese included, quoted or not', () => {
    expect(cmd('checkout')).toEqual({ kind: 'show', journey: 'checkout', explicit: false });
    expect(cmd('オンライン購入 90d')).toEqual({ kind: 'show', journey: 'オンライン購入', period: '90d', explicit: false });
    expect(cmd('「オンライン 購入」 this-week')).toEqual({ kind: 'show', journey: 'オンライン 購入', period: 'this-week', explicit: false });
    expect(cmd('show "Online purchase" 12w')).toEqual({ kind: 'show', journey: 'Online purchase', period: '12w', explicit: true });
    // Unquoted names with spaces (full-width space too) are joined back with one space.
    expect(cmd('show Online\u3000purchase')).toEqual({ kind: 'show', journey: 'Online purchase', explicit: true });
    expect(err('show')).toMatchObject({ code: 'missing_journey', subcommand: 'show' });
  });

  it('reads Japanese period words wherever English ones go, in their English form', () => {
    expect(cmd('オンライン購入 先月')).toEqual({ kind: 'show', journey: 'オンライン購入', period: 'last-month', explicit: false });
    expect(cmd('オンライン購入\u3000今月')).toEqual({ kind: 'show', journey: 'オンライン購入', period: 'this-month', explicit: false });
    expect(cmd('show 「オンライン 購入」 30日間')).toEqual({ kind: 'show', journey: 'オンライン 購入', period: '30d', explicit: true });
    expect(cmd('オンライン購入 ３０日')).toEqual({ kind: 'show', journey: 'オンライン購入', period: '30d', explicit: false });
    expect(cmd('先週')).toEqual({ kind: 'list', period: 'last-week' });
    expect(cmd('list 12週間')).toEqual({ kind: 'list', period: '12w' });
    expect(cmd('list 今四半期')).toEqual({ kind: 'list', period: 'this-quarter' });
    expect(cmd('7日')).toEqual({ kind: 'list', period: '7d' });
    expect(cmd('tp オンライン購入/決済 前四半期')).toEqual({ kind: 'touchpoint', target: { journey: 'オンライン購入', touchpoint: '決済' }, period: 'last-quarter' });
    expect(cmd('サポート 12週')).toEqual({ kind: 'show', journey: 'サポート', period: '12w', explicit: false });
    // Out of range: still a period (so the reply names the range), kept as typed for that reply.
    expect(cmd('オンライン購入 400日')).toEqual({ kind: 'show', journey: 'オンライン購入', period: '400日', explicit: false });
    // A word that is not a period stays part of the name.
    expect(cmd('オンライン 購入')).toEqual({ kind: 'show', journey: 'オンライン 購入', explicit: false });
    expect(cmd('会員 登録日')).toEqual({ kind: 'show', journey: '会員 登録日', explicit: false });
  });

  it('parses touchpoint references with or without the journey', () => {
    expect(cmd('touchpoint online-purchase/checkout 7d')).toEqual({ kind: 'touchpoint', target: { journey: 'online-purchase', touchpoint: 'checkout' }, period: '7d' });
    expect(cmd('touchpoint checkout')).toEqual({ kind: 'touchpoint', target: { touchpoint: 'checkout' } });
    expect(cmd('tp オンライン購入／決済')).toEqual({ kind: 'touchpoint', target: { journey: 'オンライン購入', touchpoint: '決済' } });
    expect(err('touchpoint')).toMatchObject({ code: 'missing_touchpoint' });
    expect(err('touchpoint journey/')).toMatchObject({ code: 'bad_target', input: 'journey/' });
  });

  it('logs an action directly, keeping the description verbatim, or asks for the modal', () => {
    expect(cmd('log')).toEqual({ kind: 'log_modal' });
    expect(cmd('log online-purchase/checkout Fix the "card" form &amp; retry <soon>')).toEqual({
      kind: 'log',
      target: { journey: 'online-purchase', touchpoint: 'checkout' },
      description: 'Fix the "card" form & retry <soon>',
    });
    expect(cmd('log "オンライン 購入"/決済 決済フォームを直す')).toMatchObject({ target: { journey: 'オンライン 購入', touchpoint: '決済' }, description: '決済フォームを直す' });
    expect(err('log checkout')).toMatchObject({ code: 'missing_description', subcommand: 'log' });
    expect(err(`log checkout ${'x'.repeat(1300)}`)).toMatchObject({ code: 'too_long' });
    expect(err(`log checkout ${'x'.repeat(1001)}`)).toMatchObject({ code: 'description_too_long' });
  });

  it('filters actions', () => {
    expect(cmd('actions')).toEqual({ kind: 'actions', filter: { kind: 'open' } });
    expect(cmd('actions mine')).toEqual({ kind: 'actions', filter: { kind: 'mine' } });
    expect(cmd('actions DONE')).toEqual({ kind: 'actions', filter: { kind: 'done' } });
    expect(cmd('actions support/contact')).toEqual({ kind: 'actions', filter: { kind: 'touchpoint', target: { journey: 'support', touchpoint: 'contact' } } });
  });

  it('routes registered extensions with their raw arguments', () => {
    expect(cmd('digest weekly <#C123|cx>', ['digest'])).toEqual({ kind: 'extension', name: 'digest', args: 'weekly <#C123|cx>' });
    expect(cmd('digest weekly')).toEqual({ kind: 'show', journey: 'digest weekly', explicit: false });
  });

  it('refuses absurd input with specific codes', () => {
    expect(err('x'.repeat(5000))).toEqual({ code: 'too_long' });
    expect(err('show check\u0000out')).toEqual({ code: 'control_chars' });
    expect(err('show \u202Eevil')).toEqual({ code: 'control_chars' });
    expect(err('show "unclosed')).toMatchObject({ code: 'unbalanced_quote' });
  });

  it('keeps apostrophes inside words', () => {
    expect(cmd("show customer's journey")).toEqual({ kind: 'show', journey: "customer's journey", explicit: true });
  });
});

describe('helpers', () => {
  it('knows Japanese periods by shape', () => {
    for (const p of ['7日', '30日', '30日間', '３０日', '12週', '12週間', '今週', '先週', '今月', '先月', '今四半期', '前四半期', '400日']) {
      expect(looksLikePeriod(p), p).toBe(true);
    }
    for (const p of ['購入', '日', '登録日', '月曜', '来年']) expect(looksLikePeriod(p), p).toBe(false);
  });

  it('splits targets at the last slash', () => {
    expect(parseTarget('a/b/c')).toEqual({ journey: 'a/b', touchpoint: 'c' });
    expect(parseTarget('/c')).toEqual({ touchpoint: 'c' });
    expect(parseTarget('a/')).toBeNull();
  });
  it('suggests the closest subcommand', () => {
    expect(closestSubcommand('acitons', ['list', 'actions', 'log'])).toBe('actions');
    expect(closestSubcommand('hlep', ['help', 'log'])).toBe('help');
    expect(closestSubcommand('checkout', ['help', 'log', 'list'])).toBeUndefined();
  });
});
