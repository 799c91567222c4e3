import { errorCause, isRetryableTransactionError, type ErrorCause } from '../errorCause.js';

export interface RetryInfo {
  /** 1 for the first retry. */
  attempt: number;
  delayMs: number;
  cause: ErrorCause;
}

export interface RetryOptions {
  /** Retries after the first attempt; default 3. */
  retries?: number;
  /** First backoff; doubles per retry, plus up to as much again of random jitter. Default 25 ms. */
  baseDelayMs?: number;
  onRetry?: (info: RetryInfo) => void;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface RetryOutcome<T> {
  value: T;
  /** Why each earlier attempt was rolled back (empty when the first one succeeded). */
  retried: ErrorCause[];
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` — one whole transaction (or one autocommit statement) — again when Postgres rolled
 * it back for a deadlock (40P01) or a serialization failure (40001): the database has undone
 * everything, so running it again is safe, and usually succeeds once the other transaction is
 * done. The jitter keeps two victims from colliding again in lockstep. Any other error, or the
 * last retryable one, is thrown unchanged. Never call it inside a transaction: after such an
 * error the enclosing transaction is aborted and only its owner can retry it.
 */
export async function withTransactionRetry<T>(work: () => Promise<T>, options: RetryOptions = {}): Promise<RetryOutcome<T>> {
  const retries = options.retries ?? 3;
  const base = options.baseDelayMs ?? 25;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const retried: ErrorCause[] = [];
  for (let attempt = 0; ; attempt++) {
    try {
      return { value: await work(), retried };
    } catch (err) {
      if (attempt >= retries || !isRetryableTransactionError(err)) throw err;
      const cause = errorCause(err);
      retried.push(cause);
      const step = base * 2 ** attempt;
      const delayMs = Math.round(step + random() * step);
      options.onRetry?.({ attempt: attempt + 1, delayMs, cause });
      await sleep(delayMs);
    }
  }
}
