import type { KnownBlock } from '@slack/types';
import type { Breakdown, ChannelBreakdown, GroupScores } from '../../domain/breakdown.js';
import type { SegmentConcentration } from '../../domain/insights.js';
import { DEFAULT_MIN_SAMPLE } from '../../domain/types.js';
import { formatNumber, formatPercent, t, type Locale } from '../../i18n/index.js';
import { context, divider, escapeText, finalizeMessage, header, section, truncate, type Message } from '../kit/blocks.js';
import { changeText, comparedNpsLine, deltaText, npsValue, periodLabel, sampleText } from './format.js';

/** Segments shown in full; the rest are counted. Slack allows 50 blocks, and 25 lines stay readable. */
const SEGMENTS_SHOWN = 25;
const LINES_PER_SECTION = 10;

function scopeName(b: Breakdown): string {
  return b.scope.kind === 'journey' ? b.scope.journey.name : `${b.scope.touchpoint.journeyName} › ${b.scope.touchpoint.name}`;
}

function scopeRef(b: Breakdown): string {
  return b.scope.kind === 'journey' ? b.scope.journey.key : `${b.scope.touchpoint.journeyKey}/${b.scope.touchpoint.key}`;
}

/**
 * A group's scores: NPS with interval, sample (⚠ when small) and change (⚑ when significant); a
 * group answered with CSAT or CES only shows that score instead.
 */
function scoreText(locale: Locale, g: GroupScores): string {
  if (g.nps.current.n > 0) return t(locale, 'segments.score.nps', comparedNpsLine(locale, g.nps));
  const withChange = (c: string) => (c ? ` ${c}` : '');
  if (g.csat.current.n > 0 && g.csat.current.score !== null) {
    return t(locale, 'segments.score.other', {
      metric: 'CSAT',
      score: formatPercent(locale, g.csat.current.score / 100),
      n: sampleText(locale, g.csat.current),
      change: withChange(changeText(locale, g.csat.change)),
    });
  }
  if (g.ces.current.n > 0 && g.ces.current.score !== null) {
    return t(locale, 'segments.score.other', {
      metric: 'CES',
      score: formatNumber(locale, g.ces.current.score, { maximumFractionDigits: 1 }),
      n: sampleText(locale, g.ces.current),
      change: withChange(changeText(locale, g.ces.change, 1)),
    });
  }
  return t(locale, 'segments.score.none');
}

/** CSAT and CES beside a segment's NPS when its answers include them. */
function otherScores(locale: Locale, g: GroupScores): string {
  if (g.nps.current.n === 0) return '';
  const parts: string[] = [];
  if (g.csat.current.n > 0 && g.csat.current.score !== null) {
    parts.push(`CSAT ${formatPercent(locale, g.csat.current.score / 100)} (${sampleText(locale, g.csat.current)})`);
  }
  if (g.ces.current.n > 0 && g.ces.current.score !== null) {
    parts.push(`CES ${formatNumber(locale, g.ces.current.score, { maximumFractionDigits: 1 })} (${sampleText(locale, g.ces.current)})`);
  }
  return parts.length > 0 ? ` · ${parts.join(' · ')}` : '';
}

function chunked(lines: string[]): KnownBlock[] {
  const out: KnownBlock[] = [];
  for (let i = 0; i < lines.length; i += LINES_PER_SECTION) out.push(section(lines.slice(i, i + LINES_PER_SECTION).join('\n')));
  return out;
}

/** "region=関西: ↓ −90 (n=92); everyone else ↓ −5. It accounts for 95% of the change." */
export function concentrationText(locale: Locale, c: SegmentConcentration): string {
  return t(locale, 'segments.behind.line', {
    attribute: escapeText(c.attribute),
    value: escapeText(truncate(c.value, 60)),
    change: deltaText(locale, c.change),
    n: formatNumber(locale, c.n),
    others: deltaText(locale, c.othersChange),
    share: formatPercent(locale, Math.min(1, c.share), 0),
  });
}

/** The blocks the touchpoint view inserts when a segment explains its change. */
export function concentrationBlocks(locale: Locale, c: SegmentConcentration | null | undefined): KnownBlock[] {
  return c ? [divider(), section(`${t(locale, 'segments.behind.title')}\n${concentrationText(locale, c)}`)] : [];
}

export function buildBreakdownMessage(b: Breakdown, locale: Locale, concentration?: SegmentConcentration | null): Message {
  const label = periodLabel(locale, b.window);
  const attribute = escapeText(b.attribute);
  const blocks: KnownBlock[] = [
    header(t(locale, 'segments.breakdown.title', { scope: scopeName(b), attribute: b.attribute })),
    context([`\`${scopeRef(b)}\` · ${escapeText(label)}`]),
    section(t(locale, 'segments.breakdown.overall', comparedNpsLine(locale, b.overall.nps)) + otherScores(locale, b.overall)),
  ];
  if (concentration) blocks.push(section(t(locale, 'segments.breakdown.concentration', { segment: concentrationText(locale, concentration) })));
  const shown = b.segments.slice(0, SEGMENTS_SHOWN);
  const lines = shown.map(
    (s) => t(locale, 'segments.breakdown.line', { value: escapeText(truncate(s.value, 80)), score: scoreText(locale, s) }) + otherScores(locale, s),
  );
  if (b.segments.length > shown.length) lines.push(t(locale, 'segments.breakdown.more', { count: formatNumber(locale, b.segments.length - shown.length) }));
  blocks.push(divider(), ...chunked(lines));
  const notes: string[] = [];
  if (b.withoutAttribute > 0) notes.push(t(locale, 'segments.breakdown.without', { count: formatNumber(locale, b.withoutAttribute), attribute }));
  notes.push(t(locale, 'journey.marker.legend', { min: DEFAULT_MIN_SAMPLE }));
  blocks.push(context(notes));
  const fallback = t(locale, 'segments.breakdown.fallback', {
    scope: escapeText(scopeName(b)),
    attribute,
    period: label,
    nps: npsValue(locale, b.overall.nps.current.score),
    count: formatNumber(locale, b.segments.length),
  });
  return finalizeMessage({ text: fallback, blocks }, { truncatedNote: t(locale, 'platform.truncated.blocks') });
}

export function buildChannelBreakdownMessage(b: ChannelBreakdown, locale: Locale): Message {
  const label = periodLabel(locale, b.window);
  const lines = b.groups.map((g) => {
    const channel = g.channel === null ? t(locale, 'segments.channel.none') : escapeText(truncate(g.channel, 50));
    const touchpoints = g.touchpoints.map((tp) => escapeText(truncate(tp.name, 40))).join(locale === 'ja' ? '、' : ', ');
    return t(locale, 'segments.channel.line', { channel, touchpoints, score: scoreText(locale, g) }) + otherScores(locale, g);
  });
  const blocks: KnownBlock[] = [
    header(t(locale, 'segments.channel.title', { journey: b.journey.name })),
    context([`\`${b.journey.key}\` · ${escapeText(label)}`]),
    section(t(locale, 'segments.breakdown.overall', comparedNpsLine(locale, b.overall.nps)) + otherScores(locale, b.overall)),
    divider(),
    ...chunked(lines),
    context([t(locale, 'journey.marker.legend', { min: DEFAULT_MIN_SAMPLE })]),
  ];
  const fallback = t(locale, 'segments.channel.fallback', { journey: escapeText(b.journey.name), period: label, count: formatNumber(locale, b.groups.length) });
  return finalizeMessage({ text: fallback, blocks }, { truncatedNote: t(locale, 'platform.truncated.blocks') });
}
