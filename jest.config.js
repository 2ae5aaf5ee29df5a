import { availableParallelism } from 'node:os'

// ESM + TypeScript through @swc/jest: fast, and independent of the TypeScript
// version (type checking is `tsc --noEmit`, run by `npm test` before jest).
export default {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }]
  },
  // Property tests: one fixed seed unless FC_SEED says otherwise (see the file).
  setupFiles: ['<rootDir>/__tests__/support/fast-check-seed.ts'],
  // End-to-end tests spawn the built action; they need more than jest's 5 s default.
  testTimeout: 30000,
  // Jest's default is one worker per core but one, which is a single in-band run on the 2-core CI
  // machine. The end-to-end tests spend most of their time waiting on the child action and the fake
  // servers, so a second worker there nearly halves the suite's wall time (84 s to 45 s, measured).
  maxWorkers: Math.max(2, availableParallelism() - 1)
}
