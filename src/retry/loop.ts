import { backoffDelay, type Random } from './backoff.js'
import { classify, type Decision } from './classify.js'
import type { RetryPolicy } from './policy.js'
import type { AttemptFailure } from './failure.js'

/** One row of the `retry-log` output. Times in ms, relative to the first attempt's start. */
export interface AttemptRecord {
  attempt: number
  startMs: number
  durationMs: number
  status: number | null
  errorType: string | null
  requestId: string | null
  model: string
  waitMs: number
  waitReason: 'retry-after' | 'rate-limit-reset' | 'backoff' | 'fallback' | null
}

export type AttemptResult<T> =
  /** `headers`: the response's headers, names lower-cased, where the sender reads them (the rate limiter's). */
  | { ok: true; value: T; status: number; requestId: string | null; model: string; headers?: Record<string, string> }
  | { ok: false; failure: AttemptFailure; model: string }

export interface AttemptContext {
  /** 1 for the first attempt. */
  attempt: number
  /** What this attempt may take: the per-attempt timeout, shrunk to what the deadline leaves. */
  timeoutMs: number
  /** Aborted when the step is cancelled. */
  signal: AbortSignal
}

/** Why the loop stopped without a success, as data: report/ puts it into words. */
export type StopDetail =
  /** classify() said no; `why` is its reason. */
  | { reason: 'final-error'; why: string }
  | { reason: 'retries-exhausted'; attempts: number; maxRetries: number }
  /** The server asked for a wait longer than max-delay. */
  | { reason: 'server-wait-too-long'; waitMs: number; said: string; maxDelayMs: number }
  /** The deadline was reached, or the next wait would have crossed it. */
  | { reason: 'deadline'; totalTimeoutMs: number; nextWait?: { ms: number; said?: string } }
  | { reason: 'cancelled'; during: 'attempt' | 'wait' }
  /** beforeAttempt refused attempt `attempt`: nothing was sent for it; `why` is its failure's message. */
  | { reason: 'refused'; attempt: number; why: string }

export type StopReason = StopDetail['reason']

export type RetryOutcome<T> =
  | { ok: true; value: T; attempts: AttemptRecord[]; durationMs: number }
  | {
      ok: false
      /** The last attempt's failure. */
      failure: AttemptFailure
      stop: StopReason
      detail: StopDetail
      attempts: AttemptRecord[]
      durationMs: number
    }

/** Told after each attempt, before any wait starts, so logs appear in order and fake clocks stay simple. */
export type AttemptEvent =
  | { record: AttemptRecord; outcome: 'success' }
  | { record: AttemptRecord; outcome: 'retry'; failure: AttemptFailure; decision: Decision }
  | { record: AttemptRecord; outcome: 'stop'; failure: AttemptFailure; stop: StopReason; detail: StopDetail }

/** What a caller hands every retry loop it runs: the clock, sleep, random, cancel signal and deadline. */
export type LoopDeps = Omit<RetryDeps<never>, 'attempt' | 'onAttempt' | 'switchModel' | 'beforeAttempt'>

export interface RetryDeps<T> {
  attempt(context: AttemptContext): Promise<AttemptResult<T>>
  /** Epoch milliseconds. */
  now(): number
  /** Resolves after `ms`, or as soon as `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>
  random: Random
  signal: AbortSignal
  /**
   * Epoch ms no attempt or wait may cross, when it started before this loop (the token guard's
   * count and the Messages request share one total-timeout). Default: the policy's
   * total-timeout from this loop's first attempt.
   */
  deadline?: number
  onAttempt?(event: AttemptEvent): void
  /**
   * Told of each failure before it is classified; returns a model name when the next attempt
   * goes to another model. That attempt follows at once, even after a final error such as a 404.
   */
  switchModel?(failure: AttemptFailure): string | undefined
  /**
   * Asked before each attempt is sent (after the previous one's failure was classified, before
   * any wait). A failure stops the loop there: that attempt is not sent and not recorded, and the
   * outcome's failure is this one (e.g. the max-cost-usd guard's).
   */
  beforeAttempt?(attempt: number): AttemptFailure | undefined
}

/**
 * The retry loop: one request per attempt, at most policy.maxRetries + 1 of them, waits from the
 * server or the jittered backoff, and a deadline no wait may cross.
 */
