/**
 * One rate-limit bucket as one shard sees it: the shard's share of the bucket's refill, and a
 * small local bucket that paces the shard's requests at that share. n shards (matrix jobs, each
 * knowing n from `shard: k/n`) draw from one bucket; each paces itself at its share, and all move
 * their shares by the same rules from what the shared bucket's headers say, so the shares add up
 * to the bucket's rate without any talk between the shards.
 *
 * With the rate-limit headers (the API's meaning: `limit` per minute, `remaining` now, `reset`
 * when full again):
 * - the refill rate is `limit` / 60 s, the capacity `remaining` + rate × (reset − now) (the median
 *   of the recent readings, at least the most ever left + one request);
 * - a shard starts at the fair share, rate / n, so shards started together fill the rate at once;
 * - every 300 ms (every 250 ms once the bucket ran dry) the level, to the fraction (reset has
 *   milliseconds), tells what all shards drew: refill − level change. Against what they should
 *   draw (the refill, plus the level above 40 % of the capacity, drained over a second): when
 *   they drew more, each scales its share down by the ratio (every shard cuts its own part, so the
 *   sum lands on the rate in one window); when less, each adds 1 / n of the unused rate (additive
 *   increase, so the shares converge to fair);
 * - a bucket full (to an eighth of a unit) for a quarter second wastes its refill: nobody uses it,
 *   and the share doubles, up to the whole rate. A shard alone takes the whole rate within a
 *   second (the fair share is where a shard starts, not a ceiling);
 * - a share below the fair one moves halfway toward it every window, and one above it too while
 *   the bucket is short: a late shard catches up with those that started alone;
 * - a 429 takes back what the shard had saved up. Jobs that do not declare `shard` each think
 *   they are alone (n = 1), and a dry bucket's level cannot show how far they overdraw: 429s on a
 *   dry bucket that outnumber the shard's grants (its last 2 s, counted over at least 0.5 s) say
 *   others draw. Were they all like it, they would number the refill over its own grants (one at
 *   least): n is taken as that many (never fewer than declared) and the share cut to rate / n; n
 *   moves back toward the declared one by 0.8 each window with refill to spare. Shards that get
 *   as many grants as 429s keep their share: the level tells every shard, and a cut would starve
 *   whichever shard was unlucky.
 * Without the headers (many gateways strip them) nothing is paced until the first 429; then the
 * share starts at 0.7 of the shard's own measured throughput and grows × 2 a second, after the
 * second 429 × 1.25 a second (to at most 10 × the last cut), each 429 cutting it to 0.7 (TCP's
 * slow start and congestion avoidance, on a rate). Pure: time is passed in.
 */

/** This shard's own answers at a 429: over the last 2 s, or since its first request (spanMs). */
export interface OwnAnswers {
  granted: number
  /** This 429 included. */
  refused: number
  spanMs: number
}

const NO_ANSWERS: OwnAnswers = { granted: 0, refused: 0, spanMs: 0 }

/** What one response said about the bucket: its headers, read at the time its request started. */
export interface BucketView {
  /** Requests (or tokens) per minute. */
  limit: number
  remaining: number
  /** Epoch ms when the bucket is full again; undefined when the header is missing. */
  resetAt: number | undefined
  at: number
  seq: number
}

/** Windows of the draw measurement, and the quicker looks when the bucket is full or runs dry. */
const WINDOW_MS = 300
const QUICK_MS = 250
/** The level the correction steers toward, as a share of the capacity, and how fast. */
const TARGET_LEVEL = 0.4
const LEVEL_TIME_MS = 1_000
/** Readings of the capacity the median is taken over. */
const READINGS = 31
/** Full: within this part of a unit of the capacity before the request took its own. */
const FULL_MARGIN = 0.125
/** Growth of the share per quick look while the bucket is full. */
const FULL_GROWTH = 2
/** A share below the fair one moves this part of the way toward it each window. */
const CATCH_UP = 0.5
/** Shards seen: back toward the declared n by this each window with spare refill. */
const SEEN_DECAY = 0.8
/** Own answers are counted over at least this long (a shard refused from its start knows little). */
const SEEN_MIN_SPAN_MS = 500
/** The cut on a 429, and the growth per second without headers (before and after the second 429). */
const THROTTLE_FACTOR = 0.7
const BLIND_GROWTH_PER_S = 1.25
const BLIND_START_PER_S = 2
/** Without headers the share grows to at most 10 × the last cut (it cannot grow without end). */
const BLIND_CEILING = 10

