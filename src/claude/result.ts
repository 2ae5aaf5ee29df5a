import type { Message } from './client.js'
import type { AttemptRecord } from '../retry/loop.js'

/** What the step ended with: everything publish needs, whatever happened. */
export interface StepResult {
  status: 'succeeded' | 'failed' | 'cancelled'
  /** The model asked for (the configured one; undefined when the inputs were invalid). */
  model: string | undefined
  message: Message | undefined
  /** Text blocks joined; undefined without a message. */
  text: string | undefined
  attempts: AttemptRecord[]
  durationMs: number
  /** The `error` output: `<error type>: <message>` or `cancelled`. */
  error: string | undefined
  /** Why it failed and what to do, for setFailed and the summary. */
  explanation: string | undefined
  /** The answer as validated JSON text, when a json-schema was given. */
  json?: string
  /** True when mock-response stood in for the API: no request was sent. */
  mock?: boolean
  /** The prompt's size from count_tokens, when max-input-tokens asked for it. */
  inputTokensCounted?: number
  /**
   * The count_tokens attempts, when max-input-tokens asked for a count. Kept apart: `attempts`
   * (and the attempts, retry-log and request-id outputs) are Messages requests only.
   */
  countAttempts?: AttemptRecord[]
}

/** A Message standing in for the API's in mock mode, shaped like the real one. */
export function mockMessage(text: string, model: string): Message {
  return {
    id: 'msg_mock',
    type: 'message',
    role: 'assistant',
    model,
    content: [{ type: 'text', text, citations: null }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 }
  } as unknown as Message
}

export function responseText(message: Message): string {
  return message.content
    .flatMap(block => (block.type === 'text' ? [block.text] : []))
    .join('')
}
