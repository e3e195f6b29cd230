/**
 * Retrying work that lost its database connection: bounded, with exponential backoff (p-retry).
 * Only for work that is safe to run again, such as a batch that is one transaction.
 */
import pRetry from 'p-retry';
import { isUnavailable } from '../core/errors.ts';

export interface RetryPolicy {
  /** Attempts after the first. */
  retries: number;
  /** Wait before the first retry, in ms; each next wait doubles, up to maxTimeout. */
  minTimeout: number;
  maxTimeout: number;
}

/**
 * 0.25 + 0.5 + 1 + 2 + 4 + 5 s: a restart (a few seconds) is ridden out, a server that stays
 * away is reported after about 13 s rather than waited on forever.
 */
export const LOST_CONNECTION_RETRY: RetryPolicy = { retries: 6, minTimeout: 250, maxTimeout: 5000 };

/**
 * Runs `fn`, running it again while it fails with a lost connection; any other error, or the
 * last lost connection once the retries are spent, is thrown as it is.
 *
 * @example await retryOnLostConnection(() => database.bulkTransaction(writeBatch), { onRetry: (e, n) => log(n) });
 */
export function retryOnLostConnection<T>(
  fn: () => Promise<T>,
  options: { policy?: RetryPolicy; onRetry?: (error: Error, attempt: number) => void } = {},
): Promise<T> {
  const policy = options.policy ?? LOST_CONNECTION_RETRY;
  return pRetry(fn, {
    ...policy,
    factor: 2,
    shouldRetry: ({ error }) => isUnavailable(error),
    onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
      if (retriesLeft > 0 && isUnavailable(error)) options.onRetry?.(error, attemptNumber);
    },
  });
}
