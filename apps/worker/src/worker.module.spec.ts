import 'reflect-metadata';
import { assertEveryJobHandled, jobsDeclaredIn, loadConfig } from '@hokenshitsu/core';
import { RELEASES_QUEUE } from '@hokenshitsu/digests';
import { MAINTENANCE_QUEUE } from '@hokenshitsu/identity';
import { MAIL_QUEUE } from '@hokenshitsu/mail';
import { API_DOMAIN_MODULES } from '../../api/src/api-domains.js';
import { WorkerModule } from './worker.module.js';

// Only read, never connected: the module trees are inspected, not started.
const config = loadConfig({
  DATABASE_URL: 'postgres://nowhere/none',
  REDIS_URL: 'redis://nowhere',
  SESSION_SECRET: 's'.repeat(32),
  EMPLOYER_HMAC_KEY: 'k'.repeat(32),
});

describe('the worker derives its jobs from the domain worker modules it mounts', () => {
  const worker = jobsDeclaredIn([WorkerModule.forRoot(config)]);

  it('finds every declared job with exactly one handler, as main.ts checks before it starts', () => {
    expect(worker.queues).toContain(MAINTENANCE_QUEUE);
    expect(worker.processors.map((p) => p.name)).toContain('SessionPurgeProcessor');
    expect(worker.queues).toContain(RELEASES_QUEUE);
    expect(worker.processors.map((p) => p.name)).toContain('ReleasesProcessor');
    expect(worker.queues).toContain(MAIL_QUEUE);
    expect(worker.processors.map((p) => p.name)).toContain('SendOutboxProcessor');
    expect(() => assertEveryJobHandled(worker)).not.toThrow();
  });

  it('handles every queue the api can enqueue on (a queue only the api knew would never be worked)', () => {
    const api = jobsDeclaredIn(Object.values(API_DOMAIN_MODULES));
    expect(api.queues.length).toBeGreaterThan(0);
    expect(api.processors).toEqual([]);
    for (const queue of api.queues) expect(worker.queues).toContain(queue);
  });
});
