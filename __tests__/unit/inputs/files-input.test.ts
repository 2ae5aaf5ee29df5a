/**
 * The `files` input's globs (issue 20, item 2), on real temp folders: no walk into symlinked
 * folders, each file once by its real path, the entry limit and the deadline as input errors that
 * name the pattern, and no path outside the workspace in a glob's error.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { attachmentsInput, type WalkBounds } from '../../../src/inputs/files-input.js'
import type { InputSource } from '../../../src/inputs/read.js'

let root: string
let ws: string
let outside: string
beforeEach(() => {
  root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'files-input-')))
  ws = path.join(root, 'ws')
  outside = path.join(root, 'elsewhere-on-the-runner')
  mkdirSync(path.join(ws, 'a'), { recursive: true })
  mkdirSync(outside)
  writeFileSync(path.join(ws, 'a', 'one.txt'), 'one')
  writeFileSync(path.join(outside, 'far.txt'), 'far')
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

const source = (files: string): InputSource => ({
  getInput: name => ({ files })[name] ?? '',
  env: { GITHUB_WORKSPACE: ws }
})
const attach = (files: string, bounds?: WalkBounds) =>
  attachmentsInput(source(files), { messages: [], system: undefined }, bounds)
const names = async (files: string) => (await attach(files)).map(a => a.path)

describe('files globs', () => {
  it('a symlinked folder is not entered: its files neither attach nor count toward max-files', async () => {
    symlinkSync(outside, path.join(ws, 'out'))
    expect(await names('**/*.txt')).toEqual(['a/one.txt'])
  })

  it('a loop back up (a/up -> ..) attaches each file once', async () => {
    symlinkSync('..', path.join(ws, 'a', 'up'))
    expect(await names('**/*.txt')).toEqual(['a/one.txt'])
  })

  it('a file reached under two names (a symlinked file, a second line) is attached once, by its real path', async () => {
    symlinkSync(path.join(ws, 'a', 'one.txt'), path.join(ws, 'alias.txt'))
    expect(await names('**/*.txt\na/one.txt\nalias.txt')).toEqual(['a/one.txt'])
  })

  it('a symlinked file out of the workspace is refused without naming where it points', async () => {
    symlinkSync(path.join(outside, 'far.txt'), path.join(ws, 'leak.txt'))
    const refused = attach('*.txt')
    await expect(refused).rejects.toThrow(
      "Input 'files' has invalid value 'leak.txt': it resolves to a path, which is outside"
    )
    await expect(refused).rejects.not.toThrow(outside)
  })

  it('a pattern reaching outside the workspace names its matches relative to it', async () => {
    const refused = attach('../elsewhere-on-the-runner/*.txt')
    await expect(refused).rejects.toThrow(
      "Input 'files' has invalid value '../elsewhere-on-the-runner/far.txt': it resolves to a path, which is outside"
    )
    await expect(refused).rejects.not.toThrow(outside)
  })

  it('too many entries read: an input error naming the pattern and asking for a narrower one', async () => {
    for (let i = 0; i < 10; i++) writeFileSync(path.join(ws, `f${i}.log`), '')
    await expect(attach('**/*.txt', { maxEntries: 5 })).rejects.toThrow(
      "Input 'files' has a pattern that reads more than 5 files and folders before it is matched: '**/*.txt'. Use a narrower pattern"
    )
  })

  it('the deadline: an input error naming total-timeout and the pattern', async () => {
    const bounds = { deadline: 0, now: () => 0, totalTimeoutMs: 2000 }
    await expect(attach('**/*.txt', bounds)).rejects.toThrow(
      /^Input 'files' has a pattern still being matched when total-timeout \(2\.00 s\) ran out, after \d+ files and folders: '\*\*\/\*\.txt'/
    )
  })

  it('a cancel during the walk attaches nothing (the step then ends as cancelled)', async () => {
    const cancel = new AbortController()
    cancel.abort()
    expect(await attach('**/*.txt', { signal: cancel.signal })).toEqual([])
  })
})
