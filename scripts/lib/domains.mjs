// The one list of libs (domains.json) and what is derived from it: tsconfig.base.json's paths and
// nest-cli.json's library projects (JSON cannot compute them, so they are written by
// scripts/sync-domains.mjs), and jest's moduleNameMapper (computed in jest.config.js).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** [{name, api?, worker?}] in the order the apps mount them. */
export function readDomains() {
  return JSON.parse(readFileSync(join(root, 'domains.json'), 'utf8')).libs;
}

export function tsconfigPaths(domains = readDomains()) {
  return Object.fromEntries(domains.map(({ name }) => [`@hokenshitsu/${name}`, [`./libs/${name}/src/index.ts`]]));
}

export function jestModuleNames(domains = readDomains()) {
  return Object.fromEntries(domains.map(({ name }) => [`^@hokenshitsu/${name}$`, `<rootDir>/libs/${name}/src/index.ts`]));
}

export function nestLibraryProjects(domains = readDomains()) {
  return Object.fromEntries(
    domains.map(({ name }) => [name, { type: 'library', root: `libs/${name}`, entryFile: 'index', sourceRoot: `libs/${name}/src` }]),
  );
}

/** tsconfig.base.json and nest-cli.json as they should read, given the list. */
export function syncedFiles(files, domains = readDomains()) {
  const tsconfig = structuredClone(files.tsconfig);
  tsconfig.compilerOptions.paths = tsconfigPaths(domains);
  const nest = structuredClone(files.nest);
  const apps = Object.fromEntries(Object.entries(nest.projects).filter(([, p]) => p.type !== 'library'));
  nest.projects = { ...apps, ...nestLibraryProjects(domains) };
  return { tsconfig, nest };
}

/** JSON with two-space indents, where anything that fits in 140 columns stays on one line. */
export function formatJson(value) {
  const format = (v, indent) => {
    const flat = JSON.stringify(v, null, 1).replace(/\n\s*/g, ' ').replace(/\[ /g, '[').replace(/ \]/g, ']');
    if (v === null || typeof v !== 'object' || indent.length + flat.length <= 140) return flat;
    const inner = indent + '  ';
    const items = Array.isArray(v) ? v.map((x) => inner + format(x, inner)) : Object.entries(v).map(([k, x]) => `${inner}${JSON.stringify(k)}: ${format(x, inner)}`);
    return `${Array.isArray(v) ? '[' : '{'}\n${items.join(',\n')}\n${indent}${Array.isArray(v) ? ']' : '}'}`;
  };
  return `${format(value, '')}\n`;
}
