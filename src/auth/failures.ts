/** What went wrong in a sign-in attempt, as the AttemptFailure the loop classifies and report/ words. */
import { headersToRecord } from '../claude/sdk-failures.js'
import { redactFailure } from '../claude/redact.js'
import type { AttemptFailure } from '../retry/failure.js'
import { clip } from '../util/text.js'

/** What a failure quotes of a body. */
export const QUOTED_BODY_CHARS = 2000

export function jsonField(text: string, name: string): string | undefined {
  try {
    const value = (JSON.parse(text) as Record<string, unknown> | null)?.[name]
    return typeof value === 'string' && value !== '' ? clip(value, QUOTED_BODY_CHARS) : undefined
  } catch {
    return undefined
  }
}

/** A failure built from an HTTP answer, its text redacted (claude/redact.ts: the run's secrets, key shapes). */
export function httpFailure(response: Response, errorType: string, message: string): AttemptFailure {
  return redactFailure({
    kind: 'http',
    status: response.status,
    errorType: clip(errorType, 100),
    errorCode: null,
    requestId: null,
    message,
    headers: headersToRecord(response.headers)
  })
}
