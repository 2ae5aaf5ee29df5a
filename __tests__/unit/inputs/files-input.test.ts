/**
 * The request-size limit on `files`, through parseConfig with a small limit passed in (1 MiB for
 * the API's 32 MiB), so the data stays small. The real limit is held in-process by
 * __tests__/inprocess/attachments.test.ts ("a request over 32 MB", "... once encoded").
 */
import { mkdtempSync, realpathSync, rmSync, writeFileSync, mkdirSync, symlinkSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseConfig } from '../../../src/inputs/config.js'
import { type InputSource } from '../../../src/inputs/read.js'
import { type AttachmentLimits, LIMITS } from '../../../src/request/attachments.js'
import { attachmentsInput, type WalkBounds } from '../../../src/inputs/files-input.js'

const MiB = 1024 * 1024
const SMALL_LIMITS: AttachmentLimits = { ...LIMITS, maxRequestBytes: MiB }
const SMALL = { attachmentLimits: SMALL_LIMITS }

let ws: string
beforeEach(() => {
  ws = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'files-input-test-')))
})
afterEach(() => rmSync(ws, { recursive: true, force: true }))

function source(inputs: Record<string, string>, files: Record<string, string>): InputSource {
  for (const [file, content] of Object.entries(files)) writeFileSync(path.join(ws, file), content)
  const all: Record<string, string> = { 'anthropic-api-key': 'sk-ant-x', ...inputs }
  return { getInput: name => all[name] ?? '', env: { GITHUB_WORKSPACE: ws, RUNNER_TEMP: ws } }
}

/** Earlier turns of `each` characters each, then the question in `prompt`. */
const conversation = (each: number) =>
  JSON.stringify([
    { role: 'user', content: 'u'.repeat(each) },
    { role: 'assistant', content: 'a'.repeat(each) }
  ])

describe('the request-size limit on files counts the conversation', () => {
  // The file alone (0.2 MiB) and the turns alone (2 × 0.45 MiB) fit in 1 MiB; together they do not.
  const file = { 'notes.md': 'n'.repeat(0.2 * MiB) }

  it('a file that fits beside short earlier turns is attached', async () => {
    const config = await parseConfig(
      source({ prompt: 'And this?', messages: conversation(10), files: 'notes.md' }, file),
      SMALL
    )
    expect(config.attachments.map(a => a.path)).toEqual(['notes.md'])
  })

  it('earlier turns that fill the request refuse the same file, naming the limit passed in', async () => {
    await expect(
      parseConfig(source({ prompt: 'And this?', messages: conversation(0.45 * MiB), files: 'notes.md' }, file), SMALL)
    ).rejects.toThrow(
      /^Input 'files': the attachments and the prompt come to \d+ bytes in the request; the API accepts at most 1048576 bytes \(1 MB\) in one request\.$/
    )
  })

  it('the API limit applies when none is passed in', async () => {
    const config = await parseConfig(
      source({ prompt: 'And this?', messages: conversation(0.45 * MiB), files: 'notes.md' }, file)
    )
    expect(config.attachments).toHaveLength(1)
  })

  it('files that add up past the limit are refused while being read, by the file that crosses it', async () => {
    const files = { 'a.txt': 'a'.repeat(0.6 * MiB), 'b.txt': 'b'.repeat(0.6 * MiB) }
    await expect(parseConfig(source({ prompt: 'Hi', files: 'a.txt\nb.txt' }, files), SMALL)).rejects.toThrow(
      "Input 'files': the files add up to more than 1048576 bytes by 'b.txt'; the API accepts at most 1048576 bytes (1 MB) in one request."
    )
  })
})

/*
 * The `files` input's shown paths: relative to the workspace when inside it, by path.relative and
 * the platform's separator; a file whose name starts with two dots is inside, not the parent.
 */
it("shows a workspace file named '..notes.md' by its relative path, not as an absolute one", async () => {
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'files-input-'))
  writeFileSync(path.join(workspace, '..notes.md'), 'notes\n')
  writeFileSync(path.join(workspace, 'a.md'), 'a\n')
  const inputs: Record<string, string> = { files: '..notes.md\n*.md' }
  const source = { getInput: (name: string) => inputs[name] ?? '', env: { GITHUB_WORKSPACE: workspace } }
  const attached = await attachmentsInput(source, { messages: [], system: undefined })
  expect(attached.map(a => a.path)).toEqual(['..notes.md', 'a.md'])
})

/*
 * The `files` input's globs (issue 20, item 2), on real temp folders: no walk into symlinked
 * folders, each file once by its real path, the entry limit and the deadline as input errors that
 * name the pattern, and no path outside the workspace in a glob's error.
 */
describe('globs', () => {
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
})
