/**
 * What a 2xx body must be before the rest of the action treats it as a Message. The SDK only
 * types the body; a proxy, a gateway or a hostile server can send anything with a 200. Checked
 * once, where the body leaves the SDK, so outputs, summary and log read fields that exist and
 * have the types they claim.
 */
import type { Message } from '@anthropic-ai/sdk/resources/messages'
import { isRecord, isTokenCount } from '../util/record.js'

export type MessageCheck = { ok: true; message: Message } | { ok: false; problem: string }

/** The Message fields the action reads, checked; unknown fields and block types pass through. */
export function checkMessage(body: unknown): MessageCheck {
  const problem = messageProblem(body)
  return problem === undefined ? { ok: true, message: body as Message } : { ok: false, problem }
}

function messageProblem(body: unknown): string | undefined {
  if (!isRecord(body)) return `the body is not a JSON object: ${String(body).slice(0, 200)}`
  if (body.type !== 'message' || !Array.isArray(body.content)) return 'the body is not a Message'
  const blockProblem = body.content.map(contentBlockProblem).find(problem => problem !== undefined)
  if (blockProblem) return blockProblem
  if (typeof body.model !== 'string') return 'the message has no model name'
  if (body.stop_reason === null || body.stop_reason === undefined)
    return 'the message has no stop_reason (the stream ended early)'
  if (typeof body.stop_reason !== 'string') return 'the message has a stop_reason that is not a string'
  return usageProblem(body.usage)
}

function contentBlockProblem(block: unknown, index: number): string | undefined {
  if (!isRecord(block) || typeof block.type !== 'string') return `content block ${index} is not an object with a type`
  if (block.type === 'text' && typeof block.text !== 'string') return `text block ${index} has no text`
  return undefined
}

/**
 * The API always reports usage; the SDK's own stream assembly fails without it, so one rule
 * for both modes: input and output tokens are required token counts, the cache counters are
 * token counts, null or absent. A count the outputs and the cost could not use is refused here.
 */
function usageProblem(usage: unknown): string | undefined {
  if (!isRecord(usage)) return 'the message has no usage'
  for (const field of ['input_tokens', 'output_tokens']) {
    if (!isTokenCount(usage[field])) return `usage.${field} is not a token count`
  }
  for (const field of ['cache_read_input_tokens', 'cache_creation_input_tokens']) {
    const value = usage[field]
    if (value !== undefined && value !== null && !isTokenCount(value)) return `usage.${field} is not a token count`
  }
  return undefined
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
  return message.content.flatMap(block => (block.type === 'text' ? [block.text] : [])).join('')
}
