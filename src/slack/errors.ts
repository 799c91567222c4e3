import { ErrorCode } from '@slack/web-api';
import { DeliveryError } from '../jobs/notifier.js';

/**
 * Slack errors that will not go away by retrying the same call: the channel is gone or archived,
 * the bot is not in it, the token or scopes are wrong, or the message itself is refused.
 * (https://docs.slack.dev/reference/methods/chat.postMessage#errors)
 */
const RETRYABLE_PLATFORM_ERRORS = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'team_added_to_org']);

interface SlackErrorShape {
  code?: string;
  data?: { error?: string };
  retryAfter?: number;
  statusCode?: number;
  message?: string;
}

/** Turns a @slack/web-api error into a DeliveryError: permanent, or retryable (with Retry-After when Slack gave one). */
export function toDeliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as SlackErrorShape;
  switch (e.code) {
    case ErrorCode.PlatformError: {
      const name = e.data?.error ?? 'unknown_error';
      return new DeliveryError(name, !RETRYABLE_PLATFORM_ERRORS.has(name));
    }
    case ErrorCode.RateLimitedError:
      return new DeliveryError('ratelimited', false, (e.retryAfter ?? 60) * 1000);
    case ErrorCode.HTTPError:
      return new DeliveryError(`HTTP ${e.statusCode ?? '?'} from Slack`, false);
    case ErrorCode.RequestError:
      return new DeliveryError('Slack unreachable or timed out', false);
    default:
      return new DeliveryError(e.message ?? String(err), false);
  }
}

export function platformErrorName(err: unknown): string | null {
  const e = (typeof err === 'object' && err !== null ? err : {}) as SlackErrorShape;
  return e.code === ErrorCode.PlatformError ? (e.data?.error ?? null) : null;
}
