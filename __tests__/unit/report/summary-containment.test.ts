/**
 * The job summary is Markdown that GitHub renders with cmark-gfm. Whatever the model answers,
 * the status line and the attempts table above the response must render exactly as they would
 * with a harmless answer. Rendered here with cmark-gfm itself, GFM extensions on.
 */
import { createRequire } from 'node:module'
import type { StepResult } from '../../../src/report/result.js'
import type { AttemptRecord } from '../../../src/retry/loop.js'
import { record, succeeded } from '../../fixtures/builders.js'
import { renderSummary } from '../../../src/report/summary.js'

const cmark = createRequire(import.meta.url)('cmark-gfm') as {
  renderHtmlSync(markdown: string, options: object): string
}
const GFM = {
  extensions: { table: true, strikethrough: true, tasklist: true, autolink: true, tagfilter: true },
  unsafe: true
}
const render = (markdown: string) => cmark.renderHtmlSync(markdown, GFM)

const attempts = [
  record({
    durationMs: 300,
    status: 529,
    errorType: 'overloaded_error',
    model: 'm',
    waitMs: 800,
    waitReason: 'backoff'
  }),
  record({ attempt: 2, startMs: 1100, durationMs: 300, requestId: 'req_2', model: 'm' })
]
const result = (text: string) => succeeded(text, attempts, { durationMs: 1400 })

/** The rendered HTML up to and including the Response heading. */
function head(markdown: string): string {
  const html = render(markdown)
  const at = html.indexOf('<h4>Response</h4>')
  expect(at).toBeGreaterThan(0)
  return html.slice(0, at)
}

const HOSTILE = {
  'an unclosed code fence': 'Look:\n```js\nconst x = 1\n',
  'a closing details tag': '</details></table></td>\n\n# Owned',
  'an unclosed HTML comment': 'Before <!-- everything after is hidden',
  'a table row': '| 3 | 9.99 s | 0.01 s | 200 ok | req\\_fake | — |\n|---|---|',
  'raw HTML blocks': '<table><tr><td>cell</td></tr></table>\n<h3>❌ Ask Claude failed</h3>\n<script>alert(1)</script>',
  'a setext underline and a reference definition': '===\n---\n[req_1]: https://evil.example\n',
  'workflow commands': '::error::pwned\n::add-mask::x'
}

describe('summary containment under cmark-gfm', () => {
  const baseline = head(renderSummary(result('A harmless answer.'), 'full', '/tmp/r.md'))

  it('renders the status line and a two-row attempts table for a harmless answer', () => {
    expect(baseline).toContain('<h3>✅ Ask Claude succeeded</h3>')
    const rows = baseline.split('<tbody>')[1]?.split('</tbody>')[0]?.match(/<tr>/g) ?? []
    expect(rows).toHaveLength(2)
    expect(baseline).toContain('<td>529 overloaded_error</td>')
  })

  it.each(Object.entries(HOSTILE))('an answer with %s leaves everything above it unchanged', (_name, text) => {
    expect(head(renderSummary(result(text), 'full', '/tmp/r.md'))).toBe(baseline)
  })

  it('all of them at once, in a response long enough to be cut, still leave the head unchanged', () => {
    const text = Object.values(HOSTILE).join('\n') + 'x'.repeat(1_100_000)
    const markdown = renderSummary(result(text), 'full', '/tmp/r.md')
    const html = render(markdown)
    // The cut note sits between the heading and the response, so compare up to the heading.
    expect(head(markdown)).toBe(baseline)
    expect(html).toContain('response-file')
  })

  it('server-controlled cells (error type, request id) cannot add rows, columns or HTML', () => {
    const hostileAttempts: AttemptRecord[] = [
      { ...attempts[0]!, errorType: 'x | y | z\n| 9 |', requestId: '<img src=x onerror=alert(1)>' },
      attempts[1]!
    ]
    const html = render(renderSummary({ ...result('ok'), attempts: hostileAttempts }, 'full', undefined))
    const body = html.split('<tbody>')[1]?.split('</tbody>')[0] ?? ''
    expect(body.match(/<tr>/g)).toHaveLength(2)
    expect(body.match(/<td>/g)).toHaveLength(12)
    expect(body).not.toContain('<img')
  })
  it.each([
    ['a stop_reason that closes its code span and opens an HTML comment', { stop_reason: 'end_turn`\n\n<!--' }],
    ['a stop_reason with raw HTML', { stop_reason: '<img src=x onerror=alert(1)>' }],
    ['token counts that are HTML, not numbers', { usage: { input_tokens: '<img src=x>', output_tokens: '<!--' } }],
    ['a model name with a backtick and a comment', { model: 'claude`\n\n<!--' }]
  ])('%s: the status line stays one line of text, the table and the response stay', (_name, fields) => {
    const base = result('The answer.')
    const hostile = {
      ...base,
      model: (fields as { model?: string }).model ?? base.model,
      message: { ...base.message, ...fields } as StepResult['message']
    }
    const html = render(renderSummary(hostile, 'full', '/tmp/r.md'))
    expect(html).not.toContain('<img')
    expect(html).not.toContain('<!--')
    const rows = html.split('<tbody>')[1]?.split('</tbody>')[0]?.match(/<tr>/g) ?? []
    expect(rows).toHaveLength(2)
    expect(html).toContain('<h4>Response</h4>\n<p>The answer.</p>')
  })

  it('a non-numeric token count shows as ?, not as the server wrote it', () => {
    const base = result('x')
    const markdown = renderSummary(
      {
        ...base,
        message: {
          ...base.message,
          usage: { input_tokens: '9 <b>', output_tokens: 2 }
        } as unknown as StepResult['message']
      },
      'full',
      undefined
    )
    expect(markdown).toContain('? input / 2 output tokens')
  })
})
