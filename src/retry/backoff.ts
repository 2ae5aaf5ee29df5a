import type { JitterMode } from './policy.js'

/** A source of uniform numbers in [0, 1), like Math.random; injected so schedules are testable. */
export type Random = () => number

export interface BackoffOptions {
  baseDelayMs: number
  maxDelayMs: number
  jitter: JitterMode
}

/** cap_n = min(maxDelay, baseDelay * 2^(n-1)) for retry n = 1, 2, ... */
export function exponentialCap(retry: number, baseDelayMs: number, maxDelayMs: number): number {
  // base 0 would give 0 * Infinity = NaN for large n.
  if (baseDelayMs === 0) return 0
  return Math.min(maxDelayMs, baseDelayMs * 2 ** (retry - 1))
}

/** `none`: exactly the cap. Many clients that failed together retry together. */
function noJitter(cap: number): number {
  return cap
}

/** `full`: U(0, cap). Spreads retries the most; the AWS simulator's winner on total calls. */
function fullJitter(cap: number, random: Random): number {
  return random() * cap
}

/** `equal`: cap/2 + U(0, cap/2). Never retries almost at once, at the price of more waiting. */
function equalJitter(cap: number, random: Random): number {
  return cap / 2 + random() * (cap / 2)
}

/**
 * `decorrelated`: min(maxDelay, U(baseDelay, 3 * previous)), where previous is the wait actually
 * slept last (baseDelay before the first retry). If a short server wait made 3 * previous fall
 * below baseDelay, the range collapses to baseDelay.
 */
export function decorrelatedJitter(
  previousWaitMs: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: Random
): number {
  const high = Math.max(baseDelayMs, 3 * previousWaitMs)
  return Math.min(maxDelayMs, baseDelayMs + random() * (high - baseDelayMs))
}

/**
 * The wait before retry `retry` (1 for the first retry) in ms, for the given jitter mode.
 * `previousWaitMs` is the wait slept before the previous attempt (undefined before the first retry);
 * only `decorrelated` uses it.
 */
export function backoffDelay(
  retry: number,
  previousWaitMs: number | undefined,
  options: BackoffOptions,
  random: Random
): number {
  const { baseDelayMs, maxDelayMs } = options
  switch (options.jitter) {
    case 'none':
      return noJitter(exponentialCap(retry, baseDelayMs, maxDelayMs))
    case 'full':
      return fullJitter(exponentialCap(retry, baseDelayMs, maxDelayMs), random)
    case 'equal':
      return equalJitter(exponentialCap(retry, baseDelayMs, maxDelayMs), random)
    case 'decorrelated':
      return decorrelatedJitter(previousWaitMs ?? baseDelayMs, baseDelayMs, maxDelayMs, random)
  }
}
