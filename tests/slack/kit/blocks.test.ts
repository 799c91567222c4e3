import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { actions, rawButton, context, divider, escapeText, fields, finalizeMessage, header, image, section, truncate } from '../../../src/slack/kit/blocks.js';
import { validateBlocks, validateMessage } from '../../helpers/blockLimits.js';
import { LIMITS } from '../../../src/slack/kit/limits.js';

describe('escapeText', () => {
  it('escapes exactly &, < and > (Slack control characters)', () => {
    expect(escapeText('<@U123> & <!channel> > 3')).toBe('&lt;@U123&gt; &amp; &lt;!channel&gt; &gt; 3');
    expect(escapeText('オンライン購入 *bold* _x_')).toBe('オンライン購入 *bold* _x_');
  });
});

describe('truncate', () => {
  it('leaves short text alone and ends cut text with …', () => {
    expect(truncate('hello', 5)).toBe('hello');
    expect(truncate('hello world', 6)).toBe('hello…');
    expect(truncate('hello world', 6)).toHaveLength(6);
  });

  it('never splits a surrogate pair (emoji) and counts Japanese as one character each', () => {
    const out = truncate('😀😀😀😀', 4); // 8 UTF-16 units
    expect(out).toBe('😀…');
    expect(out.length).toBeLessThanOrEqual(4);
    expect(truncate('オンライン購入の満足度', 6)).toBe('オンライン…');
  });

  it('does not leave half an entity or half a link', () => {
    expect(truncate('a &amp; b', 5)).toBe('a …');
    expect(truncate('see <https://example.com/x|the report> now', 12)).toBe('see …');
  });

  it('handles degenerate limits', () => {
    expect(truncate('abc', 0)).toBe('');
    expect(truncate('abc', 1)).toBe('…');
  });
});

describe('block helpers clamp to Slack limits', () => {
  const long = 'x'.repeat(10_000);

  it('header, section, fields, context, buttons', () => {
    expect(header(long).text.text.length).toBe(LIMITS.headerText);
    expect(section(long).text?.text.length).toBe(LIMITS.sectionText);
    const f = fields(Array.from({ length: 25 }, (_, i) => `*TP ${i}*\n${long}`), { moreLabel: (n) => `…and ${n} more` });
    expect(f.fields).toHaveLength(10);
    expect(f.fields?.[9]?.text).toBe('…and 16 more');
    expect(f.fields?.every((x) => x.text.length <= LIMITS.fieldText)).toBe(true);
    expect(context(Array.from({ length: 14 }, (_, i) => `c${i}`)).elements).toHaveLength(10);
    const b = rawButton({ text: long, actionId: 'a', value: 'v', style: 'primary' });
    expect(b.text.text.length).toBe(LIMITS.buttonText);
    expect(() => rawButton({ text: 'x', actionId: 'a', value: 'v'.repeat(2001) })).toThrow(/2001 characters/);
    expect(actions(Array.from({ length: 30 }, (_, i) => rawButton({ text: `b${i}`, actionId: `a${i}` }))).elements).toHaveLength(25);
  });

  it('never produces empty text objects (Slack rejects them)', () => {
    expect(section('').text?.text).toBe(' ');
    expect(header('').text.text).toBe(' ');
    expect(validateBlocks([section(''), header('')])).toEqual([]);
  });

  it('image from URL or from an uploaded Slack file', () => {
    expect(image({ url: 'https://q/c.png' }, 'NPS trend', { title: 'NPS' })).toMatchObject({ type: 'image', image_url: 'https://q/c.png', alt_text: 'NPS trend' });
    expect(image({ slackFileId: 'F0000001' }, 'NPS trend')).toMatchObject({ type: 'image', slack_file: { id: 'F0000001' } });
  });
});

describe('validateBlocks catches what Slack would refuse', () => {
  it('reports each violation', () => {
    const bad: KnownBlock[] = [
      { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } },
      { type: 'section', text: { type: 'mrkdwn', text: 's'.repeat(3001) } },
      { type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn' as const, text: 'f' })) },
      { type: 'actions', elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'b'.repeat(76) }, value: 'v'.repeat(2001) }] },
      { type: 'context', elements: [] },
    ];
    const problems = validateBlocks(bad);
    expect(problems).toHaveLength(6);
    expect(validateBlocks(Array.from({ length: 51 }, () => divider()))).toEqual(['51 blocks (max 50)']);
    expect(validateBlocks(Array.from({ length: 51 }, () => divider()), 'modal')).toEqual([]);
    expect(validateMessage({ text: '', blocks: [] })).toEqual(['missing plain-text fallback']);
  });
});

describe('finalizeMessage', () => {
  /** A journey view as a builder might write it naively: 25 touchpoints, 10,000-character comments. */
  function bigJourney(): KnownBlock[] {
    const comment = `「${'とても遅い配送でした。'.repeat(900)}」 <script> & more`;
    const blocks: KnownBlock[] = [header(`オンライン購入 ${'とても長い名前'.repeat(40)}`)];
    for (let i = 0; i < 25; i += 1) {
      blocks.push(section(`*タッチポイント ${i}* NPS 42 (±8)\n${escapeText(comment)}`));
      blocks.push(fields(Array.from({ length: 12 }, (_, j) => `field ${j}: ${comment}`)));
      blocks.push(actions([rawButton({ text: `ログ ${'x'.repeat(100)}`, actionId: `log_${i}`, value: `tp:${i}` })]));
    }
    return blocks;
  }

  it('keeps a 25-touchpoint journey with 10,000-character comments valid', () => {
    const raw = bigJourney();
    expect(validateBlocks(raw).length).toBeGreaterThan(0); // 76 blocks: too many as built
    const msg = finalizeMessage({ text: '', blocks: raw }, { truncatedNote: '…and more' });
    expect(validateMessage(msg)).toEqual([]);
    expect(msg.blocks).toHaveLength(50);
    expect(msg.blocks[49]).toMatchObject({ type: 'context', elements: [{ type: 'mrkdwn', text: '…and more' }] });
    expect(msg.text.length).toBeGreaterThan(0);
    expect(msg.text.length).toBeLessThanOrEqual(LIMITS.messageText);
    expect(msg.text).toContain('オンライン購入');
  });

  it('repairs blocks built by hand past the limits and drops ones that cannot be valid', () => {
    const msg = finalizeMessage({
      text: 't'.repeat(50_000),
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: 'y'.repeat(5000) }, fields: Array.from({ length: 12 }, () => ({ type: 'mrkdwn' as const, text: 'z'.repeat(2500) })) },
        { type: 'actions', elements: [] },
        { type: 'image', image_url: `https://q/${'a'.repeat(3100)}`, alt_text: 'chart' },
      ],
    });
    expect(validateMessage(msg)).toEqual([]);
    expect(msg.blocks).toHaveLength(1);
    expect(msg.text.length).toBe(LIMITS.messageText);
  });

  it('allows 100 blocks in modals and App Home', () => {
    const blocks = Array.from({ length: 120 }, (_, i) => section(`row ${i}`));
    expect(finalizeMessage({ text: 'home', blocks }, { surface: 'home' }).blocks).toHaveLength(100);
    expect(finalizeMessage({ text: 'msg', blocks }).blocks).toHaveLength(50);
  });
});
