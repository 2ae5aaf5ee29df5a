/**
 * End to end, a small sample: generated fault sequences served by the fake Anthropic API on
 * 127.0.0.1 to the BUILT dist/index.js, run as the runner runs it (runAction parses GITHUB_OUTPUT
 * with the runner's parser and throws on a malformed file). Waits are kept short; see e2e-model.ts
 * for the cases, the fake's replies and the checks.
 *
 * The seed is fixed in `npm test` (support/fast-check-seed.ts) and printed with the shrunk case on failure.
 */
import { it } from '@fast-check/jest'
import { describe } from '@jest/globals'
import { caseArb, runCase } from './e2e-model.js'

const NUM_RUNS = 16

describe('the built action under random fault sequences (end to end)', () => {
  it.prop({ c: caseArb }, { numRuns: NUM_RUNS })(
    'requests == attempts == retry-log; success exactly when reached; exact response; parsable outputs; bounded summary; no key',
    async ({ c }) => {
      await runCase(c)
    },
    120_000
  )
})
