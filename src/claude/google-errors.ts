/**
 * Errors in Google's shape, as Vertex AI's front end sends them for what it refuses itself (quota,
 * IAM, an unknown model): {"error":{"code":429,"message":"…","status":"RESOURCE_EXHAUSTED",
 * "details":[{"@type":"…ErrorInfo","reason":"…"}]}}, sometimes inside a one-element array
 * (streamRawPredict). The SDK reads only Anthropic's envelope (error.type), so for these it has
 * no type and no apiMessage: read them here. Errors from Claude behind Vertex (529
 * overloaded_error) keep Anthropic's envelope and are not touched.
 */

export interface GoogleErrorFields {
  /** The google.rpc.Code name, e.g. RESOURCE_EXHAUSTED: the failure's errorType. */
  status: string
  message: string
  /** google.rpc.ErrorInfo `reason` (e.g. IAM_PERMISSION_DENIED): the failure's errorCode. */
  reason: string | null
}

/** The fields of a body in Google's error shape; undefined for any other body. */
export function googleErrorFields(body: unknown): GoogleErrorFields | undefined {
  const outer = Array.isArray(body) && body.length === 1 ? body[0] : body
  const error = isObject(outer) ? outer.error : undefined
  if (!isObject(error) || typeof error.status !== 'string' || !/^[A-Z][A-Z_]*$/.test(error.status)) return undefined
  const reason = Array.isArray(error.details)
    ? error.details.map(detail => (isObject(detail) ? detail.reason : undefined)).find(r => typeof r === 'string')
    : undefined
  return {
    status: error.status,
    message: typeof error.message === 'string' && error.message !== '' ? error.message : error.status,
    reason: (reason as string | undefined) ?? null
  }
}

/**
 * The Google login behind an attempt failed: google-auth-library could not fetch or refresh the
 * access token (runner OIDC, STS, IAM Credentials, the metadata server). providers/vertex.ts
 * throws it from the auth client; the SDK wraps it in an APIConnectionError, and errors.ts finds
 * it there by name. `refused`: the token service answered 4xx (a wrong pool, audience or service
 * account), which no retry changes; anything else (5xx, no answer) may pass on the next attempt.
 */
export class GoogleLoginError extends Error {
  override name = 'GoogleLoginError'
  readonly refused: boolean
  constructor(cause: unknown) {
    const status = isObject(cause) && typeof cause.status === 'number' ? cause.status : undefined
    const said =
      cause instanceof Error || isObject(cause) ? String((cause as { message?: unknown }).message) : String(cause)
    super(`the Google login failed${status !== undefined ? ` (HTTP ${status})` : ''}: ${said}`)
    this.refused = status !== undefined && status >= 400 && status < 500
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
