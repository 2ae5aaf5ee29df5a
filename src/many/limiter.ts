/**
 * One rate limiter shared by every worker of a direct run, and aware of the other shards: `shard:
 * k/n` runs n such processes against one organisation-wide limit. Each rate-limit bucket the
 * responses name gets a SharePacer (limiter-share.ts): this shard's share of the bucket's refill,
 * moved by what the shared bucket's headers say, and a local pace at that share. A request starts
 * when every bucket's pace allows its cost.
 *
 * - The first request probes: until a response (or a second) has come, the other workers wait, so
 *   n shards started together do not empty a small bucket with n × concurrency requests at once.
 * - Every response's `anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-{limit,
 *   remaining,reset}` feeds its bucket's pacer; token buckets cost the average request's usage.
 * - A 429 empties what the pacers had saved up. With the headers, 429s on a dry bucket that
 *   outnumber this shard's grants of the last 2 s say more shards draw than `shard` declared
 *   (jobs without it each think they are alone): the pacers count them (limiter-share.ts). A 429
 *   with no rate-limit headers cuts the pace by 0.7; the first such one, with no pace yet, pauses
 *   every worker until its retry-after (else 1 s), each waking with its own jitter, and from then
 *   on the pace comes from the shard's own measured throughput (limiter-share.ts).
 * Pure apart from the injected clock, sleep and random.
 */
import { RATE_LIMIT_BUCKETS, throttleWait } from '../retry/classify.js'
import { type OwnAnswers, SharePacer } from './limiter-share.js'

export type Bucket = (typeof RATE_LIMIT_BUCKETS)[number]

export interface LimiterClock {
  now(): number
  /** Resolves after `ms`, or as soon as `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>
  random(): number
}

/** What a request took from each bucket, as far as the limiter knows (usage of a finished item). */
export interface Spent {
  input_tokens: number
  output_tokens: number
}

/** A request as the limiter counts it: its place among the starts, and when it started. */
export interface Ticket {
  seq: number
  at: number
}

/** waitMs's answer while the probe is out: wait for its response, at most PROBE_MS after it started. */
const UNTIL_NEWS = -1
const PROBE_MS = 1_000
/** When a 429 says nothing about when to come back, and the longest pause. */
const DEFAULT_PAUSE_MS = 1_000
const MAX_PAUSE_MS = 60_000
/** The span over which the shard's own throughput is measured (for a 429 without headers). */
const THROUGHPUT_MS = 2_000

export class Limiter {
  private readonly pacers = new Map<Bucket, SharePacer>()
  private starts = 0
  private lastStartAt = -Infinity
  /** Any response yet: until then the first request is the probe. */
  private answered = false
  private pausedUntil = 0
  private pauseMs = 0
  /** Start times of this shard's granted requests in the last THROUGHPUT_MS. */
  private readonly granted: number[] = []
  /** When this shard's 429s of the last THROUGHPUT_MS came. */
  private readonly refused: number[] = []
  private firstGrantAt = Infinity
  private firstStartAt = Infinity
  private usage = { requests: 0, input: 0, output: 0 }
  /** The workers waiting now: every observation wakes them to look again. */
  private readonly waiters = new Set<AbortController>()
  /** 429s seen (for the log and the tests). */
  throttles = 0

  /** `shards`: n of `shard: k/n` (1 without shard), the processes sharing the API's buckets. */
  constructor(
    private readonly clock: LimiterClock,
    private readonly shards = 1
  ) {}

  /**
   * Waits until a request may start, then counts it as started. Returns its ticket, or undefined
   * when `signal` aborted or the wait would end after `deadline` (nothing was started then).
   */
  async acquire(signal: AbortSignal, deadline = Infinity): Promise<Ticket | undefined> {
    const jitter = this.clock.random()
    for (;;) {
      if (signal.aborted) return undefined
      const now = this.clock.now()
      const waitMs = this.waitMs(now, jitter)
      if (waitMs === 0) return this.start(now)
      if (waitMs !== UNTIL_NEWS && now + waitMs >= deadline) return undefined
      // A new observation may shorten the wait: it wakes every waiter to look again.
      const until = waitMs === UNTIL_NEWS ? Math.min(this.lastStartAt + PROBE_MS - now, deadline - now) : waitMs
      if (until <= 0) return undefined
      await this.pause(until, signal)
    }
  }

  private start(now: number): Ticket {
    for (const [bucket, pacer] of this.pacers) pacer.take(now, this.costOf(bucket))
    this.lastStartAt = now
    this.firstStartAt = Math.min(this.firstStartAt, now)
    return { seq: ++this.starts, at: now }
  }

  /** Sleeps `ms`; a new observation or `signal` ends it early. */
  private async pause(ms: number, signal: AbortSignal): Promise<void> {
    const wake = new AbortController()
    const onAbort = () => wake.abort()
    signal.addEventListener('abort', onAbort, { once: true })
    this.waiters.add(wake)
    try {
      await this.clock.sleep(ms, wake.signal)
    } finally {
      signal.removeEventListener('abort', onAbort)
      this.waiters.delete(wake)
    }
  }

