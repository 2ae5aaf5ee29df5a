import { diffIndex, excludeFiles, globMatcher, labelDiff, type PullFile } from '../../../src/github/diff-label.js'
import { parsePatch } from '../../../src/github/patch-hunks.js'

const FILES: PullFile[] = [
  { filename: 'src/a.ts', status: 'modified', patch: '@@ -5,3 +5,3 @@ intro\n keep\n-old\n+new\n tail' },
  { filename: 'img/logo.png', status: 'added' },
  { filename: 'src/b.ts', status: 'renamed', previous_filename: 'src/old-b.ts', patch: '@@ -1 +1,2 @@\n x\n+y' }
]

describe('labelDiff', () => {
  it('labels each line with the number a comment uses: R for new-file lines, L for removed ones', () => {
    const { text, cut } = labelDiff(FILES, { maxChars: 100_000, excluded: 0, truncatedList: false })
    expect(cut).toEqual([])
    expect(text).toContain(
      [
        '### src/a.ts (modified)',
        '```diff',
        '@@ -5,3 +5,3 @@ intro',
        'R5    | keep',
        'L6    |-old',
        'R6    |+new',
        'R7    | tail',
        '```'
      ].join('\n')
    )
    expect(text).toContain('### src/b.ts (renamed from src/old-b.ts)')
    expect(text).toMatch(/without a diff shown.*: img\/logo\.png\./)
    expect(text.startsWith("The pull request's changes")).toBe(true)
  })

  it('every label agrees with the hunk header it sits under', () => {
    const { text } = labelDiff(FILES, { maxChars: 100_000, excluded: 0, truncatedList: false })
    let next: { old: number; new: number } | undefined
    for (const line of text.split('\n')) {
      const header = /^@@ -(\d+)(?:,\d+)? \+(\d+)/.exec(line)
      if (header) next = { old: Number(header[1]), new: Number(header[2]) }
      const label = /^([RL])(\d+) +\|(.)/.exec(line)
      if (!label || !next) continue
      if (label[1] === 'L') expect(Number(label[2])).toBe(next.old++)
      else {
        expect(Number(label[2])).toBe(next.new++)
        if (label[3] === ' ') next.old++
      }
    }
    expect(next).toBeDefined()
  })

  it('lists files past the size bound by name, and says what was excluded or cut from the list', () => {
    const { text, cut } = labelDiff(FILES, { maxChars: 450, excluded: 2, truncatedList: true })
    expect(cut).toEqual(['src/b.ts'])
    expect(text).toMatch(/Left out because the diff would pass 450 characters: src\/b\.ts\./)
    expect(text).toMatch(/2 files left out by pr-diff-exclude; GitHub lists at most 3,000 files/)
  })
})

describe('globMatcher and excludeFiles', () => {
  it('matches a bare name at any depth, a path with / from the root, ** across folders', () => {
    expect(globMatcher('package-lock.json')('a/b/package-lock.json')).toBe(true)
    expect(globMatcher('*.min.js')('web/app.min.js')).toBe(true)
    expect(globMatcher('dist/**')('dist/x/y.js')).toBe(true)
    expect(globMatcher('dist/**')('src/dist/y.js')).toBe(false)
    expect(globMatcher('src/*.ts')('src/a/b.ts')).toBe(false)
    expect(globMatcher('src/**/*.ts')('src/b.ts')).toBe(true)
    expect(globMatcher('a?.txt')('ab.txt')).toBe(true)
    expect(globMatcher('a.txt')('abtxt')).toBe(false)
  })
  it('leaves out the matching files and counts them', () => {
    expect(excludeFiles(FILES, ['*.png', 'src/old*'])).toEqual({ kept: [FILES[0], FILES[2]], excluded: 1 })
  })
})

describe('diffIndex', () => {
  it('indexes files by their new path, with their hunks and commentable lines; no patch, no lines', () => {
    const index = diffIndex(FILES)
    expect(index.get('src/a.ts')?.hunks).toEqual(parsePatch(FILES[0]?.patch as string))
    expect([...(index.get('src/a.ts')?.lines.LEFT.keys() ?? [])]).toEqual([6])
    expect(index.get('img/logo.png')?.lines.RIGHT.size).toBe(0)
  })
})
