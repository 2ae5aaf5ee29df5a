import {
  API_BATCH_LIMITS,
  FIRST_POLL_MS,
  LONGEST_POLL_MS,
  pollDelay,
  requestBytes,
  splitIntoBatches,
  verdictOf
} from '../../../src/batch/batch-plan.js'
import type { RetryPolicy } from '../../../src/retry/policy.js'

const POLICY: RetryPolicy = {
  maxRetries: 2,
  baseDelayMs: 5,
  maxDelayMs: 20,
  jitter: 'full',
  attemptTimeoutMs: 10_000,
  totalTimeoutMs: undefined
}
/** `{"requests":[]}`: what every create body holds around its requests. */
const ENVELOPE = 15
const sizes = (batches: number[][]) => batches.map(batch => batch.length)

describe('splitIntoBatches', () => {
  // Moved from __tests__/inprocess/batch.test.ts ("batch planning (pure)").
  it('splits by count and by bytes, and gives an oversized request a batch of its own', () => {
    const r = (id: string, size: number) => ({ custom_id: id, params: 'x'.repeat(size) })
    const bytes = (request: ReturnType<typeof r>) => requestBytes(JSON.stringify(request))
    expect(
      splitIntoBatches([r('a', 1), r('b', 1), r('c', 1)], bytes, { maxRequests: 2, maxBytes: 1e6 }).map(b => b.length)
    ).toEqual([2, 1])
    expect(
      splitIntoBatches([r('a', 100), r('b', 500), r('c', 10)], bytes, { maxRequests: 10, maxBytes: 200 }).map(b =>
        b.map(x => x.custom_id)
      )
    ).toEqual([['a'], ['b'], ['c']])
  })

  it('fills a batch to exactly maxBytes (envelope included) and exactly maxRequests', () => {
    const ten = () => 10
    const items = [1, 2, 3, 4]
    expect(sizes(splitIntoBatches(items, ten, { maxRequests: 10, maxBytes: ENVELOPE + 20 }))).toEqual([2, 2])
    expect(sizes(splitIntoBatches(items, ten, { maxRequests: 10, maxBytes: ENVELOPE + 19 }))).toEqual([1, 1, 1, 1])
    expect(sizes(splitIntoBatches(items, ten, { maxRequests: 2, maxBytes: 1e6 }))).toEqual([2, 2])
    expect(sizes(splitIntoBatches(items, ten, { maxRequests: 4, maxBytes: 1e6 }))).toEqual([4])
  })

  it('keeps the order, and gives nothing for no requests', () => {
    const items = ['a', 'b', 'c', 'd', 'e']
    expect(splitIntoBatches(items, () => 1, { maxRequests: 2, maxBytes: 1e6 })).toEqual([['a', 'b'], ['c', 'd'], ['e']])
    expect(splitIntoBatches([], () => 1, API_BATCH_LIMITS)).toEqual([])
  })

  it('measures each request once', () => {
    const measured: string[] = []
    splitIntoBatches(['a', 'b', 'c'], id => (measured.push(id), 100), { maxRequests: 10, maxBytes: 150 })
    expect(measured).toEqual(['a', 'b', 'c'])
  })
})

describe('requestBytes', () => {
  it('counts UTF-8 bytes, plus one for the comma', () => {
    expect(requestBytes('{}')).toBe(3)
    expect(requestBytes('"é🙂"')).toBe(2 + 2 + 4 + 1)
  })
})

