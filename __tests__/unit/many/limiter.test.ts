import { getEventListeners } from 'node:events'
import { Limiter } from '../../../src/many/limiter.js'
import { virtualTime } from '../../fixtures/virtual-time.js'
import { seeded, simulateShards } from '../../support/shard-simulation.js'

/** The limiter's clock is epoch ms (reset headers are wall-clock times): tests start here. */
const T0 = Date.parse('2026-11-29T12:00:00Z')

/** The API's headers: limit per minute, remaining now, reset when the bucket is full again. */
const headers = (
  remaining: number,
  perMinute: number,
  untilFullMs: number,
  now: number,
  extra: Record<string, string> = {}
) => ({
  'anthropic-ratelimit-requests-limit': String(perMinute),
  'anthropic-ratelimit-requests-remaining': String(remaining),
  'anthropic-ratelimit-requests-reset': new Date(now + untilFullMs).toISOString(),
  ...extra
})

const idle = () => new AbortController().signal

describe('Limiter', () => {
  it('lets the first request probe at once; the others wait for its answer', async () => {
    const time = virtualTime(T0)
    const limiter = new Limiter({ now: time.now, sleep: time.sleep, random: () => 0.5 })
    const first = await limiter.acquire(idle())
    expect(first).toEqual({ seq: 1, at: T0 })
    expect(limiter.waitMs(T0)).toBe(-1)
    const second = limiter.acquire(idle())
    const answered = (async () => {
      await time.sleep(30)
      limiter.observe(first!, 200, {})
    })()
    await time.run(answered)
    expect(await time.run(second)).toEqual({ seq: 2, at: T0 + 30 })
    // No headers, no 429: nothing to pace by.
    expect(await limiter.acquire(idle())).toEqual({ seq: 3, at: T0 + 30 })
  })

  it('a probe that never answers holds the others back for a second at most', async () => {
    const time = virtualTime(T0)
    const limiter = new Limiter({ now: time.now, sleep: time.sleep, random: () => 0 })
    await limiter.acquire(idle())
    expect(await time.run(limiter.acquire(idle()))).toEqual({ seq: 2, at: T0 + 1000 })
    // The second is the probe now, for a second more.
    expect(limiter.waitMs(T0 + 1999)).toBe(-1)
    expect(limiter.waitMs(T0 + 2000)).toBe(0)
  })

  it('paces each of n shards at limit / 60 s / n from the first answer', async () => {
    const time = virtualTime(T0)
    const limiter = new Limiter({ now: time.now, sleep: time.sleep, random: () => 0 }, 4)
    const ticket = (await limiter.acquire(idle()))!
    limiter.observe(ticket, 200, headers(0, 1200, 200, T0))
    expect(limiter.sharePerSecond('requests')).toBeCloseTo(5, 9)
    expect(limiter.waitMs(T0)).toBe(200)
    const next = await time.run(limiter.acquire(idle()))
    expect(next).toEqual({ seq: 2, at: T0 + 200 })
    expect(limiter.waitMs(T0 + 200)).toBe(200)
    // One process (no shard): the whole rate.
    const alone = new Limiter({ now: () => T0, sleep: time.sleep, random: () => 0 })
    alone.observe({ seq: 1, at: T0 }, 200, headers(0, 1200, 200, T0))
    expect(alone.sharePerSecond('requests')).toBeCloseTo(20, 9)
    expect(alone.waitMs(T0)).toBe(50)
  })

  it('a 429 with headers leaves the pace, takes back what was saved up, and pauses nobody', () => {
    let now = T0
    const limiter = new Limiter({ now: () => now, sleep: async () => {}, random: () => 0 }, 2)
    limiter.observe({ seq: 1, at: now }, 200, headers(2, 1200, 100, now))
    expect(limiter.waitMs(now)).toBe(0)
    now += 10
    limiter.observe({ seq: 2, at: now }, 429, headers(0, 1200, 200, now, { 'retry-after': '1' }))
    expect(limiter.throttles).toBe(1)
    expect(limiter.sharePerSecond('requests')).toBeCloseTo(10, 9)
    expect(limiter.waitMs(now)).toBe(100)
  })

  it('a first 429 without headers pauses every worker until retry-after, with jitter, then paces', () => {
    let now = T0
    const limiter = new Limiter({ now: () => now, sleep: async () => {}, random: () => 0 })
    for (let seq = 1; seq <= 4; seq++) limiter.observe({ seq, at: now }, 200, {})
    expect(limiter.sharePerSecond('requests')).toBeUndefined()
    limiter.observe({ seq: 5, at: now }, 429, { 'retry-after': '2' })
    expect(limiter.waitMs(now)).toBe(2000)
    expect(limiter.waitMs(now, 1)).toBe(2000 + 400) // jitter up to a fifth of the pause
    expect(limiter.waitMs(now + 1999)).toBe(1)
    // 4 granted over (at least) a second: 4 a second, and 0.7 of that after the 429.
    expect(limiter.sharePerSecond('requests')).toBeCloseTo(2.8, 9)
    // A second 429 cuts the pace again, and does not pause.
    now += 2000
    limiter.observe({ seq: 6, at: now }, 429, { 'retry-after': '2' })
    expect(limiter.throttles).toBe(2)
    expect(limiter.waitMs(now)).toBeLessThan(1000)
    // × 2 a second for the 2 s since the first, then × 0.7.
    expect(limiter.sharePerSecond('requests')).toBeCloseTo(2.8 * 4 * 0.7, 9)
  })

  it('a 429 without retry-after pauses for a second; a long retry-after is capped at a minute', () => {
    const now = T0
    const bare = new Limiter({ now: () => now, sleep: async () => {}, random: () => 0 })
    bare.observe({ seq: 1, at: now }, 429, {})
    expect(bare.waitMs(now)).toBe(1000)
    const long = new Limiter({ now: () => now, sleep: async () => {}, random: () => 0 })
    long.observe({ seq: 1, at: now }, 429, { 'retry-after': '3600' })
    expect(long.waitMs(now)).toBe(60_000)
    expect(long.waitMs(now, 1)).toBe(61_000) // jitter at most 1 s
  })

  it('gives up (undefined) when the wait would cross the deadline or the signal aborts', async () => {
    const now = T0
    const limiter = new Limiter({ now: () => now, sleep: async () => {}, random: () => 0 })
    limiter.observe({ seq: 1, at: now }, 429, { 'retry-after': '5' })
    expect(await limiter.acquire(idle(), now + 1000)).toBeUndefined()
    expect(await limiter.acquire(idle(), now + 5000)).toBeUndefined()
    const aborted = new AbortController()
    aborted.abort()
    expect(await limiter.acquire(aborted.signal)).toBeUndefined()
  })

  it('gives up when the probe is out and the deadline comes first', async () => {
    const time = virtualTime(T0)
    const limiter = new Limiter({ now: time.now, sleep: time.sleep, random: () => 0 })
    await limiter.acquire(idle())
    expect(await time.run(limiter.acquire(idle(), T0 + 300))).toBeUndefined()
    expect(time.now()).toBe(T0 + 300)
  })

  it('paces token buckets by the average request, once usage is known', () => {
    const now = T0
    const limiter = new Limiter({ now: () => now, sleep: async () => {}, random: () => 0 })
    const tokens = {
      'anthropic-ratelimit-input-tokens-limit': '60000',
      'anthropic-ratelimit-input-tokens-remaining': '0',
      'anthropic-ratelimit-input-tokens-reset': new Date(now + 1000).toISOString()
    }
    limiter.observe({ seq: 1, at: now }, 200, tokens)
    expect(limiter.sharePerSecond('input-tokens')).toBeCloseTo(1000, 9)
    expect(limiter.waitMs(now)).toBe(0) // no usage yet: a request costs nothing there
    limiter.spent({ input_tokens: 500, output_tokens: 20 })
    expect(limiter.waitMs(now)).toBe(500) // 500 tokens at 1 a ms
    limiter.spent({ input_tokens: 100, output_tokens: 20 })
    expect(limiter.waitMs(now)).toBe(300)
  })

  it('measures its own throughput over the last 2 s (at least over 1 s) for a 429 without headers', () => {
    let now = T0
    const limiter = new Limiter({ now: () => now, sleep: async () => {}, random: () => 0 })
    // 10 answers over 3 s; the first 4 (before T0 + 1000) fall out of the 2 s window at T0 + 3000.
    for (let k = 0; k < 10; k++) limiter.observe({ seq: k + 1, at: T0 + k * 333 }, 200, {})
    now = T0 + 3000
    limiter.observe({ seq: 11, at: now }, 429, {})
    // 6 granted since T0 + 1000 (1332 … 2997), over the 2 s window: 3 a second, × 0.7.
    expect(limiter.sharePerSecond('requests')).toBeCloseTo(3 * 0.7, 9)
    // Answers in a burst count over a second at least.
    const burst = new Limiter({ now: () => T0, sleep: async () => {}, random: () => 0 })
    for (let k = 0; k < 4; k++) burst.observe({ seq: k + 1, at: T0 }, 200, {})
    burst.observe({ seq: 5, at: T0 }, 429, {})
    expect(burst.sharePerSecond('requests')).toBeCloseTo(4 * 0.7, 9)
  })

  it('a short pause is spread over at least 50 ms', () => {
    const limiter = new Limiter({ now: () => T0, sleep: async () => {}, random: () => 0 })
    limiter.observe({ seq: 1, at: T0 }, 429, { 'retry-after-ms': '100' })
    expect(limiter.waitMs(T0, 1)).toBe(150)
  })

  it('reads a bucket only from finite, positive headers', () => {
    const limiter = new Limiter({ now: () => T0, sleep: async () => {}, random: () => 0 })
    limiter.observe({ seq: 1, at: T0 }, 200, { ...headers(0, 0, 100, T0) })
    limiter.observe({ seq: 2, at: T0 }, 200, {
      ...headers(0, 1200, 100, T0),
      'anthropic-ratelimit-requests-limit': 'x'
    })
    limiter.observe({ seq: 3, at: T0 }, 200, {
      ...headers(0, 1200, 100, T0),
      'anthropic-ratelimit-requests-remaining': ''
    })
    limiter.observe({ seq: 3, at: T0 }, 200, {
      ...headers(0, 1200, 100, T0),
      'anthropic-ratelimit-requests-remaining': ' '
    })
    expect(limiter.sharePerSecond('requests')).toBeUndefined()
    // A reset that is not a date: the bucket is still paced, its capacity taken from remaining.
    limiter.observe({ seq: 4, at: T0 }, 200, {
      ...headers(0, 1200, 100, T0),
      'anthropic-ratelimit-requests-reset': 'soon'
    })
    expect(limiter.sharePerSecond('requests')).toBeCloseTo(20, 9)
  })

  it('costs each token bucket what the average request used of it', () => {
    const now = T0
    const limiter = new Limiter({ now: () => now, sleep: async () => {}, random: () => 0 })
    const bucket = (name: string) => ({
      [`anthropic-ratelimit-${name}-limit`]: '60000',
      [`anthropic-ratelimit-${name}-remaining`]: '0',
      [`anthropic-ratelimit-${name}-reset`]: new Date(now + 1000).toISOString()
    })
    limiter.spent({ input_tokens: 300, output_tokens: 100 })
    limiter.observe({ seq: 1, at: now }, 200, bucket('output-tokens'))
    expect(limiter.waitMs(now)).toBe(100)
    limiter.observe({ seq: 2, at: now }, 200, bucket('tokens'))
    expect(limiter.waitMs(now)).toBe(400)
  })

  it('an abort ends a wait at once, and leaves no listener on the signal', async () => {
    const time = virtualTime(T0)
    const limiter = new Limiter({ now: time.now, sleep: time.sleep, random: () => 0 })
    limiter.observe({ seq: 1, at: T0 }, 429, { 'retry-after': '5' })
    const controller = new AbortController()
    const waiting = limiter.acquire(controller.signal)
    const aborting = (async () => {
      await time.sleep(100)
      controller.abort()
    })()
    await time.run(aborting)
    expect(await time.run(waiting)).toBeUndefined()
    expect(time.now()).toBe(T0 + 100)
    // A wait that ends on its own removes its listener too.
    const signal = idle()
    const paced = new Limiter({ now: time.now, sleep: time.sleep, random: () => 0 })
    paced.observe({ seq: 1, at: time.now() }, 200, headers(0, 1200, 200, time.now()))
    await time.run(paced.acquire(signal))
    expect(getEventListeners(signal, 'abort')).toHaveLength(0)
  })

  it('at the end of the pause the pacer alone decides, with no jitter added', () => {
    const limiter = new Limiter({ now: () => T0, sleep: async () => {}, random: () => 0 })
    limiter.observe({ seq: 1, at: T0 }, 429, { 'retry-after': '2' })
    expect(limiter.waitMs(T0 + 1999, 1)).toBe(1 + 400)
    expect(limiter.waitMs(T0 + 2000, 1)).toBe(0)
  })

  it('a 429 that names only token buckets neither pauses nor paces the requests', () => {
    const now = T0
    const limiter = new Limiter({ now: () => now, sleep: async () => {}, random: () => 0 })
    limiter.observe({ seq: 1, at: now }, 429, {
      'anthropic-ratelimit-input-tokens-limit': '60000',
      'anthropic-ratelimit-input-tokens-remaining': '0',
      'anthropic-ratelimit-input-tokens-reset': new Date(now + 1000).toISOString(),
      'retry-after': '5'
    })
    expect(limiter.sharePerSecond('requests')).toBeUndefined()
    expect(limiter.waitMs(now)).toBe(0) // no usage known yet: a request costs no input tokens
  })

  it('keeps a grant exactly 2 s old in the throughput', () => {
    let now = T0
    const limiter = new Limiter({ now: () => now, sleep: async () => {}, random: () => 0 })
    for (const ms of [0, 500, 1000, 1500]) {
      now = T0 + ms
      limiter.observe({ seq: ms + 1, at: now }, 200, {})
    }
    now = T0 + 2000
    limiter.observe({ seq: 9999, at: now }, 429, {})
    expect(limiter.sharePerSecond('requests')).toBeCloseTo(2 * 0.7, 9) // 4 in 2 s
  })

  it('paces 8 workers of one process to a 20/s bucket: few 429s, close to the ideal time', async () => {
    const result = await simulateShards({
      startsMs: [0],
      items: [200],
      concurrency: 8,
      latencyMs: 300,
      bucket: { perSecond: 20, burst: 10, retryAfter: true }
    })
    const ideal = ((200 - 10) / 20) * 1000 + 300
    expect(result.requests / 200).toBeLessThanOrEqual(1.05)
    expect(result.elapsedMs).toBeGreaterThanOrEqual(ideal - 1)
    expect(result.elapsedMs).toBeLessThanOrEqual(ideal * 1.1)
  })
})

