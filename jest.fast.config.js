// The fast loop (`npm run test:fast`) and mutation testing (`npm run mutate`): the tests that run
// in this process, with no build and no child process: unit, in-process, the repository checks,
// the retry loop's property tests and the test support's own tests (but the harness's,
// which starts a child). `npm test` runs them too, with
// the end-to-end suites (jest.config.js).
import base from './jest.config.js'

export default {
  ...base,
  testMatch: [
    '<rootDir>/__tests__/unit/**/*.test.ts',
    '<rootDir>/__tests__/inprocess/**/*.test.ts',
    '<rootDir>/__tests__/repo/**/*.test.ts',
    '<rootDir>/__tests__/property/loop.property.test.ts',
    '<rootDir>/__tests__/property/regressions.test.ts',
    '<rootDir>/__tests__/support/**/*.test.ts'
  ],
  // It runs a stand-in action as a child process to check the runner emulation itself.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/__tests__/support/harness.test.ts']
}
