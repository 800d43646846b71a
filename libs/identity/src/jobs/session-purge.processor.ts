import { WorkerHost } from '@nestjs/bullmq';
import { JobProcessor, type JobOf } from '@hokenshitsu/core';
import { LoginThrottleService } from '../login-throttle/login-throttle.service.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { MAINTENANCE_QUEUE, type MaintenanceQueue } from './maintenance.queue.js';

/** Housekeeping: expired sessions and old sign-in failures are deleted (hourly, or on request). */
@JobProcessor(MAINTENANCE_QUEUE, ['purge-expired-sessions'])
export class SessionPurgeProcessor extends WorkerHost {
  constructor(
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottleService,
  ) {
    super();
  }

  async process(job: JobOf<MaintenanceQueue>): Promise<{ purged: number }> {
    if (job.name !== 'purge-expired-sessions') throw new Error(`unexpected job ${job.name}`);
    const purged = await this.sessions.purgeExpired();
    await this.throttle.purgeOld();
    return { purged };
  }
}
