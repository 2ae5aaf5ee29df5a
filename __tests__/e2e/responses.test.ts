/**
 * End to end, issue 9's hostile responses: keys in 2xx answers, 200s that are not well-formed
 * Messages, error bodies without end, and the token guard's report. The built dist/index.js
 * against the fake API on 127.0.0.1; the real SDK, nothing mocked.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { createGzip } from 'node:zlib'
import { PROBE } from '../../script/bench/stats.js'
import { type FakeApi, type FakeApiOptions, type Reply, startFakeApi } from '../support/fake-api.js'
import { type RunOptions, type RunResult, runAction } from '../support/run-action.js'

const KEY = 'sk-ant-api03-responses-test-key'
/** Another key, as a hostile or leaky server might echo it; its tail must appear nowhere. */
const OTHER_SECRET = 'OTHERKEYsecretTAIL0123456789'
const OTHER_KEY = `sk-ant-api03-${OTHER_SECRET}`

let api: FakeApi | undefined
afterEach(async () => {
  await api?.close()
  api = undefined
})

async function ask(
  options: FakeApiOptions,
  inputs: Record<string, string> = {},
  extra: Partial<RunOptions> = {}
): Promise<RunResult> {
  api = await startFakeApi(options)
  return runAction({
    inputs: { prompt: 'Say hello.', 'anthropic-api-key': KEY, 'base-url': api.url, 'base-delay': '0.01', ...inputs },
    ...extra
  })
}
const retryLog = (result: RunResult) =>
  JSON.parse(result.outputs['retry-log'] ?? 'null') as Array<Record<string, unknown>>

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
    ['with usage numbers that are not numbers', message({ usage: { input_tokens: '<img src=x>', output_tokens: 2 } })]
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

describe('error bodies are read only up to a bound', () => {
  /** An endless body, 64 KiB at a time, as fast as the client reads. */
  const endless = () => {
    const chunk = Buffer.alloc(64 * 1024, 'x')
    return new Readable({
      read() {
        this.push(chunk)
      }
    })
  }
  /** 1 GiB of zeros, gzipped on the fly (about 1 MB on the wire). */
  const gzipBomb = () => {
    let left = 1024
    const mib = Buffer.alloc(1024 * 1024)
    const zeros = new Readable({
      read() {
        this.push(left-- > 0 ? mib : null)
      }
    })
    return zeros.pipe(createGzip({ level: 1 }))
  }

  /** Run with the bench probe preloaded: it writes the child's peak RSS at exit. */
  async function askMeasured(reply: Reply): Promise<{ result: RunResult; peakMb: number }> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ask-claude-rss-'))
    try {
      const file = path.join(dir, 'probe.json')
      const result = await ask(
        { script: [reply] },
        { 'max-retries': '0', timeout: '8' },
        {
          env: { NODE_OPTIONS: `--import=${PROBE}`, BENCH_PROBE_FILE: file },
          timeoutMs: 40_000
        }
      )
      const peakMb = (JSON.parse(readFileSync(file, 'utf8')) as { maxRssKb: number }).maxRssKb / 1024
      return { result, peakMb }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }

  const json = { 'content-type': 'application/json' }
  it.each([
    ['an endless 500 body', { kind: 'raw', status: 500, headers: json, body: endless } as Reply, '1 MiB'],
    [
      'a gzip bomb on a 500',
      { kind: 'raw', status: 500, headers: { ...json, 'content-encoding': 'gzip' }, body: gzipBomb } as Reply,
      '1 MiB'
    ],
    [
      'an endless 200 text/html body',
      { kind: 'raw', status: 200, headers: { 'content-type': 'text/html' }, body: endless } as Reply,
      '1 MiB'
    ],
    ['an endless 200 JSON body', { kind: 'raw', status: 200, headers: json, body: endless } as Reply, '64 MiB'],
    ['an endless body with status 999', { kind: 'raw', status: 999, headers: json, body: endless } as Reply, '1 MiB'],
    // The SDK's SSE decoder holds a line whole until it ends: only the line is bounded.
    [
      'an endless line on a 200 event stream',
      { kind: 'raw', status: 200, headers: { 'content-type': 'text/event-stream' }, body: endless } as Reply,
      '16 MiB'
    ]
  ])(
    '%s: cut at the bound, a retryable failure, in bounded memory',
    async (_name, reply, limit) => {
      const { result, peakMb } = await askMeasured(reply)
      expect(result.code).toBe(1)
      expect(result.outputs.error).toMatch(
        new RegExp(`(the response body|a line of the event stream) is more than ${limit}`)
      )
      // Retryable: the loop gave up for want of retries, not because the failure was final.
      expect(result.stdout).toMatch(/Attempt 1 of 1: \d+ \w+ .*Stopping: gave up after 1 attempt \(/)
      // Before the bound, each ran to the 8 s timeout and peaked at 2.3-3.9 GB.
      expect(result.durationMs).toBeLessThan(8_000)
      expect(peakMb).toBeLessThan(300)
    },
    60_000
  )
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
