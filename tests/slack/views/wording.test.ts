import { describe, expect, it } from 'vitest';
import { compared } from '../../../src/domain/compare.js';
import type { DigestContent } from '../../../src/domain/digestContent.js';
import { parsePeriod, resolvePeriod } from '../../../src/domain/periods.js';
import { summarizeNps } from '../../../src/domain/scores.js';
import type { Compared, NpsSummary, PeriodWindow, ScoreHistogram } from '../../../src/domain/types.js';
import type { ActionWithImpact, IncidentView, JourneyOverviewRow } from '../../../src/domain/model.js';
import { countText, plural, type Locale } from '../../../src/i18n/index.js';
import { buildAlertMessage } from '../../../src/slack/views/alert.js';
import { buildJourneyListMessage } from '../../../src/slack/views/journeyList.js';
import { impactText } from '../../../src/slack/views/actionsList.js';
import { buildDigestMessage } from '../../../src/slack/views/digest.js';
import { changeText, npsWithInterval, sampleText, shareChangeArrow } from '../../../src/slack/views/format.js';
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
    // Baseline SE at its largest for +20: 100·√((1 − 0.04)/40) = 15.5; since: 100·√((0.4 − 0.04)/40) = 9.5; 0.3 ≪ 1.96·18.2.
    expect(impactText('en', action)).toBe('NPS when logged +20 (n=40) → since +20 (n=40) → 0, not significant at 95% over 40 answers since');
    expect(impactText('ja', action)).toMatch(/→ 0、95%では有意ではありません（登録後の回答40件）$/);

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

function digestOf(n: ScoreHistogram): DigestContent {
  const nps = compared(summarizeNps(n), summarizeNps(n));
  return {
    overall: nps,
    journeys: [
      { key: 'a', name: 'A', nps },
      { key: 'b', name: 'B', nps: compared(summarizeNps(hist(1, 1, 0)), summarizeNps(hist(1, 1, 0))) },
    ],
    movers: [],
    largestDropOff: null,
    trend: [],
    comments: { total: 0, examples: [] },
    actions: { completed: 0, overdue: 0 },
  };
}

const digestText = (d: DigestContent, locale: Locale) =>
  allText(
    buildDigestMessage(d, {
      locale,
      period: { startDay: '2026-03-23', endDay: '2026-03-30' },
      channelId: 'C1',
      schedule: { weekday: 1, hour: 9, minute: 0, timezone: 'UTC' },
      journeyIds: new Map(),
      chart: null,
    }) as unknown as Record<string, unknown>,
  );

