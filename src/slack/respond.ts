import type { RespondFn } from '@slack/bolt';
import { t, type Locale } from '../i18n/index.js';
import { context, type Message } from './kit/blocks.js';

/**
 * Sends an ephemeral reply through response_url. A chart uploaded a moment ago can make Slack
 * refuse the image block while it is still processing the file; Bolt's respond() then throws
 * (RespondError carries no Slack error code to check), so when the message has an image we try
 * once more without it, with a note, rather than losing the numbers. Other failures propagate.
 */
export async function respondEphemeral(respond: RespondFn, message: Message, locale: Locale, extra: { replace_original?: boolean } = {}): Promise<void> {
  try {
    await respond({ response_type: 'ephemeral', ...extra, ...message });
  } catch (err) {
    if (!message.blocks.some((b) => b.type === 'image')) throw err;
    const blocks = [...message.blocks.filter((b) => b.type !== 'image'), context([t(locale, 'platform.chart.unavailable')])];
    await respond({ response_type: 'ephemeral', ...extra, text: message.text, blocks });
  }
}
