import { describe, expect, it } from 'vitest';
import { npsTrendChart } from '../../../src/charts/spec.js';
import { compared } from '../../../src/domain/compare.js';
import { computeFunnel } from '../../../src/domain/funnel.js';
import { parsePeriod, resolvePeriod } from '../../../src/domain/periods.js';
import { summarizeCes, summarizeCsat, summarizeNps } from '../../../src/domain/scores.js';
import type { JourneyDetail, TouchpointDetail } from '../../../src/domain/model.js';
import type { ScoreHistogram } from '../../../src/domain/types.js';
import type { Locale } from '../../../src/i18n/index.js';
import { touchpointTrendChartRequest } from '../../../src/slack/views/charts.js';
import { periodButtonText, periodLabel, periodName } from '../../../src/slack/views/format.js';
import { buildJourneyDetailMessage } from '../../../src/slack/views/journeyDetail.js';
import { buildJourneyListMessage } from '../../../src/slack/views/journeyList.js';
import { buildTouchpointDetailMessage } from '../../../src/slack/views/touchpointDetail.js';
import { allText } from '../features/helpers.js';

// Tuesday 1 December 2026, 10:00 in Tokyo.
const NOW = new Date('2026-12-01T01:00:00Z');
function windowOf(text: string) {
  const r = parsePeriod(text);
  if (!r.ok) throw new Error(r.message);
  return resolvePeriod(r.spec, NOW, 'Asia/Tokyo');
}
const hist = (p: number, a: number, d: number): ScoreHistogram => [d, 0, 0, 0, 0, 0, 0, 0, a, 0, p];
const empty: ScoreHistogram = Array.from({ length: 11 }, () => 0);
const text = (m: unknown) => allText(m as Record<string, unknown>);

describe('period labels never hide a partial period', () => {
  it('12w on Tuesday 1 December ends today and says it is compared to date', () => {
    expect(periodLabel('en', windowOf('12w'))).toBe('12w · Sep 14, 2026 – Dec 1, 2026 · to date, compared with the same days of the period before');
    expect(periodLabel('ja', windowOf('12w'))).toBe('直近12週間（2026年9月14日〜2026年12月1日）・途中経過（前の期間の同じ日数と比較）');
  });

  it('Nd includes today and says so; a past period says nothing more', () => {
    expect(periodLabel('en', windowOf('30d'))).toBe('30d · Nov 2, 2026 – Dec 1, 2026 · today so far');
    expect(periodLabel('ja', windowOf('7日'))).toBe('直近7日間（2026年11月25日〜2026年12月1日）・本日分は集計途中');
    expect(periodLabel('en', windowOf('last-month'))).toBe('last-month · Nov 1, 2026 – Nov 30, 2026');
    expect(periodLabel('ja', windowOf('先月'))).toBe('先月（2026年11月1日〜2026年11月30日）');
  });

  it('Japanese names every period in words, English keeps the command word', () => {
    const names: [string, string][] = [
      ['this-week', '今週'],
      ['last-week', '先週'],
      ['this-month', '今月'],
      ['last-month', '先月'],
      ['this-quarter', '今四半期'],
      ['last-quarter', '前四半期'],
      ['90d', '直近90日間'],
      ['12w', '直近12週間'],
    ];
    for (const [spec, ja] of names) {
      expect(periodName('ja', spec)).toBe(ja);
      expect(periodName('en', spec)).toBe(spec);
    }
    expect(['7d', '30d', '90d', '12w'].map((p) => periodButtonText('ja', p))).toEqual(['7日間', '30日間', '90日間', '12週間']);
    expect(['7d', '12w'].map((p) => periodButtonText('en', p))).toEqual(['7d', '12w']);
  });
});

function journey(through: string | null): JourneyDetail {
  const steps = [
    { touchpointId: 1, key: 'cart', name: 'カート', reached: 1000 },
    { touchpointId: 2, key: 'checkout', name: '購入手続き', reached: 400 },
  ];
  return {
    journey: { id: 1, key: 'online-purchase', name: 'オンライン購入', description: null, touchpointCount: 2 },
    window: windowOf('30d'),
    overall: compared(summarizeNps(hist(10, 10, 10)), summarizeNps(hist(10, 10, 10))),
    touchpoints: [],
    funnel: { current: computeFunnel(steps), previous: computeFunnel(steps), through },
  };
}

