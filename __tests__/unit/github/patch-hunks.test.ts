import { commentableLines, parsePatch } from '../../../src/github/patch-hunks.js'

describe('parsePatch', () => {
  it('numbers context, added and removed lines from the hunk header', () => {
    const patch = ['@@ -10,4 +10,4 @@ function f() {', ' a', '-b', '+B', '+C', ' d', '-e'].join('\n')
    const [hunk] = parsePatch(patch)
    expect(hunk).toMatchObject({ oldStart: 10, oldLines: 4, newStart: 10, newLines: 4 })
    expect(hunk?.lines).toEqual([
      { kind: 'context', oldLine: 10, newLine: 10, text: 'a' },
      { kind: 'removed', oldLine: 11, text: 'b' },
      { kind: 'added', newLine: 11, text: 'B' },
      { kind: 'added', newLine: 12, text: 'C' },
      { kind: 'context', oldLine: 12, newLine: 13, text: 'd' },
      { kind: 'removed', oldLine: 13, text: 'e' }
    ])
  })

  it('reads a count left out of the header as 1, and a new file as starting at 0', () => {
    expect(parsePatch('@@ -3 +3 @@\n-x\n+y')[0]).toMatchObject({ oldLines: 1, newLines: 1 })
    const added = parsePatch('@@ -0,0 +1,2 @@\n+one\n+two')
    expect(commentableLines(added).RIGHT).toEqual(
      new Map([
        [1, 0],
        [2, 0]
      ])
    )
  })

  it('skips "\\ No newline at end of file", reads an empty line as an empty context line, and ignores what is past the counts', () => {
    const patch = '@@ -1,3 +1,3 @@\n a\n\n-c\n\\ No newline at end of file\n+C\n\\ No newline at end of file\n'
    const lines = parsePatch(patch)[0]?.lines
    expect(lines).toEqual([
      { kind: 'context', oldLine: 1, newLine: 1, text: 'a' },
      { kind: 'context', oldLine: 2, newLine: 2, text: '' },
      { kind: 'removed', oldLine: 3, text: 'c' },
      { kind: 'added', newLine: 3, text: 'C' }
    ])
  })

  it('keeps hunks apart, and an empty patch has none', () => {
    const patch = '@@ -1,2 +1,2 @@\n-a\n+A\n b\n@@ -20,2 +20,3 @@ tail\n x\n+y\n z'
    const hunks = parsePatch(patch)
    expect(hunks.map(h => h.header)).toEqual(['@@ -1,2 +1,2 @@', '@@ -20,2 +20,3 @@ tail'])
    const lines = commentableLines(hunks)
    expect([...lines.RIGHT]).toEqual([
      [1, 0],
      [2, 0],
      [20, 1],
      [21, 1],
      [22, 1]
    ])
    expect([...lines.LEFT]).toEqual([[1, 0]])
    expect(parsePatch('')).toEqual([])
  })

  it('accepts CRLF line ends', () => {
    expect(parsePatch('@@ -1 +1 @@\r\n-a\r\n+b\r\n')[0]?.lines.map(l => l.text)).toEqual(['a', 'b'])
  })
})
