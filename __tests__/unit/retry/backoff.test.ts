import { backoffDelay, decorrelatedJitter, exponentialCap } from '../../../src/retry/backoff.js'

/** A fixed sequence of "random" numbers, so schedules are exact. */
const sequence = (...values: number[]) => {
  let i = 0
  return () => values[i++ % values.length] as number
}
const options = { baseDelayMs: 1000, maxDelayMs: 60_000 }

describe('exponentialCap', () => {
  it('doubles from base-delay and stops at max-delay', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(n => exponentialCap(n, 1000, 60_000))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000
    ])
  })
  it('stays finite for huge retry numbers and a zero base', () => {
    expect(exponentialCap(5000, 1000, 60_000)).toBe(60_000)
    expect(exponentialCap(5000, 0, 60_000)).toBe(0)
  })
})

describe('backoffDelay per jitter mode', () => {
  it('none: exactly the cap', () => {
    expect([1, 2, 3].map(n => backoffDelay(n, undefined, { ...options, jitter: 'none' }, sequence(0.5)))).toEqual([
      1000, 2000, 4000
    ])
  })
  it('full: U(0, cap)', () => {
    const random = sequence(0, 0.5, 0.999)
    expect([1, 2, 3].map(n => backoffDelay(n, undefined, { ...options, jitter: 'full' }, random))).toEqual([
      0, 1000, 3996
    ])
  })
  it('equal: cap/2 + U(0, cap/2)', () => {
    const random = sequence(0, 0.5, 1)
    expect([1, 2, 3].map(n => backoffDelay(n, undefined, { ...options, jitter: 'equal' }, random))).toEqual([
      500, 1500, 4000
    ])
  })
  it('decorrelated: U(base, 3 * previous wait), base before the first retry, capped', () => {
    const policy = { ...options, jitter: 'decorrelated' as const }
    // first retry: U(1000, 3000) at 0.5 -> 2000
    expect(backoffDelay(1, undefined, policy, sequence(0.5))).toBe(2000)
    // then from a previous wait of 2000: U(1000, 6000) at 0.5 -> 3500
    expect(backoffDelay(2, 2000, policy, sequence(0.5))).toBe(3500)
    // a long previous wait is capped by max-delay
    expect(backoffDelay(3, 50_000, policy, sequence(0.9))).toBe(60_000)
  })
  it('decorrelated after a short server wait never goes below base-delay', () => {
    expect(decorrelatedJitter(100, 1000, 60_000, sequence(0.7))).toBe(1000)
  })
  it('the seed reference loop (base 1 s doubling) is jitter none with a high cap', () => {
    const seed = [1, 2, 3, 4].map(attempt => 1 * 2 ** (attempt - 1) * 1000)
    expect(
      [1, 2, 3, 4].map(n =>
        backoffDelay(n, undefined, { baseDelayMs: 1000, maxDelayMs: 1e9, jitter: 'none' }, Math.random)
      )
    ).toEqual(seed)
  })
})
