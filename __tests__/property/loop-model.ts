/**
 * Shared by the loop property tests and their regressions: what the API does on each attempt
 * (a Behaviour), a harness that runs src/retry/loop.ts on a fake clock with those behaviours, an
 * independent reference model of the loop written from docs/retries.md "How retries work", and the
 * invariant checks that apply to the loop.
 *
 * The reference model never calls src/retry/classify.ts or src/retry/backoff.ts: it re-derives retry-or-not,
 * the server's wait and the jitter envelopes from docs/retries.md's rules and formulas.
 */
import { expect } from '@jest/globals'
import fc from 'fast-check'
import { fakeClock } from '../fixtures/fake-time.js'
import type { RetryPolicy } from '../../src/retry/policy.js'
import type { AttemptFailure } from '../../src/retry/failure.js'
import {
  retry,
  type AttemptContext,
  type AttemptEvent,
  type AttemptRecord,
  type AttemptResult,
  type RetryOutcome,
  type StopReason
} from '../../src/retry/loop.js'

// ---------------------------------------------------------------------------------------------
// Behaviours
// ---------------------------------------------------------------------------------------------

const BUCKETS = ['requests', 'tokens', 'input-tokens', 'output-tokens'] as const
type Bucket = (typeof BUCKETS)[number]

/** One `anthropic-ratelimit-<bucket>-*` triple; the reset is relative to the response time. */
interface RateLimit {
  bucket: Bucket
  remaining: number
  resetInMs: number
}

/** `retry-after` as delta-seconds (a string, as sent), or as an HTTP date `dateInS` from the response time. */
type RetryAfter = { seconds: string } | { dateInS: number }

export interface HttpError {
  kind: 'http'
  tookMs: number
  status: number
  errorType: string
  /** error.details.error_code, e.g. a spend limit. */
  errorCode: string | null
  retryAfter?: RetryAfter
  retryAfterMs?: number
  shouldRetry?: 'true' | 'false'
  rateLimits?: RateLimit[]
}

export type Behaviour =
  | { kind: 'success'; tookMs: number }
  | HttpError
  /** The connection is reset before any response. */
  | { kind: 'reset'; tookMs: number }
  /** A stream cut off after some text: claude.ts reports it as a connection error. */
  | { kind: 'stream-cut'; tookMs: number }
  /** No answer at all: the attempt runs into its timeout. */
  | { kind: 'hang' }
  /** An SSE `error` event after some text (status line 200). */
  | { kind: 'stream-error'; tookMs: number; errorType: string }
  /** A 200 whose body is not a complete Message (with a request-id when the headers had one). */
  | { kind: 'invalid-response'; tookMs: number; withRequestId: boolean }

/** Past the scripted steps the server answers at once with a message (like the fake API's default reply). */
const TAIL: Behaviour = { kind: 'success', tookMs: 0 }
const behaviourAt = (steps: readonly Behaviour[], index: number): Behaviour => steps[index] ?? TAIL

export const SPEND_LIMIT_CODES = ['enforced_spend_limit_reached', 'contract_spend_limit_reached'] as const
export const RETRYABLE_STREAM_TYPES = ['overloaded_error', 'api_error', 'rate_limit_error', 'timeout_error'] as const
export const FINAL_STREAM_TYPES = [
  'invalid_request_error',
  'authentication_error',
  'permission_error',
  'billing_error',
  'not_found_error',
  'request_too_large',
  'some_future_error'
] as const

export const ERROR_TYPE_FOR_STATUS: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  408: 'timeout_error',
  409: 'conflict_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  502: 'api_error',
  503: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error'
}
export const RETRYABLE_STATUSES = [408, 409, 429, 500, 502, 503, 504, 529] as const
export const FINAL_STATUSES = [400, 401, 403, 404, 413] as const

// ---------------------------------------------------------------------------------------------
// Building what claude.ts would return
// ---------------------------------------------------------------------------------------------

