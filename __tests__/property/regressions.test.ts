/**
 * Shrunk counterexamples found by the property suites, kept as fixed cases. Each says which suite
 * found it (seed and path to replay it there) and what it revealed. Plain jest tests: no generation.
 */
import { describe, expect, it } from '@jest/globals'
import { type Case, INJECTED_COMMAND, runCase } from './e2e-model.js'

describe('regressions from e2e.property.test.ts', () => {
  // SRC BUG (fixed in 395f5ca). Found by e2e.property (seed 382689208, path "4:9:1:3:2"), shrunk
  // to one spend-limit 429 whose error message holds "\n::error::PWNED-error\n::add-mask::PWNED-mask".
  // The attempt that stopped the loop was logged with core.info, which does not escape newlines,
  // and the line held the server's error.message verbatim. An API error body can echo request text
  // such as the prompt, so raw lines `::error::…` / `::add-mask::…` reached stdout, where the runner
  // runs them as workflow commands. attemptLine now flattens server text onto one line.
  it("a hostile error message cannot run a workflow command through the last attempt's log line", async () => {
    const shrunk: Case = {
      stream: false,
      maxRetries: 2,
      baseDelay: '0.02',
      maxDelay: '2',
      jitter: 'none',
      totalTimeout: '1',
      summary: 'metadata',
      steps: [
        {
          behaviour: {
            kind: 'http',
            tookMs: 0,
            status: 429,
            errorType: 'rate_limit_error',
            errorCode: 'enforced_spend_limit_reached'
          },
          hostile: 0
        }
      ]
    }
    await runCase(shrunk)
  })

  // ORACLE FIX. Found by e2e.property (seed 1284071262, path "1:10:1:1:1:1:1:2:1:1:1"), shrunk to a
  // retried 408 whose error message holds the same hostile lines. The first version of the
  // injection check flagged any command line containing the marker, so the retry warning
  // `::warning::Attempt 1 of 5: … error-message-0%0A::error::PWNED-error…` (hostile text escaped
  // inside the command's data, harmless) counted as an injection. The check now flags only a line
  // that is itself a command whose data starts with the marker.
  it('hostile text escaped inside a ::warning:: command is not an injected command', async () => {
    const shrunk: Case = {
      stream: false,
      maxRetries: 4,
      baseDelay: '0.02',
      maxDelay: '1',
      jitter: 'equal',
      totalTimeout: '2.5',
      summary: 'metadata',
      steps: [
        { behaviour: { kind: 'http', tookMs: 0, status: 408, errorType: 'timeout_error', errorCode: null }, hostile: 0 }
      ]
    }
    await runCase(shrunk)
    expect('::warning::Attempt 1 of 5: 408 timeout_error: m%0A::error::PWNED-error').not.toMatch(INJECTED_COMMAND)
    expect('Attempt 1 of 1: 400 x: m\n::error::PWNED-error\n').toMatch(INJECTED_COMMAND)
  })
})