describe('Limiters of n shards against one bucket (20/s, burst 4, 400 items)', () => {
  const bucket = { perSecond: 20, burst: 4, retryAfter: true }
  const split = (n: number) => Array.from({ length: n }, () => 400 / n)
  const ideal = 20_000

  it.each([1, 2, 4, 8])('n = %i started together: ≤ 1.05 requests per item, ≤ 1.1× the ideal time', async n => {
    for (const latencyMs of [5, 200]) {
      const result = await simulateShards({ startsMs: split(n).map(() => 0), items: split(n), bucket, latencyMs })
      expect(result.requests / 400).toBeLessThanOrEqual(1.05)
      expect(result.elapsedMs).toBeLessThanOrEqual(ideal * 1.1)
    }
  })

  it('n = 8 on a busy machine (requests reach the bucket up to 40 ms after they start): still ≤ 1.05', async () => {
    const result = await simulateShards({
      startsMs: split(8).map(() => 0),
      items: split(8),
      bucket,
      latencyMs: 50,
      wayMs: 40
    })
    expect(result.requests / 400).toBeLessThanOrEqual(1.05)
    expect(result.elapsedMs).toBeLessThanOrEqual(ideal * 1.1)
  })

  it('n = 4 started 2 s apart: a shard alone takes the whole rate', async () => {
    const result = await simulateShards({ startsMs: [0, 2000, 4000, 6000], items: split(4), bucket, latencyMs: 20 })
    expect(result.requests / 400).toBeLessThanOrEqual(1.05)
    expect(result.elapsedMs).toBeLessThanOrEqual(ideal * 1.1)
    // Before the second starts, the first alone gets close to the whole rate.
    const firstAlone = result.log.filter(g => g.granted && g.at >= 1000 && g.at < 2000).length
    expect(firstAlone).toBeGreaterThanOrEqual(18)
  })

  it('n = 4 without rate-limit headers (retry-after only): ≤ 1.3 requests per item', async () => {
    for (const latencyMs of [5, 30]) {
      const result = await simulateShards({
        startsMs: [0, 0, 0, 0],
        items: split(4),
        bucket: { ...bucket, headers: false },
        latencyMs
      })
      expect(result.requests / 400).toBeLessThanOrEqual(1.3)
      expect(result.elapsedMs).toBeLessThanOrEqual(ideal * 1.5)
    }
  })

  it('the simulation replays exactly for a seed', async () => {
    const run = () => simulateShards({ startsMs: [0, 0], items: [50, 50], bucket, latencyMs: 20, seed: 9 })
    expect((await run()).log).toEqual((await run()).log)
    expect(seeded(3)()).toBe(seeded(3)())
  })
})

