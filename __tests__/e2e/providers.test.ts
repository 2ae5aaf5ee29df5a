/**
 * The cloud providers as the runner runs them: the built dist/index.js in a child (Node 24, and
 * Node 20 in the second run of `npm test`), loading each provider SDK's chunk on demand,
 * against the fakes on 127.0.0.1.
 */
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { askBedrockWith, askFoundryWith, awsKeysNowhere, bedrock, FOUNDRY_KEY } from '../support/ask-providers.js'
import { api, retryLog } from '../support/ask.js'
import { runAction } from '../support/run-action.js'

const askBedrock = askBedrockWith(runAction)
const askFoundry = askFoundryWith(runAction)

describe('provider bedrock, from dist/', () => {
  it('retries a throttled stream, then answers through the event stream, and prints no AWS key', async () => {
    const result = await askBedrock(
      [
        { kind: 'error', status: 429, type: 'ThrottlingException', message: 'Too many requests.' },
        { kind: 'message', text: 'Streamed from Bedrock.', chunks: 3 }
      ],
      { stream: 'true' }
    )
    expect(result.code).toBe(0)
    expect(result.outputs.response).toBe('Streamed from Bedrock.')
    expect(retryLog(result).map(a => [a.status, a.errorType])).toEqual([
      [429, 'ThrottlingException'],
      [200, null]
    ])
    expect(bedrock?.requests.map(r => r.path.replace(/^\/model\/[^/]+/, ''))).toEqual([
      '/invoke-with-response-stream',
      '/invoke-with-response-stream'
    ])
    expect(awsKeysNowhere(result)).toEqual([])
    expect(result.stderr).toBe('')
  })

  it('fails a final AccessDeniedException with the Bedrock hint and exit code 1', async () => {
    const result = await askBedrock([{ kind: 'error', status: 403, type: 'AccessDeniedException', message: 'Denied.' }])
    expect(result.code).toBe(1)
    expect(result.outputs.error).toBe('AccessDeniedException: Denied.')
    expect(result.stdout).toMatch(/::error::.*Grant the role bedrock:InvokeModel/)
    expect(awsKeysNowhere(result)).toEqual([])
  })
})

describe('provider foundry, from dist/', () => {
  it('retries a 429, then streams the answer, with the Foundry key in x-api-key only', async () => {
    const result = await askFoundry(
      {
        script: [
          { kind: 'error', status: 429, type: 'rate_limit_error' },
          { kind: 'message', text: 'From Foundry.' }
        ]
      },
      { stream: 'true' }
    )
    expect(result.code).toBe(0)
    expect(result.outputs.response).toBe('From Foundry.')
    expect(api?.requests.map(r => [r.path, r.headers['x-api-key']])).toEqual([
      ['/anthropic/v1/messages', FOUNDRY_KEY],
      ['/anthropic/v1/messages', FOUNDRY_KEY]
    ])
    expect(result.stdout.replace(`::add-mask::${FOUNDRY_KEY}\n`, '')).not.toContain(FOUNDRY_KEY)
    expect(result.stderr).toBe('')
  })

  it('runs the Azure CLI for a Microsoft Entra ID token when no key is given', async () => {
    const bin = await fs.mkdtemp(path.join(os.tmpdir(), 'fake-az-'))
    try {
      await fs.writeFile(path.join(bin, 'az'), '#!/bin/sh\necho entra-token-from-az\n', { mode: 0o755 })
      const env = { ANTHROPIC_FOUNDRY_API_KEY: undefined, PATH: `${bin}${path.delimiter}${process.env.PATH}` }
      const result = await askFoundry({ script: [{ kind: 'message' }] }, {}, { env })
      expect(result.code).toBe(0)
      expect(api?.requests[0]?.headers.authorization).toBe('Bearer entra-token-from-az')
      expect(result.stdout).toContain('::add-mask::entra-token-from-az')
    } finally {
      await fs.rm(bin, { recursive: true, force: true })
    }
  })
})
