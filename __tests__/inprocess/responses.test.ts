/**
 * Hostile responses, in-process: keys in 2xx answers, 200s that are not well-formed
 * Messages, and the token guard's report; run() against the fake API on 127.0.0.1 with the real
 * SDK, nothing mocked. Bodies without end, whose memory only a child can measure, are in
 * __tests__/e2e/responses.test.ts.
 */
import { api, askWith, retryLog } from '../support/ask.js'
import type { Reply } from '../support/fake-api.js'
import type { RunResult } from '../support/run-action.js'
import { runInProcess } from '../support/run-in-process.js'

const ask = askWith(runInProcess)
/** Another key, as a hostile or leaky server might echo it; its tail must appear nowhere. */
const OTHER_SECRET = 'OTHERKEYsecretTAIL0123456789'
const OTHER_KEY = `sk-ant-api03-${OTHER_SECRET}`

/** Everything the runner and later steps see: the log, the outputs, the summary. */
function expectNoOtherKey(result: RunResult) {
  for (const text of [result.stdout, result.stderr, result.summary, JSON.stringify(result.outputs)]) {
    expect(text).not.toContain(OTHER_SECRET)
  }
}

const message = (fields: Record<string, unknown> = {}) => ({
  id: 'msg_raw',
  type: 'message',
  role: 'assistant',
  model: 'claude-fake',
  content: [{ type: 'text', text: 'Hello.' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 3, output_tokens: 2 },
  ...fields
})
const json200 = (body: unknown, headers: Record<string, string> = {}): Reply => ({
  kind: 'raw',
  status: 200,
  headers: { 'content-type': 'application/json', 'request-id': 'req_raw', ...headers },
  body: JSON.stringify(body)
})
const sse = (type: string, data: unknown) => `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`
/** A whole SSE answer, with the Message fields of message_start and the blocks given. */
function sse200(start: Record<string, unknown>, blocks: unknown[], headers: Record<string, string> = {}): Reply {
  const { usage, ...rest } = message({ content: [], stop_reason: null, ...start }) as Record<string, unknown>
  const events = [
    sse('message_start', { type: 'message_start', message: { ...rest, ...(usage === undefined ? {} : { usage }) } }),
    ...blocks.flatMap((block, index) => [
      sse('content_block_start', { type: 'content_block_start', index, content_block: block }),
      sse('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text: 'Hello.' } }),
      sse('content_block_stop', { type: 'content_block_stop', index })
    ]),
    sse('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: 2 }
    }),
    sse('message_stop', { type: 'message_stop' })
  ]
  return {
    kind: 'raw',
    status: 200,
    headers: { 'content-type': 'text/event-stream', 'request-id': 'req_sse', ...headers },
    body: events.join('')
  }
}
const textBlock = { type: 'text', text: '' }

describe('keys in 2xx responses are redacted like keys in errors', () => {
  it('a 200 text/html page quoting a key, with a key-shaped request-id', async () => {
    const page: Reply = {
      kind: 'raw',
      status: 200,
      headers: { 'content-type': 'text/html', 'request-id': OTHER_KEY },
      body: `<html>proxy says: your key ${OTHER_KEY} is fine</html>`
    }
    const result = await ask({ script: [page] }, { 'max-retries': '0' })
    expect(result.code).toBe(1)
    expect(result.outputs.error).toMatch(/^invalid_response: .*sk-ant-\[REDACTED\]/)
    expect(result.outputs['request-id']).toBe('sk-ant-[REDACTED]')
    expectNoOtherKey(result)
  })

  it('a 200 Message with a key-shaped request-id and model', async () => {
    const result = await ask({ script: [json200(message({ model: OTHER_KEY }), { 'request-id': OTHER_KEY })] })
    expect(result.code).toBe(0)
    expect(result.outputs).toMatchObject({
      response: 'Hello.',
      model: 'sk-ant-[REDACTED]',
      'request-id': 'sk-ant-[REDACTED]'
    })
    expect(JSON.parse(result.outputs.message ?? '{}')).toMatchObject({ model: 'sk-ant-[REDACTED]' })
    expectNoOtherKey(result)
  })

  it('a streamed 200 with a key-shaped request-id and model', async () => {
    const result = await ask(
      { script: [sse200({ model: OTHER_KEY }, [textBlock], { 'request-id': OTHER_KEY })] },
      { stream: 'true' }
    )
    expect(result.code).toBe(0)
    expect(result.outputs).toMatchObject({
      response: 'Hello.',
      model: 'sk-ant-[REDACTED]',
      'request-id': 'sk-ant-[REDACTED]'
    })
    expectNoOtherKey(result)
  })

  it('a 200 that is not a Message, with a key-shaped request-id, on the way to a retry', async () => {
    const result = await ask({
      script: [json200({ type: 'message', content: 'nope' }, { 'request-id': OTHER_KEY }), json200(message())]
    })
    expect(result.code).toBe(0)
    expect(retryLog(result)[0]).toMatchObject({
      status: 200,
      errorType: 'invalid_response',
      requestId: 'sk-ant-[REDACTED]'
    })
    expectNoOtherKey(result)
  })
})

describe('a 200 that is not a well-formed Message is a retryable invalid response', () => {
  const noUsage = message({ usage: undefined })
  const nullBlock = message({ content: [null] })

  it.each([
    ['without usage', noUsage],
    ['with a null content block', nullBlock],
    ['with a text block without text', message({ content: [{ type: 'text' }] })],
    ['with usage numbers that are not numbers', message({ usage: { input_tokens: '<img src=x>', output_tokens: 2 } })],
    // Counts the outputs, the cost and the results file could not use: the same rule everywhere.
    ['with a negative token count', message({ usage: { input_tokens: -5, output_tokens: 2 } })],
    [
      'with a fractional cache count',
      message({ usage: { input_tokens: 3, output_tokens: 2, cache_read_input_tokens: 1.5 } })
    ]
  ])('not streamed: a Message %s is retried, and the good answer wins', async (_name, bad) => {
    const result = await ask({ script: [json200(bad), json200(message())] })
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.outputs).toMatchObject({ response: 'Hello.', attempts: '2', 'input-tokens': '3' })
    expect(retryLog(result)[0]).toMatchObject({ status: 200, errorType: 'invalid_response' })
    expect(result.stdout).toMatch(/Attempt 1 of 6: 200 invalid_response .*Retrying/)
  })

  it('not streamed: when every answer is malformed, the outputs and summary still say so', async () => {
    const result = await ask({ script: [json200(noUsage), json200(nullBlock)] }, { 'max-retries': '1' })
    expect(result.code).toBe(1)
    expect(result.stdout).not.toContain('Unexpected error')
    expect(result.outputs).toMatchObject({ attempts: '2', 'request-id': 'req_raw' })
    expect(result.outputs.error).toMatch(/^invalid_response: /)
    expect(result.summary).toContain('Ask Claude failed')
  })

  it.each([
    ['without usage', sse200({ usage: undefined }, [textBlock])],
    ['with a null content block', sse200({}, [null])]
  ])('streamed: a Message %s is retried as an invalid response', async (_name, bad) => {
    const result = await ask({ script: [bad, sse200({}, [textBlock])] }, { stream: 'true' })
    expect(result.code).toBe(0)
    expect(result.outputs).toMatchObject({ response: 'Hello.', attempts: '2' })
    expect(retryLog(result)[0]).toMatchObject({ status: 200, errorType: 'invalid_response' })
  })
})

