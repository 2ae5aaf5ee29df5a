import type { AttemptFailure } from '../retry/failure.js'
import { runSecrets, scrubAnswer, scrubDeep, scrubText, type Scrubbed } from '../util/secrets.js'

/**
 * Where a response becomes our data, its text is scrubbed (client.ts, auth/exchange.ts,
 * batch/batch-results.ts): every secret the run registered (util/secrets.ts) is replaced, and
 * in server text anything shaped like an Anthropic key as well (`sk-ant-<kind>-<base64url>`,
 * ours or another's, registered or not).
 */
const KEY_SHAPE = /sk-ant-[A-Za-z0-9_-]{6,}/g

const REDACTED_KEY = 'sk-ant-[REDACTED]'

/** Server or failure text: the run's secrets, then key shapes. */
export function redactKeys(text: string): string {
  return runSecrets.apply(secrets => {
    const scrubbed = scrubText(text, secrets)
    let replaced = scrubbed.replaced
    const value = scrubbed.value.replace(KEY_SHAPE, () => (replaced++, REDACTED_KEY))
    return { value, replaced }
  })
}

/** Every string in a JSON value, redacted as redactKeys does: for server data of any shape. */
function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redactKeys(value) as T
  if (Array.isArray(value)) return value.map(redactDeep) as T
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, redactDeep(item)])) as T
  }
  return value
}

/** A failure's server text (message, request-id, header values), redacted. */
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
 * A Message: its fields around the answer (model, id, stop_reason, unknown fields) redacted as
 * server text; its content, the model's answer, cleared of the run's secrets only (a key-shaped
 * string the model wrote is its answer), each text block as scrubAnswer reads it.
 */
export function redactMessage<M extends { content: unknown }>(message: M): M {
  return Object.fromEntries(
    Object.entries(message).map(([name, value]) => [
      name,
      name === 'content' ? redactContent(value) : redactDeep(value)
    ])
  ) as M
}

function redactContent(content: unknown): unknown {
  if (!Array.isArray(content)) return runSecrets.apply(secrets => scrubDeep(content, secrets))
  return content.map((block: unknown) => {
    const { type, text } = (block ?? {}) as { type?: unknown; text?: unknown }
    if (type === 'text' && typeof text === 'string') {
      const rest = runSecrets.apply(secrets => scrubDeep({ ...(block as object), text: '' }, secrets))
      return { ...rest, text: runSecrets.apply((secrets): Scrubbed<string> => scrubAnswer(text, secrets)) }
    }
    return runSecrets.apply(secrets => scrubDeep(block, secrets))
  })
}
