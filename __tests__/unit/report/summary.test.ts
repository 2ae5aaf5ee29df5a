import { record, succeeded } from '../../fixtures/builders.js'
import type { StepResult } from '../../../src/report/result.js'
import {
  escapeInline,
  MAX_ATTACHMENT_ROWS,
  MAX_TABLE_ROWS,
  renderSummary,
  SUMMARY_LIMIT_BYTES
} from '../../../src/report/summary.js'

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
  it('shows a schema answer indented in a json block, fenced longer than any backticks in it', () => {
    const json = '{"summary":"use ```ts fences```","findings":[{"line":3}]}'
    const summary = renderSummary({ ...succeeded(json), json }, 'full', undefined)
    const response = summary.slice(summary.indexOf('#### Response'))
    expect(response).toBe(
      ['#### Response', '', '````json', JSON.stringify(JSON.parse(json), null, 2), '````', ''].join('\n')
    )
  })
  it('cuts a long schema answer inside its block, and still closes the block', () => {
    const json = JSON.stringify({ items: Array.from({ length: 200_000 }, (_, i) => `item ${i}`) })
    const summary = renderSummary({ ...succeeded(json), json }, 'full', undefined)
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES)
    expect(summary).toContain(`> The response is ${Buffer.byteLength(json)} bytes`)
    expect(summary.indexOf('```json\n{\n  "items": [')).toBeGreaterThan(summary.indexOf('> The response is'))
    expect(summary.endsWith('\n```\n')).toBe(true)
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