const requestIdOf = (attempt: number) => `req_${attempt}`
const successText = (attempt: number) => `answer-${attempt}`
const MODEL = 'claude-test'

/** An HTTP date (second precision, as servers send it). */
const httpDate = (epochMs: number) => new Date(epochMs).toUTCString()

/** The response headers as the SDK hands them to claude.ts (names lower-cased), at response time `nowMs`. */
export function headersOf(b: HttpError, attempt: number, nowMs: number): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'request-id': requestIdOf(attempt) }
  if (b.retryAfterMs !== undefined) headers['retry-after-ms'] = String(b.retryAfterMs)
  if (b.retryAfter !== undefined) {
    headers['retry-after'] =
      'seconds' in b.retryAfter ? b.retryAfter.seconds : httpDate(nowMs + b.retryAfter.dateInS * 1000)
  }
  if (b.shouldRetry !== undefined) headers['x-should-retry'] = b.shouldRetry
  for (const limit of b.rateLimits ?? []) {
    headers[`anthropic-ratelimit-${limit.bucket}-limit`] = '1000'
    headers[`anthropic-ratelimit-${limit.bucket}-remaining`] = String(limit.remaining)
    headers[`anthropic-ratelimit-${limit.bucket}-reset`] = new Date(nowMs + limit.resetInMs).toISOString()
  }
  return headers
}

const noHeaders = { errorCode: null, headers: {} }

function timeoutFailure(timeoutMs: number): AttemptFailure {
  return {
    kind: 'timeout',
    status: null,
    errorType: 'timeout',
    requestId: null,
    message: `no complete response within ${(timeoutMs / 1000).toFixed(1)} s`,
    ...noHeaders
  }
}

/** The AttemptResult claude.ts's sendOnce would produce for a behaviour that answered at `nowMs`. */
function resultOf(b: Exclude<Behaviour, { kind: 'hang' }>, attempt: number, nowMs: number): AttemptResult<string> {
  const requestId = requestIdOf(attempt)
  const fail = (failure: AttemptFailure): AttemptResult<string> => ({ ok: false, model: MODEL, failure })
  switch (b.kind) {
    case 'success':
      return { ok: true, value: successText(attempt), status: 200, requestId, model: MODEL }
    case 'http':
      return fail({
        kind: 'http',
        status: b.status,
        errorType: b.errorType,
        errorCode: b.errorCode,
        requestId,
        message: `HTTP ${b.status}`,
        headers: headersOf(b, attempt, nowMs)
      })
    case 'reset':
      return fail({
        kind: 'connection',
        status: null,
        errorType: 'connection_error',
        requestId: null,
        message: 'Connection error. (ECONNRESET)',
        ...noHeaders
      })
    case 'stream-cut':
      return fail({
        kind: 'connection',
        status: null,
        errorType: 'connection_error',
        requestId: null,
        message: 'the stream was cut off: terminated',
        ...noHeaders
      })
    case 'stream-error':
      return fail({
        kind: 'stream-error',
        status: null,
        errorType: b.errorType,
        errorCode: null,
        requestId,
        message: `stream said ${b.errorType}`,
        // The SDK attaches the 200 response's headers to a mid-stream error.
        headers: { 'content-type': 'text/event-stream', 'request-id': requestId }
      })
    case 'invalid-response':
      return fail({
        kind: 'invalid-response',
        status: 200,
        errorType: 'invalid_response',
        requestId: b.withRequestId ? requestId : null,
        message: b.withRequestId
          ? 'the message has no stop_reason (the stream ended early)'
          : 'the body is not valid JSON',
        ...noHeaders
      })
  }
}

// ---------------------------------------------------------------------------------------------
// The harness: src/retry/loop.ts on a fake clock
// ---------------------------------------------------------------------------------------------

export interface Run {
  outcome: RetryOutcome<string>
  contexts: AttemptContext[]
  sleeps: number[]
  events: AttemptEvent[]
  /** Fake-clock time from the call of retry() to its return. */
  elapsedMs: number
  randomCalls: number
}

