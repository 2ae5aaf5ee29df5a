import type { AttemptFailure } from '../retry/failure.js'

/**
 * Anthropic keys look like `sk-ant-<kind>-<base64url>`. An error body or a proxy's message may
 * echo a key (ours or another); the runner masks only the one we registered, so anything
 * key-shaped is cut before it reaches a log line, an output or the summary. client.ts applies
 * this where a response becomes our data, whatever its status.
 */
const KEY_SHAPE = /sk-ant-[A-Za-z0-9_-]{6,}/g

const REDACTED_KEY = 'sk-ant-[REDACTED]'

export function redactKeys(text: string): string {
  return text.replace(KEY_SHAPE, REDACTED_KEY)
}

/** Every string in a JSON value, keys redacted: for server data of any shape. */
function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redactKeys(value) as T
  if (Array.isArray(value)) return value.map(redactDeep) as T
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, redactDeep(item)])) as T
  }
  return value
}

/** A failure's server text (message, request-id, header values), keys redacted. */
export function redactFailure(failure: AttemptFailure): AttemptFailure {
  return {
    ...failure,
    message: redactKeys(failure.message),
    errorType: redactKeys(failure.errorType),
    errorCode: failure.errorCode === null ? null : redactKeys(failure.errorCode),
    requestId: failure.requestId === null ? null : redactKeys(failure.requestId),
    headers: redactDeep(failure.headers)
  }
}

/**
 * A Message's fields around the answer (model, id, stop_reason, unknown fields), keys
 * redacted. The content, the model's answer, is published as written.
 */
export function redactMessage<M extends { content: unknown }>(message: M): M {
  return Object.fromEntries(
    Object.entries(message).map(([name, value]) => [name, name === 'content' ? value : redactDeep(value)])
  ) as M
}
