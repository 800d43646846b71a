import 'reflect-metadata';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { forwardRef, Injectable, Module } from '@nestjs/common';
import { assertEveryJobHandled, jobsDeclaredIn } from './job-handlers.js';
import { isBullProcessor, JobProcessor } from './job-processor.decorator.js';
import { defineQueue, jobId, payload, type JobOf } from './queue-definition.js';
import { JobQueue, QueueModule } from './queue.module.js';

const MAIL = defineQueue('mail', { 'send-welcome': payload<{ userId: string }>(), 'send-digest': payload<{ scope: string }>() });
const OTHER = defineQueue('other', { tidy: payload<object>() });

@JobProcessor(MAIL, ['send-welcome', 'send-digest'])
class MailProcessor extends WorkerHost {
  async process(job: JobOf<typeof MAIL>): Promise<string> {
    return job.name === 'send-welcome' ? job.data.userId : job.data.scope;
  }
}

@JobProcessor(MAIL, ['send-digest'])
class DigestMailProcessor extends WorkerHost {
  async process(): Promise<void> {}
}

@JobProcessor(OTHER, ['tidy'])
class TidyProcessor extends WorkerHost {
  async process(): Promise<void> {}
}

@Processor('mail')
class UndeclaredProcessor extends WorkerHost {
  async process(): Promise<void> {}
}

@Injectable()
class NotAProcessor {}

@Module({ imports: [QueueModule.forDomain(MAIL)], providers: [NotAProcessor] })
class MailModule {}

@Module({ imports: [MailModule, QueueModule.forWorker(MAIL)], providers: [MailProcessor] })
class MailWorkerModule {}

describe('jobsDeclaredIn', () => {
  it('finds the queues and processors of a module tree through class, dynamic and forward-referenced imports', () => {
    @Module({ imports: [forwardRef(() => MailWorkerModule)] })
    class Root {}
    const declared = jobsDeclaredIn([{ module: Root, imports: [QueueModule.forDomain(OTHER)], providers: [{ provide: 'tidy', useClass: TidyProcessor }] }]);
    expect(declared.queues.map((q) => q.name).sort()).toEqual(['mail', 'other']);
    expect(declared.processors).toEqual(expect.arrayContaining([MailProcessor, TidyProcessor]));
    expect(declared.processors).toHaveLength(2);
  });

  it('sees the queue of a domain module even when no processor handles it', () => {
    expect(jobsDeclaredIn([MailModule])).toEqual({ queues: [MAIL], processors: [] });
  });
});

describe('assertEveryJobHandled', () => {
  it('passes when every declared job has exactly one handler', () => {
    expect(() => assertEveryJobHandled(jobsDeclaredIn([MailWorkerModule]))).not.toThrow();
    expect(() => assertEveryJobHandled({ queues: [MAIL, OTHER], processors: [MailProcessor, TidyProcessor] })).not.toThrow();
  });

  it('refuses a job without a handler, naming it', () => {
    expect(() => assertEveryJobHandled(jobsDeclaredIn([MailModule]))).toThrow('job "mail/send-welcome" has no handler (exactly one needed)');
    expect(() => assertEveryJobHandled({ queues: [MAIL, OTHER], processors: [MailProcessor] })).toThrow('job "other/tidy" has no handler');
  });

  it('refuses two handlers for one job, naming the job and both processors', () => {
    expect(() => assertEveryJobHandled({ queues: [MAIL], processors: [MailProcessor, DigestMailProcessor] })).toThrow(
      'job "mail/send-digest" has 2 handlers (MailProcessor, DigestMailProcessor); exactly one needed',
    );
  });

  it('refuses a processor for a job no module declares, and a processor that does not say what it handles', () => {
    expect(() => assertEveryJobHandled({ queues: [MAIL], processors: [MailProcessor, TidyProcessor] })).toThrow('TidyProcessor handles unknown job "other/tidy"');
    expect(() => assertEveryJobHandled({ queues: [MAIL], processors: [MailProcessor, UndeclaredProcessor] })).toThrow(/UndeclaredProcessor does not declare its jobs/);
  });

  it("recognises @nestjs/bullmq's @Processor (its metadata key is not exported, so an upgrade that moves it fails here)", () => {
    expect(isBullProcessor(UndeclaredProcessor)).toBe(true);
    expect(isBullProcessor(MailProcessor)).toBe(true);
    expect(isBullProcessor(NotAProcessor)).toBe(false);
  });
});

describe('queue definitions', () => {
  it('takes the job names from the payload map and checks schedules name a job', () => {
    expect(MAIL.jobNames).toEqual(['send-welcome', 'send-digest']);
    const bad = { id: 'x', job: 'nope', every: 1000, data: {} } as never;
    expect(() => defineQueue('q', { a: payload<object>() }, { schedules: [bad] })).toThrow('schedule "x" names unknown job "q/nope"');
    expect(() => defineQueue('a:b', {})).toThrow(/queue name "a:b"/);
  });

  it('types the payload by job name', async () => {
    const added: unknown[] = [];
    const queue = new JobQueue(MAIL, { add: async (...args: unknown[]) => added.push(args) } as never);
    await queue.add('send-welcome', { userId: 'u1' }, { jobId: 'welcome.u1' });
    // @ts-expect-error the payload of send-digest is {scope}
    await queue.add('send-digest', { userId: 'u1' });
    // @ts-expect-error no such job on this queue
    await queue.add('tidy', {});
    expect(added[0]).toEqual(['send-welcome', { userId: 'u1' }, { jobId: 'welcome.u1' }]);
  });

  it('builds job ids BullMQ accepts, refusing the ones it would reject at enqueue time', () => {
    expect(jobId('render', 'release-1', 2026)).toBe('render.release-1.2026');
    expect(() => jobId('purge', '2026-11-01T10:00')).toThrow(/must not .* hold ':'/);
    expect(() => jobId(42)).toThrow(/read as an integer/);
    expect(() => jobId()).toThrow();
  });
});
