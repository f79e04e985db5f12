// When to try an STS call again (SPEC §2 transport): network errors, HTTP 5xx, Throttling and
// IDPCommunicationError, up to a few attempts with full-jitter exponential backoff.
import { NetworkError, StsServiceError, UnexpectedResponseError } from '../errors.js';
import { formatDuration } from './networkError.js';

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

/** One failed attempt that will be tried again, as it happens (issue 8: no more waiting in silence). */
export interface RetryEvent {
  /** The attempt that failed, counted from 1. */
  attempt: number;
  /** How many attempts there are in all. */
  of: number;
  /** Why it failed, a short phrase: `no answer within 2 s`, `ServiceUnavailable (HTTP 503)`. */
  reason: string;
  /** How long the client waits before the next attempt. */
  waitMs: number;
}

// A retry line quotes at most this much of a server's message.
const MAX_REASON_MESSAGE = 120;

/** Why `error` failed an attempt, as a short phrase (already free of control characters). */
export function retryReason(error: unknown): string {
  if (error instanceof NetworkError) return error.reason;
  if (error instanceof StsServiceError) {
    const said = error.serviceMessage.length > MAX_REASON_MESSAGE ? `${error.serviceMessage.slice(0, MAX_REASON_MESSAGE)}...` : error.serviceMessage;
    return `${error.serviceCode}${said ? `: ${said}` : ''} (HTTP ${error.httpStatus})`;
  }
  if (error instanceof UnexpectedResponseError && error.httpStatus !== undefined) return `HTTP ${error.httpStatus}, not an STS answer`;
  return error instanceof Error ? error.message : String(error);
}

/** The line a person reads: `attempt 1 of 3 failed (no answer within 2 s); trying again in 0.2 s`. */
export function describeRetry(event: RetryEvent): string {
  return `attempt ${event.attempt} of ${event.of} failed (${event.reason}); trying again in ${formatDuration(event.waitMs)}`;
}

export interface RetryOptions {
  maxAttempts: number;
  sleep: (ms: number) => Promise<void>;
  random?: () => number;
  onRetry?: (event: RetryEvent, error: unknown) => void;
  /** The error to throw when attempts end, given the last one and how many were made. Default: the last error. */
  finalError?: (last: unknown, attempts: number) => unknown;
}

/** Runs `attempt` until it succeeds, fails for good, or runs out of attempts; throws the last error. */
export async function withRetries<T>(run: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run(attempt);
    } catch (error) {
      if (attempt >= options.maxAttempts || !isRetryable(error)) throw options.finalError ? options.finalError(error, attempt) : error;
      const waitMs = backoffMs(attempt, options.random);
      options.onRetry?.({ attempt, of: options.maxAttempts, reason: retryReason(error), waitMs }, error);
      await options.sleep(waitMs);
    }
  }
}
