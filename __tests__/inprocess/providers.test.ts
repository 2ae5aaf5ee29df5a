/**
 * The cloud providers, in-process: the real provider SDKs against fakes of their wire formats
 * on 127.0.0.1 (fake-bedrock.ts; the fake API under Foundry's path), through the same retry
 * loop, outputs and summary as the Claude API.
 */
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { AZ_TOKEN_ARGS } from '../../src/providers/azure-cli.js'
import { askBedrockWith, askFoundryWith, awsKeysNowhere, bedrock, FOUNDRY_KEY } from '../support/ask-providers.js'
import { afterEach } from '@jest/globals'
import { api, KEY, retryLog, startApi } from '../support/ask.js'
import { BEDROCK_MODEL, FAKE_AWS, FAKE_BEDROCK_API_KEY, startFakeBedrock } from '../support/fake-bedrock.js'
import { type FakeProxy, startFakeProxy } from '../support/fake-proxy.js'
import { startFakeVertex, vertexStepInputs } from '../support/fake-vertex.js'
import { runInProcess } from '../support/run-in-process.js'

const askBedrock = askBedrockWith(runInProcess)

describe('provider bedrock', () => {
  it('answers through InvokeModel, SigV4-signed, and never prints the AWS keys', async () => {
    const result = await askBedrock([{ kind: 'message', text: 'Hello from Bedrock.' }])
    expect(result.code).toBe(0)
    expect(result.outputs.response).toBe('Hello from Bedrock.')
    expect(result.outputs.model).toBe(BEDROCK_MODEL)
    expect(result.outputs['request-id']).toBe('fake-bedrock-1-0000-0000-000000000000')
    const [request] = bedrock?.requests ?? []
    expect(decodeURIComponent(request?.path ?? '')).toBe(`/model/${BEDROCK_MODEL}/invoke`)
    expect(request?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAFAKEE2EKEYID0001\/\d{8}\/us-east-1\/bedrock\/aws4_request/
    )
    expect(request?.headers['x-amz-security-token']).toBe(FAKE_AWS.AWS_SESSION_TOKEN)
    // The SDK moves anthropic-version into the body and the model into the path.
    expect(request?.body).toMatchObject({ anthropic_version: expect.any(String), max_tokens: 4096 })
    expect(request?.body.model).toBeUndefined()
    expect(result.stdout).toContain('on Amazon Bedrock in us-east-1')
    // A Bedrock model id has no price in the table: no estimate, and a note that says why.
    expect(result.outputs['cost-usd']).toBeUndefined()
    expect(result.stdout).toContain(`No cost estimate: no price is known for model '${BEDROCK_MODEL}'.`)
    expect(awsKeysNowhere(result)).toEqual([])
    for (const secret of [FAKE_AWS.AWS_ACCESS_KEY_ID, FAKE_AWS.AWS_SECRET_ACCESS_KEY, FAKE_AWS.AWS_SESSION_TOKEN]) {
      expect(result.stdout).toContain(`::add-mask::${secret}`)
    }
  })

  it('retries ThrottlingException (429) and ModelNotReadyException, and logs them with the Bedrock request id', async () => {
    const result = await askBedrock([
      {
        kind: 'error',
        status: 429,
        type: 'ThrottlingException',
        message: 'Too many requests, please wait before trying again.'
      },
      { kind: 'error', status: 429, type: 'ModelNotReadyException', message: 'Model is not ready.' },
      {
        kind: 'error',
        status: 503,
        type: 'ServiceUnavailableException',
        message: 'Bedrock is unable to process your request.'
      },
      { kind: 'message' }
    ])
    expect(result.code).toBe(0)
    expect(retryLog(result).map(a => [a.status, a.errorType, a.requestId])).toEqual([
      [429, 'ThrottlingException', 'fake-bedrock-1-0000-0000-000000000000'],
      [429, 'ModelNotReadyException', 'fake-bedrock-2-0000-0000-000000000000'],
      [503, 'ServiceUnavailableException', 'fake-bedrock-3-0000-0000-000000000000'],
      [200, null, 'fake-bedrock-4-0000-0000-000000000000']
    ])
    expect(result.stdout).toMatch(
      /Attempt 1 of 6: 429 ThrottlingException \(request-id fake-bedrock-1-[-0]+\) after [\d.]+ s: Too many requests, please wait before trying again\.+ Retrying in/
    )
  })

  it('stops at once on AccessDeniedException (403) with the Bedrock hint', async () => {
    const result = await askBedrock([
      {
        kind: 'error',
        status: 403,
        type: 'AccessDeniedException',
        message: "You don't have access to the model with the specified model ID."
      }
    ])
    expect(result.code).toBe(1)
    expect(result.outputs.attempts).toBe('1')
    expect(result.outputs.error).toBe(
      "AccessDeniedException: You don't have access to the model with the specified model ID."
    )
    expect(result.stdout).toMatch(
      /::error::.*HTTP 403, request-id fake-bedrock-1-.*Not retried.*Grant the role bedrock:InvokeModel/
    )
    expect(result.summary).toContain('bedrock:InvokeModel')
  })

  it('moves down the fallback chain when Bedrock does not know the model (ResourceNotFoundException, 404)', async () => {
    const next = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'
    const result = await askBedrock(
      [
        { kind: 'error', status: 404, type: 'ResourceNotFoundException', message: 'Model not found.' },
        { kind: 'message' }
      ],
      { 'fallback-models': next }
    )
    expect(result.code).toBe(0)
    expect(bedrock?.requests.map(r => decodeURIComponent(r.path))).toEqual([
      `/model/${BEDROCK_MODEL}/invoke`,
      `/model/${next}/invoke`
    ])
    expect(retryLog(result).map(a => [a.status, a.errorType, a.waitReason])).toEqual([
      [404, 'ResourceNotFoundException', 'fallback'],
      [200, null, null]
    ])
  })

  it('fails a final ValidationException (400) with a hint that names the model input', async () => {
    const result = await askBedrock([
      { kind: 'error', status: 400, type: 'ValidationException', message: 'The provided model identifier is invalid.' }
    ])
    expect(result.code).toBe(1)
    expect(result.outputs.attempts).toBe('1')
    expect(result.stdout).toMatch(/Bedrock rejected the request: check 'model'/)
  })

  it('streams through InvokeModelWithResponseStream (AWS event-stream frames)', async () => {
    const result = await askBedrock([{ kind: 'message', text: 'A streamed answer from Bedrock.', chunks: 4 }], {
      stream: 'true'
    })
    expect(result.code).toBe(0)
    expect(result.outputs.response).toBe('A streamed answer from Bedrock.')
    expect(decodeURIComponent(bedrock?.requests[0]?.path ?? '')).toBe(
      `/model/${BEDROCK_MODEL}/invoke-with-response-stream`
    )
    expect(JSON.parse(result.outputs.message ?? '{}')).toMatchObject({
      stop_reason: 'end_turn',
      usage: { output_tokens: 5 }
    })
  })

  it('streams an answer whose event stream is larger than the 1 MiB bound of a non-stream body', async () => {
    const text = 'x'.repeat(1_500_000)
    const result = await askBedrock([{ kind: 'message', text, chunks: 300 }], { stream: 'true' })
    expect(result.outputs.error).toBeUndefined()
    expect(result.responseFileText).toBe(text)
  })

  it('retries a throttlingException frame in the middle of a stream, and publishes only the complete answer', async () => {
    const result = await askBedrock(
      [
        { kind: 'stream-exception', type: 'throttlingException', message: 'Too many tokens.' },
        { kind: 'message', text: 'Whole.' }
      ],
      { stream: 'true' }
    )
    expect(result.code).toBe(0)
    expect(retryLog(result).map(a => a.errorType)).toEqual(['throttlingException', null])
    expect(result.outputs.response).toBe('Whole.')
  })

  it('refuses, before any request, a missing region, missing keys, max-input-tokens and max-cost-usd', async () => {
    const noRegion = await askBedrock([], {}, { env: { AWS_REGION: undefined } })
    expect(noRegion.outputs.error).toMatch(
      /^invalid_input: Provider 'bedrock' needs a region: input 'aws-region' is empty/
    )
    const noKeys = await askBedrock([], {}, { env: { AWS_SECRET_ACCESS_KEY: undefined } })
    expect(noKeys.outputs.error).toMatch(/AWS_SECRET_ACCESS_KEY is not set, but its pair is/)
    const badRegion = await askBedrock([], { 'aws-region': 'US East' })
    expect(badRegion.outputs.error).toMatch(/Input 'aws-region' has invalid value 'US East'/)
    const counting = await askBedrock([], { 'max-input-tokens': '1000' })
    expect(counting.outputs.error).toMatch(
      /'max-input-tokens' needs the count-tokens endpoint, which provider 'bedrock' does not offer/
    )
    // max-cost-usd bounds each attempt with the counted input tokens: the same endpoint.
    const price = { input: 3, output: 15, cache_read: 0.3, cache_write: 3.75 }
    const guarded = await askBedrock([], { 'max-cost-usd': '1', prices: JSON.stringify({ [BEDROCK_MODEL]: price }) })
    expect(guarded.outputs.error).toMatch(
      /^invalid_input: Input 'max-cost-usd' needs the count-tokens endpoint, which provider 'bedrock' does not offer/
    )
    for (const result of [noRegion, noKeys, badRegion, counting, guarded]) {
      expect(result.code).toBe(1)
      expect(result.outputs.attempts).toBe('0')
    }
    expect(bedrock?.requests).toEqual([])
  })

  it('sends a Bedrock API key (AWS_BEARER_TOKEN_BEDROCK) as a bearer token when there are no AWS keys, masked', async () => {
    const env = {
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
      AWS_SESSION_TOKEN: undefined,
      AWS_BEARER_TOKEN_BEDROCK: FAKE_BEDROCK_API_KEY
    }
    const result = await askBedrock([{ kind: 'message' }], {}, { env })
    expect(result.code).toBe(0)
    expect(bedrock?.requests[0]?.headers.authorization).toBe(`Bearer ${FAKE_BEDROCK_API_KEY}`)
    expect(result.stdout).toContain(`::add-mask::${FAKE_BEDROCK_API_KEY}`)
    expect(result.stdout.replace(`::add-mask::${FAKE_BEDROCK_API_KEY}\n`, '')).not.toContain(FAKE_BEDROCK_API_KEY)
  })

  it('takes the region from aws-region over AWS_REGION, and needs no Anthropic key', async () => {
    const result = await askBedrock(
      [{ kind: 'message' }],
      { 'aws-region': 'eu-central-1' },
      { env: { ANTHROPIC_API_KEY: undefined } }
    )
    expect(result.code).toBe(0)
    expect(bedrock?.requests[0]?.headers.authorization).toMatch(/\/eu-central-1\/bedrock\/aws4_request/)
  })
})

