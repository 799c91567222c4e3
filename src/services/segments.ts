import type { Db } from '../db/client.js';
import { getAttributeHistograms, listAttributeKeys } from '../db/queries/attributeCounts.js';
import { getJourneyRef, getTouchpointRef, listTouchpoints } from '../db/queries/lookup.js';
import { getScoreHistograms, type ScoreCounts } from '../db/queries/scoreCounts.js';
import { CURRENT, PREVIOUS } from '../db/queries/summaries.js';
import type { Breakdown, ChannelBreakdown, ChannelGroup, GroupScores, SegmentScores } from '../domain/breakdown.js';
import { compared } from '../domain/compare.js';
import type { SegmentConcentration } from '../domain/insights.js';
import type { TouchpointRef } from '../domain/model.js';
import { addHistograms, emptyHistogram, summarizeCes, summarizeCsat, summarizeNps } from '../domain/scores.js';
import { concentrationOf, strongestConcentration, type SegmentInput } from '../domain/segmentShift.js';
import { suggest } from '../domain/suggest.js';
import { METRICS, type Metric, type PeriodWindow, type ScoreHistogram } from '../domain/types.js';

/**
 * Who moves a score: breakdowns by a customer attribute or by touchpoint channel, and the
 * segment behind a touchpoint's change (for the touchpoint view, alerts and "fix first").
 */
export interface SegmentsService {
  /** Null when the journey does not exist. */
  journeyBreakdown(journeyId: number, attribute: string, window: PeriodWindow): Promise<Breakdown | null>;
  /** Null when the touchpoint does not exist or is retired. */
  touchpointBreakdown(touchpointId: number, attribute: string, window: PeriodWindow): Promise<Breakdown | null>;
  byChannel(journeyId: number, window: PeriodWindow): Promise<ChannelBreakdown | null>;
  /** Attribute keys the answers of a journey's active touchpoints (or of one touchpoint) carry. */
  attributeKeys(scope: { journeyId: number } | { touchpointId: number }): Promise<string[]>;
  /**
   * The segment (of any attribute) that explains most of the touchpoint's change of `metric`
   * between the window's previous and current period, or null when none does (or nothing changed).
   * Callers decide whether the change itself is worth explaining (significant, past a threshold).
   */
  behindChange(touchpointId: number, window: PeriodWindow, metric?: Metric): Promise<SegmentConcentration | null>;
}

/** Japanese (and a few English) words for common attribute keys: `/journey オンライン購入 by 地域`. */
const KEY_ALIASES: Readonly<Record<string, readonly string[]>> = {
  region: ['地域', '地方', 'エリア', 'area'],
  plan: ['プラン', '契約'],
  device: ['端末', 'デバイス'],
  segment: ['セグメント'],
  age: ['年代', '年齢'],
  gender: ['性別'],
  channel: ['チャネル', 'チャンネル'],
};

/** The attribute key meant by what was typed: itself, or the key an alias stands for. */
export function canonicalAttributeKey(typed: string): string {
  const lower = typed.normalize('NFKC').trim().toLowerCase();
  for (const [key, aliases] of Object.entries(KEY_ALIASES)) if (aliases.includes(lower)) return key;
  return lower;
}

/** Up to three known keys close to a typed one ("regoin" → region). */
export function closestAttributeKeys(typed: string, keys: readonly string[]): string[] {
  return suggest(typed, keys.map((k) => ({ key: k, name: k }))).map((c) => c.key);
}

function groupScores(hist: (metric: Metric, period: number) => ScoreHistogram): GroupScores {
  return {
    nps: compared(summarizeNps(hist('nps', CURRENT)), summarizeNps(hist('nps', PREVIOUS))),
    csat: compared(summarizeCsat(hist('csat', CURRENT)), summarizeCsat(hist('csat', PREVIOUS))),
    ces: compared(summarizeCes(hist('ces', CURRENT)), summarizeCes(hist('ces', PREVIOUS))),
  };
}

const answers = (h: ScoreHistogram) => h.reduce((a, b) => a + b, 0);

/** The label of answers that lack the attribute, in decompositions (never an attribute value: values are trimmed). */
const NO_VALUE = ' none';

