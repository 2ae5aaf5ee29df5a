/**
 * retry/: the pure core. The policy and its types, the delay schedules (backoff.ts), retry or
 * not (classify.ts), the loop (loop.ts) and an abortable sleep. It imports no other folder:
 * the clock, sleep, random source, signal and the attempt itself are passed in, and it returns
 * data (attempt events, an outcome) that report/ turns into words.
 */

export const JITTER_MODES = ['full', 'equal', 'decorrelated', 'none'] as const
export type JitterMode = (typeof JITTER_MODES)[number]

/** How the loop retries: inputs/ builds one from the action's inputs. */
export interface RetryPolicy {
  /** Retries after the first attempt: at most maxRetries + 1 requests. */
  maxRetries: number
  /** First backoff step; step n is baseDelayMs * 2^(n-1) before jitter. */
  baseDelayMs: number
  /** Cap on any single wait, computed or asked for by the server. */
  maxDelayMs: number
  jitter: JitterMode
  /** Longest a single attempt may run before it is aborted (and retried). */
  attemptTimeoutMs: number
  /** Deadline over all attempts and waits, from the first attempt; undefined = none. */
  totalTimeoutMs: number | undefined
}
