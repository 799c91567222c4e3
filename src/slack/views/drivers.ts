import type { KnownBlock } from '@slack/types';
import type { DriverQuadrant, DriverRow, JourneyDrivers } from '../../domain/drivers.js';
import { MIN_PER_DRIVER } from '../../domain/drivers.js';
import type { ScoreSummary } from '../../domain/types.js';
import { formatNumber, formatPercent, t, type Locale } from '../../i18n/index.js';
import { context, divider, escapeText, finalizeMessage, header, section, truncate, type Message } from '../kit/blocks.js';
import { chunkedSections } from './journeyDetail.js';
import { npsValue, periodLabel, sampleText } from './format.js';

/**
 * `/journey drivers`: each touchpoint's importance for the journey's outcome beside its current
 * score, grouped in the importance × performance quadrants (act first, keep, watch, lower priority).
 * Below the minimum sample it says so and shows no ranking.
 */

const QUADRANTS: ReadonlyArray<DriverQuadrant> = ['act', 'keep', 'watch', 'secondary'];
const METRIC_LABEL = { nps: 'NPS', csat: 'CSAT', ces: 'CES' } as const;

function scoreValue(locale: Locale, s: ScoreSummary): string {
  if (s.score === null) return t(locale, 'journey.value.none');
  if (s.metric === 'nps') return npsValue(locale, s.score);
  if (s.metric === 'csat') return formatPercent(locale, s.score / 100, 0);
  return formatNumber(locale, s.score, { maximumFractionDigits: 1 });
}

function share(locale: Locale, fraction: number): string {
  return formatPercent(locale, Number.isFinite(fraction) ? fraction : 0, 0);
}

function driverLine(locale: Locale, row: DriverRow): string {
  const imp = row.importance;
  return t(locale, 'drivers.line', {
    name: escapeText(truncate(row.touchpoint.name, 80)),
    key: row.touchpoint.key,
    share: imp ? share(locale, imp.share) : t(locale, 'journey.value.none'),
    low: imp ? share(locale, imp.shareLow) : '',
    high: imp ? share(locale, imp.shareHigh) : '',
    metric: METRIC_LABEL[row.metric],
    score: scoreValue(locale, row.score),
    n: formatNumber(locale, row.linked),
  });
}

export function buildDriversMessage(drivers: JourneyDrivers, locale: Locale): Message {
  const { journey, window, outcome } = drivers;
  const period = periodLabel(locale, window);
  const name = escapeText(truncate(journey.name, 120));
  const blocks: KnownBlock[] = [
    header(t(locale, 'drivers.title', { journey: truncate(journey.name, 120) })),
    context([
      outcome
        ? t(locale, 'drivers.context', {
            key: journey.key,
            period: escapeText(period),
            outcome: escapeText(truncate(outcome.touchpoint.name, 80)),
            metric: METRIC_LABEL[outcome.metric],
            score: scoreValue(locale, outcome.score),
            n: sampleText(locale, outcome.score),
          })
        : t(locale, 'drivers.contextNoOutcome', { key: journey.key, period: escapeText(period) }),
    ]),
  ];

  let top = t(locale, 'drivers.fallbackNone');
  if (drivers.status === 'no_data') {
    blocks.push(section(outcome ? t(locale, 'drivers.noData', { outcome: escapeText(truncate(outcome.touchpoint.name, 80)) }) : t(locale, 'drivers.noOutcome')));
  } else if (drivers.status === 'too_few') {
    blocks.push(section(t(locale, 'drivers.tooFew', { n: formatNumber(locale, drivers.linkedCustomers), min: formatNumber(locale, drivers.minimum), key: journey.key })));
  } else {
    if (drivers.r2) {
      blocks.push(
        section(
          t(locale, 'drivers.explained', {
            n: formatNumber(locale, drivers.linkedCustomers),
            r2: share(locale, drivers.r2.value),
            low: share(locale, drivers.r2.low),
            high: share(locale, drivers.r2.high),
          }),
        ),
      );
    }
    const modelled = drivers.drivers.filter((d) => d.importance !== null);
    const first = modelled[0];
    if (first?.importance) top = t(locale, 'drivers.fallbackTop', { name: escapeText(first.touchpoint.name), share: share(locale, first.importance.share) });
    for (const quadrant of [...QUADRANTS, null]) {
      const rows = modelled.filter((d) => d.quadrant === quadrant);
      if (rows.length === 0) continue;
      blocks.push(divider(), ...chunkedSections(t(locale, quadrant ? `drivers.quadrant.${quadrant}` : 'drivers.quadrant.unknown'), rows.map((r) => driverLine(locale, r))));
    }
    const left = drivers.drivers.filter((d) => d.importance === null);
    if (left.length > 0) {
      const lines = left.map((r) => t(locale, 'drivers.leftOut', { name: escapeText(truncate(r.touchpoint.name, 80)), key: r.touchpoint.key, n: formatNumber(locale, r.linked) }));
      blocks.push(divider(), ...chunkedSections(t(locale, 'drivers.leftOutTitle', { min: MIN_PER_DRIVER }), lines));
    }
    blocks.push(context([t(locale, 'drivers.legend')]));
  }
  const text = t(locale, 'drivers.fallback', { journey: name, period, top });
  return finalizeMessage({ text, blocks }, { truncatedNote: t(locale, 'platform.truncated.blocks') });
}
