import type { ActionsBlock, ImageBlock, KnownBlock, StaticSelect } from '@slack/types';
import { DEFAULT_MIN_SAMPLE } from '../../domain/types.js';
import { formatNumber, formatPercent, t, type Locale } from '../../i18n/index.js';
import type { ActionWithImpact, JourneyDetail, TouchpointScores } from '../../domain/model.js';
import type { FixFirstProblem } from '../../domain/fixFirst.js';
import { actions, context, divider, escapeText, finalizeMessage, header, plain, section, truncate, type Message } from '../kit/blocks.js';
import type { PlacedThemeFinding } from '../../services/themes.js';
import { topComplaintsSection } from './themes.js';
import { Actions } from '../ids.js';
import { actionSummaryLine } from './actionsList.js';
import { fixFirstBlocks, funnelChangeMarker } from './fixFirst.js';
import { targetBlocks } from './targets.js';
import type { TargetProgress } from '../../domain/targets.js';
import { viewControls, viewFooter, type ViewOptions } from './common.js';
import { arrow, changeText, comparedNpsLine, countOrNone, dayText, npsValue, percentOrNone, periodLabel, sampleText } from './format.js';

export interface JourneyDetailExtras {
  /** Open actions on this journey's touchpoints, newest first. */
  openActions?: readonly ActionWithImpact[];
  /** The funnel chart, already delivered (see chartDelivery.ts). */
  chart?: ImageBlock | null;
  /** YYYY-MM-DD in the viewer's timezone, to mark overdue actions. */
  today?: string;
  /** The journey's problems, largest first (services.fixFirst); the view opens with the top one. */
  problems?: readonly FixFirstProblem[];
  /** The journey's targets with their progress. */
  targets?: readonly TargetProgress[];
  /** Top complaint themes across the journey's touchpoints ("Top complaints"); none when absent. */
  complaints?: readonly PlacedThemeFinding[];
}

const LINES_PER_SECTION = 10;
const ACTIONS_SHOWN = 5;
const SELECT_OPTIONS = 100;
/** A step's drop-off change vs the previous period is shown from one percentage point. */
const DROP_OFF_CHANGE_SHOWN = 0.01;

/** Funnel, touchpoint NPS, open actions and a chart for one journey. Reused by digests. */
export function buildJourneyDetailMessage(detail: JourneyDetail, opts: ViewOptions, extras: JourneyDetailExtras = {}): Message {
  const { locale } = opts;
  const { journey, window } = detail;
  const label = periodLabel(locale, window);
  const overall = comparedNpsLine(locale, detail.overall);
  const funnel = detail.funnel.current;
  const blocks: KnownBlock[] = [
    header(journey.name),
    context([`\`${journey.key}\` · ${escapeText(label)}`]),
    ...(extras.problems ? fixFirstBlocks(locale, extras.problems) : []),
    ...targetBlocks(locale, extras.targets),
    section(
      t(locale, 'journey.detail.overall', {
        ...overall,
        conversion: percentOrNone(locale, funnel.endToEndConversion),
        previousConversion: percentOrNone(locale, detail.funnel.previous.endToEndConversion),
      }),
    ),
  ];

  // Funnel: one line per step, the largest drop-off in bold with a marker.
  const funnelLines = funnel.steps.map((step, i) => {
    const name = escapeText(truncate(step.name, 80));
    const params = { index: i + 1, name, reached: countOrNone(locale, step.reached) };
    if (step.reached === null) return t(locale, 'journey.detail.funnelNoData', params);
    if (i === 0 || step.conversionFromPrevious === null) return t(locale, 'journey.detail.funnelFirst', params);
    const line = t(locale, 'journey.detail.funnelStep', {
      ...params,
      conversion: percentOrNone(locale, step.conversionFromPrevious),
      dropOff: percentOrNone(locale, step.dropOffFromPrevious),
    }) + dropOffChange(locale, step.dropOffFromPrevious, detail.funnel.previous.steps.find((p) => p.touchpointId === step.touchpointId)?.dropOffFromPrevious);
    const marked = funnel.largestDropOff?.index === i ? `${line}  ${t(locale, 'journey.detail.largestDropOff')}` : line;
    return marked + funnelChangeMarker(locale, extras.problems, step.touchpointId);
  });
  const funnelTitle = detail.funnel.through ? t(locale, 'periods.funnelTitle', { day: dayText(locale, detail.funnel.through) }) : t(locale, 'journey.detail.funnelTitle');
  blocks.push(divider(), ...chunkedSections(funnelTitle, funnelLines));
  if (extras.chart) blocks.push(extras.chart);

  const tpLines = detail.touchpoints.map((tp) => touchpointLine(opts, tp));
  blocks.push(divider(), ...chunkedSections(t(locale, 'journey.detail.touchpointsTitle'), tpLines));

  blocks.push(...topComplaintsSection(locale, extras.complaints));
  const open = extras.openActions ?? [];
  const actionLines = open.slice(0, ACTIONS_SHOWN).map((a) => `• ${actionSummaryLine(locale, a, extras.today)}`);
  if (open.length > ACTIONS_SHOWN) actionLines.push(t(locale, 'journey.detail.moreActions', { count: open.length - ACTIONS_SHOWN, target: journey.key }));
  blocks.push(divider(), section([t(locale, 'journey.detail.actionsTitle'), ...(actionLines.length > 0 ? actionLines : [t(locale, 'journey.detail.noActions')])].join('\n')));

  blocks.push(context([t(locale, 'journey.marker.legend', { min: DEFAULT_MIN_SAMPLE })]));
  blocks.push(
    ...viewFooter(opts, () => {
      const worst = worstTouchpoint(detail);
      const logButton = Actions.journeyLogAction.button({
        text: t(locale, 'journey.button.logAction'),
        style: 'primary',
        value: { j: journey.id, ...(worst ? { t: worst } : {}) },
      });
      return [
        ...(detail.touchpoints.length > 0 ? [touchpointPicker(opts, detail)] : []),
        viewControls(locale, { v: 'journey', j: journey.id, p: window.spec }, [logButton]),
      ];
    }),
  );

  // The fallback `text` is mrkdwn too: user text is escaped there as well.
  const fallback = t(locale, 'journey.detail.fallback', {
    journey: escapeText(journey.name),
    nps: npsValue(locale, detail.overall.current.score),
    change: changeText(locale, detail.overall.change) || t(locale, 'journey.value.none'),
    conversion: percentOrNone(locale, funnel.endToEndConversion),
    period: label,
  });
  return finalizeMessage({ text: fallback, blocks }, { truncatedNote: t(locale, 'platform.truncated.blocks') });
}

