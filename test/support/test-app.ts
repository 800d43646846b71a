import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { loadConfig, type AppConfig } from '@hokenshitsu/core';
import { UsersService, type Role } from '@hokenshitsu/identity';
import { createApiApp } from '../../apps/api/src/create-app.js';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  /** Base URL of the listening server (for the browser tests). */
  url: string;
  http: ReturnType<typeof request>;
  /** The worker's modules, when the suite asked for them (`{ worker: true }`). */
  worker?: INestApplicationContext;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /**
   * Also boot the worker's module tree in this process (its processors take jobs from the run's
   * Redis), for suites that go through work the api queues: release builds from the staff page.
   */
  worker?: boolean;
}

/**
 * Boots the real api (real PostgreSQL and Redis from npm test's environment) on a free port.
 * Each suite boots once; data is made unique per test with uniqueEmail().
 */
export async function startTestApp(overrides: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  if (!process.env.DATABASE_URL) throw new Error('run the suites with `npm test` (it prepares DATABASE_URL and REDIS_URL)');
  // Publishing renders every scope's report in the background; only the suites about reports want that.
  const config = loadConfig({ ...process.env, PUBLIC_URL: 'http://127.0.0.1', REPORT_PRERENDER_ON_PUBLISH: 'false', ...overrides });
  const app = await createApiApp(config);
  await app.listen(0, '127.0.0.1');
  const worker = options.worker ? await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false }) : undefined;
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const close = async () => {
    // The worker first: it finishes the job in hand while the api's database is still there.
    await worker?.close();
    await app.close();
  };
  return { app, config, url, http: request(app.getHttpServer()), worker, close };
}

export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@example.jp`;
}

export const TEST_PASSWORD = 'correct-horse-battery';

export async function createUser(t: TestApp, role: Role, companyId?: string): Promise<{ id: string; email: string }> {
  const email = uniqueEmail(role);
  const { user } = await t.app.get(UsersService).create({ email, role, password: TEST_PASSWORD, companyId: companyId ?? null });
  return { id: user.id, email };
}

/** Signs in through the API and returns the session cookie, as a script would. */
export async function login(t: TestApp, email: string, password = TEST_PASSWORD): Promise<string> {
  const res = await t.http.post('/api/v1/auth/login').send({ email, password });
  if (res.status !== 200) throw new Error(`login failed for ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('hks_session='));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0]!;
}

export async function signedInAs(t: TestApp, role: Role, companyId?: string): Promise<{ cookie: string; id: string; email: string }> {
  const user = await createUser(t, role, companyId);
  return { ...user, cookie: await login(t, user.email) };
}

/** A valid 法人番号 made from a random 12-digit base (check digit per the NTA formula). */
export function randomCorporateNumber(): string {
  const base = Array.from({ length: 12 }, () => Math.floor(Math.random() * 10)).join('');
  let sum = 0;
  for (let n = 1; n <= 12; n++) sum += Number(base[12 - n]) * (n % 2 === 1 ? 1 : 2);
  return `${9 - (sum % 9)}${base}`;
}

export function companyRegistration(overrides: Record<string, unknown> = {}) {
  return {
    name: '株式会社テスト製作所',
    corporate_number: randomCorporateNumber(),
    industry: 'E',
    employees: 42,
    address: '北海道旭川市6条通9丁目',
    manager_email: uniqueEmail('manager'),
    manager_password: TEST_PASSWORD,
    ...overrides,
  };
}

/** Registers a company through the API; verifies it as staff when asked. */
export async function registeredCompany(t: TestApp, opts: { verifiedBy?: string } = {}) {
  const body = companyRegistration();
  const res = await t.http.post('/api/v1/companies/register').send(body);
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  if (opts.verifiedBy) await t.http.post(`/api/v1/companies/${res.body.id}/verify`).set('Cookie', opts.verifiedBy).expect(200);
  return { id: res.body.id as string, managerEmail: body.manager_email, body };
}

/**
 * Follows a release build's progress page (where the build form leads) as a browser without
 * script does, reloading it until it redirects to the draft; answers the draft page's location.
 */
export async function followBuild(t: TestApp, cookie: string, buildPath: string, timeoutMs = 120_000): Promise<string> {
  if (!/^\/staff\/releases\/builds\/[0-9a-f-]{36}$/.test(buildPath)) throw new Error(`not a build page: ${buildPath}`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await t.http.get(buildPath).set('Accept', 'text/html').set('Cookie', cookie);
    if (res.status === 303) return res.headers.location!;
    if (res.status !== 200) throw new Error(`build page answered ${res.status}`);
    if (!res.text.includes('http-equiv="refresh"')) throw new Error(`build stopped without a draft: ${/<div class="notice[^"]*" role="alert"[\s\S]*?<\/div>/.exec(res.text)?.[0] ?? res.text.slice(0, 500)}`);
    if (Date.now() > deadline) throw new Error(`build not done after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A signed-in person's cookies plus the form token of a page, as her browser would hold them. */
export async function withFormToken(t: TestApp, session: string, path: string): Promise<{ cookie: string; token: string }> {
  const res = await t.http.get(path).set('Accept', 'text/html,application/xhtml+xml').set('Cookie', session).expect(200);
  const csrf = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('hks_csrf='))!.split(';')[0]!;
  const token = /name="_csrf" value="([^"]+)"/.exec(res.text)?.[1];
  if (!token) throw new Error(`no form token on ${path}`);
  return { cookie: `${session}; ${csrf}`, token };
}