export class SharePacer {
  /** The bucket's refill, units per ms: undefined without headers. */
  rate: number | undefined
  capacity = 0
  /** This shard's pace, units per ms: undefined while not paced. */
  share: number | undefined
  private allowance = 0
  private refilledAt = 0
  /** Where the current window started: when, and the level then. */
  private anchor: { at: number; level: number } | undefined
  private latestSeq = -Infinity
  private cutAt = -Infinity
  /** When the bucket was first seen full, in the run of full views up to the latest. */
  private fullSince = Infinity
  /** Without headers: the 429s that cut the share (the first ones grow it faster). */
  private blindCuts = 0
  private maxRemaining = 0
  /** The latest READINGS readings of remaining + refill until full. */
  private readonly readings: number[] = []
  /** Without headers: how far the share may grow past the last cut. */
  private blindCeiling = 0
  /** The level after the latest request, to the fraction. */
  private level = Infinity
  /** The shards drawing from the bucket as far as this one can tell: at least the declared n. */
  private seen: number

  constructor(private readonly shards: number) {
    this.seen = shards
  }

  /** ms until a request costing `cost` may start (0: now). */
  waitMs(now: number, cost: number): number {
    if (this.share === undefined) return 0
    this.refill(now, cost)
    if (this.allowance >= cost) return 0
    return Math.ceil((cost - this.allowance) / this.share)
  }

  /** A request costing `cost` starts now. */
  take(now: number, cost: number): void {
    if (this.share === undefined) return
    this.refill(now, cost)
    this.allowance -= cost
  }

  /** A response's headers for this bucket; `cost`: what one request takes from it. */
  observe(view: BucketView, now: number, cost: number): void {
    const rate = view.limit / 60_000
    this.rate = rate
    const untilFull = view.resetAt === undefined ? undefined : rate * Math.max(0, view.resetAt - view.at)
    // The capacity: remaining + refill until full. Reset is read against this machine's clock, so
    // a reading also carries the request's way to the API: the median of the recent readings, not
    // the largest, keeps a slow one out (and errs low by the fraction remaining drops, the safe
    // side). Never less than the most ever seen left after a request, plus that request.
    this.maxRemaining = Math.max(this.maxRemaining, view.remaining)
    if (untilFull !== undefined) {
      this.readings.push(view.remaining + untilFull)
      if (this.readings.length > READINGS) this.readings.shift()
    }
    this.capacity = Math.max(this.maxRemaining + cost, this.readings.length === 0 ? 0 : median(this.readings))
    // What was left after this request, to the fraction where reset tells it (remaining is whole units).
    const level =
      untilFull === undefined
        ? view.remaining
        : Math.min(view.remaining + 1, Math.max(view.remaining, this.capacity - untilFull))
    if (this.share === undefined) {
      this.share = rate / this.shards
      this.allowance = Math.min(this.localCap(cost), level / this.shards)
      this.refilledAt = now
    }
    // Responses arrive out of order: only the latest request's view moves the share.
    if (view.seq < this.latestSeq) return
    this.latestSeq = view.seq
    this.level = level
    // Full before this request took its own: the refill is being wasted. A bucket of less than
    // two requests is full before every request that gets through: no sign there.
    const full = this.capacity >= 2 * cost && this.capacity - level < cost + FULL_MARGIN
    this.fullSince = full ? Math.min(this.fullSince, view.at) : Infinity
    const anchor = this.anchor
    if (!anchor) {
      this.anchor = { at: view.at, level }
      return
    }
    const span = view.at - anchor.at
    if (view.at - this.fullSince >= QUICK_MS) {
      // Full for a quarter second: nobody is using the refill, this shard may take more.
      this.setShare(now, Math.min(rate, this.share * FULL_GROWTH), cost)
      this.fullSince = view.at
    } else if (span >= WINDOW_MS || (level < cost && span >= QUICK_MS)) {
      // What all shards drew, and what they should have: the refill, plus the level above the target.
      const drawn = (rate * span + anchor.level - level) / span
      const wanted = rate + (level - this.capacity * TARGET_LEVEL) / LEVEL_TIME_MS
      if (drawn <= wanted) this.seen = Math.max(this.shards, this.seen * SEEN_DECAY)
      const fair = rate / this.seen
      let share =
        drawn > wanted ? (this.share * Math.max(0, wanted)) / drawn : this.share + (wanted - drawn) / this.seen
      // Toward the fair share: from below always, from above only when the bucket is short.
      if (share < fair || drawn > wanted) share += (fair - share) * CATCH_UP
      this.setShare(now, Math.min(rate, share), cost)
    } else {
      return
    }
    this.anchor = { at: view.at, level }
  }

