import type { JourneyRef, TouchpointRef } from '../../../domain/model.js';
import { t, type Locale } from '../../../i18n/index.js';
import type { LookupService } from '../../../services/lookup.js';
import { escapeText, truncate } from '../../kit/blocks.js';
import type { TouchpointTarget } from './parse.js';

/**
 * Turns what the user typed into a journey or touchpoint, or into the short reply that explains
 * why not: "no journey matches …, did you mean …" or "… exists in several journeys".
 */

export type Resolved<T> = { ok: true; value: T } | { ok: false; text: string };

function quoted(input: string): string {
  // Inside backticks: only the backtick itself could break the formatting.
  return escapeText(truncate(input, 80)).replace(/`/g, "'");
}

/** A name beside a command: " (配送)" in English, "（配送）" in Japanese, escaped for mrkdwn. */
function aside(locale: Locale, name: string): string {
  return locale === 'ja' ? `（${escapeText(name)}）` : ` (${escapeText(name)})`;
}

export async function resolveJourney(lookup: LookupService, locale: Locale, input: string): Promise<Resolved<JourneyRef>> {
  const r = await lookup.findJourney(input);
  if (r.found) return { ok: true, value: r.value };
  const lines = [t(locale, 'journey.error.unknownJourney', { input: quoted(input) })];
  const near = r.reason === 'not_found' ? r.suggestions : r.candidates;
  // `/journey online-purchase/delivery` or `/journey 配送` names a touchpoint: point at the command that shows it.
  const tp = r.reason === 'not_found' ? await lookup.findTouchpoint(input) : undefined;
  const options = [
    ...(tp?.found ? [`\`/journey touchpoint ${tp.value.journeyKey}/${tp.value.key}\`${aside(locale, tp.value.name)}`] : []),
    ...near.map((j) => `\`/journey ${j.key}\`${aside(locale, j.name)}`),
  ];
  if (options.length > 0) lines.push(`${t(locale, 'journey.error.didYouMean')} ${options.join(locale === 'ja' ? '、' : ', ')}`);
  else lines.push(t(locale, 'journey.error.unknownJourneyHint'));
  return { ok: false, text: lines.join('\n') };
}

export function targetText(target: TouchpointTarget): string {
  return target.journey ? `${target.journey}/${target.touchpoint}` : target.touchpoint;
}

export async function resolveTouchpoint(lookup: LookupService, locale: Locale, target: TouchpointTarget, example: (ref: string) => string): Promise<Resolved<TouchpointRef>> {
  const input = targetText(target);
  const r = await lookup.findTouchpoint(input);
  if (r.found) return { ok: true, value: r.value };
  const refOf = (tp: TouchpointRef) => `${tp.journeyKey}/${tp.key}`;
  if (r.reason === 'ambiguous') {
    const options = r.candidates.map((tp) => `\`${example(refOf(tp))}\`${aside(locale, tp.journeyName)}`).join(locale === 'ja' ? '、' : ', ');
    return { ok: false, text: `${t(locale, 'journey.error.ambiguousTouchpoint', { input: quoted(input) })} ${options}` };
  }
  const lines = [t(locale, 'journey.error.unknownTouchpoint', { input: quoted(input) })];
  if (r.suggestions.length > 0) {
    lines.push(`${t(locale, 'journey.error.didYouMean')} ${r.suggestions.map((tp) => `\`${example(refOf(tp))}\`${aside(locale, tp.name)}`).join(locale === 'ja' ? '、' : ', ')}`);
  } else lines.push(t(locale, 'journey.error.unknownJourneyHint'));
  return { ok: false, text: lines.join('\n') };
}
