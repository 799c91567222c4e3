import type { KnownBlock, SectionBlock } from '@slack/types';
import type { FixFirstProblem, TargetMetric } from '../../domain/fixFirst.js';
import type { ImpactVerdict } from '../../domain/actionImpact.js';
import { formatNumber, formatPercent, t, type Locale } from '../../i18n/index.js';
import { context, escapeText, section, truncate } from '../kit/blocks.js';
import { Actions } from '../ids.js';
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

/** The one sentence saying what to fix first and why, with its evidence; `title` leads it (default "Fix first:"). */
export function problemSentence(locale: Locale, p: FixFirstProblem, title = t(locale, 'fixFirst.title')): string {
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

/** Short evidence for lists: "drop-off 65% vs 41%", "detractors 51% vs 17%", "NPS +10 vs target +25". */
export function shortEvidence(locale: Locale, p: FixFirstProblem): string {
  switch (p.kind) {
    case 'step':
      return t(locale, 'fixFirst.evidence.step', { now: formatPercent(locale, p.evidence.now, 0), baseline: formatPercent(locale, p.evidence.baseline, 0) });
    case 'score':
      return t(locale, `fixFirst.evidence.${p.metric}`, { now: formatPercent(locale, p.evidence.now, 0), baseline: formatPercent(locale, p.evidence.baseline, 0) });
    case 'target':
      return t(locale, 'fixFirst.evidence.target', {
        metric: t(locale, `fixFirst.metric.${p.metric}`),
        current: targetValue(locale, p.metric, p.current),
        target: targetValue(locale, p.metric, p.target),
      });
  }
}

/** Problems App Home lists under "Needs attention". */
export const ATTENTION_SHOWN = 5;

/**
 * App Home's "Needs attention": the ranking across every journey, one section per problem with an
 * Open button that shows the journey (`period` is the Home's period spec).
 */
export function needsAttentionBlocks(locale: Locale, problems: readonly FixFirstProblem[], period: string): KnownBlock[] {
  if (problems.length === 0) return [context([t(locale, 'fixFirst.home.none')])];
  return problems.slice(0, ATTENTION_SHOWN).map((p, i): SectionBlock =>
    section(
      t(locale, 'fixFirst.home.item', {
        rank: i + 1,
        journey: nameOf(p.journey.name),
        name: problemName(locale, p),
        count: aboutCount(locale, p.customersPerWeek),
        evidence: shortEvidence(locale, p),
      }),
      { accessory: Actions.homeOpenJourney.button(`attention-${i}`, { text: t(locale, 'fixFirst.home.open'), value: { v: 'journey', j: p.journey.id, p: period } }) },
    ),
  );
}

/** The digest's opening: the week's top problem in one sentence, or that nothing stood out. */
export function digestLeadBlocks(locale: Locale, problems: readonly FixFirstProblem[]): KnownBlock[] {
  const [top] = problems;
  const title = t(locale, 'fixFirst.digest.title');
  return [section(top ? problemSentence(locale, top, title) : t(locale, 'fixFirst.none', { title }))];
}

/** `/journey list`: each journey's top problem in a word. */
export function topProblemLine(locale: Locale, problems: readonly FixFirstProblem[] | undefined): string {
  return t(locale, 'fixFirst.list.line', { word: problemWord(locale, problems?.[0]) });
}

/** The change since an action with its evidence, or "too few answers yet" instead of a claim. */
export function impactEvidence(locale: Locale, verdict: ImpactVerdict, delta: string): string {
  if (verdict.kind === 'too_few') return t(locale, 'fixFirst.impact.tooFew', { n: formatNumber(locale, verdict.since), min: verdict.needed });
  if (!delta) return '';
  return t(locale, verdict.significant ? 'fixFirst.impact.significant' : 'fixFirst.impact.notSignificant', { delta, n: formatNumber(locale, verdict.since) });
}