  /**
   * A 429. `measuredRate`: this shard's own granted requests per ms lately, the starting point
   * when nothing else is known. `own`: its grants and 429s lately; `jitter` in [0, 1).
   */
  throttled(now: number, cost: number, measuredRate: number, own = NO_ANSWERS, jitter = 0): void {
    // Nothing saved up survives a 429.
    this.refill(now, cost)
    this.allowance = Math.min(this.allowance, 0)
    // With the headers the level says the bucket ran dry, to every shard alike; only 429s that
    // outnumber the grants say more (the header). Without them a 429 is all there is.
    if (this.rate !== undefined) {
      if (this.level < cost && own.refused > own.granted) this.seeOthers(now, cost, own, jitter)
      return
    }
    if (now - this.cutAt < QUICK_MS) return
    this.cutAt = now
    this.share = (this.share ?? Math.max(measuredRate, cost / 1000)) * THROTTLE_FACTOR
    this.blindCeiling = this.share * BLIND_CEILING
    this.blindCuts++
  }

  /**
   * Others draw: n is the refill over this shard's own grants (one at least), the share at most
   * rate / n, and the next request waits up to one unit more, so shards cut together part.
   */
  private seeOthers(now: number, cost: number, own: OwnAnswers, jitter: number): void {
    const rate = this.rate as number
    const ownRate = (Math.max(1, own.granted) * cost) / Math.max(SEEN_MIN_SPAN_MS, own.spanMs)
    this.seen = Math.max(this.shards, rate / ownRate)
    if ((this.share as number) > rate / this.seen) this.setShare(now, rate / this.seen, cost)
    this.allowance = Math.min(this.allowance, -jitter * cost)
  }

  /** A new share from now on (what was saved up at the old one stays). */
  private setShare(now: number, share: number, cost: number): void {
    this.refill(now, cost)
    this.share = share
  }

  private localCap(cost: number): number {
    return Math.max(cost, this.capacity / this.seen)
  }

  private refill(now: number, cost: number): void {
    const share = this.share ?? 0
    const elapsed = Math.max(0, now - this.refilledAt)
    this.allowance = Math.min(this.localCap(cost), this.allowance + share * elapsed)
    if (this.rate === undefined && this.share !== undefined) {
      const growth = this.blindCuts > 1 ? BLIND_GROWTH_PER_S : BLIND_START_PER_S
      this.share = Math.min(this.blindCeiling, this.share * Math.exp((Math.log(growth) * elapsed) / 1000))
    }
    this.refilledAt = Math.max(this.refilledAt, now)
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[sorted.length >> 1] as number
}