/** Fake clock start: a realistic epoch, with a varying millisecond phase (HTTP dates have whole seconds). */
export const START_EPOCH_MS = 1_750_000_000_000

export async function runLoop(
  policy: RetryPolicy,
  steps: readonly Behaviour[],
  randoms: readonly number[],
  startMs = START_EPOCH_MS
): Promise<Run> {
  const clock = fakeClock(startMs)
  const contexts: AttemptContext[] = []
  const events: AttemptEvent[] = []
  let randomCalls = 0
  const outcome = await retry<string>(policy, {
    now: clock.now,
    random: () => randoms[randomCalls++ % randoms.length] as number,
    signal: new AbortController().signal,
    sleep: clock.sleep,
    attempt: async (context: AttemptContext) => {
      contexts.push(context)
      if (contexts.length > 50) throw new Error('runaway loop: more than 50 attempts')
      const b = behaviourAt(steps, context.attempt - 1)
      // sendOnce's own timer aborts an attempt that outlasts the timeout it was given; a hang always.
      if (b.kind === 'hang') clock.attempt(Infinity, context.timeoutMs)
      if (b.kind === 'hang' || !clock.attempt(b.tookMs, context.timeoutMs)) {
        return { ok: false, model: MODEL, failure: timeoutFailure(context.timeoutMs) }
      }
      return resultOf(b, context.attempt, clock.now())
    },
    onAttempt: event => events.push(event)
  })
  return { outcome, contexts, sleeps: clock.sleeps, events, elapsedMs: clock.elapsed(), randomCalls }
}

// ---------------------------------------------------------------------------------------------
// The reference model, from docs/retries.md
// ---------------------------------------------------------------------------------------------

/** What the attempt amounted to, once the attempt timeout is applied. */
export type Effective = Exclude<Behaviour, { kind: 'hang' }> | { kind: 'timeout'; tookMs: number }

export function effective(b: Behaviour, timeoutMs: number): Effective {
  if (b.kind === 'hang' || b.tookMs > timeoutMs) return { kind: 'timeout', tookMs: timeoutMs }
  return b
}

/** docs/retries.md "What is retried", in its order. */
export function modelRetryable(e: Effective): boolean {
  switch (e.kind) {
    case 'success':
      return false
    case 'http':
      if (e.status === 429 && e.errorCode !== null && (SPEND_LIMIT_CODES as readonly string[]).includes(e.errorCode))
        return false
      if (e.shouldRetry !== undefined) return e.shouldRetry === 'true'
      return e.status === 408 || e.status === 409 || e.status === 429 || e.status >= 500
    case 'reset':
    case 'stream-cut':
    case 'timeout':
    case 'invalid-response':
      return true
    case 'stream-error':
      return (RETRYABLE_STREAM_TYPES as readonly string[]).includes(e.errorType)
  }
}

export interface ServerAsk {
  ms: number
  reason: 'retry-after' | 'rate-limit-reset'
}

/** docs/retries.md "How long to wait": retry-after-ms, else retry-after, else (429 only) the latest exhausted bucket's reset. */
export function modelServerAsk(e: Effective, responseAtMs: number): ServerAsk | undefined {
  if (e.kind !== 'http') return undefined
  if (e.retryAfterMs !== undefined) return { ms: e.retryAfterMs, reason: 'retry-after' }
  if (e.retryAfter !== undefined) {
    if ('seconds' in e.retryAfter) return { ms: Number(e.retryAfter.seconds) * 1000, reason: 'retry-after' }
    const dateMs = Math.floor((responseAtMs + e.retryAfter.dateInS * 1000) / 1000) * 1000
    return { ms: Math.max(0, dateMs - responseAtMs), reason: 'retry-after' }
  }
  if (e.status !== 429) return undefined
  const resets = (e.rateLimits ?? []).filter(l => l.remaining === 0 && l.resetInMs > 0).map(l => l.resetInMs)
  return resets.length > 0 ? { ms: Math.max(...resets), reason: 'rate-limit-reset' } : undefined
}

