import { describe, expect, it } from 'vitest';
import { slackDate } from '../../../src/slack/views/slackDate.js';

describe('slackDate', () => {
  it('is a Slack date token with the UTC time as fallback; plain is the fallback alone', () => {
    // 2026-11-30T01:00:00Z = 1796000400 s (hand-checked: 20,787 days × 86,400 + 3,600).
    const d = slackDate('en', new Date('2026-11-30T01:00:00Z'));
    expect(d.mrkdwn).toBe('<!date^1796000400^{date_short_pretty} {time}|Nov 30, 2026, 1:00 AM UTC>');
    expect(d.plain).toBe('Nov 30, 2026, 1:00 AM UTC');
  });

  it('drops milliseconds (the token takes whole seconds) and formats the fallback in the locale', () => {
    const d = slackDate('ja', new Date('2026-11-30T01:00:00.999Z'));
    expect(d.mrkdwn.startsWith('<!date^1796000400^')).toBe(true);
    expect(d.plain).toBe('2026年11月30日 1:00 UTC');
    // Exactly one `|` and one closing `>`: the fallback cannot end the token early.
    expect(d.mrkdwn.split('|')).toHaveLength(2);
    expect(d.mrkdwn.indexOf('>')).toBe(d.mrkdwn.length - 1);
  });
});
