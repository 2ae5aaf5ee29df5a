import { type BucketView, SharePacer } from '../../../src/many/limiter-share.js'

const T0 = Date.parse('2026-12-01T12:00:00Z')
/** 1200 a minute: 20 a second, 0.02 a ms. */
const LIMIT = 1200
const RATE = LIMIT / 60_000

/** A view of a bucket of capacity 4 (full again after (4 - remaining) / rate) at `at`. */
function view(seq: number, at: number, remaining: number, capacity = 4): BucketView {
  return { limit: LIMIT, remaining, resetAt: at + (capacity - remaining) / RATE, at, seq }
}

describe('SharePacer with the rate-limit headers', () => {
  it('reads the rate from limit per minute, the capacity from reset, and starts at the fair share', () => {
    const pacer = new SharePacer(4)
    expect(pacer.waitMs(T0, 1)).toBe(0) // nothing known: not paced
    pacer.take(T0, 1)
    pacer.observe(view(1, T0, 2), T0 + 10, 1)
    expect(pacer.rate).toBeCloseTo(RATE, 12)
    expect(pacer.capacity).toBeCloseTo(4, 9)
    expect(pacer.share).toBeCloseTo(RATE / 4, 12)
    // It starts with its share of what is left (2 / 4 units): 0.5 more at 0.005 a ms is 100 ms.
    expect(pacer.waitMs(T0 + 10, 1)).toBe(100)
    expect(pacer.waitMs(T0 + 110, 1)).toBe(0)
  })

  it('paces at its share: one unit every 1 / share, holding at most its part of the capacity', () => {
    const pacer = new SharePacer(2)
    pacer.observe(view(1, T0, 0), T0, 1)
    // share 0.01 a ms: a unit each 100 ms.
    expect(pacer.waitMs(T0, 1)).toBe(100)
    expect(pacer.waitMs(T0 + 90, 1)).toBe(10)
    pacer.take(T0 + 100, 1)
    expect(pacer.waitMs(T0 + 100, 1)).toBe(100)
    // A long idle time banks at most capacity / shards = 2 units.
    expect(pacer.waitMs(T0 + 10_000, 1)).toBe(0)
    pacer.take(T0 + 10_000, 1)
    pacer.take(T0 + 10_000, 1)
    expect(pacer.waitMs(T0 + 10_000, 1)).toBe(100)
    // A request larger than that share of the capacity still gets through, once it is saved up.
    expect(pacer.waitMs(T0 + 10_000, 3)).toBe(300)
    expect(pacer.waitMs(T0 + 10_300, 3)).toBe(0)
  })

  it('a capacity below one request per shard still lets one request be saved up', () => {
    const pacer = new SharePacer(8)
    pacer.observe(view(1, T0, 0), T0, 1)
    expect(pacer.waitMs(T0 + 60_000, 1)).toBe(0)
    pacer.take(T0 + 60_000, 1)
    expect(pacer.waitMs(T0 + 60_000, 1)).toBe(400) // share 0.0025 a ms
  })

  it('grows × 2 when the bucket stays full for a quarter second, up to the whole rate', () => {
    const pacer = new SharePacer(4)
    pacer.observe(view(1, T0, 3), T0, 1)
    pacer.observe(view(2, T0 + 100, 3), T0 + 100, 1)
    expect(pacer.share).toBeCloseTo(RATE / 4, 12) // full, but not yet for 250 ms
    pacer.observe(view(3, T0 + 249, 3), T0 + 249, 1)
    expect(pacer.share).toBeCloseTo(RATE / 4, 12)
    pacer.observe(view(4, T0 + 250, 3), T0 + 250, 1)
    expect(pacer.share).toBeCloseTo(RATE / 2, 12)
    // The next doubling needs another quarter second of full.
    pacer.observe(view(5, T0 + 400, 3), T0 + 400, 1)
    expect(pacer.share).toBeCloseTo(RATE / 2, 12)
    pacer.observe(view(6, T0 + 500, 3), T0 + 500, 1)
    expect(pacer.share).toBeCloseTo(RATE, 12)
    pacer.observe(view(7, T0 + 750, 3), T0 + 750, 1)
    expect(pacer.share).toBeCloseTo(RATE, 12) // never above the rate
  })

  it('within an eighth of a unit of full counts as full; a view below it starts the run again', () => {
    const pacer = new SharePacer(4)
    // Capacity 4: after its own unit, 2.95 left is within 0.125 of full; 2.85 and 2.875, not.
    const at = (seq: number, ms: number, level: number): BucketView => ({
      limit: LIMIT,
      remaining: Math.floor(level),
      resetAt: T0 + ms + (4 - level) / RATE,
      at: T0 + ms,
      seq
    })
    pacer.observe(at(1, 0, 3), T0, 1) // capacity 4 is known from here
    pacer.observe(at(2, 100, 2.95), T0 + 100, 1)
    pacer.observe(at(3, 200, 2.85), T0 + 200, 1)
    pacer.observe(at(4, 260, 2.95), T0 + 260, 1)
    pacer.observe(at(5, 449, 2.95), T0 + 449, 1) // a 300 ms window (spare refill), not a doubling:
    const spare = RATE + (2.95 - 1.6) / 1000 - (RATE * 449 + 3 - 2.95) / 449
    expect(pacer.share).toBeCloseTo(RATE / 4 + spare / 4, 12) // full only since T0 + 260
    pacer.observe(at(6, 510, 2.95), T0 + 510, 1)
    expect(pacer.share).toBeCloseTo((RATE / 4 + spare / 4) * 2, 12)
  })

  it('exactly an eighth of a unit from full is not full', () => {
    const pacer = new SharePacer(4)
    const at = (seq: number, ms: number): BucketView => ({
      limit: LIMIT,
      remaining: 2,
      resetAt: T0 + ms + 1.125 / RATE,
      at: T0 + ms,
      seq
    })
    pacer.observe({ limit: LIMIT, remaining: 3, resetAt: T0 + 1 / RATE, at: T0, seq: 1 }, T0, 1) // capacity 4
    for (const [seq, ms] of [
      [2, 10],
      [3, 140],
      [4, 270]
    ] as const)
      pacer.observe(at(seq, ms), T0 + ms, 1)
    expect(pacer.share).toBeCloseTo(RATE / 4, 12)
  })

  it('a bucket of less than two requests (of this cost) never counts as full', () => {
    // Cost 2, capacity 3: 1.1 left after a request is within 2.125 of full, but the bucket holds one request.
    const pacer = new SharePacer(4)
    const seen = (remaining: number, k: number) =>
      pacer.observe(
        { limit: LIMIT, remaining, resetAt: T0 + k * 100 + 1.9 / RATE, at: T0 + k * 100, seq: k },
        T0 + k * 100,
        2
      )
    for (let k = 0; k < 6; k++) seen(1, k)
    expect(pacer.capacity).toBeCloseTo(3, 9)
    expect(pacer.share).toBeLessThan(RATE / 3) // not doubled
    // Capacity 4 at cost 2 (2 left after one): full, and the share doubles.
    const four = new SharePacer(4)
    for (let k = 0; k < 6; k++)
      four.observe(
        { limit: LIMIT, remaining: 2, resetAt: T0 + k * 100 + 1.9 / RATE, at: T0 + k * 100, seq: k },
        T0 + k * 100,
        2
      )
    expect(four.capacity).toBeCloseTo(4, 9)
    expect(four.share).toBeGreaterThanOrEqual(RATE / 2)
  })

  it('a bucket of less than two requests never counts as full', () => {
    const pacer = new SharePacer(2)
    for (let k = 0; k < 10; k++) pacer.observe(view(k, T0 + k * 100, 0, 1.9), T0 + k * 100, 1)
    expect(pacer.share).toBeLessThanOrEqual(RATE / 2)
    const two = new SharePacer(2)
    for (let k = 0; k < 10; k++) two.observe(view(k, T0 + k * 100, 1, 2), T0 + k * 100, 1)
    expect(two.share).toBeCloseTo(RATE, 12)
  })

  it('the capacity is the median of remaining + refill until full, at least the most left + one', () => {
    const pacer = new SharePacer(1)
    const read = (seq: number, remaining: number, untilFullMs: number) =>
      pacer.observe({ limit: LIMIT, remaining, resetAt: T0 + seq + untilFullMs, at: T0 + seq, seq }, T0 + seq, 1)
    read(1, 2, 100) // 2 + 2
    expect(pacer.capacity).toBeCloseTo(4, 9)
    read(2, 2, 75) // 2 + 1.5 (2.5 left, read as 2)
    read(3, 1, 130) // 1 + 2.6
    read(4, 1, 400) // 1 + 8: a slow request's reading
    expect(pacer.capacity).toBeCloseTo(4, 9) // median of 3.5, 3.6, 4, 9 (the upper middle)
    read(5, 3, 0) // 3 left after one: at least 4, whatever reset says
    read(6, 0, 0)
    read(7, 0, 0)
    read(8, 0, 0)
    expect(pacer.capacity).toBeCloseTo(4, 9)
    // Without reset: the most left, plus one request.
    const blind = new SharePacer(1)
    blind.observe({ limit: LIMIT, remaining: 0, resetAt: undefined, at: T0, seq: 1 }, T0, 3)
    expect(blind.capacity).toBe(3)
  })

  it('takes the median over the latest 31 readings only', () => {
    const pacer = new SharePacer(1)
    let seq = 0
    const read = (untilFull: number) => {
      seq++
      pacer.observe(
        { limit: LIMIT, remaining: 0, resetAt: T0 + seq + untilFull / RATE, at: T0 + seq, seq },
        T0 + seq,
        1
      )
    }
    // One small reading, then 15 of 4 and 15 of 9: with it among the 31 the median is 4, without it 9.
    read(1)
    for (let k = 0; k < 15; k++) read(4)
    for (let k = 0; k < 15; k++) read(9)
    expect(pacer.capacity).toBeCloseTo(4, 9)
    read(9) // the small one drops out
    expect(pacer.capacity).toBeCloseTo(9, 9)
    // Many old readings of 20 are forgotten.
    for (let k = 0; k < 40; k++) read(20)
    for (let k = 0; k < 31; k++) read(5)
    expect(pacer.capacity).toBeCloseTo(5, 9)
  })

  it('scales the share down by what all shards drew over what the bucket gives', () => {
    const pacer = new SharePacer(2)
    pacer.observe(view(1, T0, 2), T0, 1)
    // 400 ms later the bucket went from 2 to 0: all drew 8 + 2 = 10 units where 8 came in.
    pacer.observe(view(2, T0 + 400, 0), T0 + 400, 1)
    const drawn = 10 / 400
    const wanted = RATE + (0 - 4 * 0.4) / 1000
    const scaled = (RATE / 2) * (wanted / drawn)
    // Then halfway toward the fair share (the bucket is short).
    expect(pacer.share).toBeCloseTo(scaled + (RATE / 2 - scaled) * 0.5, 12)
  })

  it('adds its part of the unused refill when the shards drew less than the bucket gives', () => {
    const pacer = new SharePacer(4)
    pacer.observe(view(1, T0, 1), T0, 1)
    // 300 ms: 6 units came in, the level rose by 1: all drew 5.
    pacer.observe(view(2, T0 + 300, 2), T0 + 300, 1)
    const spare = RATE + (2 - 1.6) / 1000 - 5 / 300
    expect(pacer.share).toBeCloseTo(RATE / 4 + spare / 4, 12)
  })

  it('never adds past the whole rate', () => {
    const pacer = new SharePacer(1)
    pacer.observe(view(1, T0, 3, 10), T0, 1)
    // Level 3 to 9 in 300 ms of 6 refilled: nobody drew; the level far above the target.
    pacer.observe(view(2, T0 + 300, 9, 10), T0 + 300, 1)
    expect(pacer.share).toBeCloseTo(RATE, 12)
  })

  it('a share above the fair one is pulled down only while the bucket is short', () => {
    const pacer = new SharePacer(4)
    pacer.observe(view(1, T0, 5, 6), T0, 1)
    pacer.observe(view(2, T0 + 250, 5, 6), T0 + 250, 1) // full: share doubles to RATE / 2
    expect(pacer.share).toBeCloseTo(RATE / 2, 12)
    // A window with spare refill (the level from 5 to 4.6 while 6 came in): it keeps its share and adds its part.
    pacer.observe({ limit: LIMIT, remaining: 4, resetAt: T0 + 550 + 1.4 / RATE, at: T0 + 550, seq: 3 }, T0 + 550, 1)
    const drawn = (RATE * 300 + 5 - 4.6) / 300
    const spare = RATE + (4.6 - 2.4) / 1000 - drawn
    expect(spare).toBeGreaterThan(0)
    const above = RATE / 2 + spare / 4
    expect(pacer.share).toBeCloseTo(above, 12)
    // A window where the bucket ran short: scaled down, then halfway to the fair share.
    pacer.observe(view(4, T0 + 850, 0, 6), T0 + 850, 1)
    const scaled = above * ((RATE - 2.4 / 1000) / ((RATE * 300 + 4.6) / 300))
    expect(pacer.share).toBeCloseTo(scaled + (RATE / 4 - scaled) * 0.5, 12)
  })

  it('measures over 300 ms, or over a quarter second when the bucket ran dry', () => {
    const pacer = new SharePacer(2)
    pacer.observe(view(1, T0, 2), T0, 1)
    pacer.observe(view(2, T0 + 299, 1), T0 + 299, 1)
    expect(pacer.share).toBeCloseTo(RATE / 2, 12)
    pacer.observe(view(3, T0 + 300, 1), T0 + 300, 1)
    expect(pacer.share).not.toBeCloseTo(RATE / 2, 12)

    const dry = new SharePacer(2)
    dry.observe(view(1, T0, 2), T0, 1)
    dry.observe(view(2, T0 + 249, 0), T0 + 249, 1)
    expect(dry.share).toBeCloseTo(RATE / 2, 12)
    dry.observe(view(3, T0 + 250, 0), T0 + 250, 1)
    expect(dry.share).toBeLessThan(RATE / 2)
    // One unit left is not dry: a quarter second is too short a window then.
    const one = new SharePacer(2)
    one.observe(view(1, T0, 2), T0, 1)
    one.observe(view(2, T0 + 250, 1), T0 + 250, 1)
    expect(one.share).toBeCloseTo(RATE / 2, 12)
  })

  it('ignores a view older than the latest one (responses arrive out of order)', () => {
    const pacer = new SharePacer(2)
    pacer.observe(view(5, T0, 2), T0, 1)
    pacer.observe(view(4, T0 + 400, 0), T0 + 400, 1)
    expect(pacer.share).toBeCloseTo(RATE / 2, 12)
  })

  it('a share below the fair one moves halfway toward it also in a window with spare refill', () => {
    const pacer = new SharePacer(2)
    pacer.observe(view(1, T0, 2), T0, 1)
    pacer.observe(view(2, T0 + 400, 0), T0 + 400, 1) // short: scaled down, halfway back to fair
    const low = pacer.share!
    expect(low).toBeLessThan(RATE / 2)
    // 6 came in, the level rose to 0.5 (read as 0, and from reset): all drew 5.5.
    pacer.observe({ limit: LIMIT, remaining: 0, resetAt: T0 + 700 + 3.5 / RATE, at: T0 + 700, seq: 3 }, T0 + 700, 1)
    const raised = low + (RATE + (0.5 - 1.6) / 1000 - 5.5 / 300) / 2
    expect(raised).toBeLessThan(RATE / 2)
    expect(pacer.share).toBeCloseTo(raised + (RATE / 2 - raised) * 0.5, 12)
  })

  it('reads the level from remaining when there is no reset', () => {
    const pacer = new SharePacer(2)
    pacer.observe({ limit: LIMIT, remaining: 2, resetAt: undefined, at: T0, seq: 1 }, T0, 1)
    expect(pacer.waitMs(T0, 1)).toBe(0) // its half of 2 units
    pacer.take(T0, 1)
    expect(pacer.waitMs(T0, 1)).toBe(100)
  })

  it('never goes below half the fair share, however much the shards overdrew', () => {
    const pacer = new SharePacer(2)
    pacer.observe(view(1, T0, 90, 100), T0, 1)
    pacer.observe(view(2, T0 + 300, 0, 100), T0 + 300, 1) // wanted < 0
    expect(pacer.share).toBeCloseTo(RATE / 4, 12)
  })

  it('a 429 takes back what was saved up, and leaves the share alone (the level tells every shard)', () => {
    const pacer = new SharePacer(2)
    pacer.observe(view(1, T0, 2), T0 + 20, 1)
    expect(pacer.waitMs(T0 + 20, 1)).toBe(0)
    pacer.throttled(T0 + 30, 1, 0)
    expect(pacer.share).toBeCloseTo(RATE / 2, 12)
    expect(pacer.waitMs(T0 + 30, 1)).toBe(100)
    expect(pacer.waitMs(T0 + 130, 1)).toBe(0)
  })
})