describe('funnel figures say through which day they count', () => {
  it('names the last day with step counts when it is before the end of the period', () => {
    const opts = (locale: Locale) => ({ locale, timezone: 'Asia/Tokyo' });
    expect(text(buildJourneyDetailMessage(journey('2026-11-30'), opts('en')))).toContain('*Funnel* · step counts through Nov 30, 2026\n1. カート');
    const ja = text(buildJourneyDetailMessage(journey('2026-11-30'), opts('ja')));
    expect(ja).toContain('*ファネル*（到達数は2026年11月30日まで）\n1. カート');
    expect(ja).toContain('直近30日間（2026年11月2日〜2026年12月1日）・本日分は集計途中');
    expect(text(buildJourneyDetailMessage(journey(null), opts('en')))).toContain('*Funnel*\n1. カート');
  });

  it('the journey list says through which day its conversions count, and nothing when counts cover the period', () => {
    const row = (through: string | null) => ({
      journey: { id: 1, key: 'online-purchase', name: 'オンライン購入', description: null, touchpointCount: 6 },
      nps: compared(summarizeNps(hist(10, 10, 10)), summarizeNps(hist(10, 10, 10))),
      endToEndConversion: { current: 0.05, previous: 0.06, through },
      responses: 30,
    });
    const list = (locale: Locale, through: string | null) => text(buildJourneyListMessage([row(through)], windowOf('30d'), { locale, timezone: 'Asia/Tokyo' }));
    expect(list('en', '2026-11-30')).toContain('Conversion counts steps through Nov 30, 2026');
    expect(list('ja', '2026-11-30')).toContain('コンバージョンは2026年11月30日までの到達数で計算しています');
    expect(list('en', null)).not.toContain('through');
  });
});

function touchpoint(): TouchpointDetail {
  const ref = { id: 2, key: 'checkout', name: '購入手続き', channel: null, position: 1, journeyId: 1, journeyKey: 'online-purchase', journeyName: 'オンライン購入' };
  const weeks = ['2026-11-16', '2026-11-23', '2026-11-30'];
  return {
    touchpoint: ref,
    nps: compared(summarizeNps(hist(10, 10, 10)), summarizeNps(hist(10, 10, 10))),
    csat: compared(summarizeCsat(empty), summarizeCsat(empty)),
    ces: compared(summarizeCes(empty), summarizeCes(empty)),
    window: windowOf('12w'),
    weeklyTrend: weeks.map((weekStart, k) => ({ weekStart, nps: summarizeNps(hist(10 + k, 5, 5)), ...(k === 2 ? { partialDays: 2 } : {}) })),
    distribution: hist(10, 10, 10),
    detractorComments: [],
    reached: { current: 73_595, previous: 83_015, through: '2026-11-30' },
  };
}

describe('the weekly trend draws the week so far as partial', () => {
  it('notes the partial last week, dated for the locale, with reached through the last day', () => {
    const en = text(buildTouchpointDetailMessage(touchpoint(), { locale: 'en', timezone: 'Asia/Tokyo' }));
    expect(en).toContain('*Weekly NPS* Nov 16: +25 · Nov 23: +29 · Nov 30*: +32');
    expect(en).toContain('The last week (from Nov 30) has 2 of 7 days so far; it is drawn dashed.');
    expect(en).toContain('*Reached* (through Nov 30, 2026)\n73,595 (previous 83,015)');
    const ja = text(buildTouchpointDetailMessage(touchpoint(), { locale: 'ja', timezone: 'Asia/Tokyo' }));
    expect(ja).toContain('*週次 NPS* 11月16日: +25 · 11月23日: +29 · 11月30日*: +32');
    expect(ja).toContain('最後の週（11月30日〜）はまだ7日中2日分のため、点線で表示しています。');
    expect(ja).toContain('*到達数*（2026年11月30日まで）\n73,595（前期間 83,015）');
    expect(ja).not.toMatch(/\d{2}-\d{2}:/);
  });

  it('the chart: full weeks on the solid line, the partial one dashed and lighter, joined to the last full week', () => {
    const req = touchpointTrendChartRequest('ja', touchpoint());
    if (!req) throw new Error('no chart');
    expect(req.spec.data.labels).toEqual(['11月16日', '11月23日', '11月30日']);
    const sets = req.spec.data.datasets;
    const main = sets.find((d) => d.label === 'NPS');
    const partial = sets.find((d) => d.label === 'partial');
    // NPS (p − d) / n: 5/20 = 25, 6/21 = 28.6, 7/22 = 31.8.
    const rounded = (data: unknown[] | undefined) => data?.map((v) => (v === null ? null : Math.round(Number(v))));
    expect(rounded(main?.data)).toEqual([25, 29, null]);
    expect(rounded(partial?.data)).toEqual([null, 29, 32]);
    expect(partial).toMatchObject({ borderDash: [6, 4], pointRadius: [0, 0, 4] });
  });

  it('a chart without partial points has no partial series', () => {
    const spec = npsTrendChart([{ label: 'a', value: 10 }, { label: 'b', value: 20 }]);
    expect(spec.data.datasets.map((d) => d.label)).toEqual(['NPS']);
  });
});
