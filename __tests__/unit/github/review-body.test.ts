import { COMMENT_LIMIT } from '../../../src/github/body.js'
import { findingPlace, reviewBody } from '../../../src/github/review-body.js'
import type { PlacedFinding } from '../../../src/github/review-placement.js'

const MARKER = '<!-- ask-claude-review:wf/job/step -->'
const RUN = 'https://github.com/o/r/actions/runs/1'

describe('reviewBody', () => {
  const placed: PlacedFinding[] = [
    {
      finding: { path: 'a.ts', line: 2, body: 'inline one' },
      inline: { path: 'a.ts', line: 2, side: 'RIGHT', body: 'x' }
    },
    { finding: { path: 'b.ts', line: 9, body: 'off the diff, cc @bob\nsecond line' }, reason: 'not-in-diff' },
    { finding: { path: 'c.ts', line: 4, start_line: 2, body: 'range', suggestion: 'y' }, reason: 'range' }
  ]
  it('starts with the marker, keeps the summary, lists only the findings not inline under the heading', () => {
    const body = reviewBody({
      provenance: '<sub>Ask Claude</sub>',
      summary: 'Looks fine, @alice.',
      placed,
      marker: MARKER,
      runUrl: RUN
    })
    expect(body).toBe(
      [
        MARKER,
        '<sub>Ask Claude</sub>',
        '',
        'Looks fine, @\u200dalice.',
        '',
        '### Findings not on the diff',
        '',
        '- `b.ts:9` — off the diff, cc @\u200dbob',
        '  second line',
        '- `c.ts:2-4` — range',
        '',
        '  Suggested replacement:',
        '  ```',
        '  y',
        '  ```',
        ''
      ].join('\n')
    )
  })
  it('has no heading when every finding is inline', () => {
    const body = reviewBody({ provenance: 'p', summary: 's', placed: placed.slice(0, 1), marker: MARKER, runUrl: RUN })
    expect(body).not.toContain('Findings not on the diff')
  })
  it('is cut to GitHub’s limit with a link to the run', () => {
    const many: PlacedFinding[] = Array.from({ length: 2000 }, (_, i) => ({
      finding: { path: `f${i}.ts`, line: 1, body: 'z'.repeat(100) },
      reason: 'not-in-diff'
    }))
    const body = reviewBody({ provenance: 'p', summary: 's', placed: many, marker: MARKER, runUrl: RUN })
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT)
    expect(body.endsWith(`full response in the run: ${RUN}`)).toBe(true)
  })
})

describe('findingPlace', () => {
  it('names a line, a range and a removed line', () => {
    expect(findingPlace({ path: 'a', line: 3, body: '' })).toBe('a:3')
    expect(findingPlace({ path: 'a', line: 3, start_line: 1, body: '' })).toBe('a:1-3')
    expect(findingPlace({ path: 'a', line: 3, side: 'LEFT', body: '' })).toBe('a:3 (removed line)')
  })
})
