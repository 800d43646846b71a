import { afterFailedAttempt, describeSendError, MAX_RETRY_DELAY_MS, retryDelayMs } from './outbox-retry-policy.js';

describe('when a failed mail is tried again', () => {
  it('waits four times longer after each failure, from the poll interval, up to six hours', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, 5000))).toEqual([5000, 20_000, 80_000, 320_000, 1_280_000]);
    expect(retryDelayMs(8, 5000)).toBe(MAX_RETRY_DELAY_MS);
    expect(retryDelayMs(1000, 5000)).toBe(MAX_RETRY_DELAY_MS);
    expect(retryDelayMs(0, 200)).toBe(200);
  });

  it('with the defaults (8 attempts, 5 s) keeps trying for hours, not minutes', () => {
    let total = 0;
    for (let attempts = 1; attempts < 8; attempts++) {
      const next = afterFailedAttempt(attempts, 8, 5000);
      if (next.status !== 'pending') throw new Error(`gave up after ${attempts}`);
      total += next.retryInMs;
    }
    expect(total).toBeGreaterThan(6 * 3600_000);
  });

  it('gives up (failed, kept for staff) after the last attempt, never before', () => {
    expect(afterFailedAttempt(7, 8, 1000)).toEqual({ status: 'pending', retryInMs: 1000 * 4 ** 6 });
    expect(afterFailedAttempt(8, 8, 1000)).toEqual({ status: 'failed' });
    expect(afterFailedAttempt(9, 8, 1000)).toEqual({ status: 'failed' });
    expect(afterFailedAttempt(1, 1, 1000)).toEqual({ status: 'failed' });
  });
});

describe('the reason staff read for a failed send', () => {
  it("keeps the SMTP server's answer", () => {
    const error = Object.assign(new Error("Can't send mail - all recipients were rejected: 550 mailbox unavailable"), { code: 'EENVELOPE', responseCode: 550, response: '550 mailbox unavailable' });
    expect(describeSendError(error)).toBe('EENVELOPE 550 mailbox unavailable');
  });

  it('never shows a password from a URL or an AUTH exchange', () => {
    const text = describeSendError(new Error('connect to smtps://city:s3cret-pass@mail.example.jp:465 failed after AUTH PLAIN AGNpdHkAczNjcmV0\r\nbye'));
    expect(text).not.toContain('s3cret');
    expect(text).not.toContain('AGNpdHkAczNjcmV0');
    expect(text).toBe('connect to smtps://***@mail.example.jp:465 failed after AUTH PLAIN *** bye');
  });

  it('is one line of at most 500 characters, whatever was thrown', () => {
    expect(describeSendError(new Error('x'.repeat(2000)))).toHaveLength(500);
    expect(describeSendError('plain string')).toBe('plain string');
    expect(describeSendError(Object.assign(new Error('Greeting never received'), { code: 'ETIMEDOUT', responseCode: 421 }))).toBe('ETIMEDOUT 421 Greeting never received');
    expect(describeSendError(undefined)).toBe('undefined');
  });
});