describe('The reset header', () => {
  it('gives the bucket’s size: after a pause a shard alone may send that many at once', async () => {
    const time = virtualTime(T0)
    const limiter = new Limiter({ now: time.now, sleep: time.sleep, random: () => 0 })
    const first = (await time.run(limiter.acquire(idle())))!
    // None left, full again in 1 s at 20 a second: a bucket of 20.
    limiter.observe(first, 200, headers(0, 1200, 1_000, time.now()))
    await time.run(time.sleep(60_000))
    const paused = time.now()
    for (let i = 0; i < 20; i++) await time.run(limiter.acquire(idle()))
    expect(time.now()).toBe(paused)
    await time.run(limiter.acquire(idle()))
    expect(time.now()).toBeGreaterThan(paused)
  })
})

describe('Jobs that do not declare shard (each limiter told n = 1) against one bucket', () => {
  it('counts its own 429s and grants of the last 2 s, since its first request, to tell others draw', async () => {
    const time = virtualTime(T0)
    const limiter = new Limiter({ now: time.now, sleep: time.sleep, random: () => 0 })
    const first = (await time.run(limiter.acquire(idle())))!
    limiter.observe(first, 429, headers(0, 1200, 200, time.now(), { 'retry-after': '1' }))
    // Refused at once: counted over half a second, 10 shards like it would take the 20 a second.
    expect(limiter.sharePerSecond('requests')).toBeCloseTo(2, 9)
    await time.run(time.sleep(1_000))
    limiter.observe({ seq: 2, at: time.now() }, 429, headers(0, 1200, 200, time.now(), { 'retry-after': '1' }))
    // Refused twice in its first second, granted nothing: 20 shards like it would take the 20 a second.
    expect(limiter.sharePerSecond('requests')).toBeCloseTo(1, 9)
    // A grant, then 2.5 s on: the first 429 is forgotten, the second and a third outnumber the grant.
    limiter.observe({ seq: 3, at: time.now() }, 200, headers(0, 1200, 200, time.now()))
    await time.run(time.sleep(1_500))
    limiter.observe({ seq: 4, at: time.now() }, 429, headers(0, 1200, 200, time.now()))
    // 1 granted over the last 2 s: 40 shards like it.
    expect(limiter.sharePerSecond('requests')).toBeCloseTo(0.5, 9)
  })

  it('forgets its 429s older than 2 s: one grant and one 429 since then are no sign of others', async () => {
    const time = virtualTime(T0)
    const limiter = new Limiter({ now: time.now, sleep: time.sleep, random: () => 0 })
    const first = (await time.run(limiter.acquire(idle())))!
    const refused = (seq: number) =>
      limiter.observe({ seq, at: time.now() }, 429, headers(0, 1200, 200, time.now(), { 'retry-after': '1' }))
    limiter.observe(first, 429, headers(0, 1200, 200, time.now(), { 'retry-after': '1' }))
    refused(2)
    refused(3)
    await time.run(time.sleep(2_500))
    limiter.observe({ seq: 4, at: time.now() }, 200, headers(0, 1200, 200, time.now()))
    const before = limiter.sharePerSecond('requests')
    limiter.observe({ seq: 5, at: time.now() }, 429, headers(0, 1200, 200, time.now()))
    // Kept, the three old 429s would outnumber the grant: 1 in 2 s, 40 shards, 0.5 a second.
    expect(before).toBeGreaterThan(0.5)
    expect(limiter.sharePerSecond('requests')).toBeCloseTo(before!, 9)
  })

  // The bench's herd (script/bench/many.ts: 50 processes of 10 items, 20/s, burst 20), the same
  // with a small bucket and requests reaching it up to 10 ms late, and an 8-job matrix without
  // `shard`. Each job believes it is alone: only the 429s on a dry bucket can tell it otherwise.
  it.each([
    { jobs: 50, items: 10, burst: 20, wayMs: 0, perItem: 1.8 },
    { jobs: 50, items: 10, burst: 4, wayMs: 10, perItem: 1.8 },
    { jobs: 8, items: 50, burst: 4, wayMs: 0, perItem: 1.3 }
  ])(
    '$jobs jobs of $items items, burst $burst: ≤ $perItem requests per item, every item within 6 attempts',
    async ({ jobs, items, burst, wayMs, perItem }) => {
      const result = await simulateShards({
        startsMs: Array.from({ length: jobs }, () => 0),
        items: Array.from({ length: jobs }, () => items),
        bucket: { perSecond: 20, burst, retryAfter: true },
        latencyMs: 20,
        wayMs,
        declared: 1
      })
      const ideal = ((jobs * items) / 20) * 1000
      expect(result.requests / (jobs * items)).toBeLessThanOrEqual(perItem)
      // The default max-retries 5: no item would have failed, so no job turns red.
      expect(result.maxAttempts).toBeLessThanOrEqual(6)
      // Every job got through all its items, and the bucket was kept busy.
      expect(Math.max(...result.endsMs)).toBeLessThanOrEqual(ideal * 1.5)
    }
  )
})
