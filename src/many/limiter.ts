/**
 * One rate limiter shared by every worker of a direct run: a client-side mirror of the API's
 * token buckets (after the AWS SDKs' adaptive retry mode, a client-side token bucket fed by the
 * server's answers), so N workers pace themselves instead of running into N independent backoffs.
 *
 * - Every response's `anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-{limit,
 *   remaining}` is an observation: what was left when that request arrived. What is left now is
 *   estimated as that `remaining`, plus the refill since, minus what the requests started after it
 *   take. A worker starts a request only when the estimate is at least what a request takes; else
 *   it waits the time the refill needs. So the run slows down only as `remaining` runs low.
 * - The refill rate is measured, not assumed: between two observations the bucket changed by
 *   `remaining` (later − earlier) + what the requests started in between took, over the time
 *   between them. That holds whatever `reset` means (the API: when the bucket is full again; a
 *   gateway or a fake: when the next unit comes). Until a rate is measured, a worker that finds
 *   the bucket empty waits for the observation's `reset`, then one request probes.
 * - A 429 pauses every worker until its retry-after (else the latest reset of an exhausted
 *   bucket, else 1 s: throttleWait, as the retry loop reads it), each waking with its own jitter, and cuts the measured rate by 0.7 (the
 *   multiplicative decrease of AWS's CUBIC-based adaptive mode).
 * Pure apart from the injected clock, sleep and random.
 */
import { RATE_LIMIT_BUCKETS, throttleWait } from '../retry/classify.js'

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

interface Observation {
  remaining: number
  at: number
  seq: number
}

interface BucketState {
  limit: number
  last: Observation
  /** Recent observations below the limit (a full bucket hides refill), oldest first. */
  history: Observation[]
  resetAt: number | undefined
  /** Units per ms; undefined until measured. */
  rate: number | undefined
}

/** Observations at least this far apart measure a rate; older ones than WINDOW_MS are dropped. */
const MIN_SPAN_MS = 500
const WINDOW_MS = 10_000
const MAX_HISTORY = 200
/** waitMs's answer when only the next observation can tell (a probe is out); waiters look again at least this often. */
const UNTIL_NEWS = -1
const PROBE_POLL_MS = 1_000
/** When a 429 says nothing about when to come back. */
const DEFAULT_PAUSE_MS = 1_000
const MAX_PAUSE_MS = 60_000
/** AWS adaptive mode's β: the rate after a throttle is this share of the rate before. */
const THROTTLE_FACTOR = 0.7

export class Limiter {
  private readonly buckets = new Map<Bucket, BucketState>()
  private starts = 0
  private pausedUntil = 0
  private pauseMs = 0
  /** Requests the API refused with a 429: they took nothing from its buckets. */
  private readonly refused: number[] = []
  private usage = { requests: 0, input: 0, output: 0 }
  /** The workers waiting now: every observation wakes them to look again. */
  private readonly waiters = new Set<AbortController>()
  /** 429s seen (for the log and the tests). */
  throttles = 0

