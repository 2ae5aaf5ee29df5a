/**
 * Property tests of shards sharing one rate limit (src/many/limiter.ts, limiter-share.ts): n
 * limiters, each a shard's process with its own workers, against one simulated token bucket that
 * sends the API's rate-limit headers, on one virtual clock (support/shard-simulation.ts). Random n,
 * start times, bucket sizes and latencies; no real sleeps.
 *
 * The seed is fixed in `npm test` (support/fast-check-seed.ts) and printed with the shrunk case on failure.
 */
import { fc, it } from '@fast-check/jest'
import { describe, expect } from '@jest/globals'
import { type SimulationResult, simulateShards } from '../support/shard-simulation.js'

interface Case {
  n: number
  startsMs: number[]
  perSecond: number
  burst: number
  latencyMs: number
  seed: number
}

/**
 * The bucket holds at least two requests and a fifth of a second of its rate, as the bench's (20/s,
 * burst 4) does; the API's holds a minute. A bucket of one request looks full before every request
 * it grants, so it tells nothing about unused refill (limiter-share.ts).
 */
const bucketArb = fc.integer({ min: 4, max: 50 }).chain(perSecond =>
  fc.record({
    perSecond: fc.constant(perSecond),
    burst: fc.integer({ min: Math.max(2, Math.ceil(perSecond / 5)), max: 20 + perSecond })
  })
)

const caseArb: fc.Arbitrary<Case> = fc.tuple(fc.integer({ min: 1, max: 8 }), bucketArb).chain(([n, bucket]) =>
  fc.record({
    n: fc.constant(n),
    startsMs: fc.array(fc.integer({ min: 0, max: 4000 }), { minLength: n, maxLength: n }),
    perSecond: fc.constant(bucket.perSecond),
    burst: fc.constant(bucket.burst),
    latencyMs: fc.integer({ min: 1, max: 100 }),
    seed: fc.integer({ min: 1, max: 2 ** 30 })
  })
)

const itemsPerShard = (c: Case) => Math.max(8, Math.ceil((c.perSecond * 8) / c.n))

async function simulate(c: Case): Promise<SimulationResult> {
  const items = itemsPerShard(c)
  return simulateShards({
    startsMs: c.startsMs,
    items: c.startsMs.map(() => items),
    bucket: { perSecond: c.perSecond, burst: c.burst, retryAfter: true },
    latencyMs: c.latencyMs,
    seed: c.seed
  })
}

describe('n shards against one bucket with the rate-limit headers', () => {
  it.prop({ c: caseArb }, { numRuns: 40 })('refuses at most n requests per refill interval', async ({ c }) => {
    const result = await simulate(c)
    // The time the bucket takes to fill from empty.
    const intervalMs = (c.burst / c.perSecond) * 1000
    const refused = result.log.filter(g => !g.granted).map(g => g.at)
    for (const [i, at] of refused.entries()) {
      const inWindow = refused.slice(i).filter(t => t < at + intervalMs).length
      expect(inWindow).toBeLessThanOrEqual(c.n)
    }
  })

  it.prop({ c: caseArb }, { numRuns: 40 })(
    'every shard gets at least 1/(2n) of the rate while all are active',
    async ({ c }) => {
      const result = await simulate(c)
      // All active: from the last start (plus its first answer and a second to settle) until the
      // first shard is down to its last 4 items (then it has fewer than 4 workers' worth of demand).
      const from = Math.max(...c.startsMs) + c.latencyMs + 1000
      const items = itemsPerShard(c)
      const to = Math.min(
        ...c.startsMs.map((_, shard) => result.log.filter(g => g.shard === shard && g.granted)[items - 4]?.at ?? 0)
      )
      if (to - from < 2000) return
      for (let shard = 0; shard < c.n; shard++) {
        const granted = result.log.filter(g => g.shard === shard && g.granted && g.at >= from && g.at < to).length
        // One unit of slack for where the window cuts the shard's even pace.
        expect(granted + 1).toBeGreaterThanOrEqual((c.perSecond * (to - from)) / 1000 / (2 * c.n))
      }
    }
  )
})
