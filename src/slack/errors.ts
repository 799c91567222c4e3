import { ErrorCode } from '@slack/web-api';
import { DeliveryError } from '../jobs/notifier.js';

/**
 * The one reading of Web API errors: what Slack said (its error code), whether retrying can help,
 * and how long Slack asked us to wait. Everything that reports, retries or falls back asks here.
 */

/**
 * Platform errors that go away by themselves; every other one (channel gone or archived, bot not in
 * it, token or scopes wrong, message refused) will fail the same way next time.
 * (https://docs.slack.dev/reference/methods/chat.postMessage#errors)
 */
const RETRYABLE_PLATFORM_ERRORS = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'team_added_to_org']);

/** Errors that mean the bot cannot post in that channel (invite it, or pick another channel). */
const CHANNEL_ACCESS_ERRORS = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);

interface SlackErrorShape {
  code?: unknown;
  data?: { error?: unknown; errors?: unknown };
  retryAfter?: unknown;
  statusCode?: unknown;
  message?: unknown;
}

function shape(err: unknown): SlackErrorShape {
  return typeof err === 'object' && err !== null ? (err) : {};
}

/** Slack's error code ("ratelimited", "invalid_blocks", "not_in_channel"), else the client's own code, else "unknown_error". */
export function slackErrorCode(err: unknown): string {
  const e = shape(err);
  if (typeof e.data?.error === 'string') return e.data.error;
  if (typeof e.code === 'string') return e.code;
  return 'unknown_error';
}

/** The platform error name when Slack answered ok: false, else null. */
export function platformErrorName(err: unknown): string | null {
  const e = shape(err);
  return e.code === ErrorCode.PlatformError && typeof e.data?.error === 'string' ? e.data.error : null;
}

export function isChannelAccessError(err: unknown): boolean {
  return CHANNEL_ACCESS_ERRORS.has(slackErrorCode(err));
}

/** A 429 and how long Slack asked to wait, or null. */
export function isRateLimited(err: unknown): { retryAfterMs: number } | null {
  const e = shape(err);
  if (e.code !== ErrorCode.RateLimitedError) return null;
  const seconds = typeof e.retryAfter === 'number' ? e.retryAfter : 60;
  return { retryAfterMs: seconds * 1000 };
}

/** True for Slack's invalid_blocks error that points at an image (e.g. a slack_file not processed yet). */
export function isImageBlockError(err: unknown): boolean {
  const e = shape(err);
  if (e.data?.error !== 'invalid_blocks') return false;
  const details = JSON.stringify(e.data.errors ?? '');
  return /slack_file|image_url|downloading image/i.test(details) || details === '""';
}

/** A Web API failure as the jobs need it: permanent, or retryable (with Retry-After when Slack gave one). */
export function toDeliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const e = shape(err);
  const limited = isRateLimited(err);
  if (limited) return new DeliveryError('ratelimited', false, limited.retryAfterMs);
  switch (e.code) {
    case ErrorCode.PlatformError: {
      const name = platformErrorName(err) ?? 'unknown_error';
      return new DeliveryError(name, !RETRYABLE_PLATFORM_ERRORS.has(name));
    }
    case ErrorCode.HTTPError:
      return new DeliveryError(`HTTP ${typeof e.statusCode === 'number' ? e.statusCode : '?'} from Slack`, false);
    case ErrorCode.RequestError:
      return new DeliveryError('Slack unreachable or timed out', false);
    default:
      return new DeliveryError(typeof e.message === 'string' ? e.message : String(err), false);
  }
}
