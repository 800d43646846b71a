import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QUEUES, type JobHandlerDeclaration } from '@hokenshitsu/core';
import { LoginThrottleService } from '../login-throttle/login-throttle.service.js';
import { SessionsService } from './sessions.service.js';

/** Housekeeping: expired sessions and old sign-in failures are deleted hourly. */
@Processor(QUEUES.maintenance.name)
export class SessionPurgeProcessor extends WorkerHost {
  static readonly declaration: JobHandlerDeclaration = { queue: QUEUES.maintenance.name, handles: ['purge-expired-sessions'] };

  constructor(
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottleService,
  ) {
    super();
  }

  async process(job: Job): Promise<{ purged: number }> {
    if (job.name !== 'purge-expired-sessions') throw new Error(`unexpected job ${job.name}`);
    const purged = await this.sessions.purgeExpired();
    await this.throttle.purgeOld();
    return { purged };
  }
}
