import type { AllMiddlewareArgs, BlockAction, RespondFn, SlackActionMiddlewareArgs } from '@slack/bolt';
import { t, type Locale } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import { sendWithChartFallback } from './charts.js';
import { context, type Message } from './kit/blocks.js';

/** How Slack's interactive payloads are read and answered: one place for every listener. */

export type BlockActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** The value a button carries, or the selected option's value for a select. */
export function actionValue(args: BlockActionArgs): string | undefined {
  const action = args.action as { value?: unknown; selected_option?: { value?: unknown } | null };
  if (typeof action.value === 'string') return action.value;
  const selected = action.selected_option?.value;
  return typeof selected === 'string' ? selected : undefined;
}

/** The channel the pressed message lives in (none for App Home and modals). */
export function actionChannel(body: BlockAction): string | undefined {
  return body.channel?.id ?? (body.container as { channel_id?: string } | undefined)?.channel_id;
}

export function actionTeam(body: BlockAction): string | undefined {
  return body.team?.id ?? body.user.team_id;
}

/**
 * An ephemeral reply through response_url. A chart uploaded a moment ago can make Slack refuse the
 * image block while it is still processing the file; Bolt's respond() then throws (RespondError
 * carries no Slack error code to check), so a message with an image is tried once more without it.
 */
export async function respondEphemeral(respond: RespondFn, message: Message, locale: Locale, extra: { replace_original?: boolean } = {}): Promise<void> {
  await sendWithChartFallback(message, (m) => respond({ response_type: 'ephemeral', ...extra, ...m }), {
    note: context([t(locale, 'platform.chart.unavailable')]),
    imageRefused: () => true,
  });
}

/**
 * Answers among the user's ephemeral replies: replaces the pressed message (period switch,
 * re-render) or adds a new one. Buttons in App Home have no response_url; their listeners update
 * the home tab instead.
 */
export async function reply(args: BlockActionArgs, message: Message, mode: 'replace' | 'new', locale: Locale = 'en'): Promise<void> {
  if (!args.body.response_url) return;
  await respondEphemeral(args.respond, message, locale, { replace_original: mode === 'replace' });
}

/**
 * Replaces the message the button was pressed in. Ephemeral messages (our /journey replies) can
 * only be changed through response_url with replace_original; a message posted in a channel is
 * updated with chat.update, falling back to response_url if that fails (e.g. the bot left).
 * https://docs.slack.dev/interactivity/handling-user-interaction#updating_message
 */
export async function updateOriginal(args: BlockActionArgs, logger: Logger, message: Message, locale: Locale): Promise<void> {
  const container = args.body.container as { is_ephemeral?: unknown; message_ts?: unknown } | undefined;
  const channel = actionChannel(args.body);
  const ts = typeof container?.message_ts === 'string' ? container.message_ts : undefined;
  if (container?.is_ephemeral === false && channel && ts) {
    try {
      await args.client.chat.update({ channel, ts, text: message.text, blocks: message.blocks });
      return;
    } catch (err) {
      logger.warn('chat.update failed for a pressed button; replacing through response_url', { channel, err });
    }
  }
  await reply(args, message, 'replace', locale);
}

/**
 * A short ephemeral text through a response_url outside any listener (the app's error handler,
 * the busy notice), where Bolt's respond() is not at hand. Bounded, so a slow Slack cannot hold it.
 */
export async function postEphemeralText(responseUrl: string, text: string): Promise<void> {
  await fetch(responseUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text }),
    signal: AbortSignal.timeout(5_000),
  });
}
