/**
 * The text after `/journey alert` for a new rule — `<kind> <scope> <value> [window] [min-sample] [tz=<IANA>]` —
 * read without Slack, for the backtest CLI. Pure; the scope stays text for the caller to resolve.
 */
import type { AlertKind } from './enums.js';
import { isValidTimezone } from './localTime.js';

export const ALERT_KIND_WORDS: Record<string, AlertKind> = { 'nps-below': 'nps_below', 'nps-drop': 'nps_drop', 'dropoff-above': 'dropoff_above' };

export interface RuleText {
  kind: AlertKind;
  /** `*`, a journey key or name, or `journey/touchpoint`. */
  scope: string;
  threshold: number;
  windowDays: number;
  minSample: number;
  timezone: string | null;
}

export type RuleTextResult = { ok: true; rule: RuleText } | { ok: false; message: string };

const LIMITS: Record<AlertKind, { ok: (v: number) => boolean; message: string }> = {
  nps_below: { ok: (v) => v >= -100 && v <= 100, message: 'NPS threshold must be a number from -100 to 100' },
  nps_drop: { ok: (v) => v > 0 && v <= 200, message: 'an NPS drop must be more than 0 and at most 200 points' },
  dropoff_above: { ok: (v) => v > 0 && v < 100, message: 'a drop-off must be a percentage above 0 and below 100' },
};

export function parseRuleText(text: string): RuleTextResult {
  const words = text.trim().split(/\s+/).filter((w) => w !== '');
  let timezone: string | null = null;
  const rest: string[] = [];
  for (const w of words) {
    const tz = /^tz=(.*)$/i.exec(w)?.[1];
    if (tz === undefined) rest.push(w);
    else if (isValidTimezone(tz)) timezone = tz;
    else return { ok: false, message: `"${tz}" is not a timezone` };
  }
  const [kindWord, scope, valueText, windowText, minText, ...extra] = rest;
  const kind = kindWord === undefined ? undefined : ALERT_KIND_WORDS[kindWord.toLowerCase()];
  if (!kind || !scope || valueText === undefined || extra.length > 0) {
    return { ok: false, message: 'expected: <nps-below|nps-drop|dropoff-above> <scope> <value> [window] [min-sample] [tz=<IANA>]' };
  }
  const threshold = Number(/^([+-]?\d+(?:\.\d+)?)%?$/.exec(valueText.replace('−', '-'))?.[1] ?? NaN);
  if (!LIMITS[kind].ok(threshold)) return { ok: false, message: LIMITS[kind].message };
  const w = windowText === undefined ? ['7d', '7', 'd'] : /^(\d{1,3})([dw])$/i.exec(windowText);
  const windowDays = w ? Number(w[1]) * (w[2]?.toLowerCase() === 'w' ? 7 : 1) : NaN;
  if (!(Number.isInteger(windowDays) && windowDays >= 1 && windowDays <= 90)) return { ok: false, message: 'the window must be 1 to 90 days (e.g. 7d, 2w)' };
  const minSample = minText === undefined ? 30 : /^\d+$/.test(minText) ? Number(minText) : NaN;
  if (!(minSample >= 1 && minSample <= 100_000)) return { ok: false, message: 'the minimum sample must be a whole number from 1 to 100000' };
  return { ok: true, rule: { kind, scope, threshold, windowDays, minSample, timezone } };
}
