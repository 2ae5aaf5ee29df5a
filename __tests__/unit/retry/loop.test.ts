import type { RetryPolicy } from '../../../src/retry/policy.js'
import { describeStop } from '../../../src/report/log-lines.js'
import { retry, type AttemptEvent } from '../../../src/retry/loop.js'
import { failure, fakeTime, type Step } from '../../fixtures/fake-time.js'

const policy = (overrides: Partial<RetryPolicy> = {}): RetryPolicy => ({
  maxRetries: 5,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  jitter: 'none',
  attemptTimeoutMs: 600_000,
  totalTimeoutMs: undefined,
  ...overrides
})
const overloaded = (tookMs = 100, headers: Record<string, string> = {}): Step => ({
  tookMs,
  ok: false,
  failure: { headers }
})
const ok = (tookMs = 100): Step => ({ tookMs, ok: true })

describe('retry loop', () => {
  it('succeeds at once with one attempt and no wait', async () => {
    const t = fakeTime([ok(250)])
    const outcome = await retry(policy(), t.deps)
    expect(outcome).toMatchObject({ ok: true, value: 'answer', durationMs: 250 })
    expect(outcome.attempts).toEqual([
      {
        attempt: 1,
        startMs: 0,
        durationMs: 250,
        status: 200,
        errorType: null,
        requestId: 'req_1',
        model: 'm',
        waitMs: 0,
        waitReason: null
      }
    ])
    expect(t.sleeps).toEqual([])
  })

  it('retries transient failures with the exact backoff schedule and logs every attempt', async () => {
    const t = fakeTime([overloaded(), overloaded(), overloaded(), ok()])
    const events: AttemptEvent[] = []
    const outcome = await retry(policy(), { ...t.deps, onAttempt: e => events.push(e) })
    expect(outcome.ok).toBe(true)
    expect(t.sleeps).toEqual([1000, 2000, 4000])
    expect(outcome.attempts.map(a => [a.startMs, a.waitMs, a.waitReason])).toEqual([
      [0, 1000, 'backoff'],
      [1100, 2000, 'backoff'],
      [3200, 4000, 'backoff'],
      [7300, 0, null]
    ])
    expect(events.map(e => e.outcome)).toEqual(['retry', 'retry', 'retry', 'success'])
  })

  it('makes at most max-retries + 1 attempts, then says the retries ran out', async () => {
    const t = fakeTime(Array.from({ length: 10 }, () => overloaded()))
    const outcome = await retry(policy({ maxRetries: 2 }), t.deps)
    expect(outcome).toMatchObject({
      ok: false,
      stop: 'retries-exhausted',
      detail: { reason: 'retries-exhausted', attempts: 3, maxRetries: 2 }
    })
    expect(outcome.attempts).toHaveLength(3)
    expect(outcome.attempts[2]).toMatchObject({ waitMs: 0, waitReason: null })
    expect(t.sleeps).toEqual([1000, 2000])
  })

  it('max-retries 0 sends exactly one request', async () => {
    const t = fakeTime([overloaded(), ok()])
    const outcome = await retry(policy({ maxRetries: 0 }), t.deps)
    expect(outcome.attempts).toHaveLength(1)
    expect(outcome.ok).toBe(false)
  })

  it('never retries a final error', async () => {
    const t = fakeTime([{ tookMs: 5, ok: false, failure: { status: 401, errorType: 'authentication_error' } }, ok()])
    const outcome = await retry(policy(), t.deps)
    expect(outcome).toMatchObject({ ok: false, stop: 'final-error' })
    expect(outcome.attempts).toHaveLength(1)
  })

  it('waits what the server asks (retry-after-ms, then retry-after) and marks it', async () => {
    const t = fakeTime([overloaded(100, { 'retry-after-ms': '400' }), overloaded(100, { 'retry-after': '2' }), ok()])
    const outcome = await retry(policy(), t.deps)
    expect(t.sleeps).toEqual([400, 2000])
    expect(outcome.attempts.map(a => a.waitReason)).toEqual(['retry-after', 'retry-after', null])
  })

  it('stops at once when the server asks for more than max-delay; a wait equal to it is allowed', async () => {
    const tooLong = fakeTime([overloaded(100, { 'retry-after': '61' }), ok()])
    const outcome = await retry(policy(), tooLong.deps)
    expect(outcome).toMatchObject({ ok: false, stop: 'server-wait-too-long' })
    if (!outcome.ok)
      expect(outcome.detail).toMatchObject({
        reason: 'server-wait-too-long',
        said: expect.stringContaining('retry-after: 61')
      })
    expect(tooLong.sleeps).toEqual([])

    const equal = fakeTime([overloaded(100, { 'retry-after': '60' }), ok()])
    expect((await retry(policy(), equal.deps)).ok).toBe(true)
    expect(equal.sleeps).toEqual([60_000])
  })

  it('waits for a rate-limit reset plus the backoff, capped by max-delay, and marks it rate-limit-reset', async () => {
    const resetIn = (ms: number) => ({
      'anthropic-ratelimit-tokens-remaining': '0',
      'anthropic-ratelimit-tokens-reset': new Date(1_000_000 + ms).toISOString()
    })
    // The fake clock starts at 1_000_000 ms; attempt 1 ends at 1_000_100.
    const t = fakeTime([
      { tookMs: 100, ok: false, failure: { status: 429, errorType: 'rate_limit_error', headers: resetIn(3100) } },
      { tookMs: 100, ok: false, failure: { status: 429, errorType: 'rate_limit_error', headers: resetIn(999_999) } },
      ok()
    ])
    const outcome = await retry(policy({ maxDelayMs: 10_000 }), t.deps)
    expect(outcome.ok).toBe(true)
    // reset 3000 ms away + jitter none's first step 1000; then a far reset capped at max-delay
    expect(t.sleeps).toEqual([4000, 10_000])
    expect(outcome.attempts.map(a => a.waitReason)).toEqual(['rate-limit-reset', 'rate-limit-reset', null])
  })

  it('moves to another model at once, with no wait, and not past the deadline', async () => {
    const t = fakeTime([overloaded(100), ok()])
    const outcome = await retry(policy(), { ...t.deps, switchModel: () => 'other-model' })
    expect(outcome.ok).toBe(true)
    expect(t.sleeps).toEqual([])
    expect(outcome.attempts[0]).toMatchObject({ waitMs: 0, waitReason: 'fallback' })

    const late = fakeTime([overloaded(1000), ok()])
    const stopped = await retry(policy({ totalTimeoutMs: 1000 }), { ...late.deps, switchModel: () => 'other-model' })
    expect(stopped).toMatchObject({ ok: false, stop: 'deadline' })
    expect(late.contexts).toHaveLength(1)
  })

  it('decorrelated jitter grows from the wait actually slept, server waits included', async () => {
    // random 0.5: U(base, 3 * prev) = base + 0.5 * (3 * prev - base)
    const t = fakeTime([overloaded(), overloaded(100, { 'retry-after': '4' }), overloaded(), ok()])
    await retry(policy({ jitter: 'decorrelated' }), t.deps)
    // 1st: prev = base 1000 -> 2000; 2nd: server 4000; 3rd: prev 4000 -> 1000 + 0.5 * 11000 = 6500
    expect(t.sleeps).toEqual([2000, 4000, 6500])
  })

  it('shrinks each attempt timeout to what the total deadline leaves', async () => {
    const t = fakeTime([overloaded(3000), overloaded(3000), ok()])
    await retry(policy({ attemptTimeoutMs: 5000, totalTimeoutMs: 8000 }), t.deps)
    // attempt 1 at 0 gets 5000; attempt 2 at 4000 (3000 + 1000 wait) gets 4000
    expect(t.contexts.map(c => c.timeoutMs)).toEqual([5000, 4000])
  })

  it('does not start a wait that would end past total-timeout, and says what it would have waited', async () => {
    const t = fakeTime([overloaded(1000), overloaded(1000), overloaded(1000), ok()])
    const outcome = await retry(policy({ totalTimeoutMs: 5000 }), t.deps)
    // 0-1000 attempt, wait 1000, 2000-3000 attempt, next wait 2000 would end at 5000 = the deadline
    expect(outcome).toMatchObject({ ok: false, stop: 'deadline' })
    if (!outcome.ok)
      expect(describeStop(outcome.detail)).toBe('the next wait (2.00 s) would end past total-timeout (5.00 s)')
    expect(t.elapsed()).toBeLessThanOrEqual(5000)
  })

  it('keeps a deadline that started before it (the token count and the Messages loop share one total-timeout)', async () => {
    const t = fakeTime([overloaded(4500), ok()])
    // 3000 ms of an 8000 ms total-timeout went on the token count before this loop started.
    const deadline = t.deps.now() + 5000
    const outcome = await retry(policy({ attemptTimeoutMs: 10_000, totalTimeoutMs: 8000 }), { ...t.deps, deadline })
    expect(t.contexts[0]?.timeoutMs).toBe(5000)
    // 0-4500 attempt, then the 1000 ms wait would end past the shared deadline (not past the
    // loop's own 8000 ms): not started.
    expect(outcome).toMatchObject({ ok: false, stop: 'deadline' })
    expect(t.elapsed()).toBeLessThanOrEqual(5000)
  })

  it('a hung attempt is cut at its timeout and retried', async () => {
    const t = fakeTime([{ tookMs: Infinity, ok: true }, ok()])
    const outcome = await retry(policy({ attemptTimeoutMs: 2000 }), t.deps)
    expect(outcome.ok).toBe(true)
    expect(outcome.attempts[0]).toMatchObject({
      durationMs: 2000,
      errorType: 'timeout',
      status: null,
      waitReason: 'backoff'
    })
  })

  it('an attempt ended by cancellation counts and stops the loop', async () => {
    const t = fakeTime([
      { tookMs: 50, ok: false, failure: { kind: 'cancelled', status: null, errorType: 'cancelled' } },
      ok()
    ])
    t.controller.abort()
    const outcome = await retry(policy(), t.deps)
    expect(outcome).toMatchObject({ ok: false, stop: 'cancelled', failure: { kind: 'cancelled' } })
    expect(outcome.attempts).toHaveLength(1)
  })

  it('a cancel during a wait stops at once and records the wait actually slept', async () => {
    const t = fakeTime([overloaded(), ok()])
    const deps = {
      ...t.deps,
      sleep: async (ms: number) => {
        t.sleeps.push(ms)
        t.controller.abort() // the signal arrives at once; no time passes
      }
    }
    const outcome = await retry(policy(), deps)
    expect(outcome).toMatchObject({ ok: false, stop: 'cancelled' })
    expect(outcome.attempts).toHaveLength(1)
    expect(outcome.attempts[0]?.waitMs).toBe(0)
  })
})

