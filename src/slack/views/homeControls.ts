import type { Button, KnownBlock, ModalView } from '@slack/types';
import type { JourneyOverviewRow } from '../../domain/model.js';
import { t, type Locale } from '../../i18n/index.js';
import { actions, context, plain, truncate, type Message } from '../kit/blocks.js';
import { LIMITS } from '../kit/limits.js';
import { Actions } from '../ids.js';
import { PERIOD_CHOICES, periodButtonText } from './format.js';

/** App Home's controls beside Refresh: Log action (one press) and the period switch. */
export function homeControls(locale: Locale, period: string): Button[] {
  return [
    Actions.homeLogAction.button({ text: t(locale, 'journey.button.logAction'), value: {}, style: 'primary' }),
    ...PERIOD_CHOICES.map((p) =>
      Actions.homePeriod.button(p, { text: periodButtonText(locale, p), value: { v: 'list', p }, ...(p === period ? { style: 'primary' as const } : {}) }),
    ),
  ];
}

/** One Open button per journey (25 to a row, Slack's limit), so every journey on Home opens its view. */
export function homeJourneyButtons(locale: Locale, journeys: readonly JourneyOverviewRow[], period: string): KnownBlock[] {
  const out: KnownBlock[] = [];
  for (let i = 0; i < journeys.length; i += LIMITS.actionsElements) {
    out.push(
      actions(
        journeys.slice(i, i + LIMITS.actionsElements).map((row) =>
          Actions.homeOpenJourney.button(String(row.journey.id), {
            text: t(locale, 'fixFirst.home.openJourney', { journey: truncate(row.journey.name, 40) }),
            value: { v: 'journey', j: row.journey.id, p: period },
          }),
        ),
      ),
    );
  }
  return out;
}

/** The modal a Home button opens first: trigger_id lasts 3 seconds, the journey view takes longer. */
export function loadingModal(locale: Locale): ModalView {
  return { type: 'modal', title: plain(t(locale, 'fixFirst.modal.title'), LIMITS.viewTitle), close: plain(t(locale, 'fixFirst.modal.close'), LIMITS.viewTitle), blocks: [context([t(locale, 'fixFirst.modal.loading')])] };
}

/**
 * A journey view as a modal. Its buttons answer through a message's response_url, which a modal
 * has not, so the modal shows the view without them (Home keeps its own buttons).
 */
export function journeyModal(locale: Locale, message: Message): ModalView {
  const blocks = message.blocks.filter((b) => b.type !== 'actions').slice(0, LIMITS.blocksPerView);
  return { type: 'modal', title: plain(t(locale, 'fixFirst.modal.title'), LIMITS.viewTitle), close: plain(t(locale, 'fixFirst.modal.close'), LIMITS.viewTitle), blocks };
}
