// Tests of the test harness itself: the fake Messages API (driven by the real
// SDK client) and the runner emulation (driven by a tiny stand-in action, so
// these tests do not need dist/ to be built).

import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import Anthropic, {
  AnthropicError,
  APIConnectionError,
  APIError,
  APIUserAbortError,
  InternalServerError,
  OverloadedError,
  RateLimitError
} from '@anthropic-ai/sdk'
import { startFakeApi, type FakeApi, type FakeApiOptions } from './fake-api.js'
import { inputEnvName, parseOutputFile, parseWorkflowCommands, runAction } from './run-action.js'

const PARAMS = {
  model: 'claude-test-model',
  max_tokens: 64,
  messages: [{ role: 'user' as const, content: 'Say hello.' }]
}

let api: FakeApi | undefined

async function fake(options?: FakeApiOptions): Promise<{ api: FakeApi; client: Anthropic }> {
  api = await startFakeApi(options)
  return { api, client: new Anthropic({ apiKey: 'sk-ant-test', baseURL: api.url, maxRetries: 0 }) }
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (err) {
    return err
  }
  throw new Error('expected a rejection')
}

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const start = performance.now()
  while (!condition()) {
    if (performance.now() - start > timeoutMs) throw new Error('waitFor timed out')
    await new Promise(resolve => setTimeout(resolve, 5))
  }
}

afterEach(async () => {
  await api?.close()
  api = undefined
})

