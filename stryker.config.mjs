// Mutation testing (`npm run mutate`): StrykerJS changes the core's code one mutant at a time and
// runs the unit and in-process tests against each; a mutant no test notices "survived". The
// end-to-end tests run dist/, which a mutant in src/ never reaches, so they are left out.
// Scores per folder: docs/mutation.md. The scheduled workflow .github/workflows/mutation.yml runs it.
export default {
  testRunner: 'jest',
  testRunnerNodeArgs: ['--experimental-vm-modules'],
  jest: {
    configFile: 'jest.fast.config.js',
    config: { testMatch: ['<rootDir>/__tests__/unit/**/*.test.ts', '<rootDir>/__tests__/inprocess/**/*.test.ts'] }
  },
  mutate: [
    'src/retry/**/*.ts',
    'src/many/limiter.ts',
    'src/many/results-file.ts',
    'src/cost/**/*.ts',
    'src/network/route.ts',
    'src/request/template.ts'
  ],
  coverageAnalysis: 'perTest',
  // A mutant in a module-level constant would need every test run again for each one: measured
  // as a static mutant by Stryker and left out (`ignoreStatic`), so a run takes minutes, not hours.
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 20000,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  tempDirName: '.stryker-tmp'
}