export function createSegmentsService(db: Db): SegmentsService {
  async function breakdownOf(
    touchpoints: readonly TouchpointRef[],
    attribute: string,
    window: PeriodWindow,
  ): Promise<Omit<Breakdown, 'scope'>> {
    const ids = touchpoints.map((t) => t.id);
    const periods = [window.current, window.previous];
    const [counts, attrs] = await Promise.all([getScoreHistograms(db, ids, periods), getAttributeHistograms(db, ids, attribute, periods)]);
    const segments: SegmentScores[] = attrs
      .segments()
      .map(({ value }) => ({ value, ...groupScores((metric, i) => attrs.get(attribute, value, metric, i)) }));
    const size = (s: SegmentScores) => s.nps.current.n + s.csat.current.n + s.ces.current.n;
    segments.sort((a, b) => size(b) - size(a) || a.value.localeCompare(b.value));
    let total = 0;
    for (const metric of METRICS) total += answers(counts.total(ids, metric, CURRENT));
    const withAttribute = segments.reduce((a, s) => a + size(s), 0);
    return {
      attribute,
      window,
      overall: groupScores((metric, i) => counts.total(ids, metric, i)),
      segments,
      withoutAttribute: Math.max(0, total - withAttribute),
    };
  }

  return {
    journeyBreakdown: async (journeyId, attribute, window) => {
      const [journey, touchpoints] = await Promise.all([getJourneyRef(db, journeyId), listTouchpoints(db, journeyId)]);
      if (!journey) return null;
      return { scope: { kind: 'journey', journey }, ...(await breakdownOf(touchpoints, attribute, window)) };
    },
    touchpointBreakdown: async (touchpointId, attribute, window) => {
      const touchpoint = await getTouchpointRef(db, touchpointId);
      if (!touchpoint) return null;
      return { scope: { kind: 'touchpoint', touchpoint }, ...(await breakdownOf([touchpoint], attribute, window)) };
    },
    byChannel: async (journeyId, window) => {
      const [journey, touchpoints] = await Promise.all([getJourneyRef(db, journeyId), listTouchpoints(db, journeyId)]);
      if (!journey) return null;
      const ids = touchpoints.map((t) => t.id);
      const counts: ScoreCounts = await getScoreHistograms(db, ids, [window.current, window.previous]);
      const byChannel = new Map<string | null, TouchpointRef[]>();
      for (const tp of touchpoints) {
        const channel = tp.channel?.trim() ? tp.channel.trim().toLowerCase() : null;
        const list = byChannel.get(channel) ?? [];
        list.push(tp);
        byChannel.set(channel, list);
      }
      const groups: ChannelGroup[] = [...byChannel.entries()].map(([channel, tps]) => ({
        channel,
        touchpoints: tps,
        ...groupScores((metric, i) => counts.total(tps.map((t) => t.id), metric, i)),
      }));
      // Named channels in the order they first appear in the journey; touchpoints without one last.
      groups.sort((a, b) => (a.channel === null ? 1 : 0) - (b.channel === null ? 1 : 0));
      return { journey, window, overall: groupScores((metric, i) => counts.total(ids, metric, i)), groups };
    },
    attributeKeys: async (scope) => {
      const ids = 'touchpointId' in scope ? [scope.touchpointId] : (await listTouchpoints(db, scope.journeyId)).map((t) => t.id);
      return listAttributeKeys(db, ids);
    },
    behindChange: async (touchpointId, window, metric = 'nps') => {
      const periods = [window.current, window.previous];
      const [counts, attrs] = await Promise.all([
        getScoreHistograms(db, [touchpointId], periods),
        getAttributeHistograms(db, [touchpointId], null, periods),
      ]);
      const summarize = (h: ScoreHistogram) => (metric === 'nps' ? summarizeNps(h) : metric === 'csat' ? summarizeCsat(h) : summarizeCes(h));
      const everyone = (i: number) => counts.get(touchpointId, metric, i);
      const byKey = new Map<string, string[]>();
      for (const { key, value } of attrs.segments()) byKey.set(key, [...(byKey.get(key) ?? []), value]);
      const candidates = [...byKey.entries()].map(([key, values]) => {
        const hists = (i: number) => values.map((v) => attrs.get(key, v, metric, i));
        const rest = (i: number) => subtract(everyone(i), hists(i).reduce(addHistograms, emptyHistogram()));
        const segments: SegmentInput[] = values.map((value) => ({
          value,
          previous: summarize(attrs.get(key, value, metric, PREVIOUS)),
          current: summarize(attrs.get(key, value, metric, CURRENT)),
        }));
        // Answers without the attribute are a segment too, so the shares add up to everyone.
        segments.push({ value: NO_VALUE, previous: summarize(rest(PREVIOUS)), current: summarize(rest(CURRENT)) });
        const others = (value: string) => {
          const outside = (i: number) => subtract(everyone(i), attrs.get(key, value, metric, i));
          const [cur, prev] = [summarize(outside(CURRENT)).score, summarize(outside(PREVIOUS)).score];
          return cur === null || prev === null ? null : cur - prev;
        };
        const found = concentrationOf(key, segments, others);
        return found && found.value !== NO_VALUE ? found : null;
      });
      return strongestConcentration(candidates);
    },
  };
}

function subtract(a: ScoreHistogram, b: ScoreHistogram): ScoreHistogram {
  return a.map((x, i) => Math.max(0, x - (b[i] ?? 0)));
}
