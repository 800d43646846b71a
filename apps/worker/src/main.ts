import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { assertEveryJobHandled, createLogger, loadConfigOrExit, PinoNestLogger, QUEUES } from '@hokenshitsu/core';
import { PROCESSORS, WorkerModule } from './worker.module.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  // Refuse to start before connecting anything if a job would sit in Redis with no handler.
  assertEveryJobHandled(PROCESSORS.map((p) => p.declaration));
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new PinoNestLogger(createLogger(config.logLevel)),
  });
  // Finish the job in hand, close queues and connections, then exit 0 (Ctrl-C or a deploy's SIGTERM).
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.close().then(
        () => {
          console.log('hokenshitsu worker stopped');
          process.exit(0);
        },
        () => process.exit(1),
      );
    });
  }
  const maintenance = app.get<Queue>(getQueueToken(QUEUES.maintenance.name));
  await maintenance.upsertJobScheduler('purge-expired-sessions-hourly', { every: 3600_000 }, { name: 'purge-expired-sessions' });
  console.log('hokenshitsu worker started');
}

main().catch((error) => {
  console.error(`worker failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
