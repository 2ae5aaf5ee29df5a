/**
 * Known answers for the reference model in loop-model.ts, which the property tests hold
 * src/retry/loop.ts against: if the model were wrong in the same way as src, those tests would
 * pass. Every expected value here is a literal worked out by hand from docs/retries.md "How retries
 * work", with the arithmetic beside it; nothing is computed with src/retry.
 * The last block runs the harness (runLoop: src's loop on the fake clock) on the same cases.
 */
import { describe, expect, it } from '@jest/globals'
import type { RetryPolicy } from '../../src/retry/policy.js'
import {
  type Behaviour,
  capOf,
  effective,
  envelope,
  type HttpError,
  headersOf,
  model,
  modelBackoff,
  modelRetryable,
  modelServerAsk,
  runLoop,
  START_EPOCH_MS
} from './loop-model.js'

/** base 1 s, cap 5 s, 4 retries, 10 s per attempt, no deadline. */
const P: RetryPolicy = {
  maxRetries: 4,
  baseDelayMs: 1000,
  maxDelayMs: 5000,
  jitter: 'full',
  attemptTimeoutMs: 10_000,
  totalTimeoutMs: undefined
}
const http = (status: number, extra: Partial<HttpError> = {}): HttpError => ({
  kind: 'http',
  tookMs: 100,
  status,
  errorType: 'overloaded_error',
  errorCode: null,
  ...extra
})
const ok = (tookMs: number): Behaviour => ({ kind: 'success', tookMs })

describe('the backoff formulas', () => {
  it('cap_n = min(max-delay, base · 2^(n-1))', () => {
    // 1000·1, 1000·2, 1000·4, min(5000, 8000), min(5000, 16000)
    expect([1, 2, 3, 4, 5].map(n => capOf(n, P))).toEqual([1000, 2000, 4000, 5000, 5000])
    expect([1, 9].map(n => capOf(n, { ...P, baseDelayMs: 0 }))).toEqual([0, 0])
  })

  it('each jitter mode for retries 1-4 with random 0.25', () => {
    const waits = (jitter: RetryPolicy['jitter']) =>
      [1, 2, 3, 4].map(n => modelBackoff(n, undefined, { ...P, jitter }, 0.25))
    expect(waits('full')).toEqual([250, 500, 1000, 1250]) // 0.25 · cap
    expect(waits('equal')).toEqual([625, 1250, 2500, 3125]) // cap/2 + 0.25 · cap/2
    expect(waits('none')).toEqual([1000, 2000, 4000, 5000]) // cap
    // decorrelated, first retry: previous = base; 1000 + 0.25 · (max(1000, 3·1000) − 1000)
    expect(waits('decorrelated')[0]).toBe(1500)
  })

  it('decorrelated grows from the previous wait, collapses to base, and is capped', () => {
    const d = { ...P, jitter: 'decorrelated' as const }
    expect(modelBackoff(2, 1500, d, 0.25)).toBe(1875) // 1000 + 0.25 · (4500 − 1000)
    expect(modelBackoff(2, 100, d, 0.9)).toBe(1000) // high = max(1000, 300) = 1000: the range is [1000, 1000]
    expect(modelBackoff(2, 3000, d, 0.9)).toBe(5000) // min(5000, 1000 + 0.9 · 8000 = 8200)
  })

  it('the envelopes for retry 3 (cap 4000)', () => {
    expect(envelope(3, undefined, P)).toEqual([0, 4000])
    expect(envelope(3, undefined, { ...P, jitter: 'equal' })).toEqual([2000, 4000])
    expect(envelope(3, undefined, { ...P, jitter: 'none' })).toEqual([4000, 4000])
    const d = { ...P, jitter: 'decorrelated' as const }
    expect(envelope(3, 1500, d)).toEqual([1000, 4500]) // [base, 3 · 1500]
    expect(envelope(3, undefined, d)).toEqual([1000, 3000]) // previous = base
    expect(envelope(3, 2000, d)).toEqual([1000, 5000]) // 3 · 2000 = 6000, capped
  })
})

