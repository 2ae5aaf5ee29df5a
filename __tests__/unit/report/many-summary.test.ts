/**
 * The many-prompts summary: the failed items are listed up to a cap with every cell escaped. Its
 * completions chart is checked with Mermaid's own parser, a child process, in process/mermaid.test.ts.
 */
import { LISTED_FAILURES, renderManySummary } from '../../../src/report/many-summary.js'
import { tally } from '../../fixtures/tally.js'

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
