/**
 * run() from src/main.ts in this process (runInProcess), against the fake Anthropic API on
 * 127.0.0.1: the real SDK talks HTTP to the fake, the real @actions/core writes the file commands
 * and the log, and nothing is mocked. The same cases as a child would run, minus what only a child
 * shows (signals, the bundle, the runtime): those are in __tests__/e2e/action.test.ts.
 */
import { createRequire } from 'node:module'
import { api, askWith, expectKeyNowhere, hello, KEY, overloaded, retryLog, startApi } from '../support/ask.js'
import type { Reply } from '../support/fake-api.js'
import { foreignCommands } from '../support/own-commands.js'
import type { RunResult } from '../support/run-action.js'
import { runInProcess } from '../support/run-in-process.js'

const ask = askWith(runInProcess, { 'max-delay': '60' })

describe('success', () => {
  it('streams when asked, and the response is the whole streamed text', async () => {
    const result = await ask([{ kind: 'message', text: 'one two three four five', chunks: 5 }], { stream: 'true' })
    expect(result.code).toBe(0)
    expect(api?.requests[0]?.body.stream).toBe(true)
    expect(result.outputs.response).toBe('one two three four five')
    expect(result.outputs['request-id']).toBe('req_fake_1')
  })

  it("streams automatically when max-tokens is past the SDK's non-streaming limit", async () => {
    const plain = await ask([hello], { 'max-tokens': '21333' })
    expect(api?.requests[0]?.body.stream).toBeUndefined()
    expect(plain.code).toBe(0)
    await api?.close()
    const streamed = await ask([hello], { 'max-tokens': '21334' })
    expect(api?.requests[0]?.body.stream).toBe(true)
    expect(streamed.outputs.response).toBe('Hello there.')
  })

  it('reads the prompt and system prompt from files relative to the workspace', async () => {
    const result = await ask(
      [hello],
      { prompt: '', 'prompt-file': 'prompts/p.md', 'system-file': 'prompts/s.md' },
      {
        workspaceFiles: { 'prompts/p.md': 'From a file.\n', 'prompts/s.md': 'System from a file.' }
      }
    )
    expect(result.code).toBe(0)
    expect(api?.requests[0]?.body).toMatchObject({
      system: 'System from a file.',
      messages: [{ role: 'user', content: 'From a file.\n' }]
    })
    expect(result.stdout).not.toContain('From a file.')
  })

  it('takes the key and base URL from ANTHROPIC_API_KEY and ANTHROPIC_BASE_URL', async () => {
    const fake = await startApi({ script: [hello] })
    const result = await runInProcess({
      inputs: { prompt: 'hi' },
      env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: fake.url }
    })
    expect(result.code).toBe(0)
    expect(fake.requests[0]?.headers['x-api-key'] ?? fake.requests[0]?.headers.authorization).toContain(KEY)
    expect(result.stdout).toContain(`::add-mask::${KEY}`)
    expect(result.stdout.split(KEY)).toHaveLength(2) // only inside the mask command
  })
})

