/**
 * The many-prompts report: the completions chart must be a Mermaid diagram GitHub can draw
 * (checked with Mermaid's own parser in a child, as mermaid.test.ts does), the failed items are
 * listed up to a cap with every cell escaped, and the progress line counts right.
 */
import { completionsChart, LISTED_FAILURES, renderManySummary } from '../../../src/report/many-summary.js'
import { diagram, parseMermaid as parse } from '../../support/mermaid.js'
import { tally } from '../../fixtures/tally.js'

describe('completionsChart', () => {
  it('is a valid xychart with a cumulative line ending at the number completed', () => {
    const chart = completionsChart([100, 900, 1500, 1500, 4000], 4000)
    expect(parse(diagram(chart))).toEqual({ ok: true, diagramType: 'xychart' })
    const line = /line \[(.*)\]/.exec(chart)?.[1]?.split(', ').map(Number) ?? []
    expect(line.at(-1)).toBe(5)
    expect(line[0]).toBe(0)
    expect([...line].sort((a, b) => a - b)).toEqual(line)
  })

  it('has at most 30 points for 10,000 items, and nothing for none', () => {
    const chart = completionsChart(
      Array.from({ length: 10_000 }, (_, i) => i * 3),
      30_000
    )
    expect(parse(diagram(chart)).ok).toBe(true)
    expect(/line \[(.*)\]/.exec(chart)?.[1]?.split(', ')).toHaveLength(30)
    expect(completionsChart([], 1000)).toBe('')
  })
})

describe('renderManySummary', () => {
  it('lists the first 50 failed items, escaped, then a count, and where the results are', () => {
    const failures = Array.from({ length: LISTED_FAILURES }, (_, i) => ({
      id: `id_${i}`,
      attempts: 3,
      error: i === 0 ? 'overloaded_error: <b>|x|</b>\n::error::boom' : 'deadline'
    }))
    const summary = renderManySummary({
      tally: tally({ total: 80, succeeded: 20, failed: 60, failures }),
      mode: 'direct',
      durationMs: 5000,
      resultsFile: '/tmp/r/results.jsonl',
      stopped: undefined,
      throttles: 2
    })
    expect(summary).toContain('❌ Ask Claude (many prompts) had failures')
    expect(summary.match(/^\| id\\_\d+ \|/gm)).toHaveLength(50)
    expect(summary).toContain('… and 10 more failed items.')
    expect(summary).toContain('overloaded\\_error: &lt;b&gt;\\|x\\|&lt;/b&gt; ::error::boom')
    expect(summary).toContain('2 rate-limit pauses')
    expect(summary).toContain('/tmp/r/results.jsonl')
    expect(parse(diagram(/```mermaid\n[\s\S]*?\n```/.exec(summary)?.[0] ?? '')).ok).toBe(true)
  })
})

describe('renderManySummary with nothing collected', () => {
  it('shows no cost row when this run wrote no result (batch-wait false: the batches are billed later)', () => {
    const summary = renderManySummary({
      tally: tally({
        total: 0,
        succeeded: 0,
        requests: 1,
        costUsd: 0,
        inputTokens: 0,
        outputTokens: 0,
        completions: []
      }),
      mode: 'batch',
      durationMs: 800,
      resultsFile: '/tmp/r/results.jsonl',
      stopped: undefined
    })
    expect(summary).not.toContain('Estimated cost')
    expect(
      renderManySummary({ tally: tally(), mode: 'direct', durationMs: 1, resultsFile: '/r', stopped: undefined })
    ).toContain('| Estimated cost | $0.001 |')
  })
})
