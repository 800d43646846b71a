#!/usr/bin/env node
// `npm test`: installs what is missing, finds PostgreSQL and Redis (configured, else the local
// services on 5432/6379, else embedded/private ones), creates a fresh database for the run, runs
// the type check, unit and end-to-end suites with jest, and drops the database afterwards.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BootstrapError, build, chromiumPath, ensureChromium, ensureDependencies, ensureSystemPackages, log, root, throwawayServices } from './lib/services.mjs';

const stops = [];

async function main() {
  ensureDependencies();
  ensureChromium();
  ensureSystemPackages([{ binary: 'pdftotext', package: 'poppler-utils' }]);
  // HKS_QUICK=1 (local runs only) reuses dist/ and skips the type check while others are mid-edit.
  if (!process.env.HKS_QUICK) build();
  log('type-checking tests ...');
  if (!process.env.HKS_QUICK && spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' }).status !== 0) {
    throw new BootstrapError('type check failed');
  }
  const tmp = mkdtempSync(join(tmpdir(), 'hks-test-'));
  stops.push(async () => rmSync(tmp, { recursive: true, force: true }));

  const services = await throwawayServices({ tmp, stops, prefix: 'hks_test' });
  log(`fresh database ${services.database}`);
  const env = { ...process.env, NODE_ENV: 'test', PUPPETEER_EXECUTABLE_PATH: chromiumPath(), ...services.env };
  // Migrate once before the suites run in parallel, so no two suites race to create the schema.
  const migrate = spawnSync(process.execPath, [join(process.env.HKS_DIST || join(root, 'dist'), 'apps/cli/src/main.js'), 'migration:run'], { cwd: root, env, stdio: 'inherit' });
  if (migrate.status !== 0) throw new BootstrapError('migrations failed');

  const jestArgs = ['--experimental-vm-modules', join(root, 'node_modules/jest/bin/jest.js'), '--maxWorkers=2', ...process.argv.slice(2)];
  const jest = spawnSync(process.execPath, jestArgs, { cwd: root, env, stdio: 'inherit' });
  return jest.status ?? 1;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(error instanceof BootstrapError ? `[hokenshitsu] ${error.message}` : error);
} finally {
  for (const stop of stops.reverse()) await stop().catch((e) => console.error(`cleanup: ${e.message}`));
}
process.exit(code);
