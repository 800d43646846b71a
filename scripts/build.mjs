#!/usr/bin/env node
// Writes the lib lists derived from domains.json (tsconfig paths, nest-cli libraries), compiles
// apps, libs and migrations with tsc (decorator metadata needs the real compiler), then rewrites the
// @hokenshitsu/* path aliases into relative ESM imports.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (name, args) => spawnSync(join(root, 'node_modules', '.bin', name), args, { cwd: root, stdio: 'inherit' }).status === 0;
// HKS_DIST: another output folder (lets a developer build while someone else runs from dist/).
const outDir = process.env.HKS_DIST || join(root, 'dist');
const out = ['--outDir', outDir];
if (spawnSync(process.execPath, [join(root, 'scripts', 'sync-domains.mjs')], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
rmSync(outDir, { recursive: true, force: true });
if (!run('tsc', ['-p', 'tsconfig.build.json', ...out]) || !run('tsc-alias', ['-p', 'tsconfig.build.json', ...out])) {
  console.error('[hokenshitsu] build failed: see the compiler output above');
  process.exit(1);
}