/** cap_n = min(max-delay, base-delay · 2^(n-1)) */
export const capOf = (n: number, policy: RetryPolicy) => Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1))

/**
 * docs/retries.md's jitter envelope for the wait before retry n, before rounding to whole ms.
 * `previousWaitMs`: the wait slept before the previous attempt (decorrelated starts from base-delay).
 */
export function envelope(n: number, previousWaitMs: number | undefined, policy: RetryPolicy): [number, number] {
  const cap = capOf(n, policy)
  switch (policy.jitter) {
    case 'full':
      return [0, cap]
    case 'equal':
      return [cap / 2, cap]
    case 'none':
      return [cap, cap]
    case 'decorrelated': {
      const previous = previousWaitMs ?? policy.baseDelayMs
      const high = Math.max(policy.baseDelayMs, 3 * previous)
      return [Math.min(policy.maxDelayMs, policy.baseDelayMs), Math.min(policy.maxDelayMs, high)]
    }
  }
}

/** The exact backoff for draw r: U(lo, hi) taken as lo + r·(hi − lo), one draw per computed wait. */
export function modelBackoff(n: number, previousWaitMs: number | undefined, policy: RetryPolicy, r: number): number {
  const cap = capOf(n, policy)
  switch (policy.jitter) {
    case 'full':
      return r * cap
    case 'equal':
      return cap / 2 + r * (cap / 2)
    case 'none':
      return cap
    case 'decorrelated': {
      const previous = previousWaitMs ?? policy.baseDelayMs
      const high = Math.max(policy.baseDelayMs, 3 * previous)
      return Math.min(policy.maxDelayMs, policy.baseDelayMs + r * (high - policy.baseDelayMs))
    }
  }
}

type ExpectedRecord = Omit<AttemptRecord, 'model'>

export interface ModelResult {
  ok: boolean
  value?: string
  records: ExpectedRecord[]
  /** Stop reasons that fit the last attempt (several limits can apply at once); empty on success. */
  stops: StopReason[]
  timeouts: number[]
  sleeps: number[]
  durationMs: number
}

function recordOf(e: Effective, attempt: number, startMs: number): ExpectedRecord {
  const base = {
    attempt,
    startMs,
    durationMs: e.tookMs,
    requestId: requestIdOf(attempt) as string | null,
    waitMs: 0,
    waitReason: null
  }
  switch (e.kind) {
    case 'success':
      return { ...base, status: 200, errorType: null }
    case 'http':
      return { ...base, status: e.status, errorType: e.errorType }
    case 'reset':
    case 'stream-cut':
      return { ...base, status: null, errorType: 'connection_error', requestId: null }
    case 'timeout':
      return { ...base, status: null, errorType: 'timeout', requestId: null }
    case 'stream-error':
      return { ...base, status: null, errorType: e.errorType }
    case 'invalid-response':
      return { ...base, status: 200, errorType: 'invalid_response', requestId: e.withRequestId ? base.requestId : null }
  }
}

