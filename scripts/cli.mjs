#!/usr/bin/env node
// `npm run cli -- <command>`: the operators' command line. Uses DATABASE_URL and the other settings
// from the environment; where they are unset, those of the portal that `npm start` is running
// (it writes them to .data/runtime.json while it runs, mode 0600).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, ensureDependencies, root } from './lib/services.mjs';

ensureDependencies();
const dist = process.env.HKS_DIST || join(root, 'dist');
if (!existsSync(join(dist, 'apps/cli/src/main.js'))) build();
const runtimeFile = join(root, '.data', 'runtime.json');
const runtime = existsSync(runtimeFile) ? JSON.parse(readFileSync(runtimeFile, 'utf8')) : {};
const env = { ...runtime, ...Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined && v !== '')) };
if (!env.DATABASE_URL) {
  console.error('DATABASE_URL is not set and no portal started by `npm start` is running: set it, or start the portal first.');
  process.exit(78);
}
const result = spawnSync(process.execPath, [join(dist, 'apps/cli/src/main.js'), ...process.argv.slice(2)], { cwd: root, env, stdio: 'inherit' });
process.exit(result.status ?? 1);
