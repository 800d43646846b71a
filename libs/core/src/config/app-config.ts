import { existsSync } from 'node:fs';

/**
 * Every setting the processes read, validated once at start-up. Other code receives this object by
 * injection (token AppConfig) and never reads process.env itself.
 */
export interface AppConfig {
  nodeEnv: 'production' | 'development' | 'test';
  port: number;
  databaseUrl: string;
  redisUrl: string;
  sessionSecret: string;
  employerHmacKey: string;
  puppeteerExecutablePath: string;
  /** Public base URL: decides the Secure cookie flag and the OpenAPI server entry. */
  publicUrl: string;
  sessionTtlHours: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** BullMQ key prefix: lets several portals (or test runs) share one Redis. */
  queuePrefix: string;
  jobAttempts: number;
  jobBackoffMs: number;
  loginMaxFailuresPerAccount: number;
  loginMaxFailuresPerAddress: number;
  loginLockMinutes: number;
  /** Largest consultation CSV upload in bytes (413 beyond); counted while streaming, not only from Content-Length. */
  importMaxBytes: number;
  /** PDF feedback reports: how the worker renders them (see libs/reports). */
  reports: ReportsConfig;
  /** The email outbox (see libs/mail): how the worker sends what services queue. */
  mail: MailConfig;
}

export interface MailConfig {
  /** smtp:// or smtps:// (credentials in the URL); null: nothing is sent, mails wait as `held` on the staff's outbox page. */
  smtpUrl: string | null;
  /** The From header of every mail. */
  from: string;
  /** How often the worker looks for due mails (ms); the api also pokes it after a commit. */
  pollMs: number;
  /** Failed sends before a mail is marked `failed` (staff can retry it). */
  maxAttempts: number;
}

export interface ReportsConfig {
  /** Reports one worker renders at once (pages in its Chromium's pool). */
  concurrency: number;
  /** Renders after which the worker's Chromium is closed and a fresh one launched. */
  browserMaxRenders: number;
  /** Resident memory (MiB) of the Chromium process tree beyond which it is recycled. */
  browserMaxMemoryMb: number;
  /** One render's limit (ms): past it the page is closed and the attempt fails. */
  renderTimeoutMs: number;
  /** Publishing a release queues every publishable scope's report in both languages. */
  prerenderOnPublish: boolean;
}

/** A configuration mistake: the process prints this one line and stops. */
export class ConfigError extends Error {
  constructor(readonly variable: string, problem: string) {
    super(`Configuration error: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function required(env: Env, name: string): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') throw new ConfigError(name, 'is required but not set');
  return value.trim();
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return Number(raw);
}

function url(env: Env, name: string, protocols: string[], fallback?: string): string {
  const value = env[name]?.trim() || fallback;
  if (!value) throw new ConfigError(name, 'is required but not set');
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(name, `is not a valid URL (expected ${protocols.join(' or ')}//...)`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.join(' or ')}// (got ${parsed.protocol}//)`);
  }
  return value;
}

/** Optional URL: unset or blank is null; a set value must parse and use one of the protocols. */
function optionalUrl(env: Env, name: string, protocols: string[]): string | null {
  return env[name]?.trim() ? url(env, name, protocols) : null;
}

function secret(env: Env, name: string, minLength: number): string {
  const value = required(env, name);
  if (value.length < minLength) throw new ConfigError(name, `must be at least ${minLength} characters long`);
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false (got "${env[name]}")`);
}

function queuePrefix(env: Env): string {
  const value = env.QUEUE_PREFIX?.trim() || 'hks';
  if (!/^[\w:-]{1,100}$/.test(value)) throw new ConfigError('QUEUE_PREFIX', 'may hold only letters, digits, _, : and -');
  return value;
}

const DEFAULT_MAIL_FROM = '"女性のキャリアの保健室" <noreply@hokenshitsu.local>';

/** A From header: an address, optionally with a quoted display name; no line breaks (header injection). */
function mailFrom(env: Env): string {
  const value = env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM;
  if (/[\r\n]/.test(value) || !/^(?:"[^"]*"\s*)?<?[^\s<>@"]+@[^\s<>@"]+>?$/.test(value)) {
    throw new ConfigError('MAIL_FROM', 'must be an address, optionally with a display name ("Name" <noreply@example.jp>)');
  }
  return value;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Pure: reads the given environment, throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnv = (env.NODE_ENV ?? 'production') as AppConfig['nodeEnv'];
  if (!['production', 'development', 'test'].includes(nodeEnv)) {
    throw new ConfigError('NODE_ENV', 'must be production, development or test');
  }
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const logLevel = (env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info')) as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  const puppeteerExecutablePath = env.PUPPETEER_EXECUTABLE_PATH?.trim() || '/usr/bin/chromium';
  if (env.PUPPETEER_EXECUTABLE_PATH && !existsSync(puppeteerExecutablePath)) {
    throw new ConfigError('PUPPETEER_EXECUTABLE_PATH', `names no file (${puppeteerExecutablePath})`);
  }
  return {
    nodeEnv,
    port,
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    sessionSecret: secret(env, 'SESSION_SECRET', 32),
    employerHmacKey: secret(env, 'EMPLOYER_HMAC_KEY', 32),
    puppeteerExecutablePath,
    publicUrl: url(env, 'PUBLIC_URL', ['http:', 'https:'], `http://localhost:${port}`),
    sessionTtlHours: integer(env, 'SESSION_TTL_HOURS', 12, 1, 24 * 30),
    logLevel,
    queuePrefix: queuePrefix(env),
    jobAttempts: integer(env, 'JOB_ATTEMPTS', 3, 1, 20),
    jobBackoffMs: integer(env, 'JOB_BACKOFF_MS', 2000, 0, 600000),
    loginMaxFailuresPerAccount: integer(env, 'LOGIN_MAX_FAILURES_PER_ACCOUNT', 5, 1, 1000),
    loginMaxFailuresPerAddress: integer(env, 'LOGIN_MAX_FAILURES_PER_ADDRESS', 30, 1, 100000),
    loginLockMinutes: integer(env, 'LOGIN_LOCK_MINUTES', 15, 1, 24 * 60),
    importMaxBytes: integer(env, 'IMPORT_MAX_BYTES', 20 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    reports: {
      concurrency: integer(env, 'REPORT_CONCURRENCY', 2, 1, 32),
      // Gotenberg's default: a browser's memory grows a few MiB per document, so it is replaced well before that matters.
      browserMaxRenders: integer(env, 'REPORT_BROWSER_MAX_RENDERS', 100, 1, 100000),
      browserMaxMemoryMb: integer(env, 'REPORT_BROWSER_MAX_MEMORY_MB', 1024, 64, 65536),
      renderTimeoutMs: integer(env, 'REPORT_RENDER_TIMEOUT_MS', 30000, 1000, 600000),
      prerenderOnPublish: bool(env, 'REPORT_PRERENDER_ON_PUBLISH', true),
    },
    mail: {
      smtpUrl: optionalUrl(env, 'SMTP_URL', ['smtp:', 'smtps:']),
      from: mailFrom(env),
      pollMs: integer(env, 'MAIL_POLL_MS', 5000, 50, 3600_000),
      maxAttempts: integer(env, 'MAIL_MAX_ATTEMPTS', 8, 1, 100),
    },
  };
}

/** Injection token for the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/** For a process entry point: the config, or one line naming the bad variable and exit 78 (EX_CONFIG). */
export function loadConfigOrExit(env: Env = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
}
