/**
 * A `files` glob's walk (issue 20, item 2), on real temp folders: symlinked folders are never
 * entered (a link out of the workspace, a loop back up), a symlinked file is still matched (the
 * file rule judges it later), and the walk stops at the entry limit, the deadline and a cancel.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { globFiles } from '../../../src/files/glob-walk.js'

let root: string
let ws: string
let outside: string
beforeEach(() => {
  root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'glob-walk-')))
  ws = path.join(root, 'ws')
  outside = path.join(root, 'outside')
  mkdirSync(path.join(ws, 'a'), { recursive: true })
  mkdirSync(path.join(outside, 'deep'), { recursive: true })
  writeFileSync(path.join(ws, 'top.txt'), 'top')
  writeFileSync(path.join(ws, 'a', 'inner.txt'), 'inner')
  writeFileSync(path.join(outside, 'secret.txt'), 'secret')
  writeFileSync(path.join(outside, 'deep', 'more.txt'), 'more')
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

const relative = (files: string[]) => files.map(file => path.relative(ws, file)).sort()

describe('globFiles', () => {
  it('does not enter a symlinked folder that points outside', async () => {
    symlinkSync(outside, path.join(ws, 'link-out'))
    const walked = await globFiles('**/*.txt', ws)
    expect(walked.ok && relative(walked.files)).toEqual(['a/inner.txt', 'top.txt'])
  })

  it('does not loop through a link back up (a/up -> ..): each file once', async () => {
    symlinkSync('..', path.join(ws, 'a', 'up'))
    const walked = await globFiles('**/*.txt', ws)
    expect(walked.ok && relative(walked.files)).toEqual(['a/inner.txt', 'top.txt'])
  })

  it('still matches a symlinked file, inside or out (the file rule judges it by its real path)', async () => {
    symlinkSync(path.join(outside, 'secret.txt'), path.join(ws, 'leak.txt'))
    symlinkSync(path.join(ws, 'top.txt'), path.join(ws, 'a', 'alias.txt'))
    symlinkSync(path.join(ws, 'gone.txt'), path.join(ws, 'broken.txt'))
    const walked = await globFiles('**/*.txt', ws)
    expect(walked.ok && relative(walked.files)).toEqual(['a/alias.txt', 'a/inner.txt', 'leak.txt', 'top.txt'])
  })

  it('stops after maxEntries entries read, saying so', async () => {
    for (let i = 0; i < 30; i++) writeFileSync(path.join(ws, 'a', `f${i}.log`), '')
    expect(await globFiles('**/*.txt', ws, { maxEntries: 20 })).toMatchObject({ ok: false, stop: 'too-many' })
    const within = await globFiles('**/*.txt', ws, { maxEntries: 40 })
    expect(within).toMatchObject({ ok: true, visited: 33 })
  })

  it('stops at the deadline (an injected clock) and on a cancel', async () => {
    const late = await globFiles('**/*.txt', ws, { deadline: 1000, now: () => 1000 })
    expect(late).toMatchObject({ ok: false, stop: 'deadline' })
    const cancel = new AbortController()
    cancel.abort()
    expect(await globFiles('**/*.txt', ws, { signal: cancel.signal })).toMatchObject({ ok: false, stop: 'cancelled' })
  })

  it('a cancel during the walk ends it at once', async () => {
    for (let i = 0; i < 50; i++) mkdirSync(path.join(ws, `d${i}`, 'e', 'f'), { recursive: true })
    const cancel = new AbortController()
    const walking = globFiles('**/*.txt', ws, { signal: cancel.signal })
    cancel.abort()
    expect(await walking).toMatchObject({ ok: false, stop: 'cancelled' })
  })
})