describe('fake Messages API with the real SDK', () => {
  it('answers a plain message and records the request', async () => {
    const { api, client } = await fake()
    const message = await client.messages.create(PARAMS)
    expect(message.id).toBe('msg_fake_1')
    expect(message.type).toBe('message')
    expect(message.role).toBe('assistant')
    expect(message.model).toBe('claude-test-model')
    expect(message.content).toEqual([{ type: 'text', text: 'Hello from the fake API.' }])
    expect(message.stop_reason).toBe('end_turn')
    expect(message.stop_sequence).toBeNull()
    expect(message.usage).toEqual({
      input_tokens: 12,
      output_tokens: 7,
      cache_read_input_tokens: 0,
      cache_creation_input_tokens: 0
    })
    expect(message._request_id).toBe('req_fake_1')

    expect(api.requests).toHaveLength(1)
    const [request] = api.requests
    expect(request?.method).toBe('POST')
    expect(request?.path).toBe('/v1/messages')
    expect(request?.headers['authorization']).toBe('Bearer sk-ant-test')
    expect(request?.headers['anthropic-version']).toEqual(expect.any(String))
    expect(request?.headers['x-stainless-retry-count']).toBe('0')
    expect(request?.body).toEqual(PARAMS)
    expect(typeof request?.receivedAtMs).toBe('number')
  })

  it('gives every response its own request-id and honours text, model, stop reason, usage and headers', async () => {
    const { client } = await fake({
      script: [
        { kind: 'message' },
        {
          kind: 'message',
          text: 'custom',
          model: 'claude-other',
          stopReason: 'max_tokens',
          usage: { output_tokens: 64, cache_read_input_tokens: 5 },
          headers: { 'x-extra': 'yes' }
        }
      ]
    })
    const first = await client.messages.create(PARAMS)
    const { data: second, response } = await client.messages.create(PARAMS).withResponse()
    expect(first._request_id).toBe('req_fake_1')
    expect(response.headers.get('request-id')).toBe('req_fake_2')
    expect(second.content).toEqual([{ type: 'text', text: 'custom' }])
    expect(second.model).toBe('claude-other')
    expect(second.stop_reason).toBe('max_tokens')
    expect(second.usage).toEqual({
      input_tokens: 12,
      output_tokens: 64,
      cache_read_input_tokens: 5,
      cache_creation_input_tokens: 0
    })
    expect(response.headers.get('x-extra')).toBe('yes')
    expect(response.headers.get('content-type')).toBe('application/json')
  })

  it('streams a message with the real event sequence', async () => {
    const { api, client } = await fake({ script: [{ kind: 'message', text: 'one two three', chunks: 3 }] })
    const stream = client.messages.stream(PARAMS)
    const deltas: string[] = []
    stream.on('text', delta => deltas.push(delta))
    const message = await stream.finalMessage()
    expect(deltas).toHaveLength(3)
    expect(deltas.join('')).toBe('one two three')
    expect(message.id).toBe('msg_fake_1')
    expect(message.content).toEqual([{ type: 'text', text: 'one two three' }])
    expect(message.stop_reason).toBe('end_turn')
    expect(message.usage.input_tokens).toBe(12)
    expect(message.usage.output_tokens).toBe(7)
    expect(api.requests[0]?.body.stream).toBe(true)
  })

  it('sends the raw SSE format', async () => {
    const { api } = await fake({ script: [{ kind: 'message', text: 'ab', chunks: 2 }] })
    const response = await fetch(`${api.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...PARAMS, stream: true })
    })
    expect(response.headers.get('content-type')).toBe('text/event-stream')
    expect(response.headers.get('request-id')).toBe('req_fake_1')
    const text = await response.text()
    const events = text
      .split('\n\n')
      .filter(Boolean)
      .map(block => {
        const [eventLine, dataLine] = block.split('\n')
        const type = eventLine?.replace(/^event: /, '')
        const data = JSON.parse(dataLine?.replace(/^data: /, '') ?? '')
        expect(data.type).toBe(type)
        return data
      })
    expect(events.map(e => e.type)).toEqual([
      'message_start',
      'ping',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop'
    ])
    expect(events[0].message).toMatchObject({
      id: 'msg_fake_1',
      type: 'message',
      role: 'assistant',
      content: [],
      model: 'claude-test-model',
      stop_reason: null,
      usage: { input_tokens: 12 }
    })
    expect(events[3].delta).toEqual({ type: 'text_delta', text: 'a' })
    expect(events[4].delta).toEqual({ type: 'text_delta', text: 'b' })
    expect(events[6].delta.stop_reason).toBe('end_turn')
    expect(events[6].usage.output_tokens).toBe(7)
  })

  it('turns an error reply into the SDK error class with status, type, requestID and headers', async () => {
    const { client } = await fake({
      script: [{ kind: 'error', status: 529, type: 'overloaded_error', headers: { 'retry-after': '7' } }]
    })
    const err = await caught(client.messages.create(PARAMS))
    expect(err).toBeInstanceOf(OverloadedError)
    const apiErr = err as OverloadedError
    expect(apiErr.status).toBe(529)
    expect(apiErr.type).toBe('overloaded_error')
    expect(apiErr.apiMessage).toBe('Overloaded')
    expect(apiErr.requestID).toBe('req_fake_1')
    expect(apiErr.headers.get('retry-after')).toBe('7')
    expect(apiErr.error).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
      request_id: 'req_fake_1'
    })
  })

  it('puts a spend-limit errorCode into err.errorCode', async () => {
    const { client } = await fake({
      script: [{ kind: 'error', status: 429, type: 'rate_limit_error', errorCode: 'enforced_spend_limit_reached' }]
    })
    const err = await caught(client.messages.create(PARAMS))
    expect(err).toBeInstanceOf(RateLimitError)
    const apiErr = err as RateLimitError
    expect(apiErr.errorCode).toBe('enforced_spend_limit_reached')
    expect(apiErr.name).toBe('EnforcedSpendLimitReachedError')
    expect(apiErr.headers.get('retry-after')).toBeNull()
  })

  it('turns a mid-stream error event into an APIError without status', async () => {
    const { client } = await fake({ script: [{ kind: 'stream-error', type: 'overloaded_error' }] })
    const err = await caught(client.messages.stream(PARAMS).finalMessage())
    expect(err).toBeInstanceOf(APIError)
    const apiErr = err as APIError
    expect(apiErr.status).toBeUndefined()
    expect(apiErr.type).toBe('overloaded_error')
    expect(apiErr.apiMessage).toBe('Overloaded')
  })

  it('a cut stream rejects after the partial text arrived', async () => {
    const { api, client } = await fake({ script: [{ kind: 'stream-cut', text: 'partial text' }] })
    const stream = client.messages.stream(PARAMS)
    const deltas: string[] = []
    stream.on('text', delta => deltas.push(delta))
    const err = await caught(stream.finalMessage())
    expect(err).toBeInstanceOf(AnthropicError)
    expect(err).not.toBeInstanceOf(APIError)
    expect((err as Error).message).toMatch(/terminated/) // undici: TypeError: terminated
    expect(deltas.join('')).toBe('partial text')
    expect(api.requests).toHaveLength(1)
  })

  it('a reset gives APIConnectionError', async () => {
    const { api, client } = await fake({ script: [{ kind: 'reset' }] })
    const err = await caught(client.messages.create(PARAMS))
    expect(err).toBeInstanceOf(APIConnectionError)
    const cause = (err as { cause?: { cause?: { code?: string } } }).cause
    expect(cause?.cause?.code).toBe('ECONNRESET')
    expect(api.requests).toHaveLength(1)
  })

  it('writes the exact error envelope and SSE error event', async () => {
    const { api } = await fake({
      script: [
        {
          kind: 'error',
          status: 429,
          type: 'rate_limit_error',
          message: 'Spend limit reached',
          errorCode: 'enforced_spend_limit_reached',
          headers: { 'x-should-retry': 'false' }
        },
        { kind: 'stream-error', type: 'api_error', text: '' }
      ]
    })
    const post = () =>
      fetch(`${api.url}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...PARAMS, stream: true })
      })
    const first = await post()
    expect(first.status).toBe(429)
    expect(first.headers.get('content-type')).toBe('application/json')
    expect(first.headers.get('x-should-retry')).toBe('false')
    expect(await first.text()).toBe(
      '{"type":"error","error":{"type":"rate_limit_error","message":"Spend limit reached",' +
        '"details":{"error_code":"enforced_spend_limit_reached"}},"request_id":"req_fake_1"}'
    )
    const second = await post()
    expect(second.status).toBe(200)
    expect(second.headers.get('request-id')).toBe('req_fake_2')
    const text = await second.text()
    expect(
      text.endsWith(
        'event: error\ndata: {"type":"error","error":{"type":"api_error","message":"Internal server error"}}\n\n'
      )
    ).toBe(true)
    expect(text.startsWith('event: message_start\n')).toBe(true)
  })

  it('a broken body rejects', async () => {
    const { client } = await fake({ script: [{ kind: 'broken-body' }] })
    const err = await caught(client.messages.create(PARAMS))
    // JSON.parse inside fetch's realm: a SyntaxError, not an APIError (not instanceof this realm's Error).
    expect((err as Error).name).toBe('SyntaxError')
    expect(err).not.toBeInstanceOf(APIError)
  })

  it('a hang lasts until the client aborts', async () => {
    const { api, client } = await fake({ script: [{ kind: 'hang' }] })
    const controller = new AbortController()
    const start = performance.now()
    setTimeout(() => controller.abort(), 100)
    const err = await caught(client.messages.create(PARAMS, { signal: controller.signal }))
    expect(err).toBeInstanceOf(APIUserAbortError)
    expect(performance.now() - start).toBeGreaterThanOrEqual(90)
    expect(api.requests).toHaveLength(1)
  })

  it('close() does not wait for a hanging request', async () => {
    const { api, client } = await fake({ script: [{ kind: 'hang' }] })
    const pending = caught(client.messages.create(PARAMS))
    await waitFor(() => api.requests.length === 1)
    const start = performance.now()
    await api.close()
    // Generous for a loaded machine; waiting for the hang would take forever (jest's timeout).
    expect(performance.now() - start).toBeLessThan(5000)
    expect(await pending).toBeInstanceOf(APIConnectionError)
  })

  it('delays the response by delayMs', async () => {
    const { api, client } = await fake({ script: [{ kind: 'message', delayMs: 150 }] })
    const start = performance.now()
    await client.messages.create(PARAMS)
    const end = performance.now()
    // In order: sent, received, then answered at least delayMs after it was received (the
    // delay is the server's, not the connection's), whatever the load on the machine.
    const received = api.requests[0]?.receivedAtMs ?? Number.NaN
    expect(received).toBeGreaterThanOrEqual(start)
    expect(end - received).toBeGreaterThanOrEqual(140)
  })

  it('calls a script function with the 0-based index', async () => {
    const { client } = await fake({
      script: (request, index) => ({ kind: 'message', text: `answer ${index} to ${request.body.model}` })
    })
    expect((await client.messages.create(PARAMS)).content).toEqual([
      { type: 'text', text: 'answer 0 to claude-test-model' }
    ])
    expect((await client.messages.create(PARAMS)).content).toEqual([
      { type: 'text', text: 'answer 1 to claude-test-model' }
    ])
  })

  it('fails loudly when the script is exhausted, unless there is a defaultReply', async () => {
    const { client } = await fake({ script: [{ kind: 'message' }] })
    await client.messages.create(PARAMS)
    const err = await caught(client.messages.create(PARAMS))
    expect(err).toBeInstanceOf(InternalServerError)
    expect((err as InternalServerError).status).toBe(500)
    expect((err as InternalServerError).type).toBe('api_error')
    expect((err as InternalServerError).apiMessage).toBe('fake API script exhausted')
    await api?.close()

    const second = await fake({ script: [], defaultReply: { kind: 'message', text: 'default' } })
    expect((await second.client.messages.create(PARAMS)).content).toEqual([{ type: 'text', text: 'default' }])
  })

  it('answers other paths with 404 not_found_error and records them', async () => {
    const { api } = await fake()
    const response = await fetch(`${api.url}/v1/models`)
    expect(response.status).toBe(404)
    expect(response.headers.get('request-id')).toBe('req_fake_1')
    const body = await response.json()
    expect(body).toMatchObject({ type: 'error', error: { type: 'not_found_error' }, request_id: 'req_fake_1' })
    expect(api.requests).toMatchObject([{ method: 'GET', path: '/v1/models', body: undefined }])
  })

  it('rate limit: headers with the API meaning (limit per minute, reset when full); 429 and retry-after when empty', async () => {
    const { api, client } = await fake({ rateLimit: { perSecond: 1, burst: 2, retryAfter: true } })
    const first = await client.messages.create(PARAMS).withResponse()
    const second = await client.messages.create(PARAMS).withResponse()
    // 1 request a second is 60 a minute; the burst (2) appears in no header.
    expect(first.response.headers.get('anthropic-ratelimit-requests-limit')).toBe('60')
    expect(first.response.headers.get('anthropic-ratelimit-requests-remaining')).toBe('1')
    expect(second.response.headers.get('anthropic-ratelimit-requests-remaining')).toBe('0')
    // One unit short of full after the first: full again in about 1 s; two short after the second: about 2 s.
    const resetOf = (headers: { get(name: string): string | null }) =>
      Date.parse(headers.get('anthropic-ratelimit-requests-reset') ?? '') - Date.now()
    expect(resetOf(first.response.headers)).toBeGreaterThan(700)
    expect(resetOf(first.response.headers)).toBeLessThanOrEqual(1000)
    expect(resetOf(second.response.headers)).toBeGreaterThan(1700)
    expect(resetOf(second.response.headers)).toBeLessThanOrEqual(2000)

    const err = await caught(client.messages.create(PARAMS))
    expect(err).toBeInstanceOf(RateLimitError)
    const rateErr = err as RateLimitError
    expect(rateErr.status).toBe(429)
    expect(rateErr.type).toBe('rate_limit_error')
    expect(rateErr.headers.get('retry-after')).toBe('1')
    expect(rateErr.headers.get('anthropic-ratelimit-requests-remaining')).toBe('0')
    expect(resetOf(rateErr.headers)).toBeGreaterThan(1000)
    expect(resetOf(rateErr.headers)).toBeLessThanOrEqual(2000)
    expect(api.requests).toHaveLength(3)
  })

  it('rate limit: headers false sends no rate-limit headers, only retry-after on a 429', async () => {
    const { client } = await fake({ rateLimit: { perSecond: 1, burst: 1, retryAfter: true, headers: false } })
    const first = await client.messages.create(PARAMS).withResponse()
    expect([...first.response.headers.keys()].filter(name => name.startsWith('anthropic-ratelimit-'))).toEqual([])
    const err = (await caught(client.messages.create(PARAMS))) as RateLimitError
    expect(err).toBeInstanceOf(RateLimitError)
    expect(err.headers.get('retry-after')).toBe('1')
    expect([...err.headers.keys()].filter(name => name.startsWith('anthropic-ratelimit-'))).toEqual([])
  })

  it('rate limit: no retry-after when retryAfter is false; refused requests do not consume the script', async () => {
    const { client } = await fake({
      rateLimit: { perSecond: 20, burst: 1, retryAfter: false },
      script: [
        { kind: 'message', text: 'first' },
        { kind: 'message', text: 'second' }
      ]
    })
    expect((await client.messages.create(PARAMS)).content).toEqual([{ type: 'text', text: 'first' }])
    const err = await caught(client.messages.create(PARAMS))
    expect(err).toBeInstanceOf(RateLimitError)
    expect((err as RateLimitError).headers.get('retry-after')).toBeNull()
    await new Promise(resolve => setTimeout(resolve, 80)) // 20/s refills one token in 50 ms
    expect((await client.messages.create(PARAMS)).content).toEqual([{ type: 'text', text: 'second' }])
  })
})