/**
 * One touchpoint: its NPS, or, for a touchpoint surveyed with CSAT or CES only, that score instead
 * (an NPS of "— · n=0" would say nothing about it).
 */
function touchpointLine(opts: ViewOptions, tp: TouchpointScores): string {
  const { locale } = opts;
  // Touchpoint names are bounded by ingestion (200 chars); keep each line short so 25 fit.
  const name = `*${escapeText(truncate(tp.touchpoint.name, 80))}* \`${tp.touchpoint.key}\``;
  const withChange = (c: string) => (c ? ` ${c}` : '');
  if (tp.nps.current.n === 0 && tp.csat.current.n > 0 && tp.csat.current.score !== null) {
    return `• ${t(locale, 'journey.detail.touchpointOther', {
      name,
      metric: 'CSAT',
      value: formatPercent(locale, tp.csat.current.score / 100),
      n: sampleText(locale, tp.csat.current),
      change: withChange(changeText(locale, tp.csat.change)),
    })}`;
  }
  if (tp.nps.current.n === 0 && tp.ces.current.n > 0 && tp.ces.current.score !== null) {
    return `• ${t(locale, 'journey.detail.touchpointOther', {
      name,
      metric: 'CES',
      value: formatNumber(locale, tp.ces.current.score, { maximumFractionDigits: 1 }),
      n: sampleText(locale, tp.ces.current),
      change: withChange(changeText(locale, tp.ces.change, 1)),
    })}`;
  }
  if (tp.nps.current.n === 0 && tp.nps.previous.n === 0) return `• ${t(locale, 'journey.detail.touchpointNoAnswers', { name })}`;
  return `• ${t(locale, 'journey.detail.touchpointLine', { name, ...comparedNpsLine(locale, tp.nps) })}`;
}

/**
 * " ↑ (previous 48.6%)" after a step's drop-off, so a drop-off that rose since the previous period
 * is visible in the funnel itself; "" when it moved less than a point or either period has no drop-off for it.
 */
function dropOffChange(locale: Locale, current: number | null, previous: number | null | undefined): string {
  if (current === null || previous === null || previous === undefined || !Number.isFinite(previous)) return '';
  // Moves under a percentage point are day-to-day noise; marking them on every step would hide the one that matters.
  if (Math.abs(current - previous) < DROP_OFF_CHANGE_SHOWN) return '';
  return ` ${t(locale, 'journey.detail.dropOffChange', { arrow: arrow(current > previous ? 'up' : 'down'), previous: percentOrNone(locale, previous) })}`;
}

/** The touchpoint to prefill in the Log action modal: the one whose NPS fell most significantly. */
function worstTouchpoint(detail: JourneyDetail): number | undefined {
  let worst: { id: number; delta: number } | undefined;
  for (const tp of detail.touchpoints) {
    const c = tp.nps.change;
    if (c.significant && c.delta !== null && c.delta < 0 && (!worst || c.delta < worst.delta)) worst = { id: tp.touchpoint.id, delta: c.delta };
  }
  return worst?.id;
}

/** Lines grouped into sections of ten so a 25-touchpoint journey never hits the 3,000-character limit. */
export function chunkedSections(title: string, lines: readonly string[]): KnownBlock[] {
  const out: KnownBlock[] = [];
  for (let i = 0; i < Math.max(lines.length, 1); i += LINES_PER_SECTION) {
    const chunk = lines.slice(i, i + LINES_PER_SECTION);
    out.push(section([...(i === 0 ? [title] : []), ...chunk].join('\n')));
  }
  return out;
}

function touchpointPicker(opts: ViewOptions, detail: JourneyDetail): ActionsBlock {
  const select: StaticSelect = {
    type: 'static_select',
    action_id: Actions.journeyViewTouchpoint.id,
    placeholder: plain(t(opts.locale, 'journey.detail.viewTouchpoint'), 150),
    options: detail.touchpoints
      .slice(0, SELECT_OPTIONS)
      .map((tp) => Actions.journeyViewTouchpoint.option(`${tp.touchpoint.name} (${tp.touchpoint.key})`, { v: 'touchpoint', t: tp.touchpoint.id, p: detail.window.spec })),
  };
  return actions([select]);
}
