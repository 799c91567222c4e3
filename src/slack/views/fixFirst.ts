import type { KnownBlock } from '@slack/types';
import type { FixFirstProblem, TargetMetric } from '../../domain/fixFirst.js';
import { formatNumber, formatPercent, t, type Locale } from '../../i18n/index.js';
import { context, escapeText, section, truncate } from '../kit/blocks.js';
import { npsValue } from './format.js';

/** Problems named after the top one ("Next: …"). */
const NEXT_SHOWN = 2;
const NAME_MAX = 60;

/**
 * A customer count as people say it: two significant figures from 100 up (2,505 → "2,500",
 * 958 → "960"), whole numbers below, and never "0" for a problem that exists.
 */
export function aboutCount(locale: Locale, n: number): string {
  if (!Number.isFinite(n)) return '—';
  const rounded = n >= 100 ? Number(n.toPrecision(2)) : Math.max(1, Math.round(n));
  return formatNumber(locale, rounded);
}

/** A target metric's value in its display unit: NPS signed, CSAT/conversion/drop-off in percent, CES one decimal. */
export function targetValue(locale: Locale, metric: TargetMetric, value: number): string {
  if (metric === 'nps') return npsValue(locale, value);
  if (metric === 'ces') return formatNumber(locale, value, { maximumFractionDigits: 1 });
  return formatPercent(locale, value / 100, 0);
}

const nameOf = (name: string) => escapeText(truncate(name, NAME_MAX));

/** "カート → 購入手続き", "配送 NPS", "配送 NPS target": how a problem is named in lists. */
export function problemName(locale: Locale, p: FixFirstProblem): string {
  switch (p.kind) {
    case 'step':
      return `${nameOf(p.from.name)} → ${nameOf(p.touchpoint.name)}`;
    case 'score':
      return t(locale, 'fixFirst.word.score', { name: nameOf(p.touchpoint.name), metric: t(locale, `fixFirst.metric.${p.metric}`) });
    case 'target':
      return t(locale, 'fixFirst.word.target', { name: nameOf(p.touchpoint.name), metric: t(locale, `fixFirst.metric.${p.metric}`) });
  }
}

/** The top problem in a word ("購入手続きの離脱"), for the journey list. */
export function problemWord(locale: Locale, p: FixFirstProblem | undefined): string {
  if (!p) return t(locale, 'fixFirst.word.none');
  if (p.kind === 'step') return t(locale, 'fixFirst.word.step', { name: nameOf(p.touchpoint.name) });
  return problemName(locale, p);
}

/** The one sentence saying what to fix first and why, with its evidence. */
export function problemSentence(locale: Locale, p: FixFirstProblem): string {
  const title = t(locale, 'fixFirst.title');
  const count = aboutCount(locale, p.customersPerWeek);
  const low = aboutCount(locale, p.customersInterval.low);
  const high = aboutCount(locale, p.customersInterval.high);
  switch (p.kind) {
    case 'step':
      return t(locale, 'fixFirst.step', {
        title,
        from: nameOf(p.from.name),
        step: nameOf(p.touchpoint.name),
        count,
        low,
        high,
        now: formatPercent(locale, p.evidence.now, 0),
        baseline: formatPercent(locale, p.evidence.baseline, 0),
        n: formatNumber(locale, p.evidence.nNow),
      });
    case 'score':
      return t(locale, `fixFirst.score.${p.metric}${p.reachFromAnswers ? 'Answers' : ''}`, {
        title,
        touchpoint: nameOf(p.touchpoint.name),
        count,
        low,
        high,
        now: formatPercent(locale, p.evidence.now, 0),
        baseline: formatPercent(locale, p.evidence.baseline, 0),
        n: formatNumber(locale, p.evidence.nNow),
      });
    case 'target':
      return t(locale, 'fixFirst.target', {
        title,
        touchpoint: nameOf(p.touchpoint.name),
        metric: t(locale, `fixFirst.metric.${p.metric}`),
        current: targetValue(locale, p.metric, p.current),
        low: targetValue(locale, p.metric, p.currentInterval.low),
        high: targetValue(locale, p.metric, p.currentInterval.high),
        target: targetValue(locale, p.metric, p.target),
        n: t(locale, p.metric === 'conversion' || p.metric === 'dropoff' ? 'fixFirst.n.customers' : 'fixFirst.n.answers', { n: formatNumber(locale, p.n) }),
        count,
      });
  }
}

/**
 * The journey view's opening: the top problem with its evidence, its theme and segment when other
 * features found them, and the next two by name; or a plain "nothing stands out".
 */
export function fixFirstBlocks(locale: Locale, problems: readonly FixFirstProblem[]): KnownBlock[] {
  const [top, ...rest] = problems;
  if (!top) return [section(t(locale, 'fixFirst.none', { title: t(locale, 'fixFirst.title') }))];
  const notes: string[] = [];
  if (top.theme) notes.push(t(locale, 'fixFirst.theme', { label: escapeText(truncate(top.theme.label, NAME_MAX)), mentions: formatNumber(locale, top.theme.mentions) }));
  if (top.segment) {
    notes.push(
      t(locale, 'fixFirst.segment', {
        attribute: escapeText(truncate(top.segment.attribute, NAME_MAX)),
        value: escapeText(truncate(top.segment.value, NAME_MAX)),
        share: formatPercent(locale, top.segment.share, 0),
      }),
    );
  }
  const next = rest.slice(0, NEXT_SHOWN).map((p) => t(locale, 'fixFirst.nextItem', { name: problemName(locale, p), count: aboutCount(locale, p.customersPerWeek) }));
  if (next.length > 0) notes.push(t(locale, 'fixFirst.next', { items: next.join(locale === 'ja' ? '、' : ', ') }));
  return [section(problemSentence(locale, top)), ...(notes.length > 0 ? [context(notes)] : [])];
}

/** The step (touchpoint id) whose drop-off got worse most, for the funnel's marker and the chart. */
export function changedStep(problems: readonly FixFirstProblem[]): { touchpointId: number; baseline: number } | null {
  const step = problems.find((p) => p.kind === 'step');
  return step?.kind === 'step' ? { touchpointId: step.touchpoint.id, baseline: step.evidence.baseline } : null;
}

/** " 📈 got worse (previous 8 weeks 42%)" after the funnel line of the step that changed; "" for any other. */
export function funnelChangeMarker(locale: Locale, problems: readonly FixFirstProblem[] | undefined, touchpointId: number): string {
  const changed = changedStep(problems ?? []);
  if (!changed || changed.touchpointId !== touchpointId) return '';
  return `  ${t(locale, 'fixFirst.funnelChanged', { baseline: formatPercent(locale, changed.baseline, 0) })}`;
}