describe('parseOutputFile (the runner’s GITHUB_OUTPUT parser)', () => {
  it('parses name=value lines, splitting at the first =', () => {
    expect(parseOutputFile('answer=42\n', { windows: false })).toEqual({ answer: '42' })
    expect(parseOutputFile('a==b\nc=d=e\nf=\n', { windows: false })).toEqual({ a: '=b', c: 'd=e', f: '' })
  })

  it('parses heredocs: the value ends before a line exactly equal to the delimiter', () => {
    const text = 'text<<ghadelimiter_1\nline one\n\nline three\n EOF\nghadelimiter_1 \nghadelimiter_1\n'
    expect(parseOutputFile(text, { windows: false })).toEqual({
      text: 'line one\n\nline three\n EOF\nghadelimiter_1 '
    })
    expect(parseOutputFile('empty<<EOF\nEOF\n', { windows: false })).toEqual({ empty: '' })
    expect(parseOutputFile('a<<EOF=x\nv\nEOF=x\n', { windows: false })).toEqual({ a: 'v' })
    expect(parseOutputFile('a=b<<c\n', { windows: false })).toEqual({ a: 'b<<c' })
  })

  it('parses several outputs, skips empty lines, the last value wins, last line needs no newline', () => {
    const text = '\nfirst=1\n\nsecond<<EOF\ntwo\nEOF\nfirst=one\nlast=x'
    expect(parseOutputFile(text, { windows: false })).toEqual({ first: 'one', second: 'two', last: 'x' })
    expect(parseOutputFile('a<<EOF\nv\nEOF', { windows: false })).toEqual({ a: 'v' })
    expect(parseOutputFile('', { windows: false })).toEqual({})
  })

  it('CRLF: a Linux/macOS runner keeps the CR, a Windows runner ends lines at CRLF', () => {
    const text = 'a=1\r\nb<<EOF\r\nhello\r\nworld\r\nEOF\r\n'
    expect(parseOutputFile(text, { windows: false })).toEqual({ a: '1\r', b: 'hello\r\nworld\r' })
    expect(parseOutputFile(text, { windows: true })).toEqual({ a: '1', b: 'hello\r\nworld' })
    // On Linux a CRLF delimiter line does not match an LF-written header.
    expect(() => parseOutputFile('b<<EOF\nhello\r\nEOF\r\n', { windows: false })).toThrow(
      /Matching delimiter not found/
    )
    expect(parseOutputFile('b<<EOF\nhello\r\nEOF\r\n', { windows: true })).toEqual({ b: 'hello' })
    // Default: the platform this runs on.
    expect(parseOutputFile('a=1\r\n')).toEqual({ a: process.platform === 'win32' ? '1' : '1\r' })
  })

  it('drops a byte order mark, as File.ReadAllText does', () => {
    expect(parseOutputFile('\ufeffa=1\n', { windows: false })).toEqual({ a: '1' })
  })

  it('throws on an unterminated heredoc', () => {
    expect(() => parseOutputFile('a<<EOF\nvalue\n', { windows: false })).toThrow(/Matching delimiter not found 'EOF'/)
    expect(() => parseOutputFile('a<<EOF\n', { windows: false })).toThrow(/Matching delimiter not found/)
    expect(() => parseOutputFile('a<<EOF\nvalue\nEOF2', { windows: false })).toThrow(/EOF marker missing new line/)
  })

  it('throws on an empty name, an empty delimiter or a line that is neither form', () => {
    expect(() => parseOutputFile('=value\n', { windows: false })).toThrow(/name must not be empty/)
    expect(() => parseOutputFile('<<EOF\nv\nEOF\n', { windows: false })).toThrow(/Name must not be empty/)
    expect(() => parseOutputFile('a<<\nv\n\n', { windows: false })).toThrow(/delimiter must not be empty/)
    expect(() => parseOutputFile('ok=1\njust some text\n', { windows: false })).toThrow(
      /Invalid format 'just some text'/
    )
    expect(() => parseOutputFile('a=1\r\n \r\n', { windows: true })).toThrow(/Invalid format ' '/)
  })

  it('stores odd names safely', () => {
    const outputs = parseOutputFile('__proto__=x\n', { windows: false })
    expect(Object.keys(outputs)).toEqual(['__proto__'])
    expect(outputs['__proto__']).toBe('x')
  })
})

