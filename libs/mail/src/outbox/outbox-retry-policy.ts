/**
 * When a failed send is tried again. Pure, so the schedule can be tested without a clock.
 *
 * Exponential with factor 4 from the poll interval, capped at six hours: with the defaults (5 s, 8
 * attempts) the tries span about seven and a half hours, long enough to ride out an SMTP server's
 * outage of an afternoon, short enough that staff see a `failed` mail the same day.
 */
export const MAX_RETRY_DELAY_MS = 6 * 3600_000;

/** Delay before the next try, after `attempts` tries (1 after the first failure). */
export function retryDelayMs(attempts: number, baseMs: number): number {
  const exponent = Math.max(0, attempts - 1);
  return Math.min(MAX_RETRY_DELAY_MS, baseMs * 4 ** Math.min(exponent, 30));
}

export type AfterFailure = { status: 'failed' } | { status: 'pending'; retryInMs: number };

/** What a failed try leaves: pending with a delay, or failed once the attempts are used up. */
export function afterFailedAttempt(attempts: number, maxAttempts: number, baseMs: number): AfterFailure {
  return attempts >= maxAttempts ? { status: 'failed' } : { status: 'pending', retryInMs: retryDelayMs(attempts, baseMs) };
}

const MAX_ERROR_LENGTH = 500;

/**
 * The reason a send failed as staff may read it: the SMTP server's answer or the network error,
 * never a credential. nodemailer's errors can quote the connection URL (with its password) or an
 * AUTH exchange; those parts are blanked.
 */
export function describeSendError(error: unknown): string {
  const e = error as { message?: unknown; code?: unknown; responseCode?: unknown; response?: unknown };
  const answer = typeof e?.response === 'string' && e.response ? e.response : typeof e?.message === 'string' ? e.message : String(error);
  // The server's answer usually starts with its code already ("550 5.1.1 …"): say it once.
  const code = typeof e?.responseCode === 'number' && !answer.startsWith(String(e.responseCode)) ? String(e.responseCode) : undefined;
  const parts = [typeof e?.code === 'string' ? e.code : undefined, code, answer].filter(Boolean);
  const text = parts
    .join(' ')
    // user:password@ in any URL
    .replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, '$1***@')
    // AUTH PLAIN/LOGIN payloads
    .replace(/\b(AUTH\s+(?:PLAIN|LOGIN|CRAM-MD5|XOAUTH2))\s+\S+/gi, '$1 ***')
    .replace(/[\r\n]+/g, ' ')
    .trim();
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}
