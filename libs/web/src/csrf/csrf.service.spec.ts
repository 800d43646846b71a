import type { AppConfig } from '@hokenshitsu/core';
import { CsrfService } from './csrf.service.js';

const service = (secret = 'a'.repeat(32)) => new CsrfService({ sessionSecret: secret } as AppConfig);

describe('CsrfService', () => {
  it('accepts the token made from the same cookie secret', () => {
    const csrf = service();
    const secret = csrf.newSecret();
    expect(csrf.isSecret(secret)).toBe(true);
    expect(csrf.verify(secret, csrf.tokenFor(secret))).toBe(true);
  });

  it('refuses a token for another secret, a tampered token, and missing parts', () => {
    const csrf = service();
    const secret = csrf.newSecret();
    const token = csrf.tokenFor(secret);
    expect(csrf.verify(csrf.newSecret(), token)).toBe(false);
    expect(csrf.verify(secret, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBe(false);
    expect(csrf.verify(secret, token.slice(1))).toBe(false);
    expect(csrf.verify(undefined, token)).toBe(false);
    expect(csrf.verify(secret, undefined)).toBe(false);
    expect(csrf.verify(secret, [token])).toBe(false);
    expect(csrf.verify('short', csrf.tokenFor('short'))).toBe(false);
  });

  it('depends on the server secret: a cookie planted elsewhere cannot be paired with a token', () => {
    const secret = service().newSecret();
    expect(service('b'.repeat(32)).verify(secret, service('a'.repeat(32)).tokenFor(secret))).toBe(false);
  });
});
