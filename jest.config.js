// ESM jest: NestJS 12 is ESM-only and Jest on Node 20 cannot require() it (see ../shared/NOTES.md).
import { jestModuleNames } from './scripts/lib/domains.mjs';

export default {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.medium-spec.ts', '**/*.e2e-spec.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    // @hokenshitsu/<lib> for every lib in domains.json
    ...jestModuleNames(),
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }] },
  testTimeout: 60000,
};
