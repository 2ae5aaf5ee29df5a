import { Ledger } from '../../../src/batch/batch-ledger.js'
import { COMMIT_LINES, type LineContext, outcomeOfLine, readIntoLedger } from '../../../src/batch/batch-results.js'
import type { SchemaCheck } from '../../../src/claude/schema.js'

const KEY = 'sk-ant-api03-leaked-key-in-a-result-line'
const message = (text: string, overrides: Record<string, unknown> = {}) => ({
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-5',
  content: [{ type: 'text', text }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 7, output_tokens: 3 },
  ...overrides
})
const succeeded = (id: string, body: unknown) => ({ custom_id: id, result: { type: 'succeeded', message: body } })
const errored = (id: string, type: string, text = 'm') => ({
  custom_id: id,
  result: { type: 'errored', error: { type: 'error', error: { type, message: text } } }
})
const context =
  (overrides: Partial<LineContext> = {}) =>
  (): LineContext => ({ submissions: 1, maxRetries: 2, canResubmit: true, ...overrides })
/** A schema that wants an object with a string `answer`. */
const wantsAnswer: SchemaCheck = value =>
  typeof value === 'object' && value !== null && typeof (value as { answer?: unknown }).answer === 'string'
    ? undefined
    : 'answer must be a string'

describe('outcomeOfLine', () => {
  it('turns a succeeded line into the result to write', () => {
    expect(outcomeOfLine(succeeded('a', message('Hello')), context({ submissions: 2 }))).toEqual({
      kind: 'write',
      id: 'a',
      result: {
        id: 'a',
        status: 'succeeded',
        response: 'Hello',
        usage: { input_tokens: 7, output_tokens: 3 },
        stop_reason: 'end_turn',
        model: 'claude-sonnet-5',
        attempts: 2,
        request_id: null
      }
    })
  })

  it('refuses a line without a custom_id', () => {
    for (const line of [{ result: {} }, { custom_id: '' }, { custom_id: 5 }, null, 'text']) {
      expect(outcomeOfLine(line, context())).toEqual({ kind: 'invalid', problem: 'a result line has no custom_id' })
    }
  })

  it('a succeeded line whose message is not a Message is a failure, not an answer', () => {
    const outcome = outcomeOfLine(succeeded('a', message('x', { usage: undefined })), context())
    expect(outcome).toEqual({
      kind: 'write',
      id: 'a',
      result: { id: 'a', status: 'failed', attempts: 1, error: 'invalid_response: the message has no usage' }
    })
  })

  it('goes again for a transient error only while it can be resubmitted', () => {
    expect(outcomeOfLine(errored('a', 'overloaded_error'), context())).toEqual({
      kind: 'retry',
      id: 'a',
      why: 'overloaded_error'
    })
    // Collected by batch-ids alone: the request is not at hand, so the error is final.
    expect(outcomeOfLine(errored('a', 'overloaded_error'), context({ canResubmit: false }))).toMatchObject({
      kind: 'write',
      result: { status: 'failed', error: 'overloaded_error: m' }
    })
  })

  it('never writes a key-shaped string from the server into an error or the fields around the answer', () => {
    const outcome = outcomeOfLine(errored('a', 'authentication_error', `bad key ${KEY}`), context())
    expect(outcome.kind).toBe('write')
    expect(JSON.stringify(outcome)).not.toContain(KEY)
    // Nor from the fields around the answer (the answer itself is published as the model wrote it).
    const around = outcomeOfLine(succeeded('b', message('fine', { model: `claude ${KEY}` })), context())
    expect(around).toMatchObject({ kind: 'write', result: { status: 'succeeded', response: 'fine' } })
    expect(JSON.stringify(around)).not.toContain(KEY)
  })

  it('with a schema: keeps the parsed JSON of an answer that follows it', () => {
    const outcome = outcomeOfLine(succeeded('a', message('{"answer": "42"}')), context({ schemaCheck: wantsAnswer }))
    expect(outcome).toMatchObject({ kind: 'write', result: { status: 'succeeded', json: { answer: '42' } } })
  })

  it('with a schema: asks again for an answer that misses it, and fails it with the answer kept after the last try', () => {
    const line = succeeded('a', message('{"answer": 42}'))
    expect(outcomeOfLine(line, context({ schemaCheck: wantsAnswer }))).toEqual({
      kind: 'retry',
      id: 'a',
      why: 'schema_mismatch'
    })
    expect(outcomeOfLine(line, context({ schemaCheck: wantsAnswer, submissions: 3 }))).toMatchObject({
      kind: 'write',
      result: {
        status: 'failed',
        response: '{"answer": 42}',
        attempts: 3,
        error: 'schema_mismatch: the answer does not follow the schema: answer must be a string'
      }
    })
    expect(outcomeOfLine(succeeded('b', message('not json')), context({ schemaCheck: wantsAnswer }))).toMatchObject({
      kind: 'retry',
      why: 'invalid_json'
    })
  })

  it('with a schema: an answer cut off at max-tokens fails at once (asking again would cut it again)', () => {
    const line = succeeded('a', message('{"answer": "4', { stop_reason: 'max_tokens' }))
    const outcome = outcomeOfLine(line, context({ schemaCheck: wantsAnswer }))
    expect(outcome).toMatchObject({ kind: 'write', result: { status: 'failed', attempts: 1 } })
    expect(outcome.kind === 'write' && outcome.result.error).toMatch(
      /^output_truncated: the answer was cut off at max-tokens, so the answer is not JSON/
    )
  })
})

