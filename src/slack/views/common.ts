import type { Button, KnownBlock } from '@slack/types';
import { t, type Locale } from '../../i18n/index.js';
import { actions, context } from '../kit/blocks.js';
import { Actions } from '../ids.js';
import { type ViewRef } from '../values.js';
import { PERIOD_CHOICES, periodButtonText } from './format.js';

/** Options every view builder takes. */
export interface ViewOptions {
  locale: Locale;
  timezone: string;
  /** Set when the message is posted to a channel by Share: "Shared by @user", and no private buttons. */
  sharedBy?: string;
  /** A message for a channel (digests, alerts): no buttons that only make sense to one viewer. */
  forChannel?: boolean;
}

/** True when the view goes to a channel, where buttons for one viewer (period switch, Share, Log action) do not belong. */
export function isChannelView(opts: ViewOptions): boolean {
  return opts.forChannel === true || opts.sharedBy !== undefined;
}

/** The footer: "Shared by" for shared views, nothing for other channel posts, else the controls. */
export function viewFooter(opts: ViewOptions, controls: () => KnownBlock[]): KnownBlock[] {
  if (opts.sharedBy !== undefined) return [sharedByContext(opts.locale, opts.sharedBy)];
  return opts.forChannel ? [] : controls();
}

/** The row under a view: extra buttons first, then Share to channel and the period switch. */
export function viewControls(locale: Locale, ref: ViewRef, extra: Button[] = []): KnownBlock {
  const periods = PERIOD_CHOICES.map((p) =>
    Actions.journeyPeriod.button(p, {
      text: periodButtonText(locale, p),
      value: { ...ref, p },
      ...(p === ref.p ? { style: 'primary' as const } : {}),
    }),
  );
  return actions([...extra, Actions.journeyShare.button({ text: t(locale, 'journey.button.share', {}), value: ref }), ...periods]);
}

export function sharedByContext(locale: Locale, userId: string): KnownBlock {
  return context([t(locale, 'journey.shared.by', { user: userId })]);
}
