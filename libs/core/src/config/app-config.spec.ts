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
  ])('stops with one line naming the variable: %o', (override, message) => {
    expect(() => loadConfig({ ...valid, ...override })).toThrow(ConfigError);
    expect(() => loadConfig({ ...valid, ...override })).toThrow(message);
  });

  it('never puts a secret value in its message', () => {
    try {
      loadConfig({ ...valid, SESSION_SECRET: 'tiny-secret' });
    } catch (error) {
      expect((error as Error).message).not.toContain('tiny-secret');
    }
  });
});
