/**
 * The many-prompts report: the completions chart must be a Mermaid diagram GitHub can draw
 * (checked with Mermaid's own parser in a child, as mermaid.test.ts does), the failed items are
 * listed up to a cap with every cell escaped, and the progress line counts right.
 */
import { manyOutputs } from '../../../src/report/many-publish.js'
import { tally } from '../../fixtures/tally.js'

describe('manyOutputs', () => {
  it('sets totals, tokens, the results file and an error only on failure', () => {
    const report = {
      tally: tally(),
      mode: 'direct' as const,
      durationMs: 1234.5,
      resultsFile: '/r.jsonl',
      stopped: undefined
    }
    expect(manyOutputs(report, 'm')).toEqual({
      total: '10',
      succeeded: '10',
      failed: '0',
      'results-file': '/r.jsonl',
      'input-tokens': '120',
      'output-tokens': '70',
      'cache-read-input-tokens': '0',
      'cache-creation-input-tokens': '0',
      attempts: '11',
      'duration-ms': '1235',
      model: 'm',
      'cost-usd': expect.stringMatching(/^0\.001/)
    })
    const failed = manyOutputs({ ...report, tally: tally({ failed: 2, succeeded: 8 }) }, 'm')
    expect(failed.error).toBe('items_failed: 2 of 10 items failed')
    expect(manyOutputs({ ...report, stopped: 'cancelled' }, 'm').error).toBe('cancelled')
  })
})
