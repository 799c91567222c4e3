import type { HomeView, KnownBlock } from '@slack/types';
import type { PeriodWindow } from '../../domain/types.js';
import { countText, formatDateTime, formatNumber, t, type Locale } from '../../i18n/index.js';
import type { ActionWithImpact, JourneyOverviewRow } from '../../domain/model.js';
import type { AttentionItem } from '../../domain/attention.js';
import { actions, context, divider, escapeText, header, section } from '../kit/blocks.js';
import { maxBlocks } from '../kit/limits.js';
import { Actions } from '../ids.js';
import { actionSummaryLine, statusButtons } from './actionsList.js';
import { needsAttentionBlocks } from './fixFirst.js';
import { homeControls, homeJourneyButtons } from './homeControls.js';
import { targetBlocks } from './targets.js';
import type { TargetProgress } from '../../domain/targets.js';
import type { FixFirstProblem } from '../../domain/fixFirst.js';
import { changeText, npsValue, percentOrNone, periodLabel, roundScore, sampleText, shareChangeArrow } from './format.js';

const MY_ACTIONS_SHOWN = 10;

export interface HomeInput {
  window: PeriodWindow;
  journeys: readonly JourneyOverviewRow[];
  attention: readonly AttentionItem[];
  myActions: readonly ActionWithImpact[];
  /** Every journey's problems, ranked (fix first): when given, they are "Needs attention". */
  problems?: readonly FixFirstProblem[];
  targets?: readonly TargetProgress[];
  now: Date;
  today: string;
  /** A one-line confirmation under the title (e.g. after a status button was pressed here). */
  notice?: string;
}

export function buildHomeView(input: HomeInput, opts: { locale: Locale; timezone: string }): HomeView {
  const { locale } = opts;
  const blocks: KnownBlock[] = [
    header(t(locale, 'journey.home.title')),
    context([t(locale, 'journey.home.updated', { period: escapeText(periodLabel(locale, input.window)), time: formatDateTime(locale, input.now, opts.timezone) })]),
    ...(input.notice ? [context([input.notice])] : []),
    actions([Actions.homeRefresh.button({ text: t(locale, 'journey.button.refresh'), value: {} }), ...homeControls(locale, input.window.spec)]),
    divider(),
    section(`*${t(locale, 'journey.home.journeysTitle')}*`),
  ];
  if (input.journeys.length === 0) blocks.push(section(t(locale, 'journey.home.noJourneys')));
  // Ten journeys per section keeps each under 3,000 characters.
  for (let i = 0; i < input.journeys.length; i += 10) {
    const lines = input.journeys.slice(i, i + 10).map((row) => {
      const trend = changeText(locale, row.nps.change, 0, 'flag');
      return t(locale, 'journey.home.journeyLine', {
        journey: escapeText(row.journey.name),
        nps: `${npsValue(locale, row.nps.current.score)} (${sampleText(locale, row.nps.current)})`,
        trend,
        conversion: percentOrNone(locale, row.endToEndConversion.current),
        conversionTrend: shareChangeArrow(row.endToEndConversion.current, row.endToEndConversion.previous),
        responses: countText(locale, row.responses, 'journey.count.responsesOne', 'journey.count.responsesOther'),
      });
    });
    blocks.push(section(lines.join('\n')));
  }
  blocks.push(...homeJourneyButtons(locale, input.journeys, input.window.spec));

  blocks.push(divider(), section(`*${t(locale, 'journey.home.attentionTitle')}*`));
  if (input.problems) blocks.push(...needsAttentionBlocks(locale, input.problems, input.window.spec));
  else if (input.attention.length === 0) blocks.push(context([t(locale, 'journey.home.attentionNone')]));
  else {
    const lines = input.attention.map(({ touchpoint: tp, reason }) => {
      const base = { touchpoint: escapeText(tp.touchpoint.name), journey: escapeText(tp.touchpoint.journeyName), nps: npsValue(locale, tp.nps.current.score) };
      return reason === 'drop'
        ? `• ${t(locale, 'journey.home.attentionDrop', { ...base, delta: formatNumber(locale, Math.abs(roundScore(tp.nps.change.delta ?? 0))) })} \`/journey touchpoint ${tp.touchpoint.journeyKey}/${tp.touchpoint.key}\``
        : `• ${t(locale, 'journey.home.attentionLow', { ...base, n: sampleText(locale, tp.nps.current) })} \`/journey touchpoint ${tp.touchpoint.journeyKey}/${tp.touchpoint.key}\``;
    });
    blocks.push(section(lines.join('\n')));
  }

  blocks.push(...targetBlocks(locale, input.targets));
  blocks.push(divider(), section(`*${t(locale, 'journey.home.myActionsTitle')}*`));
  if (input.myActions.length === 0) blocks.push(context([t(locale, 'journey.home.myActionsNone')]));
  for (const a of input.myActions.slice(0, MY_ACTIONS_SHOWN)) {
    blocks.push(section(`*${escapeText(a.touchpoint.name)}* (${escapeText(a.touchpoint.journeyName)})\n${actionSummaryLine(locale, a, input.today)}`));
    blocks.push(actions(statusButtons(locale, a)));
  }
  return { type: 'home', blocks: blocks.slice(0, maxBlocks('home')) };
}