describe('what is retried, per status class and kind', () => {
  it('408, 409, 429 and every 5xx are retried; other 4xx are final', () => {
    const decide = (statuses: number[]) => statuses.map(status => modelRetryable(http(status)))
    expect(decide([408, 409, 429, 500, 502, 503, 504, 529])).toEqual(Array(8).fill(true))
    expect(decide([400, 401, 402, 403, 404, 413, 422])).toEqual(Array(7).fill(false))
  })

  it('a spend limit is never retried, even when x-should-retry says true; otherwise x-should-retry decides', () => {
    expect(modelRetryable(http(429, { errorCode: 'enforced_spend_limit_reached', shouldRetry: 'true' }))).toBe(false)
    expect(modelRetryable(http(429, { errorCode: 'contract_spend_limit_reached' }))).toBe(false)
    expect(modelRetryable(http(429, { errorCode: 'some_other_code' }))).toBe(true)
    expect(modelRetryable(http(400, { shouldRetry: 'true' }))).toBe(true)
    expect(modelRetryable(http(503, { shouldRetry: 'false' }))).toBe(false)
  })

  it('connection failures, timeouts, broken 200s and some mid-stream errors are retried', () => {
    expect(modelRetryable({ kind: 'reset', tookMs: 0 })).toBe(true)
    expect(modelRetryable({ kind: 'stream-cut', tookMs: 0 })).toBe(true)
    expect(modelRetryable({ kind: 'timeout', tookMs: 0 })).toBe(true)
    expect(modelRetryable({ kind: 'invalid-response', tookMs: 0, withRequestId: false })).toBe(true)
    const stream = (errorType: string) => modelRetryable({ kind: 'stream-error', tookMs: 0, errorType })
    expect(['overloaded_error', 'api_error', 'rate_limit_error', 'timeout_error'].map(stream)).toEqual(
      Array(4).fill(true)
    )
    expect(['invalid_request_error', 'some_future_error'].map(stream)).toEqual([false, false])
    expect(modelRetryable({ kind: 'success', tookMs: 0 })).toBe(false)
  })

  it('an attempt longer than its timeout is a timeout of exactly the timeout; one as long is not', () => {
    expect(effective({ kind: 'hang' }, 700)).toEqual({ kind: 'timeout', tookMs: 700 })
    expect(effective(ok(701), 700)).toEqual({ kind: 'timeout', tookMs: 700 })
    expect(effective(ok(700), 700)).toEqual(ok(700))
  })
})

describe("the server's wait", () => {
  const at = START_EPOCH_MS + 1234 // a response at …:40.234

  it('retry-after-ms first, then retry-after in seconds or as an HTTP date (whole seconds)', () => {
    const both = http(503, { retryAfterMs: 1500, retryAfter: { seconds: '3' } })
    expect(modelServerAsk(both, at)).toEqual({ ms: 1500, reason: 'retry-after' })
    expect(modelServerAsk(http(503, { retryAfter: { seconds: '3' } }), at)).toEqual({ ms: 3000, reason: 'retry-after' })
    expect(modelServerAsk(http(503, { retryAfter: { seconds: '2.5' } }), at)).toEqual({
      ms: 2500,
      reason: 'retry-after'
    })
    // The date says …:45 (…:40.234 + 5 s, truncated to the second): 45000 − 40234 = 4766 ms.
    expect(modelServerAsk(http(503, { retryAfter: { dateInS: 5 } }), at)).toEqual({ ms: 4766, reason: 'retry-after' })
    expect(modelServerAsk(http(503, { retryAfter: { dateInS: -10 } }), at)).toEqual({ ms: 0, reason: 'retry-after' })
  })

  it("a 429's latest exhausted bucket reset; not for other statuses, spent-not buckets or past resets", () => {
    const rateLimits = [
      { bucket: 'requests' as const, remaining: 0, resetInMs: 2000 },
      { bucket: 'tokens' as const, remaining: 0, resetInMs: 3500 },
      { bucket: 'input-tokens' as const, remaining: 5, resetInMs: 9000 }
    ]
    expect(modelServerAsk(http(429, { rateLimits }), at)).toEqual({ ms: 3500, reason: 'rate-limit-reset' })
    expect(modelServerAsk(http(503, { rateLimits }), at)).toBeUndefined()
    const past = [{ bucket: 'requests' as const, remaining: 0, resetInMs: 0 }]
    expect(modelServerAsk(http(429, { rateLimits: past }), at)).toBeUndefined()
    expect(modelServerAsk({ kind: 'reset', tookMs: 0 }, at)).toBeUndefined()
  })

  it('the headers the harness hands the loop for such a response', () => {
    const b = http(429, {
      retryAfterMs: 1500,
      retryAfter: { dateInS: 5 },
      shouldRetry: 'true',
      rateLimits: [{ bucket: 'tokens', remaining: 0, resetInMs: 2000 }]
    })
    expect(headersOf(b, 3, START_EPOCH_MS)).toEqual({
      'content-type': 'application/json',
      'request-id': 'req_3',
      'retry-after-ms': '1500',
      'retry-after': 'Sun, 15 Jun 2025 15:06:45 GMT', // START_EPOCH_MS = 2025-06-15T15:06:40Z, + 5 s
      'x-should-retry': 'true',
      'anthropic-ratelimit-tokens-limit': '1000',
      'anthropic-ratelimit-tokens-remaining': '0',
      'anthropic-ratelimit-tokens-reset': '2025-06-15T15:06:42.000Z'
    })
  })
})

