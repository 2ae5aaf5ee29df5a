/**
 * The end-to-end property (see __tests__/property/e2e.property.test.ts) in-process: generated fault
 * sequences served by the fake Anthropic API on 127.0.0.1 to run() from src/main.ts (runInProcess
 * parses GITHUB_OUTPUT with the runner's parser and throws on a malformed file). Cheap here, so it
 * takes the bulk of the samples; the child-process run keeps a few against the built bundle.
 *
 * fast-check picks a fresh seed each run and prints it (with the shrunk case) on failure.
 */
import { it } from '@fast-check/jest'
import { describe } from '@jest/globals'
import { caseArb, runCase } from '../property/e2e-model.js'
import { runInProcess } from '../support/run-in-process.js'

const NUM_RUNS = 16

describe('run() under random fault sequences (in-process)', () => {
  it.prop({ c: caseArb }, { numRuns: NUM_RUNS })(
    'requests == attempts == retry-log; success exactly when reached; exact response; parsable outputs; bounded summary; no key',
    async ({ c }) => {
      await runCase(c, runInProcess)
    },
    120_000
  )
})
