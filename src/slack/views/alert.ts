import type { ImageBlock, KnownBlock } from '@slack/types';
import { DEFAULT_POLICIES } from '../../domain/thresholds.js';
import { countText, formatNumber, formatSigned, formatWindowDays, t, type Locale } from '../../i18n/index.js';
import type { AlertInsight } from '../../domain/insights.js';
import type { IncidentView } from '../../domain/model.js';
import { actions, context, escapeText, finalizeMessage, header, section, type Message } from '../kit/blocks.js';
import { Actions, BlockId } from '../ids.js';
import { alertInsightBlocks } from './alertInsight.js';
import { slackDate } from './slackDate.js';

/**
 * The alert message (one per incident, edited in place as it changes) and its thread notes.
 * Pure: the incident view in, blocks out. Buttons carry only the incident id; handlers reload it.
 */

const one = (locale: Locale, n: number) => formatNumber(locale, Math.round(n * 10) / 10, { maximumFractionDigits: 1 });

function valueTexts(v: IncidentView, locale: Locale): { value: string; by: string; previous: string; current: string } {
  const none = t(locale, 'alert.none');
  if (v.kind === 'nps_drop') {
    // lastValue is the fall in points; lastPrevious the earlier NPS, so current = previous − fall.
    const current = v.lastPrevious === null ? null : v.lastPrevious - v.lastValue;
    return {
      value: one(locale, v.lastValue),
      by: one(locale, v.lastValue),
      previous: v.lastPrevious === null ? none : formatSigned(locale, v.lastPrevious),
      current: current === null ? none : formatSigned(locale, current),
    };
  }
  const by = v.kind === 'nps_below' ? v.threshold - v.lastValue : v.lastValue - v.threshold;
  const show = (x: number | null) => (x === null ? none : v.kind === 'nps_below' ? formatSigned(locale, x) : `${one(locale, x)}%`);
  return { value: v.kind === 'nps_below' ? formatSigned(locale, v.lastValue) : one(locale, v.lastValue), by: one(locale, Math.abs(by)), previous: show(v.lastPrevious), current: show(v.lastValue) };
}

/**
 * The title with names as given (`plain`, for the plain_text header) or escaped (`mrkdwn`, for the
 * top-level `text`, which Slack reads as mrkdwn: a journey named <!channel> would ping the channel).
 */
export function alertTitle(v: IncidentView, locale: Locale, form: 'plain' | 'mrkdwn' = 'plain'): string {
  const name = form === 'mrkdwn' ? escapeText : (s: string) => s;
  return t(locale, `alert.title.${v.kind}`, {
    threshold: one(locale, v.threshold),
    journey: name(v.journeyName),
    touchpoint: name(v.touchpointName),
    from: name(v.previousStepName ?? ''),
  });
}

/** The status line; `form` picks Slack date tokens (blocks) or their UTC fallback (plain `text`). */
function statusLine(v: IncidentView, locale: Locale, now: Date, form: 'mrkdwn' | 'plain'): string {
  const at = (d: Date | null) => (d ? slackDate(locale, d)[form] : '');
  if (v.status === 'resolved') return t(locale, 'alert.status.resolved', { at: at(v.resolvedAt) });
  if (v.status === 'snoozed' && v.snoozedUntil && v.snoozedUntil.getTime() > now.getTime()) {
    return t(locale, 'alert.status.snoozed', { user: v.snoozedBy ?? '', until: at(v.snoozedUntil) });
  }
  if (v.acknowledgedBy) return t(locale, 'alert.status.acknowledged', { user: v.acknowledgedBy, at: at(v.acknowledgedAt) });
  return t(locale, 'alert.status.open', { since: at(v.openedAt) });
}

/** Times are Slack date tokens: each reader of the channel sees their own local time (see slackDate). */
export function buildAlertMessage(v: IncidentView, o: { locale: Locale; now: Date; chart: ImageBlock | null; insight?: AlertInsight | null }): Message {
  const L = o.locale;
  const vt = valueTexts(v, L);
  const title = alertTitle(v, L);
  const body = t(L, `alert.body.${v.kind}`, {
    value: vt.value,
    by: vt.by,
    previous: vt.previous,
    current: vt.current,
    threshold: one(L, v.threshold),
    window: formatWindowDays(L, v.windowDays),
    timezone: v.timezone,
    n: formatNumber(L, v.lastSample),
    answers: countText(L, v.lastSample, 'journey.count.answersOne', 'journey.count.answersOther'),
    customers: countText(L, v.lastSample, 'journey.count.customersOne', 'journey.count.customersOther'),
    from: escapeText(v.previousStepName ?? ''),
    touchpoint: escapeText(v.touchpointName),
  });
  const blocks: KnownBlock[] = [header(title), section(body), ...alertInsightBlocks(L, o.insight), section(statusLine(v, L, o.now, 'mrkdwn'))];
  if (o.chart) blocks.push(o.chart);
  const value = { i: v.id };
  if (v.status !== 'resolved') {
    blocks.push(
      actions(
        [
          Actions.alertAcknowledge.button({ text: t(L, 'alert.ack'), value, style: 'primary' }),
          Actions.alertSnooze24h.button({ text: t(L, 'alert.snooze24h'), value }),
          Actions.alertSnooze7d.button({ text: t(L, 'alert.snooze7d'), value }),
          Actions.alertLogAction.button({ text: t(L, 'alert.logAction'), value }),
          Actions.alertViewJourney.button({ text: t(L, 'alert.viewJourney'), value }),
        ],
        BlockId.alertActions,
      ),
    );
  } else {
    blocks.push(
      actions(
        [
          Actions.alertLogAction.button({ text: t(L, 'alert.logAction'), value }),
          Actions.alertViewJourney.button({ text: t(L, 'alert.viewJourney'), value }),
        ],
        BlockId.alertActions,
      ),
    );
  }
  blocks.push(context([t(L, 'alert.context', { rule: v.ruleId, at: slackDate(L, v.lastEvaluatedAt).mrkdwn })]));
  return finalizeMessage({ text: `${alertTitle(v, L, 'mrkdwn')}. ${statusLine(v, L, o.now, 'plain')}`, blocks }, { truncatedNote: t(L, 'platform.truncated.blocks') });
}

/** Thread notes: a worsening (once) and the resolution. */
export function buildThreadNote(v: IncidentView, kind: 'worsen' | 'resolve', locale: Locale): Message {
  const vt = valueTexts(v, locale);
  const shown = v.kind === 'nps_drop' ? vt.current : v.kind === 'dropoff_above' ? `${vt.value}%` : vt.value;
  const text =
    kind === 'worsen'
      ? t(locale, 'alert.thread.worsen', { value: shown, by: vt.by })
      : t(locale, 'alert.thread.resolve', { value: shown, margin: DEFAULT_POLICIES[v.kind].hysteresis });
  return finalizeMessage({ text, blocks: [section(text)] });
}