describe('counts agree in number; one answer is a small sample without an interval', () => {
  it('plural() and countText follow Intl.PluralRules: English has one and other, Japanese one form', () => {
    expect(plural('en', 1, 'one', 'other')).toBe('one');
    expect(plural('en', 0, 'one', 'other')).toBe('other');
    expect(plural('ja', 1, 'one', 'other')).toBe('other');
    expect(countText('en', 1, 'journey.count.answersOne', 'journey.count.answersOther')).toBe('1 answer');
    expect(countText('en', 2, 'journey.count.answersOne', 'journey.count.answersOther')).toBe('2 answers');
    expect(countText('en', 1234, 'journey.count.answersOne', 'journey.count.answersOther')).toBe('1,234 answers');
    expect(countText('ja', 1, 'journey.count.answersOne', 'journey.count.answersOther')).toBe('回答 1 件');
  });

  it('digest, App Home, journey list and alerts say "1 answer" / "2 answers" and 回答 1 件', () => {
    const en = digestText(digestOf(hist(1, 0, 0)), 'en');
    expect(en).toContain('*Overall NPS +100* (→ 0 vs the week before) · 1 answer · too few answers to judge');
    expect(en).toContain('• *A*: +100 (→ 0) · 1 answer');
    expect(en).toContain('• *B*: +50 (→ 0) · 2 answers');
    const ja = digestText(digestOf(hist(1, 0, 0)), 'ja');
    expect(ja).toContain('· 回答 1 件 · 回答が少なく判断できません');
    expect(ja).toContain('• *B*: +50（→ 0）· 回答 2 件');

    const one = { ...row(withDelta(0), { current: 0.3, previous: 0.3 }), responses: 1 };
    expect(homeText('en', one)).toContain('· 1 response');
    expect(homeText('en', { ...one, responses: 2 })).toContain('· 2 responses');
    expect(homeText('ja', one)).toContain('· 回答 1 件');

    expect(buildJourneyListMessage([one], WINDOW, opts('en')).text).toMatch(/^1 journey, 30d/);
    expect(buildJourneyListMessage([one, one], WINDOW, opts('en')).text).toMatch(/^2 journeys, 30d/);
    expect(buildJourneyListMessage([one], WINDOW, opts('ja')).text).toMatch(/^ジャーニー 1 件、直近30日間/);

    const incident = (kind: IncidentView['kind'], locale: Locale) =>
      allText(
        buildAlertMessage(
          {
            id: 3, status: 'open', ruleId: 2, kind, threshold: 40, windowDays: 7, minSample: 1, locale, timezone: 'UTC', channelId: 'C1', messageTs: null,
            openedValue: 60, lastValue: 70, lastSample: 1, lastPrevious: 50, worsenCount: 0, openedAt: NOW, lastEvaluatedAt: NOW,
            acknowledgedBy: null, acknowledgedAt: null, snoozedBy: null, snoozedUntil: null, resolvedAt: null,
            touchpointId: 1, touchpointKey: 'tp', touchpointName: 'TP', previousStepName: 'Prev', journeyId: 1, journeyKey: 'j', journeyName: 'J',
          },
          { locale, now: NOW, chart: null },
        ) as unknown as Record<string, unknown>,
      );
    expect(incident('nps_below', 'en')).toContain('(UTC days, 1 answer)');
    expect(incident('dropoff_above', 'en')).toContain('(UTC days, 1 customer reached Prev)');
    expect(incident('nps_below', 'ja')).toContain('（回答 1 件）');
    expect(incident('dropoff_above', 'ja')).toContain('（Prev到達 1 人）');
  });

  it('a single answer gets the small-sample mark and no "+100 [+100, +100]" interval', () => {
    // A minimum sample of 1 would not flag it as too small; one answer still cannot be judged.
    const single = summarizeNps(hist(1, 0, 0), 1);
    const unanimous = summarizeNps(hist(40, 0, 0));
    for (const locale of LOCALES) {
      expect(npsWithInterval(locale, single)).toBe('+100');
      expect(npsWithInterval(locale, unanimous)).toBe('+100');
      expect(npsWithInterval(locale, summarizeNps(hist(30, 10, 10)))).toBe('+40 [+18, +62]');
    }
    expect(sampleText('en', single)).toBe('n=1 ⚠ small sample');
    expect(sampleText('ja', single)).toBe('n=1 ⚠ 少数');
    expect(sampleText('en', summarizeNps(hist(1, 0, 0)))).toBe('n=1 ⚠ small sample');
    expect(sampleText('en', summarizeNps(hist(30, 10, 10)))).toBe('n=50');
  });
});

describe('digest quotes and movers', () => {
  it('a quoted comment labels its score: "Delivery · score 5" / "配送・スコア 5"', () => {
    const d: DigestContent = {
      ...digestOf(hist(40, 0, 0)),
      comments: { total: 1, examples: [{ journeyName: 'J', touchpointName: 'Delivery', score: 5, comment: 'Late again' }] },
    };
    expect(digestText(d, 'en')).toContain('> “Late again” · Delivery · score 5');
    const ja = digestText({ ...d, comments: { total: 1, examples: [{ journeyName: 'J', touchpointName: '配送', score: 5, comment: '遅い' }] } }, 'ja');
    expect(ja).toContain('> 「遅い」 · 配送・スコア 5');
    expect(ja).not.toContain('配送(5)');
  });
});
