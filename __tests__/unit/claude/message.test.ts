import type { Message } from '@anthropic-ai/sdk/resources/messages'
import { checkMessage, mockMessage, responseText } from '../../../src/claude/message.js'

/** A Message as the API sends it; each test breaks one field. */
const body = (overrides: Record<string, unknown> = {}) => ({
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-5',
  content: [{ type: 'text', text: 'Hello' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 10, output_tokens: 2 },
  ...overrides
})
const problem = (value: unknown) => {
  const check = checkMessage(value)
  return check.ok ? undefined : check.problem
}

describe('checkMessage', () => {
  it('passes a complete Message through as it is, unknown fields and block types too', () => {
    const value = body({
      content: [{ type: 'thinking', thinking: '…' }, { type: 'text', text: 'x' }, { type: 'future_block' }],
      extra: { kept: true },
      usage: { input_tokens: 0, output_tokens: 0, cache_read_input_tokens: null, cache_creation_input_tokens: 5 }
    })
    const check = checkMessage(value)
    expect(check).toEqual({ ok: true, message: value })
    expect(check.ok && check.message).toBe(value)
  })

  it.each([
    ['null', null, 'the body is not a JSON object: null'],
    ['a string', 'Bad gateway', 'the body is not a JSON object: Bad gateway'],
    ['an array', [body()], /^the body is not a JSON object/],
    ['another type', body({ type: 'error' }), 'the body is not a Message'],
    ['content that is not a list', body({ content: 'Hello' }), 'the body is not a Message'],
    [
      'a block without a type',
      body({ content: [{ type: 'text', text: 'a' }, { text: 'b' }] }),
      'content block 1 is not an object with a type'
    ],
    ['a block that is not an object', body({ content: [null] }), 'content block 0 is not an object with a type'],
    ['a text block without text', body({ content: [{ type: 'text', text: 5 }] }), 'text block 0 has no text'],
    ['no model', body({ model: undefined }), 'the message has no model name'],
    ['a null stop_reason', body({ stop_reason: null }), 'the message has no stop_reason (the stream ended early)'],
    ['no stop_reason', body({ stop_reason: undefined }), 'the message has no stop_reason (the stream ended early)'],
    ['a stop_reason that is a number', body({ stop_reason: 1 }), 'the message has a stop_reason that is not a string'],
    ['no usage', body({ usage: null }), 'the message has no usage'],
    ['input tokens missing', body({ usage: { output_tokens: 1 } }), 'usage.input_tokens is not a token count'],
    [
      'output tokens negative',
      body({ usage: { input_tokens: 1, output_tokens: -1 } }),
      'usage.output_tokens is not a token count'
    ],
    [
      'a fractional cache read',
      body({ usage: { input_tokens: 1, output_tokens: 1, cache_read_input_tokens: 0.5 } }),
      'usage.cache_read_input_tokens is not a token count'
    ],
    [
      'a cache write as text',
      body({ usage: { input_tokens: 1, output_tokens: 1, cache_creation_input_tokens: '3' } }),
      'usage.cache_creation_input_tokens is not a token count'
    ]
  ])('refuses %s', (_, value, expected) => {
    if (typeof expected === 'string') expect(problem(value)).toBe(expected)
    else expect(problem(value)).toMatch(expected)
  })

  it('quotes at most 200 characters of a body that is not an object', () => {
    expect(problem('x'.repeat(5000))).toBe(`the body is not a JSON object: ${'x'.repeat(200)}`)
  })

  it('names the first bad block, not a later one', () => {
    expect(problem(body({ content: [{ type: 'text', text: 'a' }, { type: 'text' }, 7] }))).toBe(
      'text block 1 has no text'
    )
  })
})

describe('responseText', () => {
  it('joins the text blocks in order and skips every other block', () => {
    const message = body({
      content: [
        { type: 'thinking', thinking: 'hidden' },
        { type: 'text', text: 'one ' },
        { type: 'tool_use', id: 't', name: 'n', input: {} },
        { type: 'text', text: 'two' }
      ]
    }) as unknown as Message
    expect(responseText(message)).toBe('one two')
    expect(responseText(body({ content: [] }) as unknown as Message)).toBe('')
  })
})

describe('mockMessage', () => {
  it('is a Message the check accepts, carrying the text and model given', () => {
    const message = mockMessage('the answer', 'claude-opus-5')
    expect(checkMessage(message).ok).toBe(true)
    expect(responseText(message)).toBe('the answer')
    expect(message.model).toBe('claude-opus-5')
    expect(message.stop_reason).toBe('end_turn')
  })
})