/** The loop as docs/retries.md describes it, on the same fake clock (times relative to the first attempt). */
export function model(
  policy: RetryPolicy,
  steps: readonly Behaviour[],
  randoms: readonly number[],
  startMs = START_EPOCH_MS
): ModelResult {
  const deadline = policy.totalTimeoutMs ?? Infinity
  const records: ExpectedRecord[] = []
  const timeouts: number[] = []
  const sleeps: number[] = []
  let t = 0
  let draws = 0
  let previousWaitMs: number | undefined
  const done = (ok: boolean, stops: StopReason[], value?: string): ModelResult => ({
    ok,
    ...(value !== undefined ? { value } : {}),
    records,
    stops,
    timeouts,
    sleeps,
    durationMs: t
  })
  for (let n = 1; ; n++) {
    const timeoutMs = Math.min(policy.attemptTimeoutMs, deadline - t)
    timeouts.push(timeoutMs)
    const e = effective(behaviourAt(steps, n - 1), timeoutMs)
    const record = recordOf(e, n, t)
    records.push(record)
    t += e.tookMs
    if (e.kind === 'success') return done(true, [], successText(n))
    if (!modelRetryable(e)) return done(false, ['final-error'])

    // Every limit that applies; the loop may report any one of them.
    const stops: StopReason[] = []
    if (n > policy.maxRetries) stops.push('retries-exhausted')
    const ask = modelServerAsk(e, startMs + t)
    let wait: number
    if (ask?.reason === 'retry-after') {
      if (ask.ms > policy.maxDelayMs) stops.push('server-wait-too-long')
      wait = ask.ms
    } else {
      const backoff =
        policy.jitter === 'none'
          ? modelBackoff(n, previousWaitMs, policy, 0)
          : modelBackoff(n, previousWaitMs, policy, randoms[draws++ % randoms.length] as number)
      // A rate-limit reset is waited for, then the backoff spreads the clients it refused.
      wait = ask?.reason === 'rate-limit-reset' ? Math.min(policy.maxDelayMs, ask.ms + backoff) : backoff
    }
    wait = Math.round(wait)
    // No wait may end at or past the deadline: the next attempt would have no time at all.
    if (t + wait >= deadline) stops.push('deadline')
    if (stops.length > 0) return done(false, stops)

    record.waitMs = wait
    record.waitReason = ask?.reason ?? 'backoff'
    sleeps.push(wait)
    t += wait
    previousWaitMs = wait
  }
}

// ---------------------------------------------------------------------------------------------
// Invariants, checked without the exact model
// ---------------------------------------------------------------------------------------------

/** Rounding a wait to whole milliseconds moves it by at most half a millisecond. */
const ROUNDING = 0.5