describe('retries', () => {
  it('retries 529 and 429 and logs each attempt, honouring retry-after-ms', async () => {
    const result = await ask([
      overloaded(),
      { kind: 'error', status: 429, type: 'rate_limit_error', headers: { 'retry-after-ms': '150' } },
      hello
    ])
    expect(result.code).toBe(0)
    expect(result.outputs.attempts).toBe('3')
    expect(api?.requests).toHaveLength(3)
    const log = retryLog(result)
    expect(log.map(a => [a.status, a.errorType, a.waitReason])).toEqual([
      [529, 'overloaded_error', 'backoff'],
      [429, 'rate_limit_error', 'retry-after'],
      [200, null, null]
    ])
    expect(log[1]?.waitMs).toBe(150)
    expect(log.map(a => a.requestId)).toEqual(['req_fake_1', 'req_fake_2', 'req_fake_3'])
    // Each retried failure is a warning annotation with attempt k of n, the request id and the wait.
    expect(result.stdout).toMatch(
      /::warning::Attempt 1 of 6: 529 overloaded_error \(request-id req_fake_1\).*Retrying in [\d.]+ s \(backoff/
    )
    expect(result.stdout).toMatch(
      /::warning::Attempt 2 of 6: 429 rate_limit_error \(request-id req_fake_2\).*Retrying in 0\.15 s \(retry-after/
    )
    expect(result.stdout).toMatch(/Attempt 3 of 6: 200 ok \(request-id req_fake_3\)/)
    // Every request is one HTTP request: the SDK's own retry counter never moves.
    expect(api?.requests.map(r => r.headers['x-stainless-retry-count'])).toEqual(['0', '0', '0'])
  })

  it('waits at least what retry-after asks, and not much more', async () => {
    const result = await ask([overloaded({ 'retry-after': '1' }), hello])
    expect(result.code).toBe(0)
    const [first, second] = api?.requests ?? []
    const gap = (second?.receivedAtMs ?? 0) - (first?.receivedAtMs ?? 0)
    expect(gap).toBeGreaterThanOrEqual(1000)
    expect(gap).toBeLessThan(3000)
  })

  it('after a 429 without retry-after, waits until the exhausted rate-limit bucket resets', async () => {
    const fake = await startApi({
      script: (_request, index) =>
        index === 0
          ? {
              kind: 'error',
              status: 429,
              type: 'rate_limit_error',
              headers: {
                'anthropic-ratelimit-requests-remaining': '3',
                'anthropic-ratelimit-requests-reset': new Date(Date.now() + 30_000).toISOString(),
                'anthropic-ratelimit-output-tokens-remaining': '0',
                'anthropic-ratelimit-output-tokens-reset': new Date(Date.now() + 1000).toISOString()
              }
            }
          : hello
    })
    const result = await runInProcess({
      inputs: { prompt: 'hi', 'anthropic-api-key': KEY, 'base-url': fake.url, 'base-delay': '0.01' }
    })
    expect(result.code).toBe(0)
    expect(retryLog(result)[0]).toMatchObject({ status: 429, waitReason: 'rate-limit-reset' })
    expect(result.stdout).toMatch(
      /Retrying in [01]\.\d\d s \(rate-limit-reset: the output-tokens limit is used up until /
    )
    const gap = (fake.requests[1]?.receivedAtMs ?? 0) - (fake.requests[0]?.receivedAtMs ?? 0)
    expect(gap).toBeGreaterThanOrEqual(900)
    expect(gap).toBeLessThan(3000)
  })

  it.each([
    ['a connection reset', { kind: 'reset' } as Reply],
    ['a 200 with a body that is not JSON', { kind: 'broken-body' } as Reply],
    ['a stream cut off in the middle', { kind: 'stream-cut', text: 'partial answer that must not leak' } as Reply],
    [
      'a mid-stream overloaded_error event',
      { kind: 'stream-error', text: 'partial answer that must not leak', type: 'overloaded_error' } as Reply
    ],
    ['HTTP 500', { kind: 'error', status: 500, type: 'api_error' } as Reply],
    ['HTTP 408', { kind: 'error', status: 408, type: 'timeout_error' } as Reply],
    ['HTTP 409', { kind: 'error', status: 409, type: 'conflict_error' } as Reply],
    ['HTTP 504', { kind: 'error', status: 504, type: 'timeout_error' } as Reply],
    [
      'a 400 with x-should-retry: true',
      { kind: 'error', status: 400, type: 'invalid_request_error', headers: { 'x-should-retry': 'true' } } as Reply
    ]
  ])('retries %s and returns only the successful text', async (_name, failure) => {
    const result = await ask([failure, hello], { stream: failure.kind.startsWith('stream') ? 'true' : 'auto' })
    expect(result.code).toBe(0)
    expect(result.outputs.attempts).toBe('2')
    expect(result.outputs.response).toBe('Hello there.')
    expect(result.summary).not.toContain('must not leak')
  })

  it('aborts a hung attempt at its timeout and retries', async () => {
    const result = await ask([{ kind: 'hang' }, hello], { timeout: '0.5' })
    expect(result.code).toBe(0)
    const log = retryLog(result)
    expect(log[0]).toMatchObject({ status: null, errorType: 'timeout' })
    expect(log[0]?.durationMs as number).toBeGreaterThanOrEqual(490)
    expect(log[0]?.durationMs as number).toBeLessThan(3000)
  })
})

describe('failures that must not be retried', () => {
  it.each([
    [401, 'authentication_error', /Check the API key/],
    [400, 'invalid_request_error', /check 'model'/],
    [403, 'permission_error', /may not use this model/],
    [404, 'not_found_error', /Check the model name/],
    [413, 'request_too_large', /shrink the prompt/]
  ])('HTTP %i %s: one attempt, and the failure says why and what to do', async (status, type, hint) => {
    const result = await ask([{ kind: 'error', status, type, message: 'nope' }, hello])
    expect(result.code).toBe(1)
    expect(api?.requests).toHaveLength(1)
    expect(result.outputs).toMatchObject({ attempts: '1', error: `${type}: nope`, 'request-id': 'req_fake_1' })
    expect(result.stdout).toMatch(
      new RegExp(
        `::error::Claude request failed after 1 attempt: ${type}: nope \\(HTTP ${status}, request-id req_fake_1\\)`
      )
    )
    expect(result.stdout).toMatch(hint)
    expect(result.summary).toContain('Ask Claude failed')
    expectKeyNowhere(result)
  })

  it('never retries a spend-limit 429 and says to raise the limit', async () => {
    const result = await ask([
      {
        kind: 'error',
        status: 429,
        type: 'rate_limit_error',
        errorCode: 'enforced_spend_limit_reached',
        message: 'Spend limit reached'
      },
      hello
    ])
    expect(api?.requests).toHaveLength(1)
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/spend limit was reached.*raise it/i)
  })

  it('obeys x-should-retry: false on a 529', async () => {
    const result = await ask([overloaded({ 'x-should-retry': 'false' }), hello])
    expect(api?.requests).toHaveLength(1)
    expect(result.stdout).toContain('x-should-retry: false')
  })

  it('does not retry a mid-stream invalid_request_error', async () => {
    const result = await ask([{ kind: 'stream-error', type: 'invalid_request_error', text: 'partial' }, hello], {
      stream: 'true'
    })
    expect(api?.requests).toHaveLength(1)
    expect(result.outputs.error).toMatch(/^invalid_request_error: /)
    expect(result.outputs.response).toBeUndefined()
  })
})

describe('limits', () => {
  // One server per test (afterEach closes it), so the success and the failure are two tests.
  it('says "1 attempt", not "1 attempts", after a success', async () => {
    const done = await ask([hello], { 'max-retries': '0' })
    expect(done.stdout).toMatch(/Up to 1 attempt;/)
    expect(done.stdout).toMatch(/Done in \d+\.\d+ s after 1 attempt\./)
    expect(`${done.stdout}${done.summary}`).not.toMatch(/\b1 attempts\b|attempt\(s\)/)
  })

  it('says "1 attempt", not "1 attempts", in a failure', async () => {
    const failed = await ask([overloaded()], { 'max-retries': '0' })
    expect(failed.stdout).toMatch(
      /::error::Claude request failed after 1 attempt: .*gave up after 1 attempt \(max-retries is 0\)/i
    )
    expect(`${failed.stdout}${failed.summary}`).not.toMatch(/\b1 attempts\b|attempt\(s\)/)
  })

  it('stops at once when the server asks for a wait longer than max-delay', async () => {
    const result = await ask([overloaded({ 'retry-after': '120' }), hello], { 'max-delay': '60' })
    expect(api?.requests).toHaveLength(1)
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/asked to wait 120\.00 s \(retry-after: 120\), more than max-delay \(60\.00 s\)/)
    expect(result.durationMs).toBeLessThan(10_000)
  })

  it('does not start a wait that would end past total-timeout', async () => {
    const result = await ask([overloaded({ 'retry-after': '3' }), hello], { 'total-timeout': '2' })
    expect(api?.requests).toHaveLength(1)
    expect(result.stdout).toMatch(/would end past total-timeout \(2\.00 s\)/)
    expect(result.durationMs).toBeLessThan(10_000)
  })

  it('shrinks the attempt timeout to the total deadline', async () => {
    const result = await ask([{ kind: 'hang' }, hello], { 'total-timeout': '0.6', timeout: '30' })
    expect(result.code).toBe(1)
    expect(retryLog(result)[0]).toMatchObject({ errorType: 'timeout' })
    expect(result.durationMs).toBeLessThan(10_000)
  })
})

describe('bad input', () => {
  it.each([
    [{ 'max-retries': 'abc' }, "Input 'max-retries' has invalid value 'abc'. Expected an integer >= 0."],
    [{ 'max-tokens': '0' }, "Input 'max-tokens' has invalid value '0'. Expected an integer >= 1."],
    [
      { temperature: '1.5' },
      "Input 'temperature' ('1.5') is no longer accepted: the Messages API version this action sends (anthropic-version 2026-10-21, the SDK 1.x default) removed temperature, top_p and top_k, and answers 400 to a request that carries any of them. Remove it."
    ],
    [
      { jitter: 'some' },
      "Input 'jitter' has invalid value 'some'. Expected one of 'full', 'equal', 'decorrelated', 'none'."
    ],
    [{ timeout: '0' }, "Input 'timeout' has invalid value '0'. Expected a number of seconds > 0."],
    [{ 'base-url': 'ftp://x' }, "Input 'base-url' has invalid value 'ftp://x'. Expected an http:// or https:// URL."],
    [{ prompt: '' }, "Input 'prompt' is required"],
    [{ 'prompt-file': 'p.md' }, "Inputs 'prompt' and 'prompt-file' were both given"],
    [
      { prompt: '', 'prompt-file': 'missing.md' },
      "Input 'prompt-file' has invalid value 'missing.md'. Expected a readable file"
    ],
    [
      { 'anthropic-api-key': '' },
      "No API key: input 'anthropic-api-key' is empty and ANTHROPIC_API_KEY is not set. Store the key as a repository secret"
    ]
  ])('%j fails before any request, naming the input', async (inputs, message) => {
    const result = await ask([hello], inputs)
    expect(result.code).toBe(1)
    expect(api?.requests).toHaveLength(0)
    expect(result.stdout).toContain(`::error::${message}`)
    expect(result.outputs).toMatchObject({ attempts: '0', 'retry-log': '[]' })
    expect(result.outputs.error).toContain(message.split('.')[0])
    expect(result.summary).toContain('No request was sent')
  })
})

describe('workflow commands in server and model text (both forms, as the runner reads them)', () => {
  it('a 401 whose message forges a legacy ##[error] annotation runs no command', async () => {
    const result = await ask([
      {
        kind: 'error',
        status: 401,
        type: 'authentication_error',
        message: 'no ##[error title=Deploy approved]All checks passed'
      }
    ])
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('All checks passed') // the text is still shown, as text
    expect(foreignCommands(result, [KEY])).toEqual([])
  })

  it('a 200 whose request-id header holds ##[add-mask] runs no command', async () => {
    const result = await ask([{ kind: 'message', text: 'Hi.', headers: { 'request-id': 'req_##[add-mask]x' } }])
    expect(result.code).toBe(0)
    expect(result.outputs['request-id']).toBe('req_##[add-mask]x')
    expect(foreignCommands(result, [KEY])).toEqual([])
  })

  it('a Message whose model holds ##[warning] runs no command; nor does an answer starting with ::error::', async () => {
    const result = await ask([
      { kind: 'message', text: '::error::forged\n##[error]forged too', model: 'claude-x ##[warning]x' }
    ])
    expect(result.code).toBe(0)
    expect(result.outputs.model).toBe('claude-x ##[warning]x')
    expect(foreignCommands(result, [KEY])).toEqual([])
  })

  it('a model name given as input with ##[ runs no command through the "Asking" line', async () => {
    const result = await ask([hello], {
      model: 'claude-sonnet-5-5##[add-mask]Asking',
      'fallback-models': 'b##[error]x'
    })
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Asking claude-sonnet-5-5')
    expect(foreignCommands(result, [KEY])).toEqual([])
  })
})

/** GitHub's limits: 1 MB of outputs per job, 1 MiB of step summary (a larger one is dropped whole). */
const OUTPUTS_LIMIT = 1_000_000
const SUMMARY_LIMIT = 1024 * 1024
const bytes = (text: string | undefined) => Buffer.byteLength(text ?? '')
const outputBytes = (result: RunResult) => Object.values(result.outputs).reduce((sum, v) => sum + bytes(v), 0)
const cmark = createRequire(import.meta.url)('cmark-gfm') as {
  renderHtmlSync(markdown: string, options: object): string
}
const renderGfm = (markdown: string) =>
  cmark.renderHtmlSync(markdown, {
    extensions: { table: true, strikethrough: true, tasklist: true, autolink: true, tagfilter: true },
    unsafe: true
  })

describe('size budgets: every output and summary part holding server or model text is bounded', () => {
  // Just under the 1 MiB the action reads of an error body (bounded-fetch), so the whole message
  // reaches the publishing budgets; bodies past that bound are cut at the read (responses.test.ts).
  it('a 1 MB 503 message gives a bounded error output and a summary GitHub keeps', async () => {
    const result = await ask([{ kind: 'error', status: 503, type: 'api_error', message: 'E'.repeat(1_000_000) }], {
      'max-retries': '0'
    })
    expect(result.code).toBe(1)
    expect(result.outputs.error).toMatch(/^api_error: EEE/)
    expect(bytes(result.outputs.error)).toBeLessThanOrEqual(64 * 1024)
    expect(outputBytes(result)).toBeLessThanOrEqual(OUTPUTS_LIMIT)
    expect(bytes(result.summary)).toBeLessThanOrEqual(SUMMARY_LIMIT)
    expect(result.summary).toContain('Ask Claude failed')
    expect(bytes(result.stdout)).toBeLessThan(200_000) // the attempt line and the ::error:: annotation are bounded too
  })

  it('a 1.2 MB JSON answer: outputs fit, json is whole or absent, and no negative sizes are logged', async () => {
    const answer = JSON.stringify({ text: 'j'.repeat(1_200_000) })
    const result = await ask([{ kind: 'message', text: answer }], { 'json-schema': '{"type":"object"}' })
    expect(result.code).toBe(0)
    expect(result.stdout).not.toMatch(/-\d+ bytes/)
    expect(outputBytes(result)).toBeLessThanOrEqual(OUTPUTS_LIMIT)
    if (result.outputs.json !== undefined) expect(result.outputs.json).toBe(answer)
    expect(answer.startsWith(result.outputs.response ?? 'missing')).toBe(true)
    expect(result.stdout).toMatch(/::warning::The 'response' output holds only the first \d+ bytes of 1200011/)
    expect(result.responseFileText).toBe(answer)
  })

  it('a 200 KB answer with a 200 KB json output: both fit, the json whole', async () => {
    const answer = JSON.stringify({ text: 'k'.repeat(200_000) })
    const result = await ask([{ kind: 'message', text: answer }], { 'json-schema': '{"type":"object"}' })
    expect(result.outputs.json).toBe(answer)
    expect(result.outputs.response).toBe(answer)
    expect(outputBytes(result)).toBeLessThanOrEqual(OUTPUTS_LIMIT)
  })

  it('huge server fields (error type, model, stop reason) stay within the output and summary limits', async () => {
    const failing = await ask(
      [0, 1, 2].map(() => ({ kind: 'error', status: 529, type: `overloaded_${'t'.repeat(400_000)}` }) as Reply),
      { 'max-retries': '2' }
    )
    expect(failing.outputs.attempts).toBe('3')
    expect(outputBytes(failing)).toBeLessThanOrEqual(OUTPUTS_LIMIT)
    expect(bytes(failing.summary)).toBeLessThanOrEqual(SUMMARY_LIMIT)
    expect(JSON.parse(failing.outputs['retry-log'] ?? 'null')).toHaveLength(3)
    await api?.close()
    const answered = await ask([
      { kind: 'message', text: 'Fine.', model: 'm'.repeat(400_000), stopReason: 's'.repeat(400_000) }
    ])
    expect(answered.code).toBe(0)
    expect(answered.outputs.response).toBe('Fine.')
    expect(outputBytes(answered)).toBeLessThanOrEqual(OUTPUTS_LIMIT)
    expect(bytes(answered.summary)).toBeLessThanOrEqual(SUMMARY_LIMIT)
    expect(answered.summary.trimEnd().endsWith('Fine.')).toBe(true)
  })
})

describe('server fields in the summary are escaped or type-checked (rendered with cmark-gfm)', () => {
  // A non-numeric usage count never reaches the summary: the Message shape check refuses it as
  // invalid_response (responses.test.ts); summary-containment.test.ts checks the summary's own guard.
  it('a hostile stop_reason and model hide nothing and inject no HTML', async () => {
    const result = await ask([
      { kind: 'message', text: 'The answer text.', stopReason: 'end_turn`\n\n<!--', model: '<img src=x>' }
    ])
    expect(result.code).toBe(0)
    const html = renderGfm(result.summary)
    expect(html).toContain('<table>')
    expect(html).toContain('<h4>Response</h4>')
    expect(html).toContain('The answer text.')
    expect(html).not.toContain('<img')
    expect(html).not.toContain('<!--')
  })
})

describe('hostile text and summary modes', () => {
  it('echoes at most 64 KiB of the answer into the log and points to response-file for the rest', async () => {
    const long = 'line of the answer\n'.repeat(10_000) // 190,000 bytes
    const result = await ask([{ kind: 'message', text: long }])
    expect(result.code).toBe(0)
    const guard = result.stdout.match(/::stop-commands::(ask-claude-[0-9a-f-]+)\n([\s\S]*?)\n::\1::/)
    const echoed = guard?.[2] ?? ''
    expect(bytes(echoed)).toBeGreaterThan(60 * 1024)
    expect(bytes(echoed)).toBeLessThanOrEqual(64 * 1024)
    expect(long.startsWith(echoed)).toBe(true)
    expect(bytes(result.stdout)).toBeLessThan(100_000)
    expect(result.stdout).toContain(`'response-file' output (${result.outputs['response-file']})`)
    expect(result.responseFileText).toBe(long)
  })

  it('summary: metadata leaves the response out; off writes nothing', async () => {
    const metadata = await ask([{ kind: 'message', text: 'SECRET-ANSWER-TEXT' }], { summary: 'metadata' })
    expect(metadata.summary).toContain('Ask Claude succeeded')
    expect(metadata.summary).not.toContain('SECRET-ANSWER-TEXT')
    await api?.close()
    const off = await ask([hello], { summary: 'off' })
    expect(off.summary).toBe('')
    expect(off.outputs.response).toBe('Hello there.')
  })

  it('cuts a response longer than the summary limit, pointing to response-file', async () => {
    const long = 'x'.repeat(1_200_000)
    const result = await ask([{ kind: 'message', text: long }])
    expect(result.code).toBe(0)
    expect(Buffer.byteLength(result.summary)).toBeLessThanOrEqual(1024 * 1024)
    expect(result.summary).toContain('response-file')
    expect(result.responseFileText).toHaveLength(1_200_000)
  })
})
