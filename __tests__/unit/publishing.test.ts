import type { AttemptRecord } from '../../src/retry/loop.js'
import { message, record, succeeded } from '../fixtures/builders.js'
import { explainFailure } from '../../src/report/log-lines.js'
import type { AttemptFailure } from '../../src/retry/failure.js'
import { oneLine } from '../../src/report/format.js'
import { truncateUtf8 } from '../../src/util/text.js'
import { parseWorkflowCommands } from '../support/run-action.js'
import { ERROR_OUTPUT_BYTES, OUTPUT_BUDGET_BYTES, outputValues, RETRY_LOG_BYTES } from '../../src/report/outputs.js'
import type { StepResult } from '../../src/report/result.js'
import {
  escapeInline,
  MAX_ATTACHMENT_ROWS,
  MAX_TABLE_ROWS,
  renderSummary,
  SUMMARY_LIMIT_BYTES
} from '../../src/report/summary.js'

describe('outputValues', () => {
  it('sets every known output; missing cache counts are 0', () => {
    const { values, warnings } = outputValues(succeeded('Hi'), '/tmp/r.md')
    expect(values).toEqual({
      response: 'Hi',
      'response-file': '/tmp/r.md',
      message: JSON.stringify(message('Hi')),
      model: 'claude-sonnet-5-5',
      'stop-reason': 'end_turn',
      'input-tokens': '10',
      'output-tokens': '5',
      'cache-read-input-tokens': '0',
      'cache-creation-input-tokens': '3',
      'request-id': 'req_1',
      attempts: '1',
      'retry-log': JSON.stringify([record()]),
      'duration-ms': '1234'
    })
    expect(warnings).toEqual([])
  })
  it('on failure sets what is known and no response', () => {
    const failed: StepResult = {
      ...succeeded(''),
      status: 'failed',
      message: undefined,
      text: undefined,
      error: 'overloaded_error: Overloaded',
      explanation: 'x'
    }
    const { values } = outputValues(failed, undefined)
    expect(Object.keys(values).sort()).toEqual(['attempts', 'duration-ms', 'error', 'request-id', 'retry-log'])
  })
  it('keeps outputs under the budget: drops message, then cuts response, and says so', () => {
    const text = 'é'.repeat(OUTPUT_BUDGET_BYTES) // 2 bytes each
    const { values, warnings } = outputValues(succeeded(text), '/tmp/r.md')
    expect(values.message).toBeUndefined()
    const total = Object.values(values).reduce((sum, v) => sum + Buffer.byteLength(v), 0)
    expect(total).toBeLessThanOrEqual(OUTPUT_BUDGET_BYTES)
    expect(values.response).toMatch(/^é+$/)
    expect(warnings).toHaveLength(2)
  })
})