/** Known runs: policy, steps, randoms, and the whole expected outcome. */
const record = (attempt: number, startMs: number, durationMs: number, waitMs: number, fields: object) => ({
  attempt,
  startMs,
  durationMs,
  requestId: `req_${attempt}`,
  waitMs,
  waitReason: waitMs > 0 ? 'backoff' : null,
  ...fields
})
const overloaded = { status: 529, errorType: 'overloaded_error' }
const success = { status: 200, errorType: null }

const KNOWN = {
  // full, random 0.25: waits 0.25 · (1000, 2000, 4000, 5000); each attempt takes 100 ms.
  fullJitterToSuccess: {
    policy: P,
    steps: [http(529), http(529), http(529), http(529), ok(50)],
    randoms: [0.25],
    expected: {
      ok: true,
      value: 'answer-5',
      records: [
        record(1, 0, 100, 250, overloaded), // ends 100, waits to 350
        record(2, 350, 100, 500, overloaded), // ends 450, waits to 950
        record(3, 950, 100, 1000, overloaded), // ends 1050, waits to 2050
        record(4, 2050, 100, 1250, overloaded), // ends 2150, waits to 3400
        record(5, 3400, 50, 0, success) // ends 3450
      ],
      stops: [],
      timeouts: [10_000, 10_000, 10_000, 10_000, 10_000],
      sleeps: [250, 500, 1000, 1250],
      durationMs: 3450
    }
  },
  // none, total-timeout 2 s: attempt 1 gets 2000 ms; 100 + 1000 = 1100 < 2000, so it waits; attempt 2
  // gets 2000 − 1100 = 900 ms; 1200 + cap_2 2000 = 3200 ≥ 2000: stop at the deadline.
  deadlineCut: {
    policy: { ...P, jitter: 'none' as const, totalTimeoutMs: 2000 },
    steps: [http(503, { errorType: 'api_error' }), http(503, { errorType: 'api_error' })],
    randoms: [0.5],
    expected: {
      ok: false,
      records: [
        record(1, 0, 100, 1000, { status: 503, errorType: 'api_error' }),
        record(2, 1100, 100, 0, { status: 503, errorType: 'api_error' })
      ],
      stops: ['deadline'],
      timeouts: [2000, 900],
      sleeps: [1000],
      durationMs: 1200
    }
  },
  // retry-after 3 s honoured (no random drawn), then full jitter on retry 2 with the FIRST random:
  // 0.5 · 2000 = 1000; retry 3: 0.1 · 4000 = 400.
  retryAfterHonoured: {
    policy: P,
    steps: [http(429, { errorType: 'rate_limit_error', retryAfter: { seconds: '3' } }), http(529), http(529), ok(0)],
    randoms: [0.5, 0.1],
    expected: {
      ok: true,
      value: 'answer-4',
      records: [
        { ...record(1, 0, 100, 3000, { status: 429, errorType: 'rate_limit_error' }), waitReason: 'retry-after' },
        record(2, 3100, 100, 1000, overloaded),
        record(3, 4200, 100, 400, overloaded),
        record(4, 4700, 0, 0, success)
      ],
      stops: [],
      timeouts: [10_000, 10_000, 10_000, 10_000],
      sleeps: [3000, 1000, 400],
      durationMs: 4700
    }
  },
  // A server wait above max-delay (6000 > 5000) stops at once; with max-retries 0 both limits fit.
  serverWaitTooLong: {
    policy: { ...P, maxRetries: 0 },
    steps: [http(429, { errorType: 'rate_limit_error', retryAfter: { seconds: '6' } })],
    randoms: [0.5],
    expected: {
      ok: false,
      records: [record(1, 0, 100, 0, { status: 429, errorType: 'rate_limit_error' })],
      stops: ['retries-exhausted', 'server-wait-too-long'],
      timeouts: [10_000],
      sleeps: [],
      durationMs: 100
    }
  },
  // Decorrelated after a server wait of 200 ms: high = max(1000, 3 · 200) = 1000, so the wait is 1000;
  // then high = 3000: 1000 + 0.3 · 2000 = 1600. Hangs under a 1 s attempt timeout take exactly 1000.
  decorrelatedAfterServerWait: {
    policy: { ...P, jitter: 'decorrelated' as const, attemptTimeoutMs: 1000 },
    steps: [http(529, { retryAfterMs: 200 }), { kind: 'hang' as const }, http(529), ok(10)],
    randoms: [0.3],
    expected: {
      ok: true,
      value: 'answer-4',
      records: [
        { ...record(1, 0, 100, 200, overloaded), waitReason: 'retry-after' },
        record(2, 300, 1000, 1000, { status: null, errorType: 'timeout', requestId: null }),
        record(3, 2300, 100, 1600, overloaded),
        record(4, 4000, 10, 0, success)
      ],
      stops: [],
      timeouts: [1000, 1000, 1000, 1000],
      sleeps: [200, 1000, 1600],
      durationMs: 4010
    }
  },
  // A 401 is final at once.
  finalError: {
    policy: P,
    steps: [http(401, { errorType: 'authentication_error' })],
    randoms: [0.5],
    expected: {
      ok: false,
      records: [record(1, 0, 100, 0, { status: 401, errorType: 'authentication_error' })],
      stops: ['final-error'],
      timeouts: [10_000],
      sleeps: [],
      durationMs: 100
    }
  }
}