export function checkInvariants(
  policy: RetryPolicy,
  steps: readonly Behaviour[],
  run: Run,
  startMs = START_EPOCH_MS
): void {
  const { outcome, contexts, sleeps, events } = run
  const log = outcome.attempts
  const n = log.length
  const deadline = policy.totalTimeoutMs ?? Infinity

  // requests sent == retry-log entries == events; 1 ≤ n ≤ max-retries + 1
  expect(n).toBeGreaterThanOrEqual(1)
  expect(contexts.length).toBe(n)
  expect(events.length).toBe(n)
  expect(n).toBeLessThanOrEqual(policy.maxRetries + 1)

  // Total time: fake clock == durationMs == end of the last attempt, and never past total-timeout.
  const last = log[n - 1] as AttemptRecord
  expect(outcome.durationMs).toBe(run.elapsedMs)
  expect(last.startMs + last.durationMs).toBe(run.elapsedMs)
  if (policy.totalTimeoutMs !== undefined) expect(run.elapsedMs).toBeLessThanOrEqual(policy.totalTimeoutMs)

  // The last entry waits for nothing.
  expect(last.waitMs).toBe(0)
  expect(last.waitReason).toBeNull()
  // Sleeps are exactly the logged waits of the retried attempts.
  expect(sleeps).toEqual(log.slice(0, -1).map(r => r.waitMs))

  let previousWaitMs: number | undefined
  for (let i = 0; i < n; i++) {
    const record = log[i] as AttemptRecord
    const context = contexts[i] as AttemptContext
    const isLast = i === n - 1
    expect(record.attempt).toBe(i + 1)
    expect(context.attempt).toBe(i + 1)
    expect(record.model).toBe(MODEL)
    expect(events[i]?.record).toBe(record)
    expect(events[i]?.outcome).toBe(isLast ? (outcome.ok ? 'success' : 'stop') : 'retry')

    // Each attempt's timeout: positive, at most `timeout`, and shrunk to what the deadline leaves.
    expect(context.timeoutMs).toBeGreaterThan(0)
    expect(context.timeoutMs).toBeLessThanOrEqual(policy.attemptTimeoutMs)
    expect(record.startMs + context.timeoutMs).toBeLessThanOrEqual(deadline)
    expect(record.durationMs).toBeGreaterThanOrEqual(0)
    expect(record.durationMs).toBeLessThanOrEqual(context.timeoutMs)

    // startMs follows from the previous attempt and its wait (so it never goes back).
    if (i === 0) expect(record.startMs).toBe(0)
    else {
      const prev = log[i - 1] as AttemptRecord
      expect(record.startMs).toBe(prev.startMs + prev.durationMs + prev.waitMs)
    }

    // Fields are what the response said, null where unknown.
    const e = effective(behaviourAt(steps, i), context.timeoutMs)
    const expected = recordOf(e, i + 1, record.startMs)
    expect({
      status: record.status,
      errorType: record.errorType,
      requestId: record.requestId,
      durationMs: record.durationMs
    }).toEqual({
      status: expected.status,
      errorType: expected.errorType,
      requestId: expected.requestId,
      durationMs: expected.durationMs
    })

    if (!isLast) {
      // Only a retryable failure is retried; a success ends the loop.
      expect(e.kind).not.toBe('success')
      expect(modelRetryable(e)).toBe(true)
      // The wait: the server's when it asked, else inside the jitter envelope; never above max-delay.
      const ask = modelServerAsk(e, startMs + record.startMs + record.durationMs)
      expect(Number.isInteger(record.waitMs)).toBe(true)
      expect(record.waitMs).toBeLessThanOrEqual(policy.maxDelayMs)
      if (ask?.reason === 'retry-after') {
        expect(ask.ms).toBeLessThanOrEqual(policy.maxDelayMs)
        expect({ waitMs: record.waitMs, waitReason: record.waitReason }).toEqual({
          waitMs: ask.ms,
          waitReason: 'retry-after'
        })
      } else if (ask?.reason === 'rate-limit-reset') {
        expect(record.waitReason).toBe('rate-limit-reset')
        const [lo, hi] = envelope(i + 1, previousWaitMs, policy)
        expect(record.waitMs).toBeGreaterThanOrEqual(Math.min(policy.maxDelayMs, ask.ms + lo) - ROUNDING)
        expect(record.waitMs).toBeLessThanOrEqual(Math.min(policy.maxDelayMs, ask.ms + hi) + ROUNDING)
      } else {
        expect(record.waitReason).toBe('backoff')
        const [lo, hi] = envelope(i + 1, previousWaitMs, policy)
        expect(record.waitMs).toBeGreaterThanOrEqual(lo - ROUNDING)
        expect(record.waitMs).toBeLessThanOrEqual(hi + ROUNDING)
      }
      previousWaitMs = record.waitMs
      continue
    }

    // The last attempt: success exactly when it succeeded; otherwise the stop fits what happened.
    if (e.kind === 'success') {
      expect(outcome).toMatchObject({ ok: true, value: successText(i + 1) })
      continue
    }
    expect(outcome.ok).toBe(false)
    if (outcome.ok) continue
    expect({ status: outcome.failure.status, errorType: outcome.failure.errorType }).toEqual({
      status: record.status,
      errorType: record.errorType
    })
    if (!modelRetryable(e)) {
      expect(outcome.stop).toBe('final-error')
      continue
    }
    // A retryable failure was retried until a limit: name it, and it must really apply.
    const end = record.startMs + record.durationMs
    const ask = modelServerAsk(e, startMs + end)
    switch (outcome.stop) {
      case 'retries-exhausted':
        expect(n).toBe(policy.maxRetries + 1)
        break
      case 'server-wait-too-long':
        expect(ask?.reason).toBe('retry-after')
        expect(ask?.ms).toBeGreaterThan(policy.maxDelayMs)
        break
      case 'deadline': {
        // Some wait the rules allow would end at or past the deadline.
        const longest =
          ask?.reason === 'retry-after'
            ? ask.ms
            : Math.min(
                ask ? policy.maxDelayMs : Infinity,
                (ask?.ms ?? 0) + envelope(i + 1, previousWaitMs, policy)[1]
              ) + ROUNDING
        expect(end + longest).toBeGreaterThanOrEqual(deadline)
        break
      }
      default:
        throw new Error(`a retryable failure stopped the loop with '${outcome.stop}'`)
    }
  }
}

