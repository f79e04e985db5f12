// When to try an STS call again (SPEC §2 transport): network errors, HTTP 5xx, Throttling and
// IDPCommunicationError, up to a few attempts with full-jitter exponential backoff.
import { NetworkError, StsServiceError, UnexpectedResponseError } from '../errors.js';

export const DEFAULT_MAX_ATTEMPTS = 3;
export const BACKOFF_BASE_MS = 150;
export const BACKOFF_CAP_MS = 2000;

/** Codes worth another attempt (SPEC §2 transport), besides any HTTP 5xx. */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set(['Throttling', 'ThrottlingException', 'RequestThrottled', 'IDPCommunicationError']);

/** Network failures another attempt may fix, 5xx answers, and the codes STS asks to retry. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof NetworkError) return error.retryable;
  if (error instanceof StsServiceError) return error.httpStatus >= 500 || RETRYABLE_CODES.has(error.serviceCode);
  if (error instanceof UnexpectedResponseError) return (error.httpStatus ?? 0) >= 500;
  return false;
}

/** Delay before attempt `attempt + 1` (attempt counts from 1): random in [0, base·2^(attempt-1)], capped. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1)));
}

export interface RetryOptions {
  maxAttempts: number;
  sleep: (ms: number) => Promise<void>;
  random?: () => number;
  onRetry?: (attempt: number, error: unknown, delayMs: number) => void;
}

/** Runs `attempt` until it succeeds, fails for good, or runs out of attempts; throws the last error. */
export async function withRetries<T>(run: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run(attempt);
    } catch (error) {
      if (attempt >= options.maxAttempts || !isRetryable(error)) throw error;
      const delay = backoffMs(attempt, options.random);
      options.onRetry?.(attempt, error, delay);
      await options.sleep(delay);
    }
  }
}