describe('the model on known runs', () => {
  it.each(Object.entries(KNOWN))('%s', (_name, { policy, steps, randoms, expected }) => {
    expect(model(policy, steps, randoms)).toEqual(expected)
  })

  it('a rate-limit reset is waited for plus the backoff, capped by max-delay', () => {
    const limit = (resetInMs: number) => http(429, { rateLimits: [{ bucket: 'requests', remaining: 0, resetInMs }] })
    // 3500 + 0.5 · 1000 = 4000; min(5000, 4800 + 500 = 5300) = 5000
    expect(model(P, [limit(3500), ok(0)], [0.5]).sleeps).toEqual([4000])
    expect(model(P, [limit(4800), ok(0)], [0.5]).records[0]?.waitReason).toBe('rate-limit-reset')
    expect(model(P, [limit(4800), ok(0)], [0.5]).sleeps).toEqual([5000])
  })

  it('a server wait equal to max-delay (5000) is honoured; 1 ms more stops at once', () => {
    const asking = (retryAfterMs: number) => model(P, [http(503, { retryAfterMs }), ok(0)], [0.5])
    expect(asking(5000)).toMatchObject({ ok: true, sleeps: [5000], durationMs: 5100 }) // 100 + 5000 + 0
    expect(asking(5001)).toMatchObject({ ok: false, stops: ['server-wait-too-long'], sleeps: [], durationMs: 100 })
  })

  it('waits are rounded to whole ms; a wait ending exactly at the deadline is not started', () => {
    // equal, retry 1: 500 + 0.1234 · 500 = 561.7 → 562
    expect(model({ ...P, jitter: 'equal' }, [http(529), ok(0)], [0.1234]).sleeps).toEqual([562])
    // none, total 1100: 100 + 1000 = 1100, which is the deadline itself
    const atDeadline = model({ ...P, jitter: 'none', totalTimeoutMs: 1100 }, [http(529), ok(0)], [0])
    expect({ ok: atDeadline.ok, stops: atDeadline.stops, sleeps: atDeadline.sleeps }).toEqual({
      ok: false,
      stops: ['deadline'],
      sleeps: []
    })
  })
})

describe('the harness (src/retry/loop.ts on the fake clock) gives the same known answers', () => {
  it.each(Object.entries(KNOWN))('%s', async (_name, { policy, steps, randoms, expected }) => {
    const run = await runLoop(policy, steps, randoms)
    expect(run.outcome.attempts.map(({ model: _model, ...rest }) => rest)).toEqual(expected.records)
    expect(run.outcome.ok).toBe(expected.ok)
    if (!run.outcome.ok) expect(expected.stops).toContain(run.outcome.stop)
    expect(run.sleeps).toEqual(expected.sleeps)
    expect(run.contexts.map(c => c.timeoutMs)).toEqual(expected.timeouts)
    expect(run.elapsedMs).toBe(expected.durationMs)
  })
})
