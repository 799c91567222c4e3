import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../app.js';
import type { Locale } from '../../../i18n/index.js';
import type { Message } from '../../blocks/kit.js';
import { respondEphemeral } from '../send.js';
import { viewerFor, type Viewer } from '../viewer.js';

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

/** The channel the pressed message lives in (none for App Home and modals). */
export function actionChannel(body: BlockAction): string | undefined {
  return body.channel?.id ?? (body.container as { channel_id?: string } | undefined)?.channel_id;
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
