#!/usr/bin/env node
// `npm run migration:generate -- <Name>`: compiles, then asks TypeORM for the difference between the
// entities and the database at DATABASE_URL as migrations/<timestamp>-<Name>.ts. Review it, then add
// the class to migrations/index.ts (migrations are listed by hand: see that file).
// Our migrations are written by hand and hold what entities do not declare (CHECKs, indexes,
// foreign keys, triggers, generated columns): a generated file lists those as drops. Keep only the
// statements you mean.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { build, ensureDependencies, root } from './lib/services.mjs';

const name = process.argv[2];
if (!name || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) {
  console.error('usage: npm run migration:generate -- <Name>   (DATABASE_URL must point at an up-to-date database)');
  process.exit(64);
}
ensureDependencies();
build();
const dataSource = join(process.env.HKS_DIST || join(root, 'dist'), 'apps/cli/src/data-source.js');
const result = spawnSync(join(root, 'node_modules/.bin/typeorm'), ['migration:generate', join(root, 'migrations', name), '-d', dataSource], {
  cwd: root,
  stdio: 'inherit',
});
if (result.status === 0) {
  console.log('review it: statements that drop CHECKs, indexes, foreign keys or triggers come from hand-written schema, not from you');
  console.log('then add the new class to migrations/index.ts');
}
process.exit(result.status ?? 1);
