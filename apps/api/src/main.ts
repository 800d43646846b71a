import 'reflect-metadata';
import { ConfigError, loadConfig } from '@hokenshitsu/core';
import { createApiApp } from './create-app.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const app = await createApiApp(config);
  await app.listen(config.port, '0.0.0.0');
  console.log(`hokenshitsu api listening on ${config.publicUrl}`);
}

main().catch((error) => {
  console.error(`api failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
