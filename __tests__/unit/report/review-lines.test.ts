import { diffSizeLine, findingLines, findingsTable } from '../../../src/report/review-lines.js'

describe('findingsTable', () => {
  it('shows file, line, on the diff or in the body and why, and the first line of the body, escaped', () => {
    const table = findingsTable(
      [
        { finding: { path: 'src/a|b.ts', line: 3, body: '\nFirst | line\nsecond line' } },
        { finding: { path: 'x.ts', line: 9, body: '<script>' }, inBody: 'not-in-diff' },
        { finding: { path: 'x.ts', line: 5, start_line: 2, body: 'Range.' }, inBody: 'range' },
        { finding: { path: 'x.ts', line: 4, side: 'LEFT', body: 'Removed.' }, inBody: 'over-limit' }
      ],
      'https://github.example/o/r/pull/7#pullrequestreview-1'
    )
    expect(table.split('\n')).toEqual([
      '### Review findings',
      '',
      '[The review](https://github.example/o/r/pull/7#pullrequestreview-1): 1 inline comment, 3 findings in its body.',
      '',
      '| File | Line | On the diff | Finding |',
      '| --- | --: | --- | --- |',
      '| src/a\\|b.ts | 3 | yes | First \\| line |',
      '| x.ts | 9 | no, in the body: not a line of the diff | &lt;script&gt; |',
      '| x.ts | 2-5 | no, in the body: a range not within one hunk | Range. |',
      '| x.ts | 4 (removed line) | no, in the body: past max-review-comments | Removed. |',
      ''
    ])
  })
  it('says when there are none, and names no review when none was posted', () => {
    expect(findingsTable([])).toBe('### Review\n\nNo findings.\n')
    expect(findingsTable([], 'https://x/r')).toBe('### Review\n\n[The review](https://x/r) has no findings.\n')
  })
})

describe('findingLines', () => {
  it('names a line, a range and a removed line', () => {
    expect(findingLines({ line: 3 })).toBe('3')
    expect(findingLines({ line: 3, start_line: 3 })).toBe('3')
    expect(findingLines({ line: 3, start_line: 1 })).toBe('1-3')
    expect(findingLines({ line: 3, side: 'LEFT' })).toBe('3 (removed line)')
  })
})

describe('diffSizeLine', () => {
  it('says what was attached; files cut for size are named (ten at most) with the fix', () => {
    expect(diffSizeLine(2, 1234, [])).toBe('pr-diff: 2 files, 1,234 characters attached before the prompt.')
    expect(diffSizeLine(1, 399_000, ['big.txt'])).toBe(
      'pr-diff: 1 file, 399,000 characters attached before the prompt; 1 file left out for size, listed by name only: big.txt. Leave generated or vendored files out with pr-diff-exclude.'
    )
    const many = Array.from({ length: 12 }, (_, i) => `f${i}`)
    expect(diffSizeLine(1, 5, many)).toContain(
      '12 files left out for size, listed by name only: f0, f1, f2, f3, f4, f5, f6, f7, f8, f9 and 2 more.'
    )
  })
})
