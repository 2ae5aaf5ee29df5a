import type { AttemptFailure } from './failure.js'

export const SPEND_LIMIT_CODES = ['enforced_spend_limit_reached', 'contract_spend_limit_reached']

/**
 * Error types of a mid-stream `error` event that are worth another attempt: the API's, and
 * Amazon Bedrock's exception frames, which the Bedrock SDK names in camel case.
 */
const RETRYABLE_STREAM_ERROR_TYPES = [
  'overloaded_error',
  'api_error',
  'rate_limit_error',
  'timeout_error',
  'throttlingException',
  'serviceUnavailableException',
  'internalServerException',
  'modelStreamErrorException',
  'modelTimeoutException',
  'modelNotReadyException'
]

/**
 * A wait the server's response tells us: asked for outright (`retry-after`), or read from the
 * rate-limit headers (`rate-limit-reset`: an exhausted bucket and when it refills).
 */
export interface ServerWait {
  ms: number
  reason: 'retry-after' | 'rate-limit-reset'
  /** What the server said, for the log: e.g. "retry-after: 2". */
  said: string
}

/**
 * Retry or not, and why (a short reason the log quotes). `fallbackTo` is set by the loop when
 * the next attempt goes to another model at once.
 */
export type Decision =
  { retry: false; why: string } | { retry: true; why: string; serverWait?: ServerWait; fallbackTo?: string }

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500
}

/**
 * Retry or not, in the order the contract fixes: spend limits never; then the server's
 * x-should-retry; then the status / failure kind. `nowMs` (epoch ms) turns an HTTP-date
 * retry-after into a wait.
 */
export function classify(failure: AttemptFailure, nowMs: number): Decision {
  const decision = retryOrNot(failure)
  if (!decision.retry) return decision
  const serverWait =
    failure.status === 429 ? throttleWait(failure.headers, nowMs) : serverRequestedWait(failure.headers, nowMs)
  return serverWait ? { ...decision, serverWait } : decision
}

function retryOrNot(failure: AttemptFailure): Decision {
  if (failure.kind === 'cancelled') return { retry: false, why: 'the step was cancelled' }
  if (failure.kind === 'client') return { retry: false, why: 'the request could not be built' }
  if (failure.kind === 'sign-in') return { retry: false, why: 'signing in again failed, after its own retries' }
  if (failure.status === 429 && failure.errorCode && SPEND_LIMIT_CODES.includes(failure.errorCode)) {
    return { retry: false, why: `a spend limit was reached (${failure.errorCode})` }
  }
  const shouldRetry = serverSaysRetry(failure.headers)
  if (shouldRetry === true) return { retry: true, why: 'the server sent x-should-retry: true' }
  if (shouldRetry === false) return { retry: false, why: 'the server sent x-should-retry: false' }

  switch (failure.kind) {
    case 'connection':
      return { retry: true, why: 'the connection failed' }
    case 'proxy':
      // Credentials or the proxy's rules; an unreachable proxy or its 5xx is a 'connection' failure.
      return { retry: false, why: 'the proxy refused the connection' }
    case 'timeout':
      return { retry: true, why: 'the attempt timed out' }
    case 'invalid-response':
      return { retry: true, why: 'the response body was not a complete Message' }
    case 'invalid-output':
      // Cut off by max_tokens, the same request would be cut off again.
      return failure.errorType === 'output_truncated'
        ? { retry: false, why: 'the answer was cut off at max-tokens' }
        : { retry: true, why: 'the answer did not follow the schema' }
    case 'stream-error':
      return RETRYABLE_STREAM_ERROR_TYPES.includes(failure.errorType)
        ? { retry: true, why: `the stream reported ${failure.errorType}` }
        : { retry: false, why: `the stream reported ${failure.errorType}` }
    case 'http':
      return failure.status !== null && isRetryableStatus(failure.status)
        ? { retry: true, why: `HTTP ${failure.status} is transient` }
        : { retry: false, why: `HTTP ${failure.status} will not change on retry` }
  }
}

/**
 * The server's `x-should-retry`: true, false, or undefined when absent or neither. Read without
 * regard to case or surrounding spaces (`True`, `FALSE`), as header values from proxies vary.
 */
export function serverSaysRetry(headers: Record<string, string>): boolean | undefined {
  const value = headers['x-should-retry']?.trim().toLowerCase()
  return value === 'true' ? true : value === 'false' ? false : undefined
}

/** retry-after-ms, else retry-after (seconds or an HTTP date). Unparseable or negative values are ignored. */
export function serverRequestedWait(headers: Record<string, string>, nowMs: number): ServerWait | undefined {
  const ms = headers['retry-after-ms']
  if (ms !== undefined) {
    const value = Number(ms)
    if (ms.trim() !== '' && Number.isFinite(value) && value >= 0) {
      return { ms: value, reason: 'retry-after', said: `retry-after-ms: ${ms}` }
    }
  }
  const after = headers['retry-after']
  if (after !== undefined) {
    const seconds = Number(after)
    if (after.trim() !== '' && Number.isFinite(seconds)) {
      // A number is never an HTTP date: read as one, V8 takes "-5" for May 2001, a wait of 0.
      return seconds >= 0 ? { ms: seconds * 1000, reason: 'retry-after', said: `retry-after: ${after}` } : undefined
    }
    const date = Date.parse(after)
    if (!Number.isNaN(date))
      return { ms: Math.max(0, date - nowMs), reason: 'retry-after', said: `retry-after: ${after}` }
  }
  return undefined
}

/** When a 429 says capacity returns: its retry-after, else the latest reset of an exhausted bucket. */
export function throttleWait(headers: Record<string, string>, nowMs: number): ServerWait | undefined {
  return serverRequestedWait(headers, nowMs) ?? rateLimitResetWait(headers, nowMs)
}

/** The API's rate-limit buckets, as named in `anthropic-ratelimit-<bucket>-{remaining,reset}`. */
export const RATE_LIMIT_BUCKETS = ['requests', 'tokens', 'input-tokens', 'output-tokens'] as const

/**
 * A 429 without retry-after still says when capacity returns: each exhausted bucket
 * (remaining 0) carries an RFC 3339 reset time. Wait for the latest of them, since the request
 * needs every bucket. A reset already past (clock skew) tells nothing: back off instead.
 */
function rateLimitResetWait(headers: Record<string, string>, nowMs: number): ServerWait | undefined {
  let latest: ServerWait | undefined
  for (const bucket of RATE_LIMIT_BUCKETS) {
    const remaining = headers[`anthropic-ratelimit-${bucket}-remaining`]
    const reset = Date.parse(headers[`anthropic-ratelimit-${bucket}-reset`] ?? '')
    if (remaining?.trim() !== '0' || Number.isNaN(reset)) continue
    const ms = reset - nowMs
    if (ms > 0 && (!latest || ms > latest.ms)) {
      latest = {
        ms,
        reason: 'rate-limit-reset',
        said: `the ${bucket} limit is used up until ${new Date(reset).toISOString()}`
      }
    }
  }
  return latest
}
