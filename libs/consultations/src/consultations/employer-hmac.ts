import { Inject, Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '@hokenshitsu/core';

/**
 * 「株式会社Ａ」 and 「株式会社A 」 name the same employer: NFKC folds full-width letters, digits and
 * spaces, then whitespace is trimmed and collapsed and letters lower-cased. Empty means none.
 */
export function normaliseEmployerKey(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const key = raw.normalize('NFKC').trim().replace(/\s+/gu, ' ').toLowerCase();
  return key === '' ? null : key;
}

/** Hex HMAC-SHA256 of the normalised key; null when there is no employer. */
export function employerHmacOf(secret: string, raw: string | null | undefined): string | null {
  const key = normaliseEmployerKey(raw);
  return key === null ? null : createHmac('sha256', secret).update(key, 'utf8').digest('hex');
}

/**
 * The employer key is kept only as a keyed hash: the digests can count clients per employer without
 * the table (or a leaked export) naming any employer. The secret is EMPLOYER_HMAC_KEY.
 */
@Injectable()
export class EmployerHmac {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  of(employerKey: string | null | undefined): string | null {
    return employerHmacOf(this.config.employerHmacKey, employerKey);
  }
}
