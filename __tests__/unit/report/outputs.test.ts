import type { AttemptRecord } from '../../../src/retry/loop.js'
import { message, record, succeeded } from '../../fixtures/builders.js'
import { ERROR_OUTPUT_BYTES, OUTPUT_BUDGET_BYTES, outputValues, RETRY_LOG_BYTES } from '../../../src/report/outputs.js'
import type { StepResult } from '../../../src/report/result.js'

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
