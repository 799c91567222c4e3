import type { KnownBlock } from '@slack/types';
import { DEFAULT_PERIOD, PERIOD_HELP } from '../../../domain/periods.js';
import { t, type Locale } from '../../../i18n/index.js';
import { context, finalizeMessage, header, section, type Message } from '../../blocks/kit.js';

/** `/journey help`: every subcommand with an example, plus lines contributed by other features. */
export function buildHelpMessage(locale: Locale, extensionLines: readonly string[] = []): Message {
  const lines = [
    t(locale, 'journey.help.list'),
    t(locale, 'journey.help.show'),
    t(locale, 'journey.help.touchpoint'),
    t(locale, 'journey.help.log'),
    t(locale, 'journey.help.actions'),
    ...extensionLines,
    t(locale, 'journey.help.help'),
  ];
  const blocks: KnownBlock[] = [
    header(t(locale, 'journey.help.title')),
    section(lines.map((l) => `• ${l}`).join('\n')),
    section(t(locale, 'journey.help.periods', { help: periodList(), default: DEFAULT_PERIOD })),
    context([t(locale, 'journey.help.names')]),
  ];
  return finalizeMessage({ text: [t(locale, 'journey.help.title'), ...lines].join('\n'), blocks });
}

export function periodList(): string {
  return PERIOD_HELP.map((p) => `\`${p}\``).join(', ');
}
