import type { WebClient } from '@slack/web-api';
import type { Logger } from '../logger.js';
import { platformErrorName } from './errors.js';

/**
 * Private channels (and public ones without chat:write.public) need the bot as a member:
 * conversations.info answers channel_not_found or is_member = false then. If Slack cannot tell
 * (missing scope, outage), we go ahead: the first send will record the error if there is one.
 */
export async function botCanPost(client: WebClient, channel: string, logger: Logger): Promise<boolean> {
  try {
    const res = await client.conversations.info({ channel });
    if (res.channel?.is_archived) return false;
    return res.channel?.is_member !== false || res.channel.is_im === true;
  } catch (err) {
    const name = platformErrorName(err);
    if (name === 'channel_not_found' || name === 'not_in_channel') return false;
    logger.info('conversations.info failed; subscribing anyway', { channel, error: name ?? String(err) });
    return true;
  }
}
