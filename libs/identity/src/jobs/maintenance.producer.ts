import { Injectable } from '@nestjs/common';
import { Clock, InjectJobQueue, JobQueue } from '@hokenshitsu/core';
import { MAINTENANCE_QUEUE, maintenanceJobIds, type MaintenanceQueue } from './maintenance.queue.js';

/** Enqueues identity's housekeeping from any process (api, cli, worker); the worker runs it. */
@Injectable()
export class MaintenanceProducer {
  constructor(
    @InjectJobQueue(MAINTENANCE_QUEUE) private readonly queue: JobQueue<MaintenanceQueue>,
    private readonly clock: Clock,
  ) {}

  /** Asks for a purge now; a second request within the same hour is the same job. */
  async requestSessionPurge(): Promise<{ jobId: string }> {
    const jobId = maintenanceJobIds.purgeExpiredSessions(this.clock.now());
    await this.queue.add('purge-expired-sessions', { trigger: 'request' }, { jobId });
    return { jobId };
  }
}