export async function retry<T>(policy: RetryPolicy, deps: RetryDeps<T>): Promise<RetryOutcome<T>> {
  // Asked before the clock starts, so the loop starts with its first attempt (startMs 0).
  const first = deps.beforeAttempt?.(1)
  const start = deps.now()
  const deadline = deps.deadline ?? (policy.totalTimeoutMs === undefined ? Infinity : start + policy.totalTimeoutMs)
  const attempts: AttemptRecord[] = []
  let previousWaitMs: number | undefined

  const stop = (record: AttemptRecord, failure: AttemptFailure, detail: StopDetail): RetryOutcome<T> => {
    deps.onAttempt?.({ record, outcome: 'stop', failure, stop: detail.reason, detail })
    return { ok: false, failure, stop: detail.reason, detail, attempts, durationMs: deps.now() - start }
  }
  const totalTimeoutMs = policy.totalTimeoutMs ?? 0
  const refused = (failure: AttemptFailure, attempt: number): Extract<RetryOutcome<T>, { ok: false }> => {
    const detail: StopDetail = { reason: 'refused', attempt, why: failure.message }
    return { ok: false, failure, stop: 'refused', detail, attempts, durationMs: deps.now() - start }
  }
  if (first) return refused(first, 1)

  for (let attempt = 1; ; attempt++) {
    const attemptStart = attempt === 1 ? start : deps.now()
    const timeoutMs = Math.min(policy.attemptTimeoutMs, deadline - attemptStart)
    const result = await deps.attempt({ attempt, timeoutMs, signal: deps.signal })
    const end = deps.now()
    const record: AttemptRecord = {
      attempt,
      startMs: attemptStart - start,
      durationMs: end - attemptStart,
      status: result.ok ? result.status : result.failure.status,
      errorType: result.ok ? null : result.failure.errorType,
      requestId: result.ok ? result.requestId : result.failure.requestId,
      model: result.model,
      waitMs: 0,
      waitReason: null
    }
    attempts.push(record)

    if (result.ok) {
      deps.onAttempt?.({ record, outcome: 'success' })
      return { ok: true, value: result.value, attempts, durationMs: end - start }
    }
    const failure = result.failure
    if (deps.signal.aborted || failure.kind === 'cancelled') {
      return stop(
        record,
        { ...failure, kind: 'cancelled', errorType: 'cancelled' },
        { reason: 'cancelled', during: 'attempt' }
      )
    }
    const nextModel = deps.switchModel?.(failure)
    const decision: Decision = nextModel
      ? { retry: true, why: 'fallback', fallbackTo: nextModel }
      : classify(failure, end)
    if (!decision.retry) return stop(record, failure, { reason: 'final-error', why: decision.why })
    if (attempt > policy.maxRetries) {
      return stop(record, failure, { reason: 'retries-exhausted', attempts: attempt, maxRetries: policy.maxRetries })
    }
    if (end >= deadline) return stop(record, failure, { reason: 'deadline', totalTimeoutMs })
    const refusal = deps.beforeAttempt?.(attempt + 1)
    if (refusal) {
      const outcome = refused(refusal, attempt + 1)
      deps.onAttempt?.({ record, outcome: 'stop', failure, stop: 'refused', detail: outcome.detail })
      return outcome
    }
    if (nextModel) {
      record.waitReason = 'fallback'
      deps.onAttempt?.({ record, outcome: 'retry', failure, decision })
      continue
    }

    const serverWait = decision.serverWait
    let waitMs: number
    if (serverWait?.reason === 'retry-after') {
      if (serverWait.ms > policy.maxDelayMs) {
        return stop(record, failure, {
          reason: 'server-wait-too-long',
          waitMs: serverWait.ms,
          said: serverWait.said,
          maxDelayMs: policy.maxDelayMs
        })
      }
      waitMs = serverWait.ms
    } else if (serverWait?.reason === 'rate-limit-reset') {
      // Every client the bucket refused learns the same reset time: waiting exactly until then
      // brings them all back for the first free token (the benchmark saw 11 of 50 fail that
      // way). The jittered backoff on top spreads them. An inference, not an order: capped.
      waitMs = Math.min(policy.maxDelayMs, serverWait.ms + backoffDelay(attempt, previousWaitMs, policy, deps.random))
    } else {
      waitMs = backoffDelay(attempt, previousWaitMs, policy, deps.random)
    }
    waitMs = Math.round(waitMs)
    if (end + waitMs >= deadline) {
      return stop(record, failure, {
        reason: 'deadline',
        totalTimeoutMs,
        nextWait: { ms: waitMs, said: serverWait?.said }
      })
    }

    record.waitMs = waitMs
    record.waitReason = serverWait?.reason ?? 'backoff'
    deps.onAttempt?.({ record, outcome: 'retry', failure, decision })
    await deps.sleep(waitMs, deps.signal)
    if (deps.signal.aborted) {
      // Already announced as a retry: record the wait actually slept, and stop without a second event.
      const now = deps.now()
      record.waitMs = now - end
      const cancelled: AttemptFailure = {
        ...failure,
        kind: 'cancelled',
        errorType: 'cancelled',
        message: 'cancelled during a wait'
      }
      return {
        ok: false,
        failure: cancelled,
        stop: 'cancelled',
        detail: { reason: 'cancelled', during: 'wait' },
        attempts,
        durationMs: now - start
      }
    }
    previousWaitMs = waitMs
  }
}
