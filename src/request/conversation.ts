/**
 * The conversation sent as `messages`: earlier turns (from the `messages` input or a .prompt.yml)
 * and the user's turn. Checked here, so a malformed turn fails before any request with its index.
 */
import type { MessageParam, TextBlockParam } from '@anthropic-ai/sdk/resources/messages'
import { strictDocument, type Yaml } from './yaml.js'
import { RequestInputError } from './input-error.js'
import { isRecord } from '../util/record.js'

export type Role = 'user' | 'assistant'
interface Turn {
  role: Role
  content: string | TextBlockParam[]
}

/** A value's kind in an error message: 'a list', 'null', 'an object', or its typeof. */
export const describe = (value: unknown): string =>
  Array.isArray(value) ? 'a list' : value === null ? 'null' : typeof value === 'object' ? 'an object' : typeof value

/**
 * One earlier turn of the `messages` input: exactly `role` (user or assistant) and `content`, a
 * non-empty string or a non-empty list of text blocks `{"type": "text", "text": "…"}`. Files and
 * images are not taken here; `system` has its own input.
 */
function checkTurn(item: unknown, index: number, label: string): Turn {
  const at = `${label}: messages[${index}]`
  if (!isRecord(item)) {
    throw new RequestInputError(`${at} is ${describe(item)}. Expected an object {"role": "user", "content": "…"}.`)
  }
  const extra = Object.keys(item).filter(key => key !== 'role' && key !== 'content')
  if (extra.length > 0) {
    throw new RequestInputError(`${at} has ${extra.map(k => `'${k}'`).join(', ')}. Expected only 'role' and 'content'.`)
  }
  const { role, content } = item as { role?: unknown; content?: unknown }
  if (role === 'system') {
    throw new RequestInputError(
      `${at} has role 'system', which the Messages API takes apart from the turns. Give it in the 'system' input.`
    )
  }
  if (role !== 'user' && role !== 'assistant') {
    throw new RequestInputError(
      `${at} has role ${JSON.stringify(role) ?? 'undefined'}. Expected 'user' or 'assistant'.`
    )
  }
  return { role, content: checkContent(content, at) }
}

function checkContent(content: unknown, at: string): Turn['content'] {
  const expected = 'Expected a non-empty string, or a non-empty list of text blocks {"type": "text", "text": "…"}'
  if (typeof content === 'string') {
    if (content.trim() === '') throw new RequestInputError(`${at} has empty content. ${expected}.`)
    return content
  }
  if (!Array.isArray(content) || content.length === 0) {
    throw new RequestInputError(
      `${at} has content that is ${describe(content)}${Array.isArray(content) ? ' (empty)' : ''}. ${expected}.`
    )
  }
  return content.map((block: unknown, i) => {
    const where = `${at}.content[${i}]`
    const b = block as Record<string, unknown> | null
    const keys = isRecord(b) ? Object.keys(b).sort().join(',') : ''
    if (keys !== 'text,type' || b?.type !== 'text' || typeof b.text !== 'string' || b.text.trim() === '') {
      throw new RequestInputError(
        `${where} is ${JSON.stringify(block)?.slice(0, 100) ?? 'undefined'}. Expected a text block {"type": "text", "text": "…"} with non-empty text and nothing else (only text is taken here).`
      )
    }
    return { type: 'text', text: b.text }
  })
}

/**
 * The order rule: turns start with 'user' and alternate, and the last one is `end`: 'user' when it
 * is the question itself, 'assistant' when `prompt` will add the question after it. `indices` are
 * the turns' places in the list the author wrote (a .prompt.yml's leading system turns count).
 */
export function checkOrder(
  turns: ReadonlyArray<{ role: Role; index: number }>,
  label: string,
  end: { role: Role; why: string }
): void {
  turns.forEach((turn, i) => {
    const previous = turns[i - 1]
    if (previous === undefined && turn.role !== 'user') {
      throw new RequestInputError(
        `${label}: messages[${turn.index}] is the first turn and has role '${turn.role}'. The conversation starts with a 'user' turn.`
      )
    }
    if (previous !== undefined && previous.role === turn.role) {
      throw new RequestInputError(
        `${label}: messages[${turn.index}] has role '${turn.role}' right after another '${turn.role}' turn. Roles must alternate: user, assistant, user, …`
      )
    }
  })
  const last = turns[turns.length - 1]
  if (last !== undefined && last.role !== end.role) {
    throw new RequestInputError(`${label}: the last turn, messages[${last.index}], has role '${last.role}'. ${end.why}`)
  }
}

/**
 * The `messages` input, parsed: its turns checked one by one and in order. Without a prompt it is
 * the whole conversation and ends with the user's question; with one, the prompt is appended as
 * the last user turn, so the list must end with an assistant turn.
 */
export function conversationFrom(
  parsed: unknown,
  label: string,
  prompt: { text: string; input: string } | undefined
): MessageParam[] {
  if (!Array.isArray(parsed)) {
    throw new RequestInputError(
      `${label} is ${describe(parsed)}, not a list. Expected a JSON array of turns, e.g. [{"role": "user", "content": "…"}, {"role": "assistant", "content": "…"}].`
    )
  }
  const turns = parsed.map((item, index) => checkTurn(item, index, label))
  if (prompt === undefined && turns.length === 0) {
    throw new RequestInputError(`${label} is an empty list. Expected at least one turn, the last one from 'user'.`)
  }
  checkOrder(
    turns.map((turn, index) => ({ role: turn.role, index })),
    label,
    prompt === undefined
      ? { role: 'user', why: 'Without a prompt, the conversation must end with the user turn that Claude answers.' }
      : {
          role: 'assistant',
          why: `'${prompt.input}' becomes the last user turn, so 'messages' must end with an 'assistant' turn (or leave out '${prompt.input}' to make the last turn the question).`
        }
  )
  return prompt === undefined ? turns : [...turns, { role: 'user', content: prompt.text }]
}

/** The `messages` input's text: JSON (or YAML, of which JSON is a part). */
export function parseMessages(text: string, label: string, yaml: Yaml): unknown {
  return strictDocument(
    yaml,
    text,
    first =>
      `${label} is not valid JSON (${first}). Expected a JSON array of turns, e.g. [{"role": "user", "content": "…"}].`
  ).toJS()
}
