import { formatDateTime, type Locale } from '../../i18n/index.js';

/**
 * Instants in channel messages. A channel is read by people in many timezones, so times are sent
 * as Slack's date token, which each reader's client renders in their own timezone and format:
 * `<!date^UNIX_SECONDS^{date_short_pretty} {time}|FALLBACK>`
 * (https://docs.slack.dev/messaging/formatting-message-text#date-formatting).
 * The fallback (shown where tokens do not render: notifications, the top-level `text`, old clients)
 * is the time in UTC, labelled as such.
 */
export interface SlackDateText {
  /** For mrkdwn (blocks, and a `text` that is the whole message). */
  mrkdwn: string;
  /** For places that show text as is: the message's notification `text` beside blocks. */
  plain: string;
}

const TOKEN_FORMAT = '{date_short_pretty} {time}';

export function slackDate(locale: Locale, date: Date): SlackDateText {
  // Newer ICU puts narrow no-break spaces before AM/PM; plain spaces read the same and match everywhere.
  const plain = `${formatDateTime(locale, date, 'UTC').replace(/[\u00a0\u202f]/g, ' ')} UTC`;
  const seconds = Math.floor(date.getTime() / 1000);
  return { mrkdwn: `<!date^${seconds}^${TOKEN_FORMAT}|${tokenSafe(plain)}>`, plain };
}

/**
 * The fallback sits inside `<…|…>`: `|` and `>` would end it early, and `&`/`<` must be entities like
 * anywhere in mrkdwn (https://docs.slack.dev/messaging/formatting-message-text#escaping).
 */
function tokenSafe(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '/');
}
