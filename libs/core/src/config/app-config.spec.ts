import { ConfigError, loadConfig } from './app-config.js';

const valid = {
  DATABASE_URL: 'postgres://u@127.0.0.1:5432/db',
  REDIS_URL: 'redis://127.0.0.1:6379',
  SESSION_SECRET: 's'.repeat(32),
  EMPLOYER_HMAC_KEY: 'k'.repeat(32),
};

describe('loadConfig', () => {
  it('reads a valid environment with defaults', () => {
    const config = loadConfig(valid);
    expect(config).toMatchObject({ port: 3000, nodeEnv: 'production', sessionTtlHours: 12, publicUrl: 'http://localhost:3000', queuePrefix: 'hks' });
  });

  it.each([
    [{ DATABASE_URL: undefined }, /^Configuration error: DATABASE_URL is required/],
    [{ DATABASE_URL: 'mysql://x' }, /^Configuration error: DATABASE_URL must start with postgres:/],
    [{ REDIS_URL: 'not a url' }, /^Configuration error: REDIS_URL is not a valid URL/],
    [{ PORT: 'eighty' }, /^Configuration error: PORT must be a whole number/],
    [{ SESSION_SECRET: 'short' }, /^Configuration error: SESSION_SECRET must be at least 32/],
    [{ EMPLOYER_HMAC_KEY: '' }, /^Configuration error: EMPLOYER_HMAC_KEY is required/],
    [{ PUPPETEER_EXECUTABLE_PATH: '/nowhere/chromium' }, /^Configuration error: PUPPETEER_EXECUTABLE_PATH names no file/],
    [{ LOG_LEVEL: 'loud' }, /^Configuration error: LOG_LEVEL must be one of/],
    [{ SMTP_URL: 'http://mail.example.jp' }, /^Configuration error: SMTP_URL must start with smtp: or smtps:/],
    [{ SMTP_URL: 'smtp//nohost' }, /^Configuration error: SMTP_URL is not a valid URL/],
    [{ MAIL_FROM: 'noreply' }, /^Configuration error: MAIL_FROM must be an address/],
    [{ MAIL_FROM: 'a@b.jp\r\nBcc: x@y.jp' }, /^Configuration error: MAIL_FROM must be an address/],
    [{ MAIL_POLL_MS: '10' }, /^Configuration error: MAIL_POLL_MS must be a whole number from 50/],
    [{ MAIL_MAX_ATTEMPTS: '0' }, /^Configuration error: MAIL_MAX_ATTEMPTS must be a whole number from 1/],
  ])('stops with one line naming the variable: %o', (override, message) => {
    expect(() => loadConfig({ ...valid, ...override })).toThrow(ConfigError);
    expect(() => loadConfig({ ...valid, ...override })).toThrow(message);
  });

  it('reads the outbox settings: no SMTP_URL means mails are held, not sent', () => {
    expect(loadConfig(valid).mail).toEqual({ smtpUrl: null, from: '"女性のキャリアの保健室" <noreply@hokenshitsu.local>', pollMs: 5000, maxAttempts: 8 });
    const set = loadConfig({ ...valid, SMTP_URL: 'smtps://user:pw@mail.example.jp:465', MAIL_FROM: 'noreply@city.example.jp', MAIL_POLL_MS: '200', MAIL_MAX_ATTEMPTS: '3' });
    expect(set.mail).toEqual({ smtpUrl: 'smtps://user:pw@mail.example.jp:465', from: 'noreply@city.example.jp', pollMs: 200, maxAttempts: 3 });
    expect(loadConfig({ ...valid, SMTP_URL: '  ' }).mail.smtpUrl).toBeNull();
  });

  it('never puts the SMTP password in its message', () => {
    expect(() => loadConfig({ ...valid, SMTP_URL: 'ftp://user:hunter2-secret@mail' })).toThrow(ConfigError);
    try {
      loadConfig({ ...valid, SMTP_URL: 'ftp://user:hunter2-secret@mail' });
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2');
    }
  });

  it('never puts a secret value in its message', () => {
    try {
      loadConfig({ ...valid, SESSION_SECRET: 'tiny-secret' });
    } catch (error) {
      expect((error as Error).message).not.toContain('tiny-secret');
    }
  });
});