describe('outputValues: every output counts in the budget', () => {
  const total = (values: Record<string, string>) =>
    Object.values(values).reduce((sum, v) => sum + Buffer.byteLength(v), 0)

  it('keeps json whole and cuts response when both do not fit; never a negative size', () => {
    const text = JSON.stringify({ a: 'x'.repeat(500_000) })
    const { values, warnings } = outputValues({ ...succeeded(text), json: text }, '/tmp/r.md')
    expect(values.json).toBe(text)
    expect(text.startsWith(values.response ?? 'missing')).toBe(true)
    expect(total(values)).toBeLessThanOrEqual(OUTPUT_BUDGET_BYTES)
    expect(warnings.join('\n')).not.toMatch(/-\d/)
  })

  it('drops a json output too large on its own, and still cuts response to fit', () => {
    const text = JSON.stringify({ a: 'x'.repeat(1_200_000) })
    const { values, warnings } = outputValues({ ...succeeded(text), json: text }, '/tmp/r.md')
    expect(values.json).toBeUndefined()
    expect(total(values)).toBeLessThanOrEqual(OUTPUT_BUDGET_BYTES)
    expect(warnings).toEqual([
      expect.stringContaining("'message' output was left empty"),
      expect.stringContaining("'json' output was left empty"),
      expect.stringMatching(/'response' output holds only the first \d+ bytes of 1200008/)
    ])
  })

  it('clips the error output and server fields; leaves out token counts that are not numbers', () => {
    const failed: StepResult = {
      ...succeeded(''),
      status: 'failed',
      message: undefined,
      text: undefined,
      error: `api_error: ${'e'.repeat(2_000_000)}`,
      explanation: 'x'
    }
    expect(Buffer.byteLength(outputValues(failed, undefined).values.error ?? '')).toBeLessThanOrEqual(
      ERROR_OUTPUT_BYTES
    )
    const hostile = {
      ...message('Hi'),
      model: 'm'.repeat(500_000),
      stop_reason: 's'.repeat(500_000),
      usage: { input_tokens: '<img>', output_tokens: -1, cache_read_input_tokens: 1.5 }
    }
    const { values } = outputValues(
      { ...succeeded('Hi'), message: hostile as unknown as StepResult['message'] },
      '/tmp/r.md'
    )
    expect(values.model?.length).toBeLessThanOrEqual(1024)
    expect(values['stop-reason']?.length).toBeLessThanOrEqual(1024)
    expect(values).not.toHaveProperty('input-tokens')
    expect(values).not.toHaveProperty('output-tokens')
    expect(values).not.toHaveProperty('cache-read-input-tokens')
    expect(values['cache-creation-input-tokens']).toBe('0')
    expect(total(values)).toBeLessThanOrEqual(OUTPUT_BUDGET_BYTES)
  })

  it('keeps the last attempts of a retry-log that would be too large, and says so', () => {
    const attempts = Array.from({ length: 3000 }, (_, i) => record({ attempt: i + 1, requestId: 'r'.repeat(5000) }))
    const { values, warnings } = outputValues({ ...succeeded('Hi', attempts) }, '/tmp/r.md')
    const log = JSON.parse(values['retry-log'] ?? '[]') as AttemptRecord[]
    expect(Buffer.byteLength(values['retry-log'] ?? '')).toBeLessThanOrEqual(RETRY_LOG_BYTES)
    expect(log.at(-1)?.attempt).toBe(3000)
    expect(values.attempts).toBe('3000')
    expect(warnings).toContainEqual(
      expect.stringMatching(/'retry-log' output holds only the last \d+ of 3000 attempts/)
    )
  })
})

