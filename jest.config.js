// ESM jest: NestJS 12 is ESM-only and Jest on Node 20 cannot require() it (see ../shared/NOTES.md).
const libs = ['core', 'database', 'identity', 'reference', 'companies', 'consultations', 'disclosure', 'digests', 'portal', 'reports', 'subsidies', 'web'];
export default {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/*.medium-spec.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    ...Object.fromEntries(libs.map((l) => [`^@hokenshitsu/${l}$`, `<rootDir>/libs/${l}/src/index.ts`])),
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }] },
  testTimeout: 60000,
};