describe('SharePacer without the rate-limit headers', () => {
  it('starts at 0.7 of the measured throughput on the first 429, then grows × 2 a second', () => {
    const pacer = new SharePacer(4)
    pacer.throttled(T0, 1, 0.01) // 10 a second measured
    expect(pacer.rate).toBeUndefined()
    expect(pacer.share).toBeCloseTo(0.007, 12)
    expect(pacer.waitMs(T0 + 1000, 1)).toBe(0)
    expect(pacer.share).toBeCloseTo(0.014, 9)
  })

  it('after the second 429 it grows × 1.25 a second', () => {
    const pacer = new SharePacer(1)
    pacer.throttled(T0, 1, 0.01)
    pacer.throttled(T0 + 1000, 1, 0) // × 2 over the second, then × 0.7
    expect(pacer.share).toBeCloseTo(0.0098, 9)
    pacer.waitMs(T0 + 2000, 1)
    expect(pacer.share).toBeCloseTo(0.0098 * 1.25, 9)
  })

  it('cuts at most once per quarter second (the answers in flight with it are 429s too)', () => {
    const pacer = new SharePacer(1)
    pacer.throttled(T0, 1, 0.01)
    pacer.throttled(T0 + 249, 1, 0.01)
    expect(pacer.share).toBeCloseTo(0.007 * 2 ** 0.249, 9)
    pacer.throttled(T0 + 250, 1, 0.01)
    expect(pacer.share).toBeCloseTo(0.007 * 2 ** 0.25 * 0.7, 9)
  })

  it('requests sent while nothing was paced leave no debt behind', () => {
    const pacer = new SharePacer(1)
    for (let k = 0; k < 10; k++) pacer.take(T0, 1)
    pacer.throttled(T0, 1, 0.01)
    expect(pacer.waitMs(T0, 1)).toBe(Math.ceil(1 / 0.007))
  })

  it('grows to at most 10 × the share at the last cut', () => {
    const pacer = new SharePacer(1)
    pacer.throttled(T0, 1, 0.01)
    pacer.waitMs(T0 + 60_000, 1)
    expect(pacer.share).toBeCloseTo(0.07, 12)
  })

  it('with nothing measured it starts from one request a second', () => {
    const pacer = new SharePacer(1)
    pacer.throttled(T0, 1, 0)
    expect(pacer.share).toBeCloseTo(0.0007, 12)
    expect(pacer.waitMs(T0, 1)).toBeGreaterThan(0)
  })
})

