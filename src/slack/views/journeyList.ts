import type { KnownBlock } from '@slack/types';
import { DEFAULT_MIN_SAMPLE, type PeriodWindow } from '../../domain/types.js';
import { countText, formatNumber, t } from '../../i18n/index.js';
import type { JourneyOverviewRow } from '../../domain/model.js';
import { context, divider, escapeText, finalizeMessage, header, section, type Message } from '../kit/blocks.js';
import { Actions } from '../ids.js';
import { isChannelView, viewControls, viewFooter, type ViewOptions } from './common.js';
import { comparedNpsLine, dayText, npsValue, percentOrNone, periodLabel } from './format.js';
import { topProblemLine } from './fixFirst.js';
import type { FixFirstProblem } from '../../domain/fixFirst.js';

/** `/journey list`: one section per journey with NPS (interval), responses, conversion and change. */
export function buildJourneyListMessage(
  rows: readonly JourneyOverviewRow[],
  window: PeriodWindow,
  opts: ViewOptions,
  /** Each journey's problems (fix first), to name its top one in a word. */
  problems?: ReadonlyMap<number, readonly FixFirstProblem[]>,
): Message {
  const { locale } = opts;
  const label = periodLabel(locale, window);
  // Step counts arrive daily: say when the conversions stop before the period does (same day for every journey).
  const through = rows.find((r) => r.endToEndConversion.through)?.endToEndConversion.through;
  const blocks: KnownBlock[] = [header(t(locale, 'journey.list.title')), context([label, ...(through ? [t(locale, 'periods.listThrough', { day: dayText(locale, through) })] : [])])];
  if (rows.length === 0) blocks.push(section(t(locale, 'journey.list.empty')));
  for (const row of rows) {
    const line = comparedNpsLine(locale, row.nps);
    const text = [
      `*${escapeText(row.journey.name)}*  \`${row.journey.key}\``,
      t(locale, 'journey.list.line', {
        ...line,
        conversion: percentOrNone(locale, row.endToEndConversion.current),
        previousConversion: percentOrNone(locale, row.endToEndConversion.previous),
        responses: formatNumber(locale, row.responses),
      }),
      ...(problems ? [topProblemLine(locale, problems.get(row.journey.id))] : []),
    ].join('\n');
    const open = Actions.journeyOpen.button({ text: t(locale, 'journey.list.open'), value: { v: 'journey', j: row.journey.id, p: window.spec } });
    blocks.push(isChannelView(opts) ? section(text) : section(text, { accessory: open }));
  }
  blocks.push(divider(), context([t(locale, 'journey.marker.legend', { min: DEFAULT_MIN_SAMPLE })]));
  blocks.push(...viewFooter(opts, () => [viewControls(locale, { v: 'list', p: window.spec })]));
  const fallback = [
    t(locale, 'journey.list.fallback', { journeys: countText(locale, rows.length, 'journey.count.journeysOne', 'journey.count.journeysOther'), period: label }),
    ...rows.map((r) => `${escapeText(r.journey.name)}: NPS ${npsValue(locale, r.nps.current.score)}`),
  ].join('\n');
  // A fallback cut mid-list still beats none: notifications show only the first lines anyway.
  return finalizeMessage({ text: fallback, blocks }, { truncatedNote: t(locale, 'platform.truncated.blocks') });
}
