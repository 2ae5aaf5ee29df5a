import { Limiter } from '../../../src/many/limiter.js'
import { virtualTime } from '../../fixtures/virtual-time.js'

/** The limiter's clock is epoch ms (reset headers are wall-clock times): tests start here. */
const T0 = Date.parse('2026-11-29T12:00:00Z')

const headers = (
  remaining: number,
  limit: number,
  resetInMs: number,
  now: number,
  extra: Record<string, string> = {}
) => ({
  'anthropic-ratelimit-requests-limit': String(limit),
  'anthropic-ratelimit-requests-remaining': String(remaining),
  'anthropic-ratelimit-requests-reset': new Date(now + resetInMs).toISOString(),
  ...extra
})

/** A token bucket as the API keeps it: `burst` units, refilled at `perSecond`; each granted request takes one. */
function serverBucket(perSecond: number, burst: number, now: () => number) {
  let tokens = burst
  let last = now()
  return (): { granted: boolean; headers: Record<string, string> } => {
    const t = now()
    tokens = Math.min(burst, tokens + ((t - last) * perSecond) / 1000)
    last = t
    const granted = tokens >= 1
    if (granted) tokens -= 1
    const nextMs = tokens >= burst ? 0 : ((Math.floor(tokens) + 1 - tokens) / perSecond) * 1000
    const h = headers(Math.floor(tokens), burst, nextMs, t)
    return { granted, headers: granted ? h : { ...h, 'retry-after': '1' } }
  }
}

describe('Limiter', () => {
  it('lets requests start at once while nothing is known', async () => {
    const sleeps: number[] = []
    const clock = { now: () => 5, sleep: async (ms: number) => void sleeps.push(ms), random: () => 0.5 }
    const limiter = new Limiter(clock)
    const signal = new AbortController().signal
    expect(await limiter.acquire(signal)).toEqual({ seq: 1, at: 5 })
    expect(await limiter.acquire(signal)).toEqual({ seq: 2, at: 5 })
    expect(sleeps).toEqual([])
  })

  it('measures the refill rate from how remaining moves against the requests it sent', () => {
    let now = T0
    const limiter = new Limiter({ now: () => now, sleep: async () => {}, random: () => 0 })
    // 20 requests a second for 2 s, remaining steady at 3: the bucket refills 20/s.
    for (let seq = 1; seq <= 40; seq++) {
      now = T0 + seq * 50
      limiter.observe({ seq, at: now }, 200, headers(3, 10, 50, now))
    }
    expect(limiter.ratePerSecond('requests')).toBeCloseTo(20, 5)
  })

  it('waits for reset when the bucket is empty and no rate is known yet, then one request probes', () => {
    const now = T0
    const limiter = new Limiter({ now: () => now, sleep: async () => {}, random: () => 0 })
    limiter.observe({ seq: 0, at: now }, 200, headers(0, 10, 300, now))
    const reset = now + 300
    expect(limiter.waitMs(now)).toBe(reset - now + 1)
    expect(limiter.waitMs(reset + 1)).toBe(0)
  })

  it('lets a request start when the estimate is exactly what it takes, and not one unit less', async () => {
    const now = T0
    const limiter = new Limiter({ now: () => now, sleep: async () => {}, random: () => 0 })
    // One unit left and no rate measured yet: exactly enough for one request, so no wait.
    limiter.observe({ seq: 0, at: now }, 200, headers(1, 10, 300, now))
    expect(limiter.waitMs(now)).toBe(0)
    expect(await limiter.acquire(new AbortController().signal)).toEqual({ seq: 1, at: now })
    // That request took the last unit: the next one waits for the reset.
    expect(limiter.waitMs(now)).toBe(300 + 1)
  })

  it('a 429 pauses every worker until retry-after, with jitter, and cuts the rate by 0.7', () => {
    let now = T0
    const limiter = new Limiter({ now: () => now, sleep: async () => {}, random: () => 0 })
    for (let seq = 1; seq <= 30; seq++) {
      now = T0 + seq * 100
      limiter.observe({ seq, at: now }, 200, headers(5, 10, 100, now))
    }
    const before = limiter.ratePerSecond('requests') as number
    expect(before).toBeCloseTo(10, 5)
    limiter.observe({ seq: 31, at: now }, 429, headers(0, 10, 100, now, { 'retry-after': '2' }))
    expect(limiter.throttles).toBe(1)
    // The 429's own remaining (0) is measured too, then the rate is cut.
    expect(limiter.ratePerSecond('requests')).toBeLessThanOrEqual(before * 0.7)
    expect(limiter.waitMs(now)).toBe(2000)
    expect(limiter.waitMs(now, 1)).toBe(2000 + 400) // jitter up to a fifth of the pause
    expect(limiter.waitMs(now + 1999)).toBe(1)
  })

  it('gives up (undefined) when the wait would cross the deadline or the signal aborts', async () => {
    const now = T0
    const limiter = new Limiter({ now: () => now, sleep: async () => {}, random: () => 0 })
    limiter.observe({ seq: 1, at: now }, 429, headers(0, 10, 100, now, { 'retry-after': '5' }))
    expect(await limiter.acquire(new AbortController().signal, now + 1000)).toBeUndefined()
    const aborted = new AbortController()
    aborted.abort()
    expect(await limiter.acquire(aborted.signal)).toBeUndefined()
  })

  it('paces 8 workers to a 20/s bucket: few 429s, close to the ideal time', async () => {
    const time = virtualTime(T0)
    const limiter = new Limiter({ now: time.now, sleep: time.sleep, random: seeded(7) })
    const take = serverBucket(20, 10, time.now)
    const signal = new AbortController().signal
    const items = 200
    let next = 0
    let requests = 0
    const worker = async () => {
      while (next < items) {
        next++
        for (;;) {
          const ticket = (await limiter.acquire(signal))!
          requests++
          const { granted, headers: h } = take()
          await time.sleep(300) // the answer takes 300 ms
          limiter.observe(ticket, granted ? 200 : 429, h)
          if (granted) break
        }
      }
    }
    await time.run(Promise.all([worker(), worker(), worker(), worker(), worker(), worker(), worker(), worker()]))
    const ideal = ((items - 10) / 20) * 1000 + 300
    if (process.env.LIMITER_STATS) console.log({ requestsPerItem: requests / items, timeRatio: time.elapsed() / ideal })
    expect(requests / items).toBeLessThanOrEqual(1.05)
    expect(time.elapsed()).toBeGreaterThanOrEqual(ideal - 1)
    expect(time.elapsed()).toBeLessThanOrEqual(ideal * 1.1)
  })
})

/** A small deterministic random source (LCG), so the simulation replays exactly. */
function seeded(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return state / 2 ** 31
  }
}
