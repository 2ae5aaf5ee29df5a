// Mutation testing (`npm run mutate`): StrykerJS changes the core's code one mutant at a time and
// runs the unit tests that import its file against each; a mutant no test notices "survived". The
// end-to-end tests run dist/, which a mutant in src/ never reaches, so they are left out.
// Scores per folder: docs/mutation.md. The scheduled workflow .github/workflows/scheduled.yml runs it.
export default {
  testRunner: 'jest',
  testRunnerNodeArgs: ['--experimental-vm-modules'],
  jest: {
    configFile: 'jest.fast.config.js',
    enableFindRelatedTests: true,
    // The unit tests only: an in-process test imports main.ts and so every file, and would run for
    // every mutant. A mutant only they would kill counts as survived here.
    // MUTATE_TESTS narrows them further, e.g. to a folder's mirrored tests ('__tests__/unit/retry').
    config: { testMatch: [`<rootDir>/${process.env.MUTATE_TESTS ?? '__tests__/unit'}/**/*.test.ts`] }
  },
  mutate: [
    'src/retry/**/*.ts',
    'src/many/limiter.ts',
    'src/many/limiter-share.ts',
    'src/many/results-file.ts',
    'src/cost/**/*.ts',
    'src/network/route.ts',
    'src/request/template.ts'
  ],
  // Per-test coverage mislabels mutants under jest's ESM mode (killed by hand, 'survived' here), so
  // no coverage analysis: each mutant runs the tests that import its file (jest --findRelatedTests).
  coverageAnalysis: 'off',
  concurrency: 2,
  timeoutMS: 20000,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  tempDirName: '.stryker-tmp'
}