describe('SharePacer with more shards drawing than declared (jobs without `shard`)', () => {
  /** Told n, with a dry bucket (0 left of 4) seen: the starting share is rate / n. */
  const dry = (n: number) => {
    const pacer = new SharePacer(n)
    pacer.observe(view(1, T0, 0), T0, 1)
    return pacer
  }

  it('429s on a dry bucket that outnumber its grants: it counts the refill over its own grants', () => {
    const pacer = dry(1)
    expect(pacer.share).toBeCloseTo(RATE, 12)
    // 2 refused, none granted in its first second: 20 shards like it would take the 20 a second.
    pacer.throttled(T0 + 20, 1, 0, { granted: 0, refused: 2, spanMs: 1000 })
    expect(pacer.share).toBeCloseTo(RATE / 20, 12)
    expect(pacer.waitMs(T0 + 20, 1)).toBe(1000)
    // It saves up at most its part of the capacity (4 / 20 shards, at least one request).
    pacer.take(T0 + 60_000, 1)
    expect(pacer.waitMs(T0 + 60_000, 1)).toBe(1000)
    // 3 granted, 4 refused over 2 s: 3 units in 2 s of 40, 13.3 shards.
    const some = dry(1)
    some.throttled(T0 + 20, 1, 0, { granted: 3, refused: 4, spanMs: 2000 })
    expect(some.share).toBeCloseTo(RATE / (40 / 3), 12)
  })

  it('counts over at least half a second (a shard refused from its start has that little to go by)', () => {
    const pacer = dry(1)
    pacer.throttled(T0 + 20, 1, 0, { granted: 0, refused: 1, spanMs: 100 })
    expect(pacer.share).toBeCloseTo(RATE / 10, 12)
  })

  it('as many grants as 429s, or a bucket not dry: no sign of others', () => {
    const even = dry(1)
    even.throttled(T0 + 20, 1, 0, { granted: 2, refused: 2, spanMs: 1000 })
    expect(even.share).toBeCloseTo(RATE, 12)
    const granted = dry(1)
    granted.throttled(T0 + 20, 1, 0, { granted: 3, refused: 2, spanMs: 1000 })
    expect(granted.share).toBeCloseTo(RATE, 12)
    const notDry = new SharePacer(1)
    notDry.observe(view(1, T0, 1), T0, 1)
    notDry.throttled(T0 + 20, 1, 0, { granted: 0, refused: 2, spanMs: 1000 })
    expect(notDry.share).toBeCloseTo(RATE, 12)
  })

  it('never counts fewer than the declared n, and never raises a share', () => {
    const declared = dry(8)
    // 8 units in 1 s: 2.5 shards like it, fewer than the 8 declared.
    declared.throttled(T0 + 20, 1, 0, { granted: 4, refused: 4, spanMs: 500 })
    expect(declared.share).toBeCloseTo(RATE / 8, 12)
    const low = dry(1)
    low.throttled(T0 + 20, 1, 0, { granted: 0, refused: 2, spanMs: 2000 })
    low.throttled(T0 + 30, 1, 0, { granted: 1, refused: 2, spanMs: 500 })
    expect(low.share).toBeCloseTo(RATE / 40, 12)
  })

  it('the cut share waits up to one more unit (jitter), so shards cut together do not come back together', () => {
    const pacer = dry(1)
    pacer.throttled(T0 + 20, 1, 0, { granted: 0, refused: 2, spanMs: 1000 }, 0.5)
    expect(pacer.waitMs(T0 + 20, 1)).toBe(1500)
  })

  it('counts in units of the bucket: a token bucket’s requests cost more than one', () => {
    const pacer = new SharePacer(1)
    pacer.observe(view(1, T0, 0, 8), T0, 2)
    // No grant in 1 s, 2 units a request: 2 units a second of 20, 10 shards like it.
    pacer.throttled(T0 + 20, 2, 0, { granted: 0, refused: 2, spanMs: 1000 }, 0.5)
    expect(pacer.share).toBeCloseTo(RATE / 10, 12)
    // Half a request (1 unit) more to wait, then 2 units at RATE / 10: 1.5 s in all.
    expect(pacer.waitMs(T0 + 20, 2)).toBe(1500)
  })

  it('the count moves back toward the declared n by 0.8 each window with spare refill', () => {
    const pacer = dry(1)
    pacer.throttled(T0 + 20, 1, 0, { granted: 0, refused: 2, spanMs: 1000 })
    // 300 ms: 6 units came in, the level rose from 0 to 2: all drew 4; 16 shards now.
    pacer.observe(view(2, T0 + 300, 2), T0 + 300, 1)
    const spare = RATE + (2 - 1.6) / 1000 - 4 / 300
    expect(pacer.share).toBeCloseTo(RATE / 20 + spare / 16, 12)
    // Short again (2 to 0 in 300 ms): scaled down, then halfway toward the fair share of 16.
    pacer.observe(view(3, T0 + 600, 0), T0 + 600, 1)
    const scaled = ((RATE / 20 + spare / 16) * (RATE - 1.6 / 1000)) / (8 / 300)
    expect(pacer.share).toBeCloseTo(scaled + (RATE / 16 - scaled) * 0.5, 12)
  })
})