describe('retry loop: how it stops, as data and as events', () => {
  it('tells onAttempt of the stop with its reason, and the outcome lasts as long as the attempt', async () => {
    const t = fakeTime([{ tookMs: 5, ok: false, failure: { status: 401, errorType: 'authentication_error' } }])
    const events: AttemptEvent[] = []
    const outcome = await retry(policy(), { ...t.deps, onAttempt: e => events.push(e) })
    const detail = { reason: 'final-error', why: 'HTTP 401 will not change on retry' }
    expect(outcome).toMatchObject({ ok: false, stop: 'final-error', detail, durationMs: 5 })
    expect(events).toEqual([
      {
        record: outcome.attempts[0],
        outcome: 'stop',
        failure: expect.objectContaining({ status: 401 }),
        stop: 'final-error',
        detail
      }
    ])
  })

  it('counts the first attempt from 0 even when the clock moves on every reading', async () => {
    const t = fakeTime([ok(100)])
    let ticks = 0
    const outcome = await retry(policy(), { ...t.deps, now: () => t.deps.now() + ticks++ })
    expect(outcome.attempts[0]?.startMs).toBe(0)
  })

  it('a refused first attempt sends nothing and records nothing', async () => {
    const t = fakeTime([ok()])
    const refusal = failure({ kind: 'client', status: null, errorType: 'cost_limit', message: 'over max-cost-usd' })
    const asked: number[] = []
    const beforeAttempt = (attempt: number) => (asked.push(attempt), refusal)
    const outcome = await retry(policy(), { ...t.deps, beforeAttempt })
    expect(outcome).toEqual({
      ok: false,
      failure: refusal,
      stop: 'refused',
      detail: { reason: 'refused', attempt: 1, why: 'over max-cost-usd' },
      attempts: [],
      durationMs: 0
    })
    expect(asked).toEqual([1])
    expect(t.contexts).toEqual([])
  })

  it('a refused retry stops after the failed attempt, before any wait, and tells onAttempt once', async () => {
    const t = fakeTime([overloaded(100), ok()])
    const refusal = failure({ kind: 'client', status: null, errorType: 'cost_limit', message: 'over max-cost-usd' })
    const asked: number[] = []
    const beforeAttempt = (attempt: number) => (asked.push(attempt), attempt === 2 ? refusal : undefined)
    const events: AttemptEvent[] = []
    const outcome = await retry(policy(), { ...t.deps, beforeAttempt, onAttempt: e => events.push(e) })
    const detail = { reason: 'refused', attempt: 2, why: 'over max-cost-usd' }
    expect(outcome).toEqual({
      ok: false,
      failure: refusal,
      stop: 'refused',
      detail,
      attempts: [expect.objectContaining({ attempt: 1, waitMs: 0, waitReason: null })],
      durationMs: 100
    })
    expect(asked).toEqual([1, 2])
    expect(t.contexts).toHaveLength(1)
    expect(t.sleeps).toEqual([])
    expect(events).toEqual([
      {
        record: outcome.attempts[0],
        outcome: 'stop',
        failure: expect.objectContaining({ errorType: 'overloaded_error' }),
        stop: 'refused',
        detail
      }
    ])
    // Without onAttempt the refusal is the same.
    const quiet = fakeTime([overloaded(100), ok()])
    expect(await retry(policy(), { ...quiet.deps, beforeAttempt })).toMatchObject({ stop: 'refused', detail })
  })

  it('an attempt that failed otherwise while the signal aborted stops as cancelled, keeping what it knew', async () => {
    const t = fakeTime([
      { tookMs: 50, ok: false, failure: { kind: 'connection', status: null, errorType: 'ECONNRESET' } }
    ])
    t.controller.abort()
    const outcome = await retry(policy(), t.deps)
    expect(outcome).toMatchObject({
      ok: false,
      stop: 'cancelled',
      detail: { reason: 'cancelled', during: 'attempt' },
      failure: { kind: 'cancelled', errorType: 'cancelled', status: null, requestId: 'req_x', message: 'Overloaded' }
    })
  })

  it('a cancelled attempt stops the loop even before the signal says so', async () => {
    const t = fakeTime([{ tookMs: 50, ok: false, failure: { kind: 'cancelled', status: null, errorType: 'x' } }, ok()])
    const outcome = await retry(policy(), t.deps)
    expect(outcome).toMatchObject({
      ok: false,
      stop: 'cancelled',
      failure: { kind: 'cancelled', errorType: 'cancelled' }
    })
    expect(t.contexts).toHaveLength(1)
  })

  it('a cancel during a wait says so, with the time slept in the record and the outcome', async () => {
    const t = fakeTime([overloaded(100), ok()])
    // The loop asks for a 1000 ms wait; the signal arrives 300 ms into it.
    const sleep = async () => {
      await t.deps.sleep(300, t.deps.signal)
      t.controller.abort()
    }
    const outcome = await retry(policy(), { ...t.deps, sleep })
    expect(outcome).toEqual({
      ok: false,
      failure: expect.objectContaining({
        kind: 'cancelled',
        errorType: 'cancelled',
        message: 'cancelled during a wait',
        status: 529
      }),
      stop: 'cancelled',
      detail: { reason: 'cancelled', during: 'wait' },
      attempts: [expect.objectContaining({ waitMs: 300, waitReason: 'backoff' })],
      durationMs: 400
    })
  })

  it('announces a move to another model as a retry whose reason is the fallback', async () => {
    const t = fakeTime([overloaded(100), ok()])
    const events: AttemptEvent[] = []
    await retry(policy(), { ...t.deps, switchModel: () => 'other-model', onAttempt: e => events.push(e) })
    expect(events[0]).toEqual({
      record: expect.objectContaining({ attempt: 1, waitReason: 'fallback' }),
      outcome: 'retry',
      failure: expect.objectContaining({ errorType: 'overloaded_error' }),
      decision: { retry: true, why: 'fallback', fallbackTo: 'other-model' }
    })
  })
})
