import { describe, expect, it } from 'vitest';
import { NetworkError, StsServiceError, UnexpectedResponseError } from '../../src/errors.js';
import { backoffMs, BACKOFF_BASE_MS, BACKOFF_CAP_MS, isRetryable, withRetries } from '../../src/sts/retry.js';

describe('retry policy', () => {
  it.each([
    [new NetworkError('down'), true],
    [new NetworkError('bad cert', { retryable: false }), false],
    [new StsServiceError('ServiceUnavailable', '', 503), true],
    [new StsServiceError('InternalFailure', '', 500), true],
    [new StsServiceError('Throttling', 'Rate exceeded', 400), true],
    [new StsServiceError('IDPCommunicationError', '', 400), true],
    [new StsServiceError('AccessDenied', '', 403), false],
    [new StsServiceError('ExpiredToken', '', 400), false],
    [new UnexpectedResponseError('html', { httpStatus: 502 }), true],
    [new UnexpectedResponseError('html', { httpStatus: 404 }), false],
    [new UnexpectedResponseError('odd'), false],
    [new Error('bug'), false],
  ])('%s → %s', (error, retry) => {
    expect(isRetryable(error)).toBe(retry);
  });

  it('full jitter, doubling, capped', () => {
    expect(backoffMs(1, () => 0)).toBe(0);
    expect(backoffMs(1, () => 0.999)).toBeLessThan(BACKOFF_BASE_MS);
    expect(backoffMs(2, () => 0.999)).toBeGreaterThanOrEqual(BACKOFF_BASE_MS);
    expect(backoffMs(30, () => 0.999)).toBeLessThan(BACKOFF_CAP_MS);
  });

  it('stops at maxAttempts and throws the last error', async () => {
    let calls = 0;
    const sleeps: number[] = [];
    await expect(
      withRetries(
        async (attempt) => {
          calls++;
          throw new StsServiceError('ServiceUnavailable', `attempt ${attempt}`, 503);
        },
        { maxAttempts: 3, sleep: async (ms) => void sleeps.push(ms), random: () => 1 },
      ),
    ).rejects.toMatchObject({ serviceMessage: 'attempt 3' });
    expect(calls).toBe(3);
    expect(sleeps).toEqual([BACKOFF_BASE_MS, BACKOFF_BASE_MS * 2]);
  });
});
