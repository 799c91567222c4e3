import { describe, expect, it } from 'vitest';
import { compared } from '../../../src/domain/compare.js';
import type { DigestContent } from '../../../src/domain/digestContent.js';
import { parsePeriod, resolvePeriod } from '../../../src/domain/periods.js';
import { summarizeNps } from '../../../src/domain/scores.js';
import type { Compared, NpsSummary, PeriodWindow, ScoreHistogram } from '../../../src/domain/types.js';
import type { ActionWithImpact, JourneyOverviewRow } from '../../../src/domain/model.js';
import type { Locale } from '../../../src/i18n/index.js';
import { impactText } from '../../../src/slack/views/actionsList.js';
import { buildDigestMessage } from '../../../src/slack/views/digest.js';
import { changeText, shareChangeArrow } from '../../../src/slack/views/format.js';
import { buildHomeView } from '../../../src/slack/views/home.js';
import { allText } from '../features/helpers.js';

const NOW = new Date('2026-03-31T12:00:00Z');
const spec = parsePeriod('30d');
if (!spec.ok) throw new Error('30d');
const WINDOW: PeriodWindow = resolvePeriod(spec.spec, NOW, 'UTC');
const LOCALES = ['en', 'ja'] as const;
const opts = (locale: Locale) => ({ locale, timezone: 'UTC' });

/** A histogram with p promoters (10), a passives (8) and d detractors (0). */
const hist = (p: number, a: number, d: number): ScoreHistogram => [d, 0, 0, 0, 0, 0, 0, 0, a, 0, p];

/** Real summaries with a hand-set change, as a −0.3 or +0.4 drift would give. */
function withDelta(delta: number, significant = false): Compared<NpsSummary> {
  const c = compared(summarizeNps(hist(30, 10, 10)), summarizeNps(hist(30, 10, 10)));
  return { ...c, change: { delta, significant, direction: delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat' } };
}

function row(nps: Compared<NpsSummary>, conversion: { current: number; previous: number }): JourneyOverviewRow {
  return { journey: { id: 1, key: 'j', name: 'J', description: null, touchpointCount: 1 }, nps, endToEndConversion: conversion, responses: 50 };
}

const homeText = (locale: Locale, r: JourneyOverviewRow) =>
  allText(buildHomeView({ window: WINDOW, journeys: [r], attention: [], myActions: [], now: NOW, today: '2026-03-31' }, opts(locale)) as unknown as Record<string, unknown>);

describe('a change that rounds to zero reads "→ 0" everywhere', () => {
  it('App Home trend and conversion arrow, in English and Japanese', () => {
    // −0.3 and +0.4 both show as 0; a conversion of 30.04% vs 30% shows as 30% both times.
    for (const locale of LOCALES) {
      const down = homeText(locale, row(withDelta(-0.3), { current: 0.3, previous: 0.3004 }));
      expect(down).toMatch(/NPS \+40 \(n=50\) → 0 · (conversion|コンバージョン) 30% → /);
      expect(down).not.toMatch(/[↑↓] 0/);
      const up = homeText(locale, row(withDelta(0.4), { current: 0.3004, previous: 0.3 }));
      expect(up).toMatch(/NPS \+40 \(n=50\) → 0 · (conversion|コンバージョン) 30% → /);
    }
    // A real move keeps its arrow and the short ⚑ marker.
    expect(homeText('en', row(withDelta(-0.6, true), { current: 0.31, previous: 0.3 }))).toContain('NPS +40 (n=50) ↓ −1 ⚑ · conversion 31% ↑ · 50 responses');
    expect(homeText('ja', row(withDelta(-0.6, true), { current: 0.29, previous: 0.3 }))).toContain('NPS +40 (n=50) ↓ −1 ⚑ · コンバージョン 29% ↓');
  });

  it('shared helpers: changeText, conversion arrows, action impact and digest movers', () => {
    for (const locale of LOCALES) {
      expect(changeText(locale, withDelta(-0.3).change)).toBe('→ 0');
      expect(changeText(locale, withDelta(0.04).change, 1)).toBe('→ 0');
      expect(changeText(locale, withDelta(-0.06).change, 1)).toBe('↓ −0.1');
    }
    expect(shareChangeArrow(0.3, 0.3004)).toBe('→');
    expect(shareChangeArrow(0.3, 0.3006)).toBe('↓');
    expect(shareChangeArrow(null, 0.3)).toBe('');

    const action = { baseline: { score: 20, responses: 40 }, since: { n: 40, promoters: 12, detractors: 4, score: 20.3 }, delta: 0.3 } as unknown as ActionWithImpact;
    expect(impactText('en', action)).toBe('NPS when logged +20 (n=40) → since +20 (n=40) → 0');
    expect(impactText('ja', action)).toMatch(/→ 0$/);

    const nps = withDelta(-0.4, true);
    const digest: DigestContent = {
      overall: nps,
      journeys: [],
      movers: [{ journeyKey: 'j', journeyName: 'J', touchpointKey: 'tp', touchpointName: 'TP', nps }],
      largestDropOff: null,
      trend: [],
      comments: { total: 0, examples: [] },
      actions: { completed: 0, overdue: 0 },
    };
    for (const locale of LOCALES) {
      const m = buildDigestMessage(digest, {
        locale,
        period: { startDay: '2026-03-23', endDay: '2026-03-30' },
        channelId: 'C1',
        schedule: { weekday: 1, hour: 9, minute: 0, timezone: 'UTC' },
        journeyIds: new Map(),
        chart: null,
      });
      const text = allText(m as unknown as Record<string, unknown>);
      expect(text).toMatch(/→ J \/ TP: \+40 → \+40/);
      expect(text).not.toMatch(/[↑↓] 0/);
    }
  });
});
