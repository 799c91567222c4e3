import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from './app.js';
import type { Locale } from '../i18n/index.js';
import type { Message } from './kit/blocks.js';
import { respondEphemeral } from './respond.js';
import { viewerFor, viewerWithin, type Viewer } from './viewer.js';

export type BlockActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** The value a button carries, or the selected option's value for a select. */
export function actionValue(args: BlockActionArgs): string | undefined {
  const action = args.action as { value?: unknown; selected_option?: { value?: unknown } | null };
  if (typeof action.value === 'string') return action.value;
  const selected = action.selected_option?.value;
  return typeof selected === 'string' ? selected : undefined;
}

export async function actionViewer(deps: SlackDeps, body: BlockAction): Promise<Viewer> {
  return viewerFor(deps, body.user.id, body.team?.id ?? body.user.team_id);
}

/** The viewer for a button that opens a modal: trigger_id expires 3 s after the click, so users.info is capped. */
export async function modalOpenerViewer(deps: SlackDeps, body: BlockAction): Promise<Viewer> {
  return (await viewerWithin(deps, body.user.id, body.team?.id ?? body.user.team_id)).viewer;
}

/** The channel the pressed message lives in (none for App Home and modals). */
export function actionChannel(body: BlockAction): string | undefined {
  return body.channel?.id ?? (body.container as { channel_id?: string } | undefined)?.channel_id;
}

/**
 * Replaces the message the button was pressed in. Ephemeral messages (our /journey replies) can
 * only be changed through response_url with replace_original; a message posted in a channel is
 * updated with chat.update, falling back to response_url if that fails (e.g. the bot left).
 * https://docs.slack.dev/interactivity/handling-user-interaction#updating_message
 */
export async function updateOriginal(args: BlockActionArgs, deps: Pick<SlackDeps, 'logger'>, message: Message, locale: Locale): Promise<void> {
  const container = args.body.container as { is_ephemeral?: unknown; message_ts?: unknown } | undefined;
  const channel = actionChannel(args.body);
  const ts = typeof container?.message_ts === 'string' ? container.message_ts : undefined;
  if (container?.is_ephemeral === false && channel && ts) {
    try {
      await args.client.chat.update({ channel, ts, text: message.text, blocks: message.blocks });
      return;
    } catch (err) {
      deps.logger.warn('chat.update failed for a pressed button; replacing through response_url', { channel, err });
    }
  }
  await reply(args, message, 'replace', locale);
}

/**
 * Answers in the message's thread of ephemeral replies: replaces the pressed message (period
 * switch, re-render) or adds a new ephemeral message. Buttons in App Home have no response_url;
 * their handlers update the home tab instead.
 */
export async function reply(args: BlockActionArgs, message: Message, mode: 'replace' | 'new', locale: Locale = 'en'): Promise<void> {
  if (!args.body.response_url) return;
  await respondEphemeral(args.respond, message, locale, { replace_original: mode === 'replace' });
}