describe('the token guard reports its own attempts', () => {
  it('three 529s from count_tokens: outputs, summary and the failure message agree', async () => {
    const overloaded = { kind: 'error', status: 529, type: 'overloaded_error' } as const
    const result = await ask(
      { countTokensScript: [overloaded, overloaded, overloaded] },
      { 'max-input-tokens': '1000', 'max-retries': '2' }
    )
    expect(result.code).toBe(1)
    expect(api?.requests.map(r => r.path)).toEqual(Array(3).fill('/v1/messages/count_tokens'))
    // attempts, retry-log and request-id describe Messages requests only: none was sent.
    expect(result.outputs).toMatchObject({ attempts: '0', 'retry-log': '[]', error: 'overloaded_error: Overloaded' })
    const failed = result.stdout.match(/^::error::(.*)$/m)?.[1] ?? ''
    expect(failed).toMatch(
      /^The token count for 'max-input-tokens' failed after 3 attempts, so no Messages request was sent: overloaded_error: Overloaded/
    )
    expect(result.summary).toContain('The token count failed after 3 attempts; no Messages request was sent.')
    expect(result.summary).not.toMatch(/No request was sent|Claude request failed/)
    expect(result.stdout).toMatch(/Counting input tokens: Attempt 3 of 3: 529 overloaded_error/)
  })
})
