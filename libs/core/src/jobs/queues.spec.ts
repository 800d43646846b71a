import { assertEveryJobHandled } from './queues.js';

describe('assertEveryJobHandled', () => {
  it('passes when every job has one handler', () => {
    expect(() => assertEveryJobHandled([{ queue: 'maintenance', handles: ['purge-expired-sessions'] }])).not.toThrow();
  });
  it('refuses a job without a handler', () => {
    expect(() => assertEveryJobHandled([])).toThrow(/maintenance\/purge-expired-sessions" has 0 handlers/);
  });
  it('refuses two handlers for one job and handlers for unknown jobs', () => {
    const h = { queue: 'maintenance', handles: ['purge-expired-sessions'] };
    expect(() => assertEveryJobHandled([h, h])).toThrow(/has 2 handlers/);
    expect(() => assertEveryJobHandled([h, { queue: 'maintenance', handles: ['nope'] }])).toThrow(/unknown job/);
  });
});
