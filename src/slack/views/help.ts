import type { KnownBlock } from '@slack/types';
import { DEFAULT_PERIOD, PERIOD_HELP, PERIOD_HELP_JA } from '../../domain/periods.js';
import { t, type Locale } from '../../i18n/index.js';
import { context, escapeText, finalizeMessage, header, section, type Message } from '../kit/blocks.js';
import { periodName } from './format.js';

/** A help line contributed by another feature (digest, alert, …), under its subcommand name. */
export interface ExtensionHelp {
  name: string;
  line: string;
}

const BUILTIN_TOPICS = {
  list: 'journey.help.list',
  show: 'journey.help.show',
  touchpoint: 'journey.help.touchpoint',
  tp: 'journey.help.touchpoint',
  by: 'segments.help.by',
  log: 'journey.help.log',
  actions: 'journey.help.actions',
  help: 'journey.help.help',
} as const;

/**
 * `/journey help [topic]`: every subcommand with an example, plus lines contributed by other
 * features; with a known topic only that subcommand's line, and an unknown topic says so above the full list.
 */
export function buildHelpMessage(locale: Locale, extensions: readonly ExtensionHelp[] = [], topic?: string): Message {
  const all = [
    t(locale, 'journey.help.list'),
    t(locale, 'journey.help.show'),
    t(locale, 'journey.help.touchpoint'),
    t(locale, 'segments.help.by'),
    t(locale, 'journey.help.log'),
    t(locale, 'journey.help.actions'),
    ...extensions.map((e) => e.line),
    t(locale, 'journey.help.help'),
  ];
  const wanted = topic?.toLowerCase();
  const builtin = wanted !== undefined && Object.hasOwn(BUILTIN_TOPICS, wanted) ? BUILTIN_TOPICS[wanted as keyof typeof BUILTIN_TOPICS] : undefined;
  // `alerts` and `alert` share one line when only one of them is registered.
  const extension = wanted === undefined ? undefined : extensions.filter((e) => e.name === wanted || e.name === wanted.replace(/s$/, '') || `${e.name}s` === wanted);
  const focused = builtin ? [t(locale, builtin)] : extension && extension.length > 0 ? extension.map((e) => e.line) : null;
  const lines = focused ?? all;
  const blocks: KnownBlock[] = [header(t(locale, 'journey.help.title'))];
  if (topic !== undefined && focused === null) blocks.push(context([t(locale, 'journey.help.unknownTopic', { topic: escapeText(topic) })]));
  blocks.push(section(lines.map((l) => `• ${l}`).join('\n')), section(t(locale, 'journey.help.periods', { help: periodList(locale), default: periodName(locale, DEFAULT_PERIOD) })));
  blocks.push(context([focused ? t(locale, 'journey.help.everything') : t(locale, 'journey.help.names')]));
  return finalizeMessage({ text: [t(locale, 'journey.help.title'), ...lines].join('\n'), blocks });
}

/** The periods to suggest, in the reader's words: `7d`, `30d`, … / `7日`、`30日`、… */
export function periodList(locale: Locale = 'en'): string {
  return locale === 'ja' ? PERIOD_HELP_JA.map((p) => `\`${p}\``).join('、') : PERIOD_HELP.map((p) => `\`${p}\``).join(', ');
}