describe('parseWorkflowCommands (the runner’s reading of stdout)', () => {
  const live = (text: string) =>
    parseWorkflowCommands(text).map(({ name, properties, data, form }) => ({ name, properties, data, form }))

  it('reads ::name k=v,k=v::data at the start of a trimmed line, unescaping like the runner', () => {
    expect(live('::error file=a.ts,line=3,title=T%3A x%2C y::first%0Asecond %25 done')).toEqual([
      {
        name: 'error',
        properties: { file: 'a.ts', line: '3', title: 'T: x, y' },
        data: 'first\nsecond % done',
        form: '::'
      }
    ])
    expect(live('  \t::warning::indented')).toEqual([{ name: 'warning', properties: {}, data: 'indented', form: '::' }])
    expect(live('::ERROR::any case')).toEqual([{ name: 'ERROR', properties: {}, data: 'any case', form: '::' }])
    expect(live('::endgroup::')).toEqual([{ name: 'endgroup', properties: {}, data: '', form: '::' }])
  })

  it('reads the legacy ##[name k=v;k=v]data anywhere in a line', () => {
    expect(live('progress 50% ##[error title=Deploy approved]All checks passed')).toEqual([
      { name: 'error', properties: { title: 'Deploy approved' }, data: 'All checks passed', form: '##[' }
    ])
    expect(live('id (request-id ##[add-mask]x) after 1 s')).toEqual([
      { name: 'add-mask', properties: {}, data: 'x) after 1 s', form: '##[' }
    ])
    expect(live('##[warning file=a%3Bb;line=2]x%5D%0Ay')).toEqual([
      { name: 'warning', properties: { file: 'a;b', line: '2' }, data: 'x]\ny', form: '##[' }
    ])
  })

  it('tries the legacy form when the :: form names no command, and not when it does', () => {
    expect(live('::nope::x ##[error]legacy')).toEqual([{ name: 'error', properties: {}, data: 'legacy', form: '##[' }])
    expect(live('::warning::ours ##[error]inside data')).toEqual([
      { name: 'warning', properties: {}, data: 'ours ##[error]inside data', form: '::' }
    ])
  })

  it('ends lines at LF, CR and CRLF', () => {
    expect(live('a\r::error::cr\r\n::error::crlf\nb').map(c => c.data)).toEqual(['cr', 'crlf'])
  })

  it('finds nothing in text that is not a command', () => {
    const notCommands = [
      'text ::error::not at the start',
      ': :error::x',
      ':: error::x',
      '::error x',
      '::unknown::x',
      '##[unknown]x',
      '##[section]Starting',
      '##[error no closing bracket',
      '#[error]x',
      '## [error]x',
      '\u200b::error::zero-width space is not white space',
      '\ufeff::error::nor is a byte order mark',
      '##\u200b[error]x'
    ]
    expect(live(notCommands.join('\n'))).toEqual([])
  })

  it('::stop-commands::TOKEN pauses both forms until ::TOKEN:: or ##[TOKEN]', () => {
    const text = [
      '::stop-commands::tok-1',
      '::error::paused',
      'x ##[add-mask]paused',
      '::stop-commands::other',
      '::other::',
      '::TOK-1::',
      '::error::live again',
      '::stop-commands::tok-2',
      '##[error]paused',
      'resume: ##[tok-2]',
      '##[error]live',
      '::stop-commands::',
      '::error::an empty token never resumes',
      '::::'
    ].join('\n')
    expect(live(text).map(c => `${c.name}:${c.data}`)).toEqual([
      'stop-commands:tok-1',
      'TOK-1:',
      'error:live again',
      'stop-commands:tok-2',
      'tok-2:',
      'error:live',
      'stop-commands:'
    ])
  })
})

