#!/usr/bin/env node
// `npm run bench:<name>`: prepares PostgreSQL and Redis like `npm test` (a fresh database, dropped
// afterwards), builds, then runs dist/test/bench/<name>.bench.js. `--no-services` skips PostgreSQL
// and Redis for a benchmark of pure code (bench:releases: the disclosure engine takes data in, gives
// data out), so it runs where neither is installed and its figures carry no database start-up.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BootstrapError, build, ensureDependencies, root, throwawayServices } from './lib/services.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const name = process.argv[2];
const withServices = !process.argv.slice(3).includes('--no-services');
const stops = [];
async function main() {
  if (!name) throw new BootstrapError('usage: node scripts/bench.mjs <name> [--no-services]');
  ensureDependencies();
  build();
  const tmp = mkdtempSync(join(tmpdir(), 'hks-bench-'));
  stops.push(async () => rmSync(tmp, { recursive: true, force: true }));
  const services = withServices ? await throwawayServices({ tmp, stops, prefix: 'hks_bench' }) : { env: {} };
  const env = { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'error', ...services.env };
  const dist = process.env.HKS_DIST || join(root, 'dist');
  return spawnSync(process.execPath, [join(dist, 'test/bench', `${name}.bench.js`)], { cwd: root, env, stdio: 'inherit' }).status ?? 1;
}
let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(error instanceof BootstrapError ? `[hokenshitsu] ${error.message}` : error);
} finally {
  for (const stop of stops.reverse()) await stop().catch(() => {});
}
process.exit(code);