const askFoundry = askFoundryWith(runInProcess)
const ENTRA_TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.fake-entra-token.DO-NOT-PRINT'
const foundryRequests = () => api?.requests ?? []

describe('provider foundry', () => {
  it('answers under the /anthropic path with the Foundry key in x-api-key, never the Anthropic key', async () => {
    const result = await askFoundry({ script: [{ kind: 'message', text: 'Hello from Foundry.' }] })
    expect(result.code).toBe(0)
    expect(result.outputs.response).toBe('Hello from Foundry.')
    expect(result.outputs['request-id']).toBe('req_fake_1')
    const [request] = foundryRequests()
    expect(request?.path).toBe('/anthropic/v1/messages')
    expect(request?.headers['x-api-key']).toBe(FOUNDRY_KEY)
    expect(request?.headers.authorization).toBeUndefined()
    expect(JSON.stringify(request?.headers)).not.toContain(KEY)
    expect(result.stdout).toContain(`::add-mask::${FOUNDRY_KEY}`)
    expect(result.stdout.replace(`::add-mask::${FOUNDRY_KEY}\n`, '')).not.toContain(FOUNDRY_KEY)
    expect(result.stdout).toContain('on Microsoft Foundry')
  })

  it('retries a 429 and then answers, and fails a final 401 with the key hint', async () => {
    const retried = await askFoundry({
      script: [
        { kind: 'error', status: 429, type: 'rate_limit_error', headers: { 'retry-after': '0' } },
        { kind: 'message' }
      ]
    })
    expect(retried.code).toBe(0)
    expect(retryLog(retried).map(a => [a.status, a.errorType])).toEqual([
      [429, 'rate_limit_error'],
      [200, null]
    ])
    const denied = await askFoundry({ script: [{ kind: 'error', status: 401, type: 'authentication_error' }] })
    expect(denied.code).toBe(1)
    expect(denied.outputs.attempts).toBe('1')
    expect(denied.stdout).toMatch(/::error::.*HTTP 401.*Check the API key/)
  })

  it('streams an answer', async () => {
    const result = await askFoundry(
      { script: [{ kind: 'message', text: 'Streamed from Foundry.' }] },
      { stream: 'true' }
    )
    expect(result.code).toBe(0)
    expect(result.outputs.response).toBe('Streamed from Foundry.')
    expect(foundryRequests()[0]?.body.stream).toBe(true)
  })

  it('takes the key from anthropic-api-key before ANTHROPIC_FOUNDRY_API_KEY', async () => {
    await askFoundry({ script: [{ kind: 'message' }] }, { 'anthropic-api-key': 'foundry-key-from-input' })
    expect(foundryRequests()[0]?.headers['x-api-key']).toBe('foundry-key-from-input')
  })

  it('without a key, sends a Microsoft Entra ID token from the Azure CLI (a fake az on PATH), masked', async () => {
    const bin = await fs.mkdtemp(path.join(os.tmpdir(), 'fake-az-'))
    try {
      await fs.writeFile(
        path.join(bin, 'az'),
        `#!/bin/sh\n[ "$*" = "${AZ_TOKEN_ARGS.join(' ')}" ] || { echo "ERROR: unexpected arguments $*" >&2; exit 2; }\necho ${ENTRA_TOKEN}\n`,
        { mode: 0o755 }
      )
      const env = { ANTHROPIC_FOUNDRY_API_KEY: undefined, PATH: `${bin}${path.delimiter}${process.env.PATH}` }
      const result = await askFoundry(
        { script: [{ kind: 'error', status: 529, type: 'overloaded_error' }, { kind: 'message' }] },
        {},
        { env }
      )
      expect([result.code, result.outputs.error]).toEqual([0, undefined])
      expect(foundryRequests().map(r => [r.headers.authorization, r.headers['x-api-key']])).toEqual([
        [`Bearer ${ENTRA_TOKEN}`, undefined],
        [`Bearer ${ENTRA_TOKEN}`, undefined]
      ])
      expect(result.stdout).toContain(`::add-mask::${ENTRA_TOKEN}`)
      expect(result.stdout.replace(`::add-mask::${ENTRA_TOKEN}\n`, '')).not.toContain(ENTRA_TOKEN)
      expect(result.stdout).toContain('with a Microsoft Entra ID token')
    } finally {
      await fs.rm(bin, { recursive: true, force: true })
    }
  })

  it('without a key and without the Azure CLI, fails at once, before any request, saying what to do', async () => {
    const result = await askFoundry(
      { script: [] },
      {},
      { env: { ANTHROPIC_FOUNDRY_API_KEY: undefined, PATH: '/nonexistent' } }
    )
    expect(result.code).toBe(1)
    expect(result.outputs.error).toMatch(
      /no Microsoft Entra ID token from the Azure CLI .*Run azure\/login before this step/
    )
    expect(foundryRequests()).toEqual([])
  })

  it('refuses a resource and base-url together, and a bad resource name, before any request', async () => {
    const both = await askFoundry({ script: [] }, { 'foundry-resource': 'my-resource' })
    expect(both.outputs.error).toMatch(/both a resource \('my-resource'\) and 'base-url'/)
    const bad = await askFoundry({ script: [] }, { 'foundry-resource': 'my resource', 'base-url': '' })
    expect(bad.outputs.error).toMatch(/Input 'foundry-resource' has invalid value 'my resource'/)
    expect(foundryRequests()).toEqual([])
  })
})

