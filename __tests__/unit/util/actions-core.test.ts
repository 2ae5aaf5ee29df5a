/**
 * src/util/actions-core.ts must write exactly what @actions/core itself writes (it copies the
 * functions to leave core's OIDC client out of the bundle): each call is made through both, with
 * stdout captured and the file commands pointed at temporary files, and the bytes compared.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import * as core from '@actions/core'
import * as ours from '../../../src/util/actions-core.js'

type Calls = (api: typeof ours) => void

let dir: string
const saved = { ...process.env }
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'actions-core-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
  process.env = { ...saved }
  process.exitCode = undefined
})

/** stdout, the GITHUB_OUTPUT file (its random delimiters made equal) and the exit code of `calls`. */
function capture(api: typeof ours, calls: Calls, withOutputFile: boolean) {
  const outputFile = path.join(dir, `output-${Math.random()}`)
  writeFileSync(outputFile, '')
  if (withOutputFile) process.env.GITHUB_OUTPUT = outputFile
  else delete process.env.GITHUB_OUTPUT
  const written: string[] = []
  const write = process.stdout.write.bind(process.stdout)
  process.stdout.write = ((chunk: string | Uint8Array) => {
    written.push(String(chunk))
    return true
  }) as typeof process.stdout.write
  process.exitCode = undefined
  try {
    calls(api)
  } finally {
    process.stdout.write = write
  }
  const exitCode = process.exitCode
  process.exitCode = undefined
  const output = readFileSync(outputFile, 'utf8').replace(/ghadelimiter_[0-9a-f-]+/g, 'ghadelimiter_X')
  return { stdout: written.join(''), output, exitCode }
}

const cases: [string, Calls][] = [
  ['info', api => api.info('plain line %s with ::stop-commands:: inside')],
  ['warning with % \\r \\n :: in it', api => api.warning('50% done\r\nnext line: a::b, c')],
  ['debug', api => api.debug('debug line\nsecond')],
  ['setSecret', api => api.setSecret('sk-ant-secret%value\n')],
  ['setFailed (exit code 1 and an ::error:: line)', api => api.setFailed('It failed: 100%\nreally')],
  [
    'groups',
    api => {
      api.startGroup('Attempt 1')
      api.info('inside')
      api.endGroup()
    }
  ],
  [
    'setOutput, a string, a multi-line string, a number and undefined',
    api => {
      api.setOutput('response', 'Hello')
      api.setOutput('json', '{\n  "a": 1\n}\n')
      api.setOutput('tokens', 42)
      api.setOutput('empty', undefined)
    }
  ]
]

describe('src/util/actions-core.ts writes what @actions/core writes', () => {
  for (const [name, calls] of cases) {
    it(`${name}, with GITHUB_OUTPUT set and without`, () => {
      for (const withOutputFile of [true, false]) {
        const theirs = capture(core as unknown as typeof ours, calls, withOutputFile)
        const mine = capture(ours, calls, withOutputFile)
        expect(mine).toEqual(theirs)
        expect(mine.stdout + mine.output).not.toBe('')
      }
    })
  }

  it('getInput reads INPUT_<NAME> (spaces to _, upper case) trimmed, as core does', () => {
    process.env['INPUT_MAX_TOKENS'] = '  1024 \n'
    process.env['INPUT_SOME_NAME'] = 'x'
    for (const name of ['max_tokens', 'MAX_TOKENS', 'some name', 'missing']) {
      expect(ours.getInput(name)).toBe(core.getInput(name))
    }
    expect(ours.getInput('max_tokens')).toBe('1024')
    expect(ours.getInput('missing')).toBe('')
  })

  it('appendSummary appends what core.summary.addRaw(text).write() appends, and fails as it fails', async () => {
    const text = '### ✅ Done\n\n<b>é</b> `x`\n'
    const theirs = path.join(dir, 'theirs.md')
    const mine = path.join(dir, 'mine.md')
    for (const file of [theirs, mine]) writeFileSync(file, 'before\n')
    process.env.GITHUB_STEP_SUMMARY = theirs
    ;(core.summary as unknown as { _filePath?: string })._filePath = undefined
    await core.summary.addRaw(text).write()
    await core.summary.addRaw(text).write()
    process.env.GITHUB_STEP_SUMMARY = mine
    ours.appendSummary(text)
    ours.appendSummary(text)
    expect(readFileSync(mine, 'utf8')).toBe(readFileSync(theirs, 'utf8'))
    expect(readFileSync(mine, 'utf8')).toBe(`before\n${text}${text}`)

    for (const file of [undefined, path.join(dir, 'missing', 'summary.md')]) {
      if (file === undefined) delete process.env.GITHUB_STEP_SUMMARY
      else process.env.GITHUB_STEP_SUMMARY = file
      // core's Summary keeps the first path it checked; the action's process has only one.
      ;(core.summary as unknown as { _filePath?: string })._filePath = undefined
      const error = await core.summary
        .addRaw(text)
        .write()
        .then(
          () => undefined,
          (e: unknown) => e as Error
        )
      core.summary.emptyBuffer()
      expect(error?.message).toMatch(/GITHUB_STEP_SUMMARY|Unable to access summary file/)
      expect(() => ours.appendSummary(text)).toThrow(error!.message)
    }
  })
})
