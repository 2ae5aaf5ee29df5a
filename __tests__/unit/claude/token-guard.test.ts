import { guardInputTokens } from '../../../src/claude/token-guard.js'
import type { AttemptFailure } from '../../../src/retry/failure.js'
import type { AttemptResult, RetryDeps } from '../../../src/retry/loop.js'
import type { RetryPolicy } from '../../../src/retry/policy.js'

const POLICY: RetryPolicy = {
  maxRetries: 1,
  baseDelayMs: 10,
  maxDelayMs: 100,
  jitter: 'none',
  attemptTimeoutMs: 1000,
  totalTimeoutMs: undefined
}
const overloaded: AttemptFailure = {
  kind: 'http',
  status: 529,
  errorType: 'overloaded_error',
  errorCode: null,
  requestId: null,
  message: 'Overloaded',
  headers: {}
}

/** The count endpoint answering `results` in turn, on a fake clock that sleeps instantly. */
function deps(...results: Array<number | AttemptFailure>): RetryDeps<number> & { calls: () => number } {
  let now = 0
  let calls = 0
  return {
    attempt: async (): Promise<AttemptResult<number>> => {
      const next = results[calls++]
      if (next === undefined) throw new Error('more attempts than expected')
      return typeof next === 'number'
        ? { ok: true, value: next, status: 200, requestId: 'req_count', model: 'm' }
        : { ok: false, failure: next, model: 'm' }
    },
    now: () => now,
    sleep: async ms => void (now += ms),
    random: () => 0.5,
    signal: new AbortController().signal,
    calls: () => calls
  }
}

describe('guardInputTokens', () => {
  it('fits when the count is at the limit, and not one token above it', async () => {
    expect(await guardInputTokens(POLICY, 1000, deps(1000))).toMatchObject({
      fits: true,
      counted: { ok: true, value: 1000 }
    })
    const over = await guardInputTokens(POLICY, 1000, deps(1001))
    expect(over).toMatchObject({ fits: false, limit: 1000, counted: { ok: true, value: 1001 } })
  })

  it('counts under the retry policy: a transient failure is retried, then the count decides', async () => {
    const counting = deps(overloaded, 12)
    const guard = await guardInputTokens(POLICY, 100, counting)
    expect(counting.calls()).toBe(2)
    expect(guard.fits).toBe(true)
    expect(guard.counted.attempts.map(a => a.status)).toEqual([529, 200])
  })

  it('does not fit when the count itself failed: no Messages request may follow', async () => {
    const guard = await guardInputTokens(POLICY, 1_000_000, deps(overloaded, overloaded))
    expect(guard).toMatchObject({ fits: false, limit: 1_000_000, counted: { ok: false, stop: 'retries-exhausted' } })
  })
})