  /** How long a request has to wait now (0: it may start; UNTIL_NEWS: until the probe's response). */
  waitMs(now: number, jitter = 0): number {
    if (now < this.pausedUntil) return this.pausedUntil - now + Math.round(jitter * pauseJitterMs(this.pauseMs))
    // lastStartAt is -Infinity until the first start.
    if (!this.answered && now < this.lastStartAt + PROBE_MS) return UNTIL_NEWS
    let wait = 0
    for (const [bucket, pacer] of this.pacers) wait = Math.max(wait, pacer.waitMs(now, this.costOf(bucket)))
    return wait
  }

  /** A response to the request of `ticket` (any status): reads its rate-limit headers. */
  observe(ticket: Ticket, status: number, headers: Record<string, string>): void {
    const now = this.clock.now()
    this.answered = true
    for (const waiter of this.waiters) waiter.abort()
    this.waiters.clear()
    let seen = false
    for (const bucket of RATE_LIMIT_BUCKETS) {
      const limit = numberIn(headers[`anthropic-ratelimit-${bucket}-limit`])
      const remaining = numberIn(headers[`anthropic-ratelimit-${bucket}-remaining`])
      if (!Number.isFinite(limit) || !Number.isFinite(remaining) || limit <= 0) continue
      seen = true
      const reset = Date.parse(headers[`anthropic-ratelimit-${bucket}-reset`] ?? '')
      const view = {
        limit,
        remaining,
        resetAt: Number.isNaN(reset) ? undefined : reset,
        at: ticket.at,
        seq: ticket.seq
      }
      this.pacer(bucket).observe(view, now, this.costOf(bucket))
    }
    if (status !== 429) {
      this.firstGrantAt = Math.min(this.firstGrantAt, ticket.at)
      this.granted.push(ticket.at)
      this.forget(ticket.at)
      return
    }
    this.throttles++
    this.refused.push(now)
    if (!seen && !this.pacers.has('requests')) this.pauseAll(now, headers)
    // A bucket the headers never named: the requests bucket, paced from the 429s alone.
    if (!seen) this.pacer('requests')
    // Granted per ms over the last THROUGHPUT_MS (over the time since the first, if shorter; at least 1 s).
    this.forget(now)
    const measured = this.granted.length / Math.max(1_000, Math.min(THROUGHPUT_MS, now - this.firstGrantAt))
    const own: OwnAnswers = {
      granted: this.granted.length,
      refused: this.refused.length,
      spanMs: Math.min(THROUGHPUT_MS, now - this.firstStartAt)
    }
    // Shards cut back on the same 429s each wait their own extra part of a unit, and so part.
    const jitter = this.clock.random()
    for (const [bucket, pacer] of this.pacers) pacer.throttled(now, this.costOf(bucket), measured, own, jitter)
  }

  /** What a finished request used: token buckets are paced by the average request. */
  spent(usage: Spent): void {
    this.usage.requests++
    this.usage.input += usage.input_tokens
    this.usage.output += usage.output_tokens
  }

  /** This shard's pace for a bucket, units per second (undefined while not paced). */
  sharePerSecond(bucket: Bucket): number | undefined {
    const share = this.pacers.get(bucket)?.share
    return share === undefined ? undefined : share * 1000
  }

  private pacer(bucket: Bucket): SharePacer {
    let pacer = this.pacers.get(bucket)
    if (!pacer) {
      pacer = new SharePacer(this.shards)
      this.pacers.set(bucket, pacer)
    }
    return pacer
  }

  private costOf(bucket: Bucket): number {
    if (bucket === 'requests') return 1
    const { requests, input, output } = this.usage
    if (requests === 0) return 0
    const perRequest = bucket === 'input-tokens' ? input : bucket === 'output-tokens' ? output : input + output
    return perRequest / requests
  }

  /** Drops the grants and 429s older than THROUGHPUT_MS before `now`. */
  private forget(now: number): void {
    while ((this.granted[0] ?? now) < now - THROUGHPUT_MS) this.granted.shift()
    while ((this.refused[0] ?? now) < now - THROUGHPUT_MS) this.refused.shift()
  }

  /** The first 429 with nothing to pace by: every worker waits for its retry-after (the retry loop's reading). */
  private pauseAll(now: number, headers: Record<string, string>): void {
    const pause = Math.min(MAX_PAUSE_MS, throttleWait(headers, now)?.ms ?? DEFAULT_PAUSE_MS)
    // Only ever once: from then on the requests bucket has a pacer.
    this.pausedUntil = now + pause
    this.pauseMs = pause
  }
}

/** A header's number; NaN when it is missing or empty (Number('') would be 0). */
function numberIn(value: string | undefined): number {
  return value === undefined || value.trim() === '' ? NaN : Number(value)
}

/** Workers leave a pause spread over up to a fifth of it (at least 50 ms, at most 1 s). */
function pauseJitterMs(pauseMs: number): number {
  return Math.min(1_000, Math.max(50, pauseMs / 5))
}
