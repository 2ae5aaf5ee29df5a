// The contention model of the benchmark (npm run bench) on small, fixed cases: fast, no real time.
import { describe, expect, it } from '@jest/globals'
import { backoffDelay } from '../../../../src/retry/backoff.js'
import {
  actionStrategy,
  FIRST_STEP_MS,
  MODEL,
  mulberry32,
  referenceStrategy,
  sdkStrategy,
  simulate,
  strategies,
  summarize
} from '../../../../script/bench/contention.js'

describe('mulberry32', () => {
  it('repeats for a seed, differs between seeds, stays in [0, 1)', () => {
    const a = mulberry32(42)
    const b = mulberry32(42)
    const c = mulberry32(43)
    const xs = Array.from({ length: 1000 }, () => a())
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs)
    expect(c()).not.toBe(xs[0])
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...xs)).toBeLessThan(1)
  })
})

describe('simulate', () => {
  it('one client needs exactly one write, done after four network legs', () => {
    for (const strategy of strategies()) {
      const run = simulate(1, strategy, 7)
      expect(run.calls).toEqual([1])
      // read, read reply, write, write reply: about 4 x 10 ms.
      expect(run.timeMs).toBeGreaterThan(20)
      expect(run.timeMs).toBeLessThan(80)
    }
  })

  it('two clients that start together collide once: three writes, and the same seed repeats exactly', () => {
    const none = actionStrategy('none', FIRST_STEP_MS)
    const first = simulate(2, none, 1)
    expect(first.calls.reduce((a, b) => a + b, 0)).toBe(3)
    expect([...first.calls].sort()).toEqual([1, 2])
    expect(simulate(2, none, 1)).toEqual(first)
    expect(simulate(2, none, 2).timeMs).not.toBe(first.timeMs)
  })

  it('every client ends with exactly one success', () => {
    for (const strategy of strategies()) {
      const run = simulate(20, strategy, 3)
      expect(run.calls).toHaveLength(20)
      expect(Math.min(...run.calls)).toBeGreaterThanOrEqual(1)
    }
  })
})

describe('strategies', () => {
  it("the action's strategies are src/retry/backoff.ts backoffDelay, rounded like the retry loop", () => {
    const options = { baseDelayMs: FIRST_STEP_MS, maxDelayMs: MODEL.capMs }
    for (const jitter of ['full', 'equal', 'decorrelated', 'none'] as const) {
      const strategy = actionStrategy(jitter, FIRST_STEP_MS)
      for (let retry = 1; retry <= 12; retry++) {
        const expected = Math.round(backoffDelay(retry, 40, { ...options, jitter }, mulberry32(retry)))
        expect(strategy.wait(retry, 40, mulberry32(retry))).toBe(expected)
      }
    }
  })

  it('none is the simulator expo(n) = min(2 s, 5 ms * 2^n); the reference loop is the same but uncapped', () => {
    const none = actionStrategy('none', FIRST_STEP_MS)
    const reference = referenceStrategy(false)
    const random = () => 0.5
    expect([1, 2, 3, 9, 10].map(n => none.wait(n, undefined, random))).toEqual([10, 20, 40, 2000, 2000])
    expect([1, 2, 3, 9, 10].map(n => reference.wait(n, undefined, random))).toEqual([10, 20, 40, 2560, 5120])
  })

  it('the SDK schedule is min(base * 2^n, cap) * U(0.75, 1]', () => {
    const sdk = sdkStrategy()
    expect(sdk.wait(1, undefined, () => 0)).toBe(10)
    expect(sdk.wait(1, undefined, () => 0.999999)).toBeCloseTo(7.5, 3)
    expect(sdk.wait(12, undefined, () => 0)).toBe(2000)
  })
})

describe('summarize', () => {
  it('full jitter beats no jitter on calls and time at N = 20', () => {
    const full = summarize(20, actionStrategy('full', FIRST_STEP_MS), 10)
    const none = summarize(20, actionStrategy('none', FIRST_STEP_MS), 10)
    expect(full.callsPerClient).toBeLessThan(none.callsPerClient)
    expect(full.timeMs).toBeLessThan(none.timeMs)
    expect(summarize(20, actionStrategy('full', FIRST_STEP_MS), 10)).toEqual(full)
  })
})
