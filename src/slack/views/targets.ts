import type { KnownBlock } from '@slack/types';
import type { TargetProgress } from '../../domain/targets.js';
import { formatNumber, t, type Locale } from '../../i18n/index.js';
import { escapeText, section, truncate } from '../kit/blocks.js';
import { dayText } from './format.js';
import { targetValue } from './fixFirst.js';

const NAME_MAX = 60;
const TARGETS_SHOWN = 10;

/** "オンライン購入 › 購入手続き" or the journey alone. */
function scopeName(p: TargetProgress): string {
  const { journey, touchpoint } = p.target;
  return escapeText(truncate(touchpoint ? `${journey.name} › ${touchpoint.name}` : journey.name, NAME_MAX * 2));
}

/** Points of a metric as a plain ± width: NPS/percent points whole, CES one decimal. */
function width(locale: Locale, metric: TargetProgress['target']['metric'], w: number): string {
  return formatNumber(locale, w, { maximumFractionDigits: metric === 'ces' ? 1 : 0 });
}

/**
 * One line per target: what it is, current value with its 95% interval and sample, and — with a date —
 * whether the weekly trend puts it on track, said plainly with the projection's uncertainty; no claim
 * when the data is too thin.
 */
export function targetLines(locale: Locale, progress: readonly TargetProgress[], opts: { withIds: boolean }): string[] {
  return progress.slice(0, opts.withIds ? 50 : TARGETS_SHOWN).map((p) => {
    const { target, current, projection } = p;
    const value = (v: number) => targetValue(locale, target.metric, v);
    const due = target.dueDate ? t(locale, 'fixFirst.target.due', { date: dayText(locale, target.dueDate) }) : '';
    let status = '';
    if (p.status === 'met') status = t(locale, 'fixFirst.target.met');
    else if ((p.status === 'on_track' || p.status === 'behind') && projection && target.dueDate) {
      status = t(locale, p.status === 'on_track' ? 'fixFirst.target.onTrack' : 'fixFirst.target.behind', {
        projected: value(projection.value),
        halfWidth: width(locale, target.metric, projection.halfWidth),
        date: dayText(locale, target.dueDate),
        target: value(target.value),
      });
    } else if (target.dueDate && current) status = t(locale, 'fixFirst.target.thin');
    const now = current
      ? t(locale, 'fixFirst.target.now', {
          current: value(current.value),
          low: value(current.interval.low),
          high: value(current.interval.high),
          n: formatNumber(locale, current.n),
        })
      : t(locale, 'fixFirst.target.noData');
    return t(locale, 'fixFirst.target.line', {
      id: opts.withIds ? `#${target.id} ` : '',
      scope: scopeName(p),
      metric: t(locale, `fixFirst.metric.${target.metric}`),
      target: value(target.value),
      due,
      now,
      status,
    });
  });
}

/** A "Targets" section for the journey view, App Home and the digest; nothing when there are none. */
export function targetBlocks(locale: Locale, progress: readonly TargetProgress[] | undefined): KnownBlock[] {
  if (!progress || progress.length === 0) return [];
  return [section([t(locale, 'fixFirst.target.title'), ...targetLines(locale, progress, { withIds: false }).map((l) => `• ${l}`)].join('\n'))];
}
