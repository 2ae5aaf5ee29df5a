/**
 * Errors in Google's shape, as Vertex AI's front end sends them for what it refuses itself (quota,
 * IAM, an unknown model): {"error":{"code":429,"message":"…","status":"RESOURCE_EXHAUSTED",
 * "details":[{"@type":"…ErrorInfo","reason":"…"}]}}, sometimes inside a one-element array
 * (streamRawPredict). The SDK reads only Anthropic's envelope (error.type), so for these it has
 * no type and no apiMessage: read them here. Errors from Claude behind Vertex (529
 * overloaded_error) keep Anthropic's envelope and are not touched.
 */
import { isRecord } from '../util/record.js'
import { errorText } from '../util/errors.js'

export interface GoogleErrorFields {
  /** The google.rpc.Code name, e.g. RESOURCE_EXHAUSTED: the failure's errorType. */
  status: string
  message: string
  /** google.rpc.ErrorInfo `reason` (e.g. IAM_PERMISSION_DENIED): the failure's errorCode. */
  reason: string | null
}

/** The fields of a body in Google's error shape; undefined for any other body. */
export function googleErrorFields(body: unknown): GoogleErrorFields | undefined {
  const outer: unknown = Array.isArray(body) && body.length === 1 ? body[0] : body
  const error = isRecord(outer) ? outer.error : undefined
  if (!isRecord(error) || typeof error.status !== 'string' || !/^[A-Z][A-Z_]*$/.test(error.status)) return undefined
  const reason = Array.isArray(error.details)
    ? error.details.map(detail => (isRecord(detail) ? detail.reason : undefined)).find(r => typeof r === 'string')
    : undefined
  return {
    status: error.status,
    message: typeof error.message === 'string' && error.message !== '' ? error.message : error.status,
    reason: reason ?? null
  }
}

/**
 * The Google login behind an attempt failed: no credentials were found, or google-auth-library
 * could not fetch or refresh the access token (runner OIDC, STS, IAM Credentials, the metadata
 * server). providers/vertex.ts throws it from the auth client; the SDK wraps it in an
 * APIConnectionError, where sdk-failures.ts finds it. `refused`: retrying cannot help (no
 * credentials; the token service answered 4xx: a wrong pool, audience or service account);
 * otherwise (5xx, no answer) the next attempt may pass.
 */
export class GoogleLoginError extends Error {
  override name = 'GoogleLoginError'
  constructor(
    message: string,
    readonly refused: boolean
  ) {
    super(message)
  }

  /** What google-auth-library threw while fetching the token, with the status it got if any. */
  static from(cause: unknown): GoogleLoginError {
    const status = isRecord(cause) && typeof cause.status === 'number' ? cause.status : undefined
    const said = errorText(cause)
    return new GoogleLoginError(
      `the Google login failed${status !== undefined ? ` (HTTP ${status})` : ''}: ${said}`,
      status !== undefined && status >= 400 && status < 500
    )
  }
}
