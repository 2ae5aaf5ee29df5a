/**
 * The pure parts of batch mode: how items are cut into batches within the API's limits, how long
 * to wait between polls, and what one line of a batch's results means for its item (a result to
 * write, or another submission). No clock, no timers, no network: run-batches.ts passes them in.
 */
import { backoffDelay, type Random } from '../retry/backoff.js'
import type { RetryPolicy } from '../retry/policy.js'

/**
 * The Message Batches API's limits per batch (API reference, "Create a Message Batch":
 * `requests` maxItems 100,000; the batch-processing guide: "limited to either 100,000 Message
 * requests or 256 MB in size, whichever is reached first"). Results stay downloadable for 29
 * days after a batch is created; a batch that is not done in 24 h expires.
 */
export const API_BATCH_LIMITS: BatchLimits = { maxRequests: 100_000, maxBytes: 256 * 1000 * 1000 }

export interface BatchLimits {
  maxRequests: number
  /** The create request's JSON body, in bytes. */
  maxBytes: number
}

/** The JSON envelope around the requests: `{"requests":[` … `]}`. */
const ENVELOPE_BYTES = '{"requests":[]}'.length

/** Bytes one request adds to a create body: its JSON and the comma before it. */
export function requestBytes(json: string): number {
  return Buffer.byteLength(json) + 1
}

/**
 * Cuts `requests` into consecutive runs that each fit `limits`, in order. A single request larger
 * than maxBytes on its own still gets a batch of its own: the API refuses it there, and only it.
 * Sizes are measured one at a time (bytesOf); nothing but the requests given is kept.
 */
export function splitIntoBatches<T>(
  requests: readonly T[],
  bytesOf: (request: T) => number,
  limits: BatchLimits
): T[][] {
  const batches: T[][] = []
  let current: T[] = []
  let bytes = ENVELOPE_BYTES
  for (const request of requests) {
    const size = bytesOf(request)
    if (current.length > 0 && (current.length >= limits.maxRequests || bytes + size > limits.maxBytes)) {
      batches.push(current)
      current = []
      bytes = ENVELOPE_BYTES
    }
    current.push(request)
    bytes += size
  }
  if (current.length > 0) batches.push(current)
  return batches
}

/** A cancel may take this long in all (the cancel calls, then the lines for items with no result). */
export const CANCEL_BUDGET_MS = 700

/** The first poll comes this soon after a submission: a small batch can end within seconds. */
export const FIRST_POLL_MS = 1_000
/**
 * Polls never come further apart than this, whatever max-delay says: each poll logs the batch's
 * request_counts, and the progress rule is a line at least every 10 s. A retrieve every 10 s for
 * 24 h is 8,640 small requests, well inside the batch API's own rate limit.
 */
export const LONGEST_POLL_MS = 10_000

/**
 * The wait before poll `n` (1 for the first poll after the submission): growing like the retry
 * backoff from FIRST_POLL_MS, with the policy's jitter, capped by max-delay (and LONGEST_POLL_MS).
 * Polls are not failures: max-retries does not count them; the deadline bounds them.
 */
export function pollDelay(n: number, previousMs: number | undefined, policy: RetryPolicy, random: Random): number {
  const cap = Math.min(policy.maxDelayMs, LONGEST_POLL_MS)
  const base = Math.min(FIRST_POLL_MS, cap)
  // Full jitter on a poll could mean polling again at once: keep at least half the step.
  const jitter = policy.jitter === 'full' ? 'equal' : policy.jitter
  return Math.round(backoffDelay(n, previousMs, { baseDelayMs: base, maxDelayMs: cap, jitter }, random))
}

/**
 * `errored` results whose error type is worth another submission: the same transient types the
 * retry loop retries for a direct request (an overloaded or failing server, a rate limit, a
 * timeout). Anything else (invalid_request_error, authentication, permission, not found, billing,
 * request_too_large) would fail again.
 */
const TRANSIENT_ERROR_TYPES: ReadonlySet<string> = new Set([
  'overloaded_error',
  'api_error',
  'rate_limit_error',
  'timeout_error'
])

/** The result line of one item, as the API sends it (custom_id + result), not yet trusted. */
export type ResultVerdict =
  { kind: 'succeeded'; message: unknown } | { kind: 'retry'; why: string } | { kind: 'failed'; error: string }

/**
 * What one result means. `submissions` is how many batches this item has been in so far; a
 * transient `errored` or an `expired` item goes into another batch while submissions <=
 * maxRetries (max-retries counts failed requests, and each submission is one).
 */
export function verdictOf(result: unknown, submissions: number, maxRetries: number): ResultVerdict {
  const value = (typeof result === 'object' && result !== null ? result : {}) as Record<string, unknown>
  const again = submissions <= maxRetries
  switch (value.type) {
    case 'succeeded':
      return { kind: 'succeeded', message: value.message }
    case 'expired':
      return again
        ? { kind: 'retry', why: 'expired' }
        : { kind: 'failed', error: 'expired: the batch ended (24 h) before this request was processed' }
    case 'canceled':
      return { kind: 'failed', error: 'canceled: the batch was canceled before this request was processed' }
    case 'errored': {
      const { type, message } = errorOf(value.error)
      if (TRANSIENT_ERROR_TYPES.has(type) && again) return { kind: 'retry', why: type }
      return { kind: 'failed', error: `${type}: ${message}` }
    }
    default:
      return { kind: 'failed', error: `invalid_response: a result of unknown type ${JSON.stringify(value.type)}` }
  }
}

/** `result.error` is the API's error envelope ({type:'error', error:{type, message}}). */
function errorOf(envelope: unknown): { type: string; message: string } {
  const outer = (typeof envelope === 'object' && envelope !== null ? envelope : {}) as Record<string, unknown>
  const inner = (typeof outer.error === 'object' && outer.error !== null ? outer.error : outer) as Record<
    string,
    unknown
  >
  return {
    type: typeof inner.type === 'string' ? inner.type : 'api_error',
    message: typeof inner.message === 'string' ? inner.message : 'no message'
  }
}
