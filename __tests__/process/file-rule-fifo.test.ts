/**
 * The file rule refuses a FIFO at once. Here, not in unit/, because Node has no mkfifo: the
 * pipe is made by the mkfifo command, a child process.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { inputFileRoots, readInputFile } from '../../src/files/file-rule.js'

let root: string
afterEach(() => rmSync(root, { recursive: true, force: true }))

it('refuses a FIFO at once, without waiting for a writer', () => {
  root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'fifo-test-')))
  const ws = path.join(root, 'ws')
  mkdirSync(ws)
  const roots = inputFileRoots({ GITHUB_WORKSPACE: ws, RUNNER_TEMP: path.join(root, 'runner-temp') })
  execFileSync('mkfifo', [path.join(ws, 'pipe')])
  expect(() => readInputFile('prompt-file', 'pipe', roots)).toThrow(
    `it resolves to ${ws}/pipe, which is a FIFO (named pipe), not a regular file.`
  )
})