/** The loop against the model: the whole retry-log, the outcome, the sleeps and every attempt's timeout. */
export function checkAgainstModel(
  policy: RetryPolicy,
  steps: readonly Behaviour[],
  randoms: readonly number[],
  run: Run,
  startMs = START_EPOCH_MS
): void {
  const expected = model(policy, steps, randoms, startMs)
  const actual = run.outcome
  expect(actual.attempts.map(({ model: _model, ...rest }) => rest)).toEqual(expected.records)
  expect(actual.ok).toBe(expected.ok)
  if (actual.ok) expect(actual.value).toBe(expected.value)
  else expect(expected.stops).toContain(actual.stop)
  expect(run.sleeps).toEqual(expected.sleeps)
  expect(run.contexts.map(c => c.timeoutMs)).toEqual(expected.timeouts)
  expect(actual.durationMs).toBe(expected.durationMs)
}

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

/** Uniform values, and now and then one of a few round ones so that limits are hit exactly (a wait ending at the deadline, a server wait equal to max-delay). */
const edgy = (arb: fc.Arbitrary<number>, ...round: number[]): fc.Arbitrary<number> =>
  fc.oneof({ weight: 3, arbitrary: arb }, { weight: 2, arbitrary: fc.constantFrom(...round) })

export const policyArb: fc.Arbitrary<RetryPolicy> = fc.record({
  maxRetries: fc.integer({ min: 0, max: 8 }),
  baseDelayMs: edgy(fc.integer({ min: 0, max: 2000 }), 0, 1, 100, 500, 1000, 2000),
  maxDelayMs: edgy(fc.integer({ min: 0, max: 30_000 }), 0, 1000, 2000, 5000, 10_000, 30_000),
  jitter: fc.constantFrom('full' as const, 'equal' as const, 'decorrelated' as const, 'none' as const),
  attemptTimeoutMs: edgy(fc.integer({ min: 100, max: 60_000 }), 100, 1000, 5000, 60_000),
  totalTimeoutMs: fc.option(edgy(fc.integer({ min: 500, max: 120_000 }), 500, 1000, 1500, 2000, 3000, 5000, 10_000), {
    nil: undefined,
    freq: 3
  })
})

/** What random() returns, in order (cycled). */
export const randomsArb = fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), {
  minLength: 1,
  maxLength: 12
})

export const startArb = fc.integer({ min: 0, max: 999_999 }).map(offset => START_EPOCH_MS + offset)

/** Mostly quick answers; sometimes slow ones that run into the attempt timeout. */
const tookArb = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 3000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 90_000 }) },
  { weight: 2, arbitrary: fc.constantFrom(0, 100, 500, 1000, 5000) }
)

/** Mostly absent. */
const sometimes = <T>(arb: fc.Arbitrary<T>, weight = 3): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb })

const retryAfterArb: fc.Arbitrary<RetryAfter> = fc.oneof(
  // Up to 60 s: max-delay is at most 30 s, so some asks are above it.
  {
    weight: 4,
    arbitrary: edgy(fc.integer({ min: 0, max: 60 }), 0, 1, 2, 5, 10, 30, 31).map(s => ({ seconds: String(s) }))
  },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 60 }).map(s => ({ seconds: `${s}.5` })) },
  // An HTTP date, sometimes already past.
  { weight: 1, arbitrary: fc.integer({ min: -10, max: 60 }).map(s => ({ dateInS: s })) }
)

