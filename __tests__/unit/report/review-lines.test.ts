import { findingsTable } from '../../../src/report/review-lines.js'

describe('findingsTable', () => {
  it('shows file, line, on the diff or not and the first line of the body, with pipes and newlines escaped', () => {
    const table = findingsTable([
      { path: 'src/a|b.ts', line: 3, onDiff: true, body: '\nFirst | line\nsecond line' },
      { path: 'x.ts', line: 9, onDiff: false, body: '<script>' }
    ])
    expect(table.split('\n')).toEqual([
      '### Review findings',
      '',
      '| File | Line | On the diff | Finding |',
      '| --- | --: | --- | --- |',
      '| src/a\\|b.ts | 3 | yes | First \\| line |',
      '| x.ts | 9 | no (in the body) | &lt;script&gt; |',
      ''
    ])
  })
  it('says when there are none', () => {
    expect(findingsTable([])).toContain('No findings.')
  })
})
