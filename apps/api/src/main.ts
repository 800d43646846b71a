import 'reflect-metadata';
import { loadConfigOrExit } from '@hokenshitsu/core';
import { createApiApp } from './create-app.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createApiApp(config);
  await app.listen(config.port, '0.0.0.0');
  console.log(`hokenshitsu api listening on ${config.publicUrl}`);
}

main().catch((error) => {
  console.error(`api failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
