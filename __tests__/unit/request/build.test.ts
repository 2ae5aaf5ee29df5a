import Anthropic from '@anthropic-ai/sdk'
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sdkRequiresStreaming } from '../../../src/request/build.js'

/** A real workspace and RUNNER_TEMP on disk: file inputs are read from the file system, never faked. */
let root: string
let ws: string
let runnerTemp: string
beforeEach(() => {
  root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'config-test-')))
  ws = path.join(root, 'ws')
  runnerTemp = path.join(root, 'runner-temp')
  mkdirSync(ws)
  mkdirSync(runnerTemp)
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

describe('sdkRequiresStreaming', () => {
  it('agrees with the installed SDK, which refuses non-streaming calls it expects to run past 10 minutes', async () => {
    const client = new Anthropic({ apiKey: 'sk-ant-test' })
    for (const maxTokens of [1, 4096, 21_332, 21_333, 21_334, 21_335, 32_000, 64_000, 128_000]) {
      let sdkRefuses = false
      try {
        client.calculateNonstreamingTimeout(maxTokens, undefined)
      } catch {
        sdkRefuses = true
      }
      expect([maxTokens, sdkRequiresStreaming(maxTokens)]).toEqual([maxTokens, sdkRefuses])
    }
  })
})
