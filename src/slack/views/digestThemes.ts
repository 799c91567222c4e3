import type { KnownBlock } from '@slack/types';
import { formatNumber, t, type Locale } from '../../i18n/index.js';
import type { PlacedThemeFinding } from '../../services/themes.js';
import { escapeText, section, truncate } from '../kit/blocks.js';

const NAME_MAX = 60;

/** "Rising themes: new this week at 配送: 箱が潰れる ×34, …" — nothing when no theme is new or rising. */
export function risingThemeBlocks(locale: Locale, themes: readonly PlacedThemeFinding[] | undefined): KnownBlock[] {
  if (!themes || themes.length === 0) return [];
  const items = themes.map((f) =>
    t(locale, 'themes.digest.item', {
      status: t(locale, f.trend === 'new' ? 'themes.digest.statusNew' : 'themes.digest.statusRising'),
      touchpoint: escapeText(truncate(f.touchpointName, NAME_MAX)),
      label: escapeText(truncate(f.label, NAME_MAX)),
      mentions: formatNumber(locale, f.mentions),
    }),
  );
  return [section(t(locale, 'themes.digest.rising', { themes: items.join(locale === 'ja' ? '、' : '; ') }))];
}
