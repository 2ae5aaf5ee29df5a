import { diffIndex } from '../../../src/github/diff-label.js'
import { placeFindings } from '../../../src/github/review-placement.js'

const DIFF = diffIndex([
  {
    filename: 'src/a.ts',
    status: 'modified',
    // hunk 0: new 1..3 (old 1..3, old 2 removed); hunk 1: new 20..22
    patch: '@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n@@ -20,2 +20,3 @@\n x\n+y\n z'
  }
])
const RULES = { maxInline: 30, suggestions: false }

describe('placeFindings', () => {
  it('puts a finding on a RIGHT or LEFT diff line inline, and one off the diff or in another file into the body', () => {
    const placed = placeFindings(
      [
        { path: 'src/a.ts', line: 2, body: 'on the added line' },
        { path: 'src/a.ts', line: 2, side: 'LEFT', body: 'on the removed line' },
        { path: 'src/a.ts', line: 10, body: 'between hunks' },
        { path: 'src/a.ts', line: 3, side: 'LEFT', body: 'context is not a LEFT line' },
        { path: 'other.ts', line: 1, body: 'not in the PR' }
      ],
      DIFF,
      RULES
    )
    expect(placed.map(p => p.inline ?? p.reason)).toEqual([
      { path: 'src/a.ts', line: 2, side: 'RIGHT', body: 'on the added line' },
      { path: 'src/a.ts', line: 2, side: 'LEFT', body: 'on the removed line' },
      'not-in-diff',
      'not-in-diff',
      'not-in-diff'
    ])
  })

  it('takes a range only upwards within one hunk, with start_side', () => {
    const placed = placeFindings(
      [
        { path: 'src/a.ts', start_line: 1, line: 3, body: 'range' },
        { path: 'src/a.ts', start_line: 3, line: 20, body: 'across hunks' },
        { path: 'src/a.ts', start_line: 3, line: 1, body: 'backwards' },
        { path: 'src/a.ts', start_line: 21, line: 21, body: 'one line' }
      ],
      DIFF,
      RULES
    )
    expect(placed.map(p => p.inline ?? p.reason)).toEqual([
      { path: 'src/a.ts', line: 3, side: 'RIGHT', start_line: 1, start_side: 'RIGHT', body: 'range' },
      'range',
      'range',
      { path: 'src/a.ts', line: 21, side: 'RIGHT', body: 'one line' }
    ])
  })

  it('posts at most maxInline inline, the rest into the body, and everything into the body when told', () => {
    const findings = [1, 2, 3].map(line => ({ path: 'src/a.ts', line, body: `n${line}` }))
    expect(placeFindings(findings, DIFF, { ...RULES, maxInline: 2 }).map(p => p.reason)).toEqual([
      undefined,
      undefined,
      'over-limit'
    ])
    expect(placeFindings(findings, DIFF, { ...RULES, allInBody: 'head-moved' }).map(p => p.reason)).toEqual([
      'head-moved',
      'head-moved',
      'head-moved'
    ])
  })

  it('makes a suggestion block only on RIGHT lines and only when allowed, in a fence longer than any in it', () => {
    const suggestion = 'const s = ```x```\n'
    const finding = { path: 'src/a.ts', line: 2, body: 'fix @alice', suggestion }
    const [allowed] = placeFindings([finding], DIFF, { ...RULES, suggestions: true })
    expect(allowed?.inline?.body).toBe('fix @\u200dalice\n\n````suggestion\nconst s = ```x```\n````')
    const [refused] = placeFindings([finding], DIFF, RULES)
    expect(refused?.inline?.body).toBe('fix @\u200dalice\n\nSuggested replacement:\n````\nconst s = ```x```\n````')
    const [left] = placeFindings([{ ...finding, side: 'LEFT' }], DIFF, { ...RULES, suggestions: true })
    expect(left?.inline?.body).not.toContain('suggestion')
  })
})
