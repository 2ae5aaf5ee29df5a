/**
 * What went wrong in one attempt, as plain data. claude/sdk-failures.ts translates whatever the SDK throws
 * into this once, so classification and reporting are pure functions over it.
 */
export interface AttemptFailure {
  kind:
    | 'http' // an error status with the API's error envelope
    | 'stream-error' // an `error` event in the middle of an SSE stream
    | 'connection' // refused, reset, DNS, a stream cut off
    | 'proxy' // the proxy refused the connection with a 4xx (407, 403): never retried
    | 'timeout' // the attempt ran past its time and was aborted
    | 'invalid-response' // a 2xx whose body is not a complete Message
    | 'invalid-output' // a complete Message whose text is not the JSON the schema asks for
    | 'cancelled' // the runner cancelled the step (SIGINT/SIGTERM)
    | 'client' // the SDK refused before sending (a bug or unusable setting): never retried
    | 'sign-in' // renewing the access token before the request failed (auth/); it had its own retries
  status: number | null
  /** The API's error.type (e.g. overloaded_error), or our label for failures without one. */
  errorType: string
  /** error.details.error_code, e.g. enforced_spend_limit_reached. */
  errorCode: string | null
  requestId: string | null
  message: string
  /** Response headers, names lower-cased; empty when no response came. */
  headers: Record<string, string>
}

/** `<error type>: <message>`, the form of the `error` output. */
export function describeFailure(failure: AttemptFailure): string {
  return failure.kind === 'cancelled' ? 'cancelled' : `${failure.errorType}: ${failure.message}`
}
