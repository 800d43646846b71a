import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { assertEveryJobHandled, createLogger, jobsDeclaredIn, loadConfigOrExit, PinoNestLogger } from '@hokenshitsu/core';
import { WorkerModule } from './worker.module.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const root = WorkerModule.forRoot(config);
  // Refuse to start before connecting anything if a job would sit in Redis with no handler (or two).
  assertEveryJobHandled(jobsDeclaredIn([root]));
  // Creating the context starts the processors and upserts the domains' schedules (QueueModule.forWorker).
  const app = await NestFactory.createApplicationContext(root, {
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
  console.log('hokenshitsu worker started');
}

main().catch((error) => {
  console.error(`worker failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