describe('pollDelay', () => {
  // Moved from __tests__/inprocess/batch.test.ts ("batch planning (pure)").
  it('poll waits grow, stay within max-delay (and 10 s), and never drop below half a step', () => {
    const policy = { ...POLICY, maxDelayMs: 30_000, jitter: 'full' as const }
    const low = [1, 2, 3, 4, 5, 6].map(n => pollDelay(n, undefined, policy, () => 0))
    const high = [1, 2, 3, 4, 5, 6].map(n => pollDelay(n, undefined, policy, () => 0.999))
    expect(low).toEqual([500, 1000, 2000, 4000, 5000, 5000])
    expect(high.every((ms, i) => ms <= 10_000 && ms >= low[i]!)).toBe(true)
    expect(pollDelay(3, undefined, { ...policy, maxDelayMs: 50 }, () => 0.5)).toBeLessThanOrEqual(50)
  })

  it('without jitter: doubles from the first poll up to the longest poll, whatever max-delay allows above it', () => {
    const policy = { ...POLICY, maxDelayMs: 3_600_000, jitter: 'none' as const }
    expect([1, 2, 3, 4, 5, 6].map(n => pollDelay(n, undefined, policy, Math.random))).toEqual([
      FIRST_POLL_MS,
      2000,
      4000,
      8000,
      LONGEST_POLL_MS,
      LONGEST_POLL_MS
    ])
  })

  it('a max-delay below the first poll is the first poll and every one after', () => {
    const policy = { ...POLICY, maxDelayMs: 300, jitter: 'none' as const }
    expect([1, 2, 5].map(n => pollDelay(n, undefined, policy, Math.random))).toEqual([300, 300, 300])
  })

  it('whole milliseconds', () => {
    const policy = { ...POLICY, maxDelayMs: 30_000, jitter: 'equal' as const }
    expect(pollDelay(1, undefined, policy, () => 0.3333)).toBe(667)
  })
})

describe('verdictOf', () => {
  const errored = (type: string) => ({ type: 'errored', error: { type: 'error', error: { type, message: 'm' } } })

  // Moved from __tests__/inprocess/batch.test.ts ("batch planning (pure)").
  it('verdicts: transient errored and expired go again while submissions <= max-retries', () => {
    expect(verdictOf(errored('overloaded_error'), 1, 2)).toEqual({ kind: 'retry', why: 'overloaded_error' })
    expect(verdictOf(errored('overloaded_error'), 3, 2)).toEqual({ kind: 'failed', error: 'overloaded_error: m' })
    expect(verdictOf(errored('invalid_request_error'), 1, 2)).toEqual({
      kind: 'failed',
      error: 'invalid_request_error: m'
    })
    expect(verdictOf({ type: 'expired' }, 1, 2)).toEqual({ kind: 'retry', why: 'expired' })
    expect(verdictOf({ type: 'canceled' }, 1, 2).kind).toBe('failed')
    expect(verdictOf({ type: 'surprise' }, 1, 2).kind).toBe('failed')
  })

  it('the last submission max-retries allows still goes again; the one after does not', () => {
    expect(verdictOf(errored('rate_limit_error'), 2, 2)).toEqual({ kind: 'retry', why: 'rate_limit_error' })
    expect(verdictOf({ type: 'expired' }, 2, 2)).toEqual({ kind: 'retry', why: 'expired' })
    expect(verdictOf({ type: 'expired' }, 3, 2)).toEqual({
      kind: 'failed',
      error: 'expired: the batch ended (24 h) before this request was processed'
    })
    expect(verdictOf(errored('timeout_error'), 1, 0)).toEqual({ kind: 'failed', error: 'timeout_error: m' })
  })

  it('passes a succeeded message on unchecked, and words cancel and unknown types', () => {
    const message = { anything: true }
    expect(verdictOf({ type: 'succeeded', message }, 1, 2)).toEqual({ kind: 'succeeded', message })
    expect(verdictOf({ type: 'canceled' }, 1, 2)).toEqual({
      kind: 'failed',
      error: 'canceled: the batch was canceled before this request was processed'
    })
    expect(verdictOf({ type: 'surprise' }, 1, 2)).toEqual({
      kind: 'failed',
      error: 'invalid_response: a result of unknown type "surprise"'
    })
    expect(verdictOf(null, 1, 2)).toEqual({
      kind: 'failed',
      error: 'invalid_response: a result of unknown type undefined'
    })
  })

  it('reads an error without its envelope, and one with no type as a (transient) api_error', () => {
    expect(verdictOf({ type: 'errored', error: { type: 'not_found_error', message: 'gone' } }, 1, 2)).toEqual({
      kind: 'failed',
      error: 'not_found_error: gone'
    })
    expect(verdictOf({ type: 'errored', error: 'garbage' }, 1, 2)).toEqual({ kind: 'retry', why: 'api_error' })
    expect(verdictOf({ type: 'errored' }, 3, 2)).toEqual({ kind: 'failed', error: 'api_error: no message' })
  })
})