describe('readIntoLedger', () => {
  // Moved from __tests__/inprocess/batch.test.ts ("batch planning (pure)").
  it('reading results: COMMIT_LINES lines per write, a progress line every 10 s, the rest written after a cut', async () => {
    const writes: number[] = []
    const ledger = new Ledger({ writeAll: async results => void writes.push(results.length) }, 0)
    let clock = 0
    const progress: number[] = []
    const total = 2 * COMMIT_LINES + 88
    const { read, written, streamed } = await readIntoLedger({
      read: async onLine => {
        for (let i = 0; i < total; i++) {
          clock += 50
          await onLine({ custom_id: `id-${i}` })
        }
        return {
          ok: false,
          failure: {} as never,
          stop: 'final-error',
          detail: { reason: 'final-error', why: 'cut' },
          attempts: [],
          durationMs: 0
        }
      },
      take: line => {
        const id = (line as { custom_id: string }).custom_id
        return ledger.claim(id) ? { id, status: 'succeeded', attempts: 1 } : undefined
      },
      ledger,
      progress: count => progress.push(count),
      now: () => clock
    })
    expect(streamed.ok).toBe(false)
    expect({ read, written }).toEqual({ read: total, written: total })
    expect(writes).toEqual([COMMIT_LINES, COMMIT_LINES, 88])
    expect(progress).toEqual([200, 400, 600])
    expect(ledger.finish()).toMatchObject({ succeeded: total })
  })

  it('writes what was taken even when the download throws, and lines already held are read, not written', async () => {
    const writes: string[][] = []
    const ledger = new Ledger(
      { writeAll: async results => void writes.push(results.map(r => r.id)) },
      0,
      new Set(['b'])
    )
    const reading = readIntoLedger({
      read: async onLine => {
        for (const id of ['a', 'b', 'c']) await onLine({ custom_id: id })
        throw new Error('socket hang up')
      },
      take: line => {
        const id = (line as { custom_id: string }).custom_id
        return ledger.claim(id) ? { id, status: 'succeeded', attempts: 1 } : undefined
      },
      ledger,
      progress: () => {},
      now: () => 0
    })
    await expect(reading).rejects.toThrow('socket hang up')
    expect(writes).toEqual([['a', 'c']])
  })
})