describe('runAction (runner emulation)', () => {
  let dir: string
  let entry: string
  const FAKE_ACTION = `
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
const setOutput = (name, value) => {
  const d = 'ghadelimiter_' + randomUUID();
  fs.appendFileSync(process.env.GITHUB_OUTPUT, name + '<<' + d + '\\n' + value + '\\n' + d + '\\n');
};
const mode = process.env['INPUT_MODE'];
if (mode === 'echo') {
  setOutput('max-retries', process.env['INPUT_MAX-RETRIES']);
  setOutput('spaced', process.env['INPUT_WITH_SPACE'] ?? '<unset>');
  setOutput('prompt', process.env['INPUT_PROMPT']);
  setOutput('env', JSON.stringify(process.env));
  setOutput('cwd', process.cwd());
  fs.appendFileSync(process.env.GITHUB_OUTPUT, 'simple=value\\n');
  fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, '## Summary\\n');
  console.log('done');
} else if (mode === 'wait-for-signal') {
  process.on('SIGINT', () => { setOutput('cancelled', 'true'); process.exit(130); });
  console.log('ready');
  setInterval(() => {}, 1000);
} else if (mode === 'hang') {
  setInterval(() => {}, 1000);
} else if (mode === 'malformed') {
  fs.appendFileSync(process.env.GITHUB_OUTPUT, 'oops<<EOF\\nno end\\n');
} else if (mode === 'fail') {
  console.error('boom');
  process.exit(3);
}
`

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'harness-test-'))
    entry = path.join(dir, 'fake-action.mjs')
    await fs.writeFile(entry, FAKE_ACTION)
  })
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true })
  })

  it('maps input names like the runner', () => {
    expect(inputEnvName('max-retries')).toBe('INPUT_MAX-RETRIES')
    expect(inputEnvName('with space')).toBe('INPUT_WITH_SPACE')
  })

  it('passes inputs, a minimal environment and collects outputs and summary', async () => {
    const saved = process.env.ANTHROPIC_API_KEY
    process.env.ANTHROPIC_API_KEY = 'sk-ant-developer-key-must-not-leak'
    try {
      const result = await runAction({
        entry,
        inputs: { mode: 'echo', 'max-retries': '5', 'with space': 'yes', prompt: 'line 1\nline 2' },
        env: { EXTRA: 'x', PATH: undefined }
      })
      expect(result).toMatchObject({ code: 0, signal: null, timedOut: false, summary: '## Summary\n' })
      expect(result.stdout).toBe('done\n')
      expect(result.exitedAfterSignalMs).toBeUndefined()
      expect(result.durationMs).toBeGreaterThan(0)
      expect(result.outputs['max-retries']).toBe('5')
      expect(result.outputs['spaced']).toBe('yes')
      expect(result.outputs['prompt']).toBe('line 1\nline 2')
      expect(result.outputs['simple']).toBe('value')
      const env = JSON.parse(result.outputs['env'] ?? '{}') as Record<string, string>
      expect(env['ANTHROPIC_API_KEY']).toBeUndefined()
      expect(env['NODE_OPTIONS']).toBeUndefined()
      expect(env['RUNNER_DEBUG']).toBeUndefined()
      expect(env['PATH']).toBeUndefined()
      expect(env['EXTRA']).toBe('x')
      expect(env['GITHUB_ACTIONS']).toBe('true')
      expect(env['INPUT_MODE']).toBe('echo')
      for (const name of ['GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY', 'RUNNER_TEMP', 'GITHUB_WORKSPACE']) {
        expect(env[name]).toEqual(expect.any(String))
      }
      expect(result.outputs['cwd']).toBe(env['GITHUB_WORKSPACE'])
    } finally {
      if (saved === undefined) delete process.env.ANTHROPIC_API_KEY
      else process.env.ANTHROPIC_API_KEY = saved
    }
  })

  it('lets the caller set the key and the workspace', async () => {
    const workspace = path.join(dir, 'my-workspace')
    const result = await runAction({
      entry,
      inputs: { mode: 'echo', 'max-retries': '0', prompt: 'p' },
      env: { ANTHROPIC_API_KEY: 'sk-ant-test', GITHUB_WORKSPACE: workspace }
    })
    const env = JSON.parse(result.outputs['env'] ?? '{}') as Record<string, string>
    expect(env['ANTHROPIC_API_KEY']).toBe('sk-ant-test')
    expect(env['GITHUB_WORKSPACE']).toBe(workspace)
    expect(result.outputs['cwd']).toBe(workspace)
  })

  it('reports the exit code and stderr', async () => {
    const result = await runAction({ entry, inputs: { mode: 'fail' } })
    expect(result.code).toBe(3)
    expect(result.stderr).toBe('boom\n')
    expect(result.outputs).toEqual({})
  })

  it('sends a signal when stdout matches and measures the time to exit', async () => {
    const result = await runAction({
      entry,
      inputs: { mode: 'wait-for-signal' },
      signal: { name: 'SIGINT', whenStdoutMatches: /ready/ }
    })
    expect(result.code).toBe(130)
    expect(result.timedOut).toBe(false)
    expect(result.outputs).toEqual({ cancelled: 'true' })
    // Sent (the stub exits only on the signal) after the start, and the exit came after it.
    expect(result.signalSentAtMs).toBeDefined()
    expect(result.exitedAfterSignalMs).toBeLessThanOrEqual(result.durationMs)
    expect(result.exitedAfterSignalMs).toBeLessThan(5000)
  })

  it('sends a signal after a delay', async () => {
    const result = await runAction({ entry, inputs: { mode: 'hang' }, signal: { name: 'SIGTERM', afterMs: 100 } })
    expect(result.signal).toBe('SIGTERM')
    expect(result.code).toBeNull()
    expect(result.durationMs).toBeGreaterThanOrEqual(100)
    expect(result.exitedAfterSignalMs).toBeLessThan(5000)
  })

  it('kills the child on timeout', async () => {
    const result = await runAction({ entry, inputs: { mode: 'hang' }, timeoutMs: 300 })
    expect(result.timedOut).toBe(true)
    expect(result.signal).toBe('SIGKILL')
  })

  it('fails like the runner when GITHUB_OUTPUT is malformed', async () => {
    await expect(runAction({ entry, inputs: { mode: 'malformed' } })).rejects.toThrow(
      /GITHUB_OUTPUT is malformed: Invalid value. Matching delimiter not found 'EOF'/
    )
  })
})