describe('every provider behind a proxy (HTTP_PROXY)', () => {
  // Each fake is reached by a name that does not resolve: only the proxy maps it to 127.0.0.1,
  // so an answer proves that the provider's client used network/'s proxy-aware fetch.
  let proxy: FakeProxy | undefined
  afterEach(async () => {
    await proxy?.close()
    proxy = undefined
  })
  const through = async (host: string) => {
    proxy = await startFakeProxy({ hosts: [host] })
    return { HTTP_PROXY: proxy.url }
  }
  const carried = () => proxy?.requests.map(r => [r.method, new URL(r.target).host, r.status])

  it('bedrock: the signed InvokeModel request', async () => {
    const env = await through('bedrock.example.test')
    const fake = await startFakeBedrock([{ kind: 'message', text: 'Via the proxy.' }])
    try {
      const port = new URL(fake.url).port
      const result = await runInProcess({
        inputs: {
          prompt: 'Hi',
          provider: 'bedrock',
          model: BEDROCK_MODEL,
          'base-url': `http://bedrock.example.test:${port}`
        },
        env: { ...FAKE_AWS, ...env }
      })
      expect(result.outputs.response).toBe('Via the proxy.')
      expect(carried()).toEqual([['POST', `bedrock.example.test:${port}`, 200]])
      expect(fake.requests[0]?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /)
    } finally {
      await fake.close()
    }
  })

  it('foundry: the Messages request under /anthropic, with the Foundry key', async () => {
    const env = await through('foundry.example.test')
    const { url } = await startApi({ pathPrefix: '/anthropic', script: [{ kind: 'message', text: 'Via the proxy.' }] })
    const port = new URL(url).port
    const result = await runInProcess({
      inputs: { prompt: 'Hi', provider: 'foundry', 'base-url': `http://foundry.example.test:${port}/anthropic/` },
      env: { ANTHROPIC_FOUNDRY_API_KEY: FOUNDRY_KEY, ...env }
    })
    expect(result.outputs.response).toBe('Via the proxy.')
    expect(carried()).toEqual([['POST', `foundry.example.test:${port}`, 200]])
  })

  it('vertex: rawPredict with the static token', async () => {
    const env = await through('vertex.example.test')
    const fake = await startFakeVertex({ script: [{ kind: 'message', text: 'Via the proxy.' }] })
    try {
      const url = new URL(fake.url)
      const result = await runInProcess({
        inputs: { ...vertexStepInputs(fake.url), 'base-url': `http://vertex.example.test:${url.port}${url.pathname}` },
        env
      })
      expect(result.outputs.response).toBe('Via the proxy.')
      expect(carried()).toEqual([['POST', `vertex.example.test:${url.port}`, 200]])
    } finally {
      await fake.close()
    }
  })
})
