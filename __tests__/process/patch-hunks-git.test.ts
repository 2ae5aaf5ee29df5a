import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, unlinkSync, writeFileSync, renameSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { commentableLines, parsePatch } from '../../src/github/patch-hunks.js'
import { isolatedGitEnv } from '../support/git-env.js'

/**
 * The hunk arithmetic of src/github/patch-hunks.ts against diffs that `git diff` itself writes,
 * cut to the form of the pull-request files API's `patch` (no `diff --git`, index, `---` or
 * `+++` lines; no final newline). The oracle is the files themselves: every RIGHT line n must be
 * line n of the new file, every LEFT line n line n of the old file.
 */
describe('parsePatch on real git diffs', () => {
  let dir: string
  const env = { ...process.env, ...isolatedGitEnv(tmpdir()) }
  function git(...args: string[]): string {
    const r = spawnSync('git', args, { cwd: dir, env, encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`)
    return r.stdout
  }
  const numbered = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => `${prefix} ${i + 1}`)
  const write = (file: string, lines: string[], finalNewline = true) =>
    writeFileSync(path.join(dir, file), lines.join('\n') + (finalNewline ? '\n' : ''))

  /** `git diff` split per file, as the API's { filename, previous_filename, patch }. */
  function apiPatches(diff: string): Map<string, { previous?: string; patch?: string }> {
    const files = new Map<string, { previous?: string; patch?: string }>()
    for (const section of diff.split(/^diff --git /m).slice(1)) {
      const lines = section.replace(/\n$/, '').split('\n')
      const header = /^a\/(.*) b\/(.*)$/.exec(lines[0] as string) as RegExpExecArray
      const first = lines.findIndex(line => line.startsWith('@@'))
      files.set(header[2] as string, {
        ...(header[1] !== header[2] && { previous: header[1] }),
        ...(first >= 0 && { patch: lines.slice(first).join('\n') })
      })
    }
    return files
  }

  const OLD: Record<string, string[]> = {
    'long.txt': numbered(60, 'line'),
    'gone.txt': numbered(4, 'gone'),
    'moved-old.txt': numbered(20, 'moved'),
    'tail.txt': numbered(5, 'tail')
  }
  const NEW: Record<string, string[]> = {
    // Three hunks: lines changed near the top, near the bottom, and at the end.
    'long.txt': [
      'line 1',
      'inserted a',
      'line 2',
      'line 3',
      ...numbered(60, 'line').slice(4, 50),
      'line 51 changed',
      ...numbered(60, 'line').slice(51, 58),
      'line 60'
    ],
    'added.txt': numbered(3, 'added'),
    'moved-new.txt': [...numbered(20, 'moved').slice(0, 10), 'moved inserted', ...numbered(20, 'moved').slice(10)],
    'tail.txt': [...numbered(5, 'tail').slice(0, 4), 'tail 5 changed']
  }

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'patch-hunks-'))
    git('init', '-q')
    for (const [file, lines] of Object.entries(OLD)) write(file, lines, file !== 'tail.txt')
    git('add', '-A')
    git('commit', '-q', '-m', 'old')
    unlinkSync(path.join(dir, 'gone.txt'))
    renameSync(path.join(dir, 'moved-old.txt'), path.join(dir, 'moved-new.txt'))
    for (const [file, lines] of Object.entries(NEW)) write(file, lines, file !== 'tail.txt')
    git('add', '-A')
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('numbers every line as the old and new files have it, in every kind of change', () => {
    const patches = apiPatches(git('diff', '--cached', '-M', '--no-color', '--no-ext-diff'))
    expect([...patches.keys()].sort()).toEqual(['added.txt', 'gone.txt', 'long.txt', 'moved-new.txt', 'tail.txt'])
    expect(patches.get('moved-new.txt')?.previous).toBe('moved-old.txt')

    const oldOf = (file: string) => OLD[file === 'moved-new.txt' ? 'moved-old.txt' : file] ?? []
    for (const [file, { patch }] of patches) {
      const hunks = parsePatch(patch as string)
      const lines = commentableLines(hunks)
      for (const hunk of hunks) {
        // The counts in each header are what the lines add up to.
        expect(hunk.lines.filter(l => l.kind !== 'added').length).toBe(hunk.oldLines)
        expect(hunk.lines.filter(l => l.kind !== 'removed').length).toBe(hunk.newLines)
      }
      for (const [line] of lines.RIGHT) {
        const text = hunks.flatMap(h => h.lines).find(l => l.newLine === line)?.text
        expect([file, line, text]).toEqual([file, line, (NEW[file] ?? [])[line - 1]])
      }
      for (const [line] of lines.LEFT) {
        const text = hunks.flatMap(h => h.lines).find(l => l.oldLine === line && l.kind === 'removed')?.text
        expect([file, line, text]).toEqual([file, line, oldOf(file)[line - 1]])
      }
    }
  })

  it('added, removed, renamed, no newline at end, several hunks', () => {
    const patches = apiPatches(git('diff', '--cached', '-M', '--no-color', '--no-ext-diff'))
    const of = (file: string) => commentableLines(parsePatch(patches.get(file)?.patch as string))

    const added = of('added.txt')
    expect([...added.RIGHT.keys()]).toEqual([1, 2, 3])
    expect(added.LEFT.size).toBe(0)

    const gone = of('gone.txt')
    expect(gone.RIGHT.size).toBe(0)
    expect([...gone.LEFT.keys()]).toEqual([1, 2, 3, 4])

    const long = parsePatch(patches.get('long.txt')?.patch as string)
    expect(long.map(h => h.header)).toEqual([
      '@@ -1,7 +1,7 @@',
      '@@ -48,7 +48,7 @@ line 47',
      '@@ -56,5 +56,4 @@ line 55'
    ])
    const longLines = commentableLines(long)
    expect(longLines.RIGHT.get(2)).toBe(0) // "inserted a", first hunk
    expect(longLines.LEFT.get(4)).toBe(0) // "line 4" removed
    expect(longLines.RIGHT.get(51)).toBe(1) // "line 51 changed"
    expect(longLines.LEFT.get(51)).toBe(1) // "line 51" removed
    expect(longLines.LEFT.get(59)).toBe(2) // "line 59" removed, third hunk
    expect(longLines.RIGHT.get(59)).toBe(2) // "line 60" is line 59 of the new file
    expect(longLines.RIGHT.has(30)).toBe(false) // between the hunks

    const moved = of('moved-new.txt')
    expect(moved.RIGHT.get(11)).toBe(0)
    expect(moved.LEFT.size).toBe(0)

    // "\ No newline at end of file" follows both the removed and the added last line.
    const tailPatch = patches.get('tail.txt')?.patch as string
    expect(tailPatch).toContain('\\ No newline at end of file')
    const tail = commentableLines(parsePatch(tailPatch))
    expect(tail.RIGHT.has(5)).toBe(true)
    expect(tail.LEFT.has(5)).toBe(true)
    expect(Math.max(...tail.RIGHT.keys())).toBe(5)
  })

  it('a rename without changes has no patch, like the API', () => {
    const sub = mkdtempSync(path.join(tmpdir(), 'patch-hunks-rename-'))
    const saved = dir
    try {
      dir = sub
      git('init', '-q')
      write('a.txt', numbered(10, 'same'))
      git('add', '-A')
      git('commit', '-q', '-m', 'a')
      renameSync(path.join(dir, 'a.txt'), path.join(dir, 'b.txt'))
      git('add', '-A')
      const patches = apiPatches(git('diff', '--cached', '-M', '--no-color'))
      expect(patches.get('b.txt')).toEqual({ previous: 'a.txt' })
      expect(parsePatch(patches.get('b.txt')?.patch ?? '')).toEqual([])
    } finally {
      dir = saved
      rmSync(sub, { recursive: true, force: true })
    }
  })
})