  constructor(private readonly clock: LimiterClock) {}

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
      if (waitMs === 0) return { seq: ++this.starts, at: now }
      if (waitMs !== UNTIL_NEWS && now + waitMs >= deadline) return undefined
      // A new observation may shorten the wait: it wakes every waiter to look again.
      const until = waitMs === UNTIL_NEWS ? Math.min(PROBE_POLL_MS, deadline - now) : waitMs
      if (until <= 0) return undefined
      await this.pause(until, signal)
    }
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

  /** How long a request has to wait now (0: it may start; UNTIL_NEWS: until the next observation). */
  waitMs(now: number, jitter = 0): number {
    if (now < this.pausedUntil) return this.pausedUntil - now + Math.round(jitter * pauseJitterMs(this.pauseMs))
    let wait = 0
    for (const [bucket, state] of this.buckets) {
      const cost = this.costOf(bucket)
      if (cost === 0) continue
      const startedSince = (this.starts - state.last.seq) * cost
      const refilled = state.rate === undefined ? 0 : state.rate * (now - state.last.at)
      const available = Math.min(state.limit, state.last.remaining + refilled) - startedSince
      if (available >= cost) continue
      if (state.rate !== undefined && state.rate > 0) {
        wait = Math.max(wait, Math.ceil((cost - available) / state.rate))
      } else if (state.resetAt !== undefined && now < state.resetAt) {
        wait = Math.max(wait, state.resetAt - now + 1)
      } else if (this.starts > state.last.seq) {
        // Not measured, the reset has passed and a probe is out: wait for what it learns.
        return UNTIL_NEWS
      }
      // Not measured and the reset has passed: one request probes.
    }
    return wait
  }

  /** A response to the request of `ticket` (any status): reads its rate-limit headers. */
  observe(ticket: Ticket, status: number, headers: Record<string, string>): void {
    const now = this.clock.now()
    for (const waiter of this.waiters) waiter.abort()
    this.waiters.clear()
    if (status === 429) {
      this.refused.push(ticket.seq)
      if (this.refused.length > MAX_HISTORY) this.refused.shift()
    }
    for (const bucket of RATE_LIMIT_BUCKETS) {
      const limit = Number(headers[`anthropic-ratelimit-${bucket}-limit`])
      const remaining = Number(headers[`anthropic-ratelimit-${bucket}-remaining`])
      if (!Number.isFinite(limit) || !Number.isFinite(remaining) || limit <= 0) continue
      const reset = Date.parse(headers[`anthropic-ratelimit-${bucket}-reset`] ?? '')
      this.record(bucket, limit, { remaining, at: ticket.at, seq: ticket.seq }, Number.isNaN(reset) ? undefined : reset)
    }
    if (status === 429) this.throttled(now, headers)
  }

  /** What a finished request used: token buckets are paced by the average request. */
  spent(usage: Spent): void {
    this.usage.requests++
    this.usage.input += usage.input_tokens
    this.usage.output += usage.output_tokens
  }

  /** The measured refill rate of a bucket, per second (undefined until measured). */
  ratePerSecond(bucket: Bucket): number | undefined {
    const rate = this.buckets.get(bucket)?.rate
    return rate === undefined ? undefined : rate * 1000
  }

  private costOf(bucket: Bucket): number {
    if (bucket === 'requests') return 1
    const { requests, input, output } = this.usage
    if (requests === 0) return 0
    const perRequest = bucket === 'input-tokens' ? input : bucket === 'output-tokens' ? output : input + output
    return perRequest / requests
  }

  private record(bucket: Bucket, limit: number, observation: Observation, resetAt: number | undefined): void {
    let state = this.buckets.get(bucket)
    if (!state) {
      state = { limit, last: observation, history: [], resetAt, rate: undefined }
      this.buckets.set(bucket, state)
    }
    state.limit = limit
    // Responses arrive out of order: the latest request's view wins.
    if (observation.seq >= state.last.seq) {
      state.last = observation
      state.resetAt = resetAt
    }
    if (observation.remaining >= limit) return
    const history = state.history
    let i = history.length
    while (i > 0 && (history[i - 1] as Observation).seq > observation.seq) i--
    history.splice(i, 0, observation)
    while (history.length > MAX_HISTORY || (history.length > 2 && observation.at - (history[0]?.at ?? 0) > WINDOW_MS))
      history.shift()
    const first = history[0] as Observation
    const newest = history[history.length - 1] as Observation
    const span = newest.at - first.at
    if (span < MIN_SPAN_MS) return
    const refused = this.refused.filter(seq => seq > first.seq && seq <= newest.seq).length
    const taken = (newest.seq - first.seq - refused) * this.costOf(bucket)
    const rate = (newest.remaining - first.remaining + taken) / span
    if (rate > 0) state.rate = rate
  }

  private throttled(now: number, headers: Record<string, string>): void {
    this.throttles++
    // The same reading of the 429 as the retry loop's (retry/classify.ts).
    const pause = Math.min(MAX_PAUSE_MS, throttleWait(headers, now)?.ms ?? DEFAULT_PAUSE_MS)
    if (now + pause > this.pausedUntil) {
      this.pausedUntil = now + pause
      this.pauseMs = pause
    }
    for (const state of this.buckets.values()) if (state.rate !== undefined) state.rate *= THROTTLE_FACTOR
  }
}

/** Workers leave a pause spread over up to a fifth of it (at least 50 ms, at most 1 s). */
function pauseJitterMs(pauseMs: number): number {
  return Math.min(1_000, Math.max(50, pauseMs / 5))
}