const retryAfterMsArb = edgy(
  fc.integer({ min: 0, max: 40_000 }),
  0,
  1,
  500,
  1000,
  2000,
  5000,
  9999,
  10_000,
  10_001,
  30_000,
  30_001
)

const rateLimitsArb: fc.Arbitrary<RateLimit[]> = fc.uniqueArray(
  fc.record({
    bucket: fc.constantFrom(...BUCKETS),
    remaining: fc.oneof(
      { weight: 3, arbitrary: fc.constant(0) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 1000 }) }
    ),
    // Mostly in the future; sometimes past (clock skew), sometimes beyond max-delay.
    resetInMs: fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 1, max: 40_000 }) },
      { weight: 1, arbitrary: fc.integer({ min: -5000, max: 0 }) },
      { weight: 1, arbitrary: fc.constantFrom(-1, 0, 1, 1000, 2000, 10_000, 10_001, 30_000) }
    )
  }),
  { selector: l => l.bucket, minLength: 1, maxLength: 4 }
)

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}

const httpArb = (statusArb: fc.Arbitrary<number>): fc.Arbitrary<HttpError> =>
  fc
    .record({
      tookMs: tookArb,
      status: statusArb,
      retryAfter: sometimes(retryAfterArb),
      retryAfterMs: sometimes(retryAfterMsArb),
      shouldRetry: sometimes(fc.constantFrom('true' as const, 'false' as const), 4)
    })
    .map(r =>
      withoutUndefined({
        kind: 'http' as const,
        errorType: ERROR_TYPE_FOR_STATUS[r.status] as string,
        errorCode: null,
        ...r
      })
    )

const spendLimitArb: fc.Arbitrary<HttpError> = fc
  .record({
    tookMs: tookArb,
    errorCode: fc.constantFrom(...SPEND_LIMIT_CODES),
    retryAfter: sometimes(retryAfterArb),
    shouldRetry: sometimes(fc.constantFrom('true' as const, 'false' as const), 2)
  })
  .map(r => withoutUndefined({ kind: 'http' as const, status: 429, errorType: 'rate_limit_error', ...r }))

const rateLimited429Arb: fc.Arbitrary<HttpError> = fc
  .record({
    tookMs: tookArb,
    rateLimits: rateLimitsArb,
    // Mostly without retry-after, which would take precedence.
    retryAfter: sometimes(retryAfterArb, 5),
    retryAfterMs: sometimes(retryAfterMsArb, 5),
    shouldRetry: sometimes(fc.constantFrom('true' as const, 'false' as const), 8)
  })
  .map(r =>
    withoutUndefined({ kind: 'http' as const, status: 429, errorType: 'rate_limit_error', errorCode: null, ...r })
  )

export const behaviourArb: fc.Arbitrary<Behaviour> = fc.oneof(
  { weight: 2, arbitrary: tookArb.map(tookMs => ({ kind: 'success' as const, tookMs })) },
  { weight: 5, arbitrary: httpArb(fc.constantFrom(...RETRYABLE_STATUSES)) },
  { weight: 1, arbitrary: httpArb(fc.constantFrom(...FINAL_STATUSES)) },
  { weight: 1, arbitrary: spendLimitArb },
  { weight: 2, arbitrary: rateLimited429Arb },
  { weight: 1, arbitrary: tookArb.map(tookMs => ({ kind: 'reset' as const, tookMs })) },
  { weight: 1, arbitrary: tookArb.map(tookMs => ({ kind: 'stream-cut' as const, tookMs })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'hang' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('stream-error' as const),
      tookMs: tookArb,
      errorType: fc.oneof(
        { weight: 2, arbitrary: fc.constantFrom(...RETRYABLE_STREAM_TYPES) },
        { weight: 1, arbitrary: fc.constantFrom(...FINAL_STREAM_TYPES) }
      )
    })
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('invalid-response' as const),
      tookMs: tookArb,
      withRequestId: fc.boolean()
    })
  }
)

export const stepsArb = fc.array(behaviourArb, { maxLength: 10 })
