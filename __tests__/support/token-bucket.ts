/**
 * The API's request bucket, as the fake API (fake-api.ts) and the limiter's simulations keep it:
 * `burst` units, refilled continuously at `perSecond`, each granted request takes one. Its headers
 * mean what the API's do:
 * - `anthropic-ratelimit-requests-limit`: the most requests allowed per minute (perSecond × 60);
 * - `-remaining`: the whole units left now, after this request;
 * - `-reset`: when the bucket would be full again (RFC 3339).
 * A refused request gets `retry-after` (whole seconds until the next unit, at least 1) when
 * `retryAfter` is set; `headers: false` leaves out the rate-limit headers, as many gateways do.
 */
export interface BucketOptions {
  perSecond: number
  burst: number
  retryAfter: boolean
  /** Send the anthropic-ratelimit-requests-* headers (default true). */
  headers?: boolean
}

export interface Take {
  granted: boolean
  headers: Record<string, string>
}

/**
 * `now`: the bucket's clock in ms (monotonic); `wallClock`: epoch ms for the reset header (the
 * same clock in a simulation).
 */
export function tokenBucket(options: BucketOptions, now: () => number, wallClock: () => number = now): () => Take {
  const { perSecond, burst } = options
  let tokens = burst
  let last = now()
  return () => {
    const t = now()
    tokens = Math.min(burst, tokens + ((t - last) * perSecond) / 1000)
    last = t
    const granted = tokens >= 1
    if (granted) tokens -= 1
    const headers: Record<string, string> = {}
    if (options.headers !== false) {
      const untilFullMs = ((burst - tokens) / perSecond) * 1000
      headers['anthropic-ratelimit-requests-limit'] = String(Math.round(perSecond * 60))
      headers['anthropic-ratelimit-requests-remaining'] = String(Math.max(0, Math.floor(tokens)))
      headers['anthropic-ratelimit-requests-reset'] = new Date(wallClock() + Math.ceil(untilFullMs)).toISOString()
    }
    if (!granted && options.retryAfter) {
      const nextUnitMs = ((1 - tokens) / perSecond) * 1000
      headers['retry-after'] = String(Math.max(1, Math.ceil(nextUnitMs / 1000)))
    }
    return { granted, headers }
  }
}
