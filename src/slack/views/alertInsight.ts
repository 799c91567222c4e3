import type { KnownBlock } from '@slack/types';
import type { AlertInsight } from '../../domain/insights.js';
import { formatNumber, formatSigned, t, type Locale } from '../../i18n/index.js';
import { context, escapeText, truncate } from '../kit/blocks.js';

const LABEL_MAX = 60;
const QUOTE_MAX = 140;

/**
 * What an NPS alert knows about its fall: the segment it is concentrated in ("the fall is in
 * region = 関西") and what detractors have said since it began. Nothing when neither is known,
 * so an alert never waits for, or guesses at, an explanation.
 */
export function alertInsightBlocks(locale: Locale, insight: AlertInsight | null | undefined): KnownBlock[] {
  if (!insight) return [];
  const lines: string[] = [];
  const s = insight.segment;
  if (s) {
    lines.push(
      t(locale, 'alert.insight.segment', {
        attribute: escapeText(truncate(s.attribute, LABEL_MAX)),
        value: escapeText(truncate(s.value, LABEL_MAX)),
        change: formatSigned(locale, Math.round(s.change * 10) / 10),
        n: formatNumber(locale, s.n),
        others: formatSigned(locale, Math.round(s.othersChange * 10) / 10),
      }),
    );
  }
  if (insight.themes.length > 0) {
    const items = insight.themes.map((f) =>
      t(locale, 'alert.insight.theme', { label: escapeText(truncate(f.label, LABEL_MAX)), mentions: formatNumber(locale, f.mentions) }),
    );
    lines.push(t(locale, 'alert.insight.themes', { items: items.join(locale === 'ja' ? '、' : ', ') }));
    const quote = insight.themes[0]?.quotes[0];
    if (quote) lines.push(t(locale, 'alert.insight.quote', { quote: escapeText(truncate(quote.replace(/\s+/g, ' ').trim(), QUOTE_MAX)) }));
  }
  return lines.length > 0 ? [context(lines)] : [];
}