describe('renderSummary', () => {
  it('stays within 1 MiB with thousands of attempts and huge server fields, and shows first and last rows', () => {
    const attempts = Array.from({ length: 5000 }, (_, i) =>
      record({
        attempt: i + 1,
        status: 529,
        errorType: `overloaded_${'&'.repeat(100_000)}`,
        requestId: '<'.repeat(100_000)
      })
    )
    const failed: StepResult = {
      ...succeeded('', attempts),
      status: 'failed',
      message: undefined,
      text: undefined,
      error: 'x',
      explanation: '&'.repeat(2_000_000)
    }
    const summary = renderSummary(failed, 'full', undefined)
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES)
    expect(summary).toContain('| 1 | ')
    expect(summary).toContain('| 5000 | ')
    expect(summary).toContain(`${5000 - MAX_TABLE_ROWS} more attempts`)
  })

  const retried = [
    record({ status: 529, errorType: 'overloaded_error', waitMs: 850, waitReason: 'backoff' }),
    record({ attempt: 2, startMs: 1250, requestId: 'req_2' })
  ]
  it('puts the status line and the attempts table before the response', () => {
    const summary = renderSummary(succeeded('**Answer**', retried), 'full', '/tmp/r.md')
    expect(summary).toBe(
      [
        '### ✅ Ask Claude succeeded',
        '',
        'model `claude-sonnet-5-5` · 2 attempts · 1.23 s · 10 input / 5 output tokens · stop reason `end_turn`',
        '',
        '#### Attempts',
        '',
        '| # | Started | Took | Outcome | Request ID | Wait before next |',
        '|---|---|---|---|---|---|',
        '| 1 | 0.00 s | 0.40 s | 529 overloaded\\_error | req\\_1 | 0.85 s (backoff) |',
        '| 2 | 1.25 s | 0.40 s | 200 ok | req\\_2 | — |',
        '',
        '```mermaid',
        'gantt',
        '  dateFormat x',
        '  axisFormat %M:%S',
        '  section Requests',
        '  Attempt 1 529 overloaded_error :crit, a1, 0, 400',
        '  Attempt 2 200 ok :done, a2, 1250, 1650',
        '  section Waits',
        '  backoff 0.85 s :w1, 400, 1250',
        '```',
        '',
        '#### Response',
        '',
        '**Answer**',
        ''
      ].join('\n')
    )
  })
  it('metadata leaves the response out; off is empty', () => {
    expect(renderSummary(succeeded('TEXT'), 'metadata', undefined)).not.toContain('TEXT')
    expect(renderSummary(succeeded('TEXT'), 'off', undefined)).toBe('')
  })
  it('cuts a long response to fit 1 MiB, with the note before the response', () => {
    const summary = renderSummary(succeeded('€'.repeat(600_000)), 'full', '/tmp/r.md')
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES)
    expect(summary.indexOf('response-file')).toBeLessThan(summary.indexOf('€'))
    expect(summary).not.toContain('\uFFFD')
  })
  it('server text in a table cell cannot break the table or inject HTML', () => {
    expect(escapeInline('a|b<script>\n`x`')).toBe('a\\|b&lt;script&gt; \\`x\\`')
  })
  it('lists the attached files before the response: escaped paths, at most MAX_ATTACHMENT_ROWS rows', () => {
    const files = Array.from({ length: MAX_ATTACHMENT_ROWS + 3 }, (_, i) => ({
      path: `shots/${i}_|<b>.png`,
      kind: 'image (PNG, 10×10)',
      bytes: 100 + i
    }))
    const summary = renderSummary({ ...succeeded('Answer'), attachments: files }, 'full', undefined)
    const table = summary.split('#### Attachments\n\n')[1]?.split('\n\n')[0]?.split('\n') ?? []
    expect(table.slice(0, 3)).toEqual([
      '| File | Kind | Size |',
      '|---|---|---|',
      '| shots/0\\_\\|&lt;b&gt;.png | image (PNG, 10×10) | 100 bytes |'
    ])
    expect(table).toHaveLength(2 + MAX_ATTACHMENT_ROWS + 1)
    expect(table.at(-1)).toBe('| … | 3 more files | |')
    expect(summary.indexOf('#### Attachments')).toBeLessThan(summary.indexOf('#### Response'))
  })
})

describe('oneLine (the gate for server and user text on a log line)', () => {
  it.each([
    'no ##[error title=Deploy approved]All checks passed',
    '##[add-mask]x',
    '::error::at the start',
    ' \t\u00a0\u0085::warning::after white space the runner trims',
    'a\n::error::after LF\r::add-mask::after CR\u2028::error::after LS',
    '##[stop-commands]t\n##[error]x'
  ])('%j runs no command as the runner reads it, and still reads the same', text => {
    const line = oneLine(text)
    expect(parseWorkflowCommands(`Attempt 1: ${line}`)).toEqual([])
    expect(parseWorkflowCommands(line)).toEqual([])
    expect(line.replace(/\u200b/g, '')).toBe(text.replace(/[\r\n\u2028\u2029]+/g, ' '))
  })
})

describe('truncateUtf8', () => {
  it('never splits a character', () => {
    expect(truncateUtf8('a€b', 2)).toBe('a')
    expect(truncateUtf8('a€b', 4)).toBe('a€')
    expect(truncateUtf8('abc', 10)).toBe('abc')
  })
})

describe('explainFailure', () => {
  const failure: AttemptFailure = {
    kind: 'http',
    status: 401,
    errorType: 'authentication_error',
    errorCode: null,
    requestId: 'req_9',
    message: 'invalid x-api-key',
    headers: {}
  }
  it('says what, where, why it stopped and what to do', () => {
    expect(explainFailure(failure, { reason: 'final-error', why: 'HTTP 401 will not change on retry' }, 1, 'm')).toBe(
      "Claude request failed after 1 attempt: authentication_error: invalid x-api-key (HTTP 401, request-id req_9). Not retried: HTTP 401 will not change on retry. Check the API key: the secret passed as 'anthropic-api-key' (or ANTHROPIC_API_KEY) is wrong, revoked or empty."
    )
  })
})
