/**
 * The many-prompts report: the completions chart must be a Mermaid diagram GitHub can draw
 * (checked with Mermaid's own parser in a child, as mermaid.test.ts does), the failed items are
 * listed up to a cap with every cell escaped, and the progress line counts right.
 */
import { progressLine } from '../../../src/report/many-lines.js'
import { tally } from '../../fixtures/tally.js'

describe('progressLine', () => {
  it('done/total, rate, ETA and failures; resumed items are outside done/total', () => {
    const t = tally({ total: 12, skipped: 2, failed: 1, completions: [1000, 2000, 3000, 4000] })
    expect(progressLine(t, 4000)).toBe(
      'Progress: 4/10 items (40%), 1.00 items/s, ETA 6.00 s, 1 failed, 2 skipped (succeeded before)'
    )
    expect(progressLine(tally(), 5000)).toMatch(/^Progress: 10\/10 items \(100%\), 2\.00 items\/s, done, 0 failed$/)
    expect(progressLine(tally({ completions: [] }), 0)).toMatch(/0\/10 items \(0%\), 0\.00 items\/s, ETA unknown/)
  })
})
