import type { Message } from './claude.js'
import type { AttemptRecord, StopReason } from './retry.js'

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
  stop: StopReason | 'invalid-input' | undefined
}

export function responseText(message: Message): string {
  return message.content
    .flatMap(block => (block.type === 'text' ? [block.text] : []))
    .join('')
}
