/** What went wrong in a sign-in attempt, as the AttemptFailure the loop classifies and report/ words. */
import { redactKeys } from '../claude/redact.js'
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

export function httpFailure(response: Response, errorType: string, message: string, secrets: string[]): AttemptFailure {
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => (headers[name.toLowerCase()] = value))
  return scrub(
    {
      kind: 'http',
      status: response.status,
      errorType: clip(errorType, 100),
      errorCode: null,
      requestId: null,
      message,
      headers
    },
    secrets
  )
}

export function connectionFailure(error: unknown, what: string): AttemptFailure {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause
  const code = typeof cause?.code === 'string' ? ` (${cause.code})` : ''
  // By shape, not instanceof: fetch's errors may come from another realm.
  const said = (error as { message?: unknown } | null)?.message
  const text = typeof said === 'string' ? said : String(error)
  return {
    kind: 'connection',
    status: null,
    errorType: 'connection_error',
    errorCode: null,
    requestId: null,
    message: `${what}: ${text}${code}`,
    headers: {}
  }
}

/** A server may echo what it was sent: the tokens never leave in a failure, masked or not. */
export function scrub(failure: AttemptFailure, secrets: string[]): AttemptFailure {
  const clean = (text: string) =>
    secrets.filter(Boolean).reduce((out, secret) => out.split(secret).join('[REDACTED]'), redactKeys(text))
  return { ...failure, message: clean(failure.message), errorType: clean(failure.errorType) }
}
