/**
 * The response file is never written through a symlink.
 * randomUUID is pinned here so a directory name built from it is predictable, as an attacker who
 * could guess it would see it: whatever sits at that name in RUNNER_TEMP must not be followed.
 */
import { jest } from '@jest/globals'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const PINNED = '00000000-0000-4000-8000-000000000000'
const crypto = await import('node:crypto')
jest.unstable_mockModule('node:crypto', () => ({ ...crypto, default: crypto, randomUUID: () => PINNED }))
const { publish } = await import('../../../src/report/publish.js')

let root: string
const saved = { ...process.env }
beforeEach(() => {
  root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'response-file-test-')))
  writeFileSync(path.join(root, 'output'), '')
  process.env.GITHUB_OUTPUT = path.join(root, 'output')
  delete process.env.GITHUB_STEP_SUMMARY
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
})
afterEach(() => {
  jest.restoreAllMocks()
  process.env = { ...saved }
  rmSync(root, { recursive: true, force: true })
})

it('a symlink planted in RUNNER_TEMP at a guessable name is not followed', async () => {
  const runnerTemp = path.join(root, 'runner-temp')
  const elsewhere = path.join(root, 'elsewhere')
  mkdirSync(runnerTemp)
  mkdirSync(elsewhere)
  symlinkSync(elsewhere, path.join(runnerTemp, `ask-claude-${PINNED}`))

  publish(
    {
      status: 'succeeded',
      model: 'm',
      message: undefined,
      text: 'The answer.',
      attempts: [],
      durationMs: 1,
      error: undefined,
      explanation: undefined
    },
    'off',
    { RUNNER_TEMP: runnerTemp }
  )

  expect(readdirSync(elsewhere)).toEqual([])
  const output = readFileSync(path.join(root, 'output'), 'utf8')
  const file = /^response-file<<(.+)\n(.+)\n\1$/m.exec(output)?.[2] as string
  expect(existsSync(file)).toBe(true)
  expect(realpathSync(file)).toBe(file)
  expect(path.dirname(path.dirname(file))).toBe(runnerTemp)
  expect(readFileSync(file, 'utf8')).toBe('The answer.')
})
