import type { KnownBlock } from '@slack/types';
import type { ThemeFinding } from '../../domain/insights.js';
import { npsFromCounts } from '../../domain/scores.js';
import type { ThemeStats } from '../../domain/themes.js';
import type { PeriodWindow } from '../../domain/types.js';
import { formatDateTime, formatNumber, formatPercent, formatSigned, t, type Locale } from '../../i18n/index.js';
import type { PlacedThemeFinding, ThemeScope, WhyReport } from '../../services/themes.js';
import { Actions } from '../ids.js';
import { context, divider, escapeText, finalizeMessage, header, section, truncate, type Message } from '../kit/blocks.js';
import { npsValue, periodLabel } from './format.js';

/**
 * Comment themes as Slack shows them: the `/journey why` answer, more quotes of one theme, and the
 * short theme sections other views insert ("What detractors say", "Top complaints"). Pure builders.
 * Every comment is escaped, then trimmed (escaping first, so a cut never leaves half an entity).
 */

const QUOTE_CHARS = 200;

export function quoteText(comment: string, max = QUOTE_CHARS): string {
  return truncate(escapeText(comment.replace(/\s+/g, ' ').trim()), max);
}

function impactText(locale: Locale, impact: number): string {
  return formatSigned(locale, Math.round(impact * 10) / 10, 1);
}

function trendText(locale: Locale, theme: ThemeStats): string {
  if (theme.trend === 'new') return t(locale, 'themes.trend.new');
  return t(locale, `themes.trend.${theme.trend}`, { previous: formatNumber(locale, theme.previousMentions), current: formatNumber(locale, theme.mentions) });
}

export function freshnessText(locale: Locale, freshness: WhyReport['freshness'], timezone: string): string {
  if (!freshness.analysedAt) return t(locale, 'themes.fresh.never');
  const time = formatDateTime(locale, freshness.analysedAt, timezone);
  return freshness.pending > 0
    ? t(locale, 'themes.fresh.pending', { time, count: formatNumber(locale, freshness.pending) + (freshness.pending > 10_000 ? '+' : '') })
    : t(locale, 'themes.fresh.upToDate', { time });
}

export interface WhyMessageInput {
  scope: ThemeScope;
  /** Already escaped mrkdwn, e.g. "配送 (`online-purchase/delivery`)". */
  scopeLabel: string;
  window: PeriodWindow;
  report: WhyReport;
  timezone: string;
}

export function whyMessage(locale: Locale, input: WhyMessageInput): Message {
  const { report, window } = input;
  const period = periodLabel(locale, window);
  const nps = npsFromCounts(report.respondents.promoters, report.respondents.detractors, report.respondents.n).score;
  const blocks: KnownBlock[] = [
    header(t(locale, 'themes.why.title', { scope: input.scopeLabel.replace(/`/g, ''), period: window.spec })),
    context([
      period,
      t(locale, 'themes.why.summary', { nps: npsValue(locale, nps), answers: formatNumber(locale, report.respondents.n), comments: formatNumber(locale, report.commenters.n) }),
    ]),
  ];
  if (report.commenters.n === 0) blocks.push(section(t(locale, 'themes.why.noComments')));
  else if (report.themes.length === 0) blocks.push(section(t(locale, 'themes.why.none')));
  else blocks.push(section(t(locale, 'themes.why.intro')));
  report.themes.forEach((theme, i) => {
    const lines = [
      t(locale, 'themes.why.theme', {
        rank: i + 1,
        label: escapeText(theme.label),
        team: theme.source === 'team' ? t(locale, 'themes.why.team') : '',
        impact: impactText(locale, theme.impact),
        significant: theme.significant ? t(locale, 'themes.why.significant') : '',
        trend: trendText(locale, theme),
        mentions: formatNumber(locale, theme.mentions),
        detractorShare: theme.detractorShare === null ? '—' : formatPercent(locale, theme.detractorShare, 0),
        mentionersNps: npsValue(locale, theme.mentionersNps),
        othersNps: npsValue(locale, theme.othersNps),
      }),
      ...theme.quotes.map((q) => t(locale, 'themes.why.quote', { text: quoteText(q) })),
    ];
    const terms = theme.terms.slice(0, 12).map((k) => k.slice(0, 80));
    const accessory =
      terms.length > 0
        ? Actions.themeQuotes.button({
            text: t(locale, 'themes.why.moreQuotes'),
            value: { j: input.scope.journeyId, t: input.scope.touchpointId, p: window.spec, k: terms, l: theme.label.slice(0, 80), o: theme.quotes.length },
          })
        : undefined;
    blocks.push(divider(), section(lines.join('\n'), accessory ? { accessory } : {}));
  });
  blocks.push(context([freshnessText(locale, report.freshness, input.timezone), ...(report.themes.some((th) => th.significant) ? [t(locale, 'themes.fresh.significantNote')] : [])]));
  const fallback = t(locale, 'themes.why.fallback', {
    scope: input.scopeLabel,
    period,
    themes: report.themes.map((th) => `${escapeText(th.label)} (${impactText(locale, th.impact)})`).join(', ') || '—',
  });
  return finalizeMessage({ text: fallback, blocks });
}

export function themeQuotesMessage(locale: Locale, label: string, window: PeriodWindow, quotes: readonly string[]): Message {
  const title = t(locale, quotes.length > 0 ? 'themes.quotes.title' : 'themes.quotes.none', { label: escapeText(label), period: periodLabel(locale, window) });
  const text = [title, ...quotes.map((q) => t(locale, 'themes.why.quote', { text: quoteText(q, 300) }))].join('\n');
  return finalizeMessage({ text: title, blocks: [section(text)] });
}

/** "What detractors say" for the touchpoint view: up to three complaint themes. Nothing when there are none. */
export function detractorThemesSection(locale: Locale, findings: readonly ThemeFinding[] | undefined): KnownBlock[] {
  if (!findings || findings.length === 0) return [];
  return [divider(), section([t(locale, 'themes.section.detractors'), ...findings.slice(0, 3).map((f) => sectionLine(locale, f, ''))].join('\n'))];
}

/** "Top complaints" for the journey view: up to three themes across touchpoints, with where. */
export function topComplaintsSection(locale: Locale, findings: readonly PlacedThemeFinding[] | undefined): KnownBlock[] {
  if (!findings || findings.length === 0) return [];
  return [
    divider(),
    section(
      [
        t(locale, 'themes.section.complaints'),
        ...findings.slice(0, 3).map((f) => sectionLine(locale, f, t(locale, 'themes.section.where', { touchpoint: escapeText(f.touchpointName) }))),
      ].join('\n'),
    ),
  ];
}

function sectionLine(locale: Locale, f: ThemeFinding, where: string): string {
  const line = t(locale, 'themes.section.line', { label: escapeText(f.label), impact: impactText(locale, f.impact), mentions: formatNumber(locale, f.mentions), where });
  const quote = f.quotes[0];
  return quote ? `${line}\n${t(locale, 'themes.why.quote', { text: quoteText(quote, 120) })}` : line;
}
