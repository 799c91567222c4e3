import type { ImageBlock, KnownBlock } from '@slack/types';
import { DEFAULT_MIN_SAMPLE } from '../../domain/types.js';
import { formatDate, formatNumber, formatPercent, t } from '../../i18n/index.js';
import type { ThemeFinding, SegmentConcentration } from '../../domain/insights.js';
import type { ActionWithImpact, TouchpointDetail } from '../../domain/model.js';
import { context, divider, escapeText, fields, finalizeMessage, header, section, truncate, type Message } from '../kit/blocks.js';
import { Actions } from '../ids.js';
import { actionSummaryLine } from './actionsList.js';
import { concentrationBlocks } from './breakdown.js';
import { viewControls, viewFooter, type ViewOptions } from './common.js';
import { changeText, countOrNone, dayText, npsValue, npsWithInterval, periodLabel, sampleText, shortDayText } from './format.js';
import { detractorThemesSection } from './themes.js';

export interface TouchpointDetailExtras {
  actions?: readonly ActionWithImpact[];
  trendChart?: ImageBlock | null;
  distributionChart?: ImageBlock | null;
  today?: string;
  /** The segment behind a significant change, when one explains most of it. */
  concentration?: SegmentConcentration | null;
  /** Top complaint themes of the period ("What detractors say"); none when absent. */
  themes?: readonly ThemeFinding[];
}

const COMMENTS_SHOWN = 5;
/** Comments can be 10,000 characters; a few hundred say what matters and keep five in one message. */
const COMMENT_CHARS = 400;
const ACTIONS_SHOWN = 5;

/** Weekly trend, distribution, detractor comments and actions for one touchpoint. */
export function buildTouchpointDetailMessage(detail: TouchpointDetail, opts: ViewOptions, extras: TouchpointDetailExtras = {}): Message {
  const { locale, timezone } = opts;
  const tp = detail.touchpoint;
  const label = periodLabel(locale, detail.window);
  const none = t(locale, 'journey.value.none');
  const csat = detail.csat.current;
  const ces = detail.ces.current;
  const blocks: KnownBlock[] = [
    header(t(locale, 'journey.touchpoint.title', { touchpoint: tp.name, journey: tp.journeyName })),
    context([`\`${tp.journeyKey}/${tp.key}\` · ${escapeText(label)}`]),
    fields([
      // No answers is not a small sample: "— · n=0 ⚠ small sample" would suggest a score too uncertain to show.
      detail.nps.current.n === 0
        ? t(locale, 'journey.touchpoint.npsNone')
        : t(locale, 'journey.touchpoint.nps', { nps: npsWithInterval(locale, detail.nps.current), n: sampleText(locale, detail.nps.current) }),
      t(locale, 'journey.touchpoint.change', { change: changeText(locale, detail.nps.change) || none }),
      t(locale, 'journey.touchpoint.csat', { value: csat.score === null ? none : `${formatPercent(locale, csat.score / 100)} · ${sampleText(locale, csat)}` }),
      t(locale, 'journey.touchpoint.ces', { value: ces.score === null ? none : `${formatNumber(locale, ces.score, { maximumFractionDigits: 2 })} · ${sampleText(locale, ces)}` }),
      t(locale, detail.reached.through ? 'periods.reachedThrough' : 'journey.touchpoint.reached', {
        current: countOrNone(locale, detail.reached.current),
        previous: countOrNone(locale, detail.reached.previous),
        day: detail.reached.through ? dayText(locale, detail.reached.through) : '',
      }),
    ]),
  ];

  const weeks = detail.weeklyTrend.filter((w) => w.nps.n > 0);
  const points = weeks.map((w) => `${shortDayText(locale, w.weekStart)}${w.partialDays ? '*' : ''}: ${npsValue(locale, w.nps.score)}`).join(' · ');
  if (extras.trendChart) blocks.push(extras.trendChart);
  else if (points.length > 0) blocks.push(section(t(locale, 'journey.touchpoint.trendText', { points })));
  const partial = detail.weeklyTrend.at(-1);
  if (partial?.partialDays && partial.nps.n > 0 && (extras.trendChart || points.length > 0)) {
    blocks.push(context([t(locale, 'periods.trendPartial', { day: shortDayText(locale, partial.weekStart), days: partial.partialDays })]));
  }

  const h = detail.distribution;
  const sum = (from: number, to: number) => h.slice(from, to + 1).reduce((a, b) => a + b, 0);
  // A touchpoint surveyed with CSAT or CES only has no NPS distribution: "0 · 0 · 0" says nothing.
  if (sum(0, 10) > 0) {
    blocks.push(
      section(
        t(locale, 'journey.touchpoint.distribution', {
          detractors: formatNumber(locale, sum(0, 6)),
          passives: formatNumber(locale, sum(7, 8)),
          promoters: formatNumber(locale, sum(9, 10)),
        }),
      ),
    );
  }
  if (extras.distributionChart) blocks.push(extras.distributionChart);
  blocks.push(...concentrationBlocks(locale, extras.concentration));

  blocks.push(...detractorThemesSection(locale, extras.themes));
  blocks.push(divider(), section(t(locale, 'journey.touchpoint.commentsTitle')));
  const comments = detail.detractorComments.slice(0, COMMENTS_SHOWN);
  if (comments.length === 0) blocks.push(context([t(locale, 'journey.touchpoint.noComments')]));
  for (const c of comments) {
    // Escape first, then cut: truncate() never leaves half an entity behind. Line breaks would end the quote.
    const text = truncate(escapeText(c.comment.replace(/\s+/g, ' ').trim()), COMMENT_CHARS);
    blocks.push(
      section(
        t(locale, 'journey.touchpoint.comment', {
          score: c.score,
          date: formatDate(locale, c.respondedAt, timezone),
          customer: c.customerRef ? ` · ${escapeText(truncate(c.customerRef, 60))}` : '',
          comment: text || ' ',
        }),
      ),
    );
  }

  const acts = extras.actions ?? [];
  const lines = acts.slice(0, ACTIONS_SHOWN).map((a) => `• ${actionSummaryLine(locale, a, extras.today)}`);
  if (acts.length > ACTIONS_SHOWN) lines.push(t(locale, 'journey.detail.moreActions', { count: acts.length - ACTIONS_SHOWN, target: `${tp.journeyKey}/${tp.key}` }));
  blocks.push(divider(), section([t(locale, 'journey.touchpoint.actionsTitle'), ...(lines.length > 0 ? lines : [t(locale, 'journey.touchpoint.noActions')])].join('\n')));
  blocks.push(context([t(locale, 'journey.marker.legend', { min: DEFAULT_MIN_SAMPLE })]));

  blocks.push(
    ...viewFooter(opts, () => [
      viewControls(locale, { v: 'touchpoint', t: tp.id, p: detail.window.spec }, [
        Actions.journeyLogAction.button({ text: t(locale, 'journey.button.logAction'), style: 'primary', value: { t: tp.id, j: tp.journeyId } }),
        Actions.journeyOpen.button({ text: t(locale, 'journey.touchpoint.backToJourney'), value: { v: 'journey', j: tp.journeyId, p: detail.window.spec } }),
      ]),
    ]),
  );

  const fallback = t(locale, 'journey.touchpoint.fallback', {
    touchpoint: escapeText(tp.name),
    journey: escapeText(tp.journeyName),
    nps: npsValue(locale, detail.nps.current.score),
    change: changeText(locale, detail.nps.change) || none,
    period: label,
  });
  return finalizeMessage({ text: fallback, blocks }, { truncatedNote: t(locale, 'platform.truncated.blocks') });
}
