import { WebClient, type RetryOptions, type WebClientOptions } from '@slack/web-api';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { silentLogger } from '../logger.js';
import { toSlackLogger } from './slackLogger.js';

export type RetryProfile = 'interactive' | 'background';

/**
 * Two retry profiles, because the Web API client's default (ten retries over ~30 minutes) would
 * leave a user staring at a spinner, and a 429 pauses the WHOLE client until Retry-After passes
 * (https://docs.slack.dev/apis/web-api/rate-limits): interactive and background work therefore use
 * separate clients, so a digest run that hits a rate limit never stalls someone's /journey reply.
 * The background client honours Retry-After on 429 (it waits that long before the retry).
 */
export const RETRY_PROFILES: Record<RetryProfile, { retryConfig: RetryOptions; timeout: number; rejectRateLimitedCalls: boolean }> = {
  // A user is waiting: two quick retries on 5xx/network errors, 5 s per attempt.
  interactive: { retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1_000, randomize: true }, timeout: 5_000, rejectRateLimitedCalls: false },
  // Jobs can wait: five retries backing off up to a minute, 15 s per attempt, Retry-After honoured.
  background: { retryConfig: { retries: 5, factor: 3, minTimeout: 1_000, maxTimeout: 60_000, randomize: true }, timeout: 15_000, rejectRateLimitedCalls: false },
};

export interface WebClientFactoryOptions {
  retries: RetryProfile;
  logger?: Logger;
  /** Overrides for tests (e.g. a zero-delay retry config); merged over the profile. */
  overrides?: Partial<WebClientOptions>;
}

/** Options Bolt needs to build its own per-request clients the same way (same base URL, interactive policy). */
export function webClientOptions(config: Pick<Config, 'SLACK_API_URL'>, options: WebClientFactoryOptions): WebClientOptions {
  const profile = RETRY_PROFILES[options.retries];
  return {
    // slackApiUrl must end with a slash: method names are appended to it.
    ...(config.SLACK_API_URL ? { slackApiUrl: withTrailingSlash(config.SLACK_API_URL) } : {}),
    retryConfig: profile.retryConfig,
    timeout: profile.timeout,
    rejectRateLimitedCalls: profile.rejectRateLimitedCalls,
    logger: toSlackLogger(options.logger ?? silentLogger, `slack-web-${options.retries}`),
    ...options.overrides,
  };
}

export function createWebClient(config: Pick<Config, 'SLACK_API_URL' | 'SLACK_BOT_TOKEN'>, options: WebClientFactoryOptions): WebClient {
  return new WebClient(config.SLACK_BOT_TOKEN, webClientOptions(config, options));
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
