#!/usr/bin/env node
// Writes tsconfig.base.json's `paths` and nest-cli.json's library projects from domains.json (the
// one list of libs). `--check`: writes nothing, exits 1 naming the file that disagrees.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatJson, syncedFiles } from './lib/domains.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const paths = { tsconfig: join(root, 'tsconfig.base.json'), nest: join(root, 'nest-cli.json') };
const text = Object.fromEntries(Object.entries(paths).map(([k, p]) => [k, readFileSync(p, 'utf8')]));
const wanted = syncedFiles(Object.fromEntries(Object.entries(text).map(([k, t]) => [k, JSON.parse(t)])));
let stale = 0;
for (const key of Object.keys(paths)) {
  const next = formatJson(wanted[key]);
  if (next === text[key]) continue;
  stale++;
  if (process.argv.includes('--check')) console.error(`[hokenshitsu] ${paths[key]} disagrees with domains.json: run node scripts/sync-domains.mjs`);
  else {
    writeFileSync(paths[key], next);
    console.log(`[hokenshitsu] wrote ${paths[key]} from domains.json`);
  }
}
process.exit(stale && process.argv.includes('--check') ? 1 : 0);
