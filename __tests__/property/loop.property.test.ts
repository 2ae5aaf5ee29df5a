/**
 * Property tests of the retry loop (src/retry/loop.ts) on a fake clock: hundreds of generated fault
 * sequences, policies and random() sources per run, no real sleeps. See loop-model.ts for the
 * behaviours, the harness, the reference model and the invariants.
 *
 * The seed is fixed in `npm test` (support/fast-check-seed.ts) and printed with the shrunk counterexample on failure;
 * replay with `{ seed, path }` from that message. Shrunk counterexamples go to regressions.test.ts.
 */
import { fc, it } from '@fast-check/jest'
import { describe, expect } from '@jest/globals'
import {
  type Behaviour,
  behaviourArb,
  checkAgainstModel,
  checkInvariants,
  model,
  modelRetryable,
  policyArb,
  randomsArb,
  runLoop,
  startArb,
  stepsArb
} from './loop-model.js'

const NUM_RUNS = 400

describe('retry loop under random fault sequences', () => {
  it.prop({ policy: policyArb, steps: stepsArb, randoms: randomsArb, start: startArb }, { numRuns: NUM_RUNS })(
    'keeps every invariant of the loop (counts, limits, waits, deadline, log fields)',
    async ({ policy, steps, randoms, start }) => {
      const run = await runLoop(policy, steps, randoms, start)
      checkInvariants(policy, steps, run, start)
    }
  )

  it.prop({ policy: policyArb, steps: stepsArb, randoms: randomsArb, start: startArb }, { numRuns: NUM_RUNS })(
    'matches the reference model: the whole retry-log, outcome, sleeps and attempt timeouts',
    async ({ policy, steps, randoms, start }) => {
      const run = await runLoop(policy, steps, randoms, start)
      checkAgainstModel(policy, steps, randoms, run, start)
    }
  )

  // Sequences of retryable failures only: the loop must run into a limit, never stop early.
  const retryableOnly = fc.array(
    behaviourArb.filter(
      b => b.kind !== 'success' && modelRetryable(b.kind === 'hang' ? { kind: 'timeout', tookMs: 0 } : b)
    ),
    { minLength: 9, maxLength: 9 }
  )
  it.prop({ policy: policyArb, steps: retryableOnly, randoms: randomsArb, start: startArb }, { numRuns: 200 })(
    'retries a retryable failure until a limit: max-retries, a too-long server wait, or the deadline',
    async ({ policy, steps, randoms, start }) => {
      const run = await runLoop(policy, steps, randoms, start)
      checkInvariants(policy, steps, run, start)
      checkAgainstModel(policy, steps, randoms, run, start)
      expect(run.outcome.ok).toBe(false)
      if (!run.outcome.ok) expect(run.outcome.stop).not.toBe('final-error')
    }
  )

  // No deadline, no server waits: then nothing but max-retries can stop a retryable run.
  const plainRetryable: fc.Arbitrary<Behaviour[]> = fc.array(
    fc.oneof(
      fc.record({
        kind: fc.constantFrom('reset' as const, 'stream-cut' as const),
        tookMs: fc.integer({ min: 0, max: 2000 })
      }),
      fc.record({
        kind: fc.constant('http' as const),
        tookMs: fc.integer({ min: 0, max: 2000 }),
        status: fc.constantFrom(408, 409, 500, 502, 503, 504, 529),
        errorType: fc.constant('overloaded_error'),
        errorCode: fc.constant(null)
      })
    ),
    { minLength: 9, maxLength: 9 }
  )
  it.prop(
    {
      policy: policyArb.map(p => ({ ...p, totalTimeoutMs: undefined, attemptTimeoutMs: 60_000 })),
      steps: plainRetryable,
      randoms: randomsArb
    },
    { numRuns: 100 }
  )(
    'without a deadline or server waits, sends exactly max-retries + 1 requests',
    async ({ policy, steps, randoms }) => {
      const run = await runLoop(policy, steps, randoms)
      expect(run.outcome).toMatchObject({ ok: false, stop: 'retries-exhausted' })
      expect(run.outcome.attempts).toHaveLength(policy.maxRetries + 1)
      expect(run.contexts).toHaveLength(policy.maxRetries + 1)
    }
  )

  // A deadline placed exactly at (or 1 ms around) a moment of the run without one: the end of an
  // attempt or of a wait. Hits the boundary cases ("a wait ending at the deadline") uniform draws miss.
  const alignedDeadline = fc
    .record({
      policy: policyArb,
      steps: stepsArb,
      randoms: randomsArb,
      start: startArb,
      pick: fc.nat(),
      delta: fc.constantFrom(-1, 0, 1)
    })
    .map(({ policy, steps, randoms, start, pick, delta }) => {
      const free = model({ ...policy, totalTimeoutMs: undefined }, steps, randoms, start)
      const moments = free.records.flatMap(r => [r.startMs + r.durationMs, r.startMs + r.durationMs + r.waitMs])
      const at = moments[pick % moments.length] as number
      return { policy: { ...policy, totalTimeoutMs: Math.max(1, at + delta) }, steps, randoms, start }
    })
  it.prop({ input: alignedDeadline }, { numRuns: 300 })(
    'honours a total-timeout that falls exactly on the end of an attempt or a wait',
    async ({ input: { policy, steps, randoms, start } }) => {
      const run = await runLoop(policy, steps, randoms, start)
      checkInvariants(policy, steps, run, start)
      checkAgainstModel(policy, steps, randoms, run, start)
    }
  )

  // Decorrelated jitter grows from the wait actually slept, a server's wait included: sequences
  // that mix server-asked waits and computed ones.
  const serverThenBackoff: fc.Arbitrary<Behaviour[]> = fc.array(
    fc.record(
      {
        kind: fc.constant('http' as const),
        tookMs: fc.integer({ min: 0, max: 1000 }),
        status: fc.constantFrom(429, 503, 529),
        errorType: fc.constant('overloaded_error'),
        errorCode: fc.constant(null),
        retryAfterMs: fc.integer({ min: 0, max: 20_000 })
      },
      { requiredKeys: ['kind', 'tookMs', 'status', 'errorType', 'errorCode'] }
    ),
    { minLength: 9, maxLength: 9 }
  )
  it.prop(
    {
      policy: policyArb.map(p => ({
        ...p,
        jitter: 'decorrelated' as const,
        maxRetries: 8,
        maxDelayMs: 30_000,
        totalTimeoutMs: undefined,
        attemptTimeoutMs: 60_000
      })),
      steps: serverThenBackoff,
      randoms: randomsArb
    },
    { numRuns: 100 }
  )('decorrelated jitter grows from the last wait slept, whoever chose it', async ({ policy, steps, randoms }) => {
    const run = await runLoop(policy, steps, randoms)
    checkInvariants(policy, steps, run)
    checkAgainstModel(policy, steps, randoms, run)
  })
})
