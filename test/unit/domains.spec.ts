import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { API_DOMAIN_MODULES } from '../../apps/api/src/api-domains.js';
import { WORKER_DOMAIN_MODULES } from '../../apps/worker/src/worker-domains.js';

/** domains.json is the one list of libs: everything that lists them again must agree with it. */
const root = process.cwd();
const readJson = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8'));
const domains: { name: string; api?: boolean; worker?: boolean }[] = readJson('domains.json').libs;
const names = domains.map((d) => d.name);

describe('the list of domains (domains.json)', () => {
  it('names every folder under libs/ once, and each has its src/index.ts', () => {
    const folders = readdirSync(join(root, 'libs'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect([...names].sort()).toEqual(folders.sort());
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(existsSync(join(root, 'libs', name, 'src', 'index.ts'))).toBe(true);
  });

  it("is what tsconfig.base.json's paths say (run `node scripts/sync-domains.mjs` when this fails)", () => {
    expect(readJson('tsconfig.base.json').compilerOptions.paths).toEqual(
      Object.fromEntries(names.map((n) => [`@hokenshitsu/${n}`, [`./libs/${n}/src/index.ts`]])),
    );
  });

  it("is what nest-cli.json's library projects say", () => {
    const projects: Record<string, { type: string; root: string; sourceRoot: string }> = readJson('nest-cli.json').projects;
    const libraries = Object.entries(projects).filter(([, p]) => p.type === 'library');
    expect(libraries.map(([n]) => n)).toEqual(names);
    for (const [name, p] of libraries) expect([p.root, p.sourceRoot]).toEqual([`libs/${name}`, `libs/${name}/src`]);
  });

  it("is what jest's moduleNameMapper maps", async () => {
    const { default: config } = await import(pathToFileURL(join(root, 'jest.config.js')).href);
    const mapped = Object.entries(config.moduleNameMapper as Record<string, string>).filter(([k]) => k.startsWith('^@hokenshitsu/'));
    expect(mapped).toEqual(names.map((n) => [`^@hokenshitsu/${n}$`, `<rootDir>/libs/${n}/src/index.ts`]));
  });

  it('is the order and choice of the modules the api and the worker mount', () => {
    expect(Object.keys(API_DOMAIN_MODULES)).toEqual(domains.filter((d) => d.api).map((d) => d.name));
    expect(Object.keys(WORKER_DOMAIN_MODULES)).toEqual(domains.filter((d) => d.worker).map((d) => d.name));
  });
});
