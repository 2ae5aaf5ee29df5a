/**
 * End to end, the runner's contract: the built dist/index.js, run as the runner runs it (INPUT_*
 * variables, file commands parsed with the runner's parser, the exit code, signals, the log as the
 * runner reads it), against the fake Anthropic API on 127.0.0.1. The real SDK talks HTTP to the
 * fake; nothing is mocked. Every other case runs in-process: __tests__/inprocess/action.test.ts.
 */
import {
  api,
  askWith,
  expectKeyNowhere,
  hello,
  KEY,
  overloaded,
  retryLog,
  RUNNER_KILLS_AFTER_MS
} from '../support/ask.js'
import type { Reply } from '../support/fake-api.js'
import { foreignCommands } from '../support/own-commands.js'
import { runAction } from '../support/run-action.js'

const ask = askWith(runAction, { 'max-delay': '60' })

describe('success', () => {
  it('answers in one request, with every output, the response file and the summary', async () => {
    const result = await ask(
      [
        {
          kind: 'message',
          text: 'Hello there.',
          usage: { input_tokens: 11, output_tokens: 3, cache_read_input_tokens: 5, cache_creation_input_tokens: 2 }
        }
      ],
      {
        system: 'Be brief.',
        'max-tokens': '100'
      }
    )
    expect(result.code).toBe(0)
    const o = result.outputs
    expect(o.response).toBe('Hello there.')
    expect(JSON.parse(o.message ?? '')).toMatchObject({
      type: 'message',
      content: [{ type: 'text', text: 'Hello there.' }]
    })
    expect(o).toMatchObject({
      model: 'claude-sonnet-5-5',
      'stop-reason': 'end_turn',
      'input-tokens': '11',
      'output-tokens': '3',
      'cache-read-input-tokens': '5',
      'cache-creation-input-tokens': '2',
      'request-id': 'req_fake_1',
      attempts: '1'
    })
    expect(o.error).toBeUndefined()
    expect(o['duration-ms']).toMatch(/^\d+$/)
    expect(retryLog(result)).toEqual([
      expect.objectContaining({
        attempt: 1,
        startMs: 0,
        status: 200,
        errorType: null,
        requestId: 'req_fake_1',
        model: 'claude-sonnet-5-5',
        waitMs: 0,
        waitReason: null
      })
    ])
    expect(result.responseFileText).toBe('Hello there.')
    expect(result.responseFileUnderRunnerTemp).toBe(true)

    // Exactly what the API was sent: one request, SDK retries off, our parameters.
    expect(api?.requests).toHaveLength(1)
    const request = api?.requests[0]
    expect(request?.headers['x-stainless-retry-count']).toBe('0')
    expect(request?.body).toEqual({
      model: 'claude-sonnet-5-5',
      max_tokens: 100,
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'Say hello.' }]
    })
    expect(result.summary).toContain('Ask Claude succeeded')
    expect(result.summary).toContain('| 1 | 0.00 s |')
    expect(result.summary.trimEnd().endsWith('Hello there.')).toBe(true)
    expectKeyNowhere(result)
  })
})

describe('limits', () => {
  it('gives up after max-retries + 1 attempts, with every output still written', async () => {
    const result = await ask([overloaded(), overloaded(), overloaded(), hello], { 'max-retries': '2' })
    expect(result.code).toBe(1)
    expect(api?.requests).toHaveLength(3)
    expect(result.outputs).toMatchObject({
      attempts: '3',
      error: 'overloaded_error: Overloaded',
      'request-id': 'req_fake_3'
    })
    expect(retryLog(result)).toHaveLength(3)
    expect(retryLog(result)[2]).toMatchObject({ waitMs: 0, waitReason: null })
    expect(result.stdout).toMatch(/::error::.*gave up after 3 attempts.*raise 'max-retries'/i)
    expect(result.summary).toContain('| 3 |')
  })
})

describe('cancel', () => {
  it.each([
    ['SIGINT during a hung request', [{ kind: 'hang' } as Reply, hello], 'SIGINT' as const, /Asking/],
    ['SIGTERM during a wait', [overloaded({ 'retry-after': '30' }), hello], 'SIGTERM' as const, /Retrying in 30/]
  ])('%s: stops at once, writes what it knows, exits non-zero', async (_name, script, signal, when) => {
    const result = await ask(script, {}, { signal: { name: signal, afterMs: 200, whenStdoutMatches: when } })
    expect(result.code).not.toBe(0)
    expect(result.timedOut).toBe(false)
    // In order: the request, then the signal (while the request hung or the 30 s wait ran), then
    // the exit. "At once" is measured from the signal and bounded by the runner's own deadline for
    // that signal, far below what the step was waiting for; not by a guess at the machine's load.
    expect(api?.requests[0]?.receivedAtMs).toBeLessThan(result.signalSentAtMs ?? -1)
    expect(result.exitedAfterSignalMs).toBeGreaterThan(0)
    expect(result.exitedAfterSignalMs).toBeLessThan(RUNNER_KILLS_AFTER_MS[signal])
    expect(result.outputs).toMatchObject({ attempts: '1', error: 'cancelled' })
    expect(result.summary).toContain('cancelled')
    expect(api?.requests).toHaveLength(1)
  })
})

describe('workflow commands in server and model text (both forms, as the runner reads them)', () => {
  it('a retried 529 and a final 401 with ##[ and :: forms in the message run no command', async () => {
    const result = await ask([
      {
        kind: 'error',
        status: 529,
        type: 'overloaded_error',
        message: '::error::forged at the start ##[add-mask]Attempt'
      },
      { kind: 'error', status: 401, type: 'authentication_error', message: '::error::forged at the start ##[warning]x' }
    ])
    expect(result.outputs.attempts).toBe('2')
    expect(foreignCommands(result, [KEY])).toEqual([])
  })
})

describe('hostile text and summary modes', () => {
  const hostile = 'Fine.\n::error::pwned\n::add-mask::Fine\n::stop-commands::x\n| a | b |\n```\nunclosed'

  it('echoes the response only inside a stop-commands guard', async () => {
    const result = await ask([{ kind: 'message', text: hostile }])
    const guard = result.stdout.match(/::stop-commands::(ask-claude-[0-9a-f-]+)\n([\s\S]*?)\n::\1::/)
    expect(guard?.[2]).toBe(hostile)
    const outside = result.stdout.replace(guard?.[0] ?? '', '')
    expect(outside).not.toContain('pwned')
    expect(result.outputs.response).toBe(hostile)
  })
})
