import { Inject, Injectable } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '@hokenshitsu/core';

export const CSRF_COOKIE = 'hks_csrf';
export const CSRF_FIELD = '_csrf';

/**
 * Form tokens against cross-site request forgery: the browser holds a random secret in an httpOnly
 * SameSite=Lax cookie, each form carries HMAC(key, secret). A forged form cannot read the cookie,
 * and someone who can plant a cookie (a sibling subdomain) still cannot compute the token without
 * the server's key. Stateless, so any api process checks any token.
 */
@Injectable()
export class CsrfService {
  /** A key of its own, derived from SESSION_SECRET, so one secret never serves two purposes raw. */
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = createHmac('sha256', config.sessionSecret).update('hokenshitsu csrf v1').digest();
  }

  newSecret(): string {
    return randomBytes(32).toString('base64url');
  }

  isSecret(value: string | undefined): value is string {
    return typeof value === 'string' && /^[\w-]{43}$/.test(value);
  }

  tokenFor(secret: string): string {
    return createHmac('sha256', this.key).update(secret).digest('base64url');
  }

  verify(secret: string | undefined, token: unknown): boolean {
    if (!this.isSecret(secret) || typeof token !== 'string') return false;
    const expected = Buffer.from(this.tokenFor(secret));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
