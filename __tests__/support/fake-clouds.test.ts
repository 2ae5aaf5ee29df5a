/**
 * Smoke tests of the cloud fakes against the real client libraries, in-process on 127.0.0.1:
 * fake-bedrock.ts with AnthropicBedrock (SigV4, the binary event stream), fake-vertex.ts with
 * AnthropicVertex (rawPredict paths, Google's error shape), fake-google-login.ts with
 * google-auth-library (the Workload Identity Federation chain). One real call each, and the
 * parsed result, so a fake that drifts from what the libraries read fails here first.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { AnthropicBedrock } from '@anthropic-ai/bedrock-sdk'
import { AnthropicVertex } from '@anthropic-ai/vertex-sdk'
import { APIError, PermissionDeniedError, RateLimitError } from '@anthropic-ai/sdk'
import { GoogleAuth } from 'google-auth-library'
import { BEDROCK_MODEL, FAKE_AWS, startFakeBedrock } from './fake-bedrock.js'
import {
  googleError,
  startFakeVertex,
  VERTEX_MODEL,
  VERTEX_PROJECT,
  VERTEX_REGION,
  VERTEX_TOKEN
} from './fake-vertex.js'
import { FEDERATED_TOKEN, GITHUB_OIDC_TOKEN, SERVICE_ACCOUNT, startFakeGoogleLogin } from './fake-google-login.js'

const closers: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})
const ask = (model: string) => ({
  model,
  max_tokens: 64,
  messages: [{ role: 'user' as const, content: 'Say hello.' }]
})
async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (error: unknown) => error
  )
}

describe('fake Bedrock with AnthropicBedrock', () => {
  const client = (url: string) =>
    new AnthropicBedrock({
      baseURL: url,
      awsRegion: FAKE_AWS.AWS_REGION,
      awsAccessKey: FAKE_AWS.AWS_ACCESS_KEY_ID,
      awsSecretKey: FAKE_AWS.AWS_SECRET_ACCESS_KEY,
      awsSessionToken: FAKE_AWS.AWS_SESSION_TOKEN,
      apiKey: null,
      maxRetries: 0
    })

  it('a signed invoke gives a Message; the stream decodes from eventstream frames', async () => {
    const fake = await startFakeBedrock([
      { kind: 'message', text: 'Plain.' },
      { kind: 'message', text: 'one two' }
    ])
    closers.push(fake.close)
    const message = await client(fake.url).messages.create(ask(BEDROCK_MODEL))
    expect(message).toMatchObject({
      id: 'msg_bdrk_1',
      type: 'message',
      model: BEDROCK_MODEL,
      content: [{ type: 'text', text: 'Plain.' }],
      stop_reason: 'end_turn',
      usage: { input_tokens: 11, output_tokens: 5 }
    })
    const streamed = await client(fake.url).messages.stream(ask(BEDROCK_MODEL)).finalMessage()
    expect(streamed.content).toEqual([{ type: 'text', text: 'one two' }])
    expect(streamed.stop_reason).toBe('end_turn')
    expect(fake.requests.map(r => r.path)).toEqual([
      `/model/${BEDROCK_MODEL}/invoke`,
      `/model/${BEDROCK_MODEL}/invoke-with-response-stream`
    ])
    expect(fake.requests[0]?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAFAKEE2EKEYID0001\//)
  })

  it('a Bedrock error becomes the SDK error class for its status', async () => {
    const fake = await startFakeBedrock([{ kind: 'error', status: 429, type: 'ThrottlingException' }])
    closers.push(fake.close)
    const error = await caught(client(fake.url).messages.create(ask(BEDROCK_MODEL)))
    expect(error).toBeInstanceOf(RateLimitError)
    expect((error as RateLimitError).status).toBe(429)
    expect((error as RateLimitError).error).toEqual({ message: 'ThrottlingException' })
    expect((error as RateLimitError).headers.get('x-amzn-errortype')).toMatch(/^ThrottlingException:/)
    // Bedrock's request id is in its own header; the SDK's requestID (from request-id) stays null.
    expect((error as RateLimitError).headers.get('x-amzn-requestid')).toBe('fake-bedrock-1-0000-0000-000000000000')
    expect((error as RateLimitError).requestID).toBeNull()
  })

  it('an exception frame mid-stream becomes an APIError without status, typed by the exception', async () => {
    const fake = await startFakeBedrock([{ kind: 'stream-exception', type: 'throttlingException', message: 'slow' }])
    closers.push(fake.close)
    const error = await caught(client(fake.url).messages.stream(ask(BEDROCK_MODEL)).finalMessage())
    expect(error).toBeInstanceOf(APIError)
    expect(error).toMatchObject({ status: undefined, type: 'throttlingException', apiMessage: 'slow' })
  })
})

describe('fake Vertex with AnthropicVertex', () => {
  const client = (url: string) =>
    new AnthropicVertex({
      baseURL: url,
      region: VERTEX_REGION,
      projectId: VERTEX_PROJECT,
      // A fixed token, as src/providers/vertex.ts passes one: no Google credentials are looked up.
      authClient: {
        projectId: VERTEX_PROJECT,
        getRequestHeaders: async () => new Headers({ authorization: `Bearer ${VERTEX_TOKEN}` })
      } as never,
      maxRetries: 0
    })

  it('rawPredict gives a Message, streamRawPredict a stream; the model is in the path, anthropic_version in the body', async () => {
    const fake = await startFakeVertex({
      script: [
        { kind: 'message', text: 'From Vertex.' },
        { kind: 'message', text: 'Streamed from Vertex.' }
      ]
    })
    closers.push(fake.close)
    const message = await client(fake.url).messages.create(ask(VERTEX_MODEL))
    expect(message.content).toEqual([{ type: 'text', text: 'From Vertex.' }])
    expect(message.model).toBe(VERTEX_MODEL)
    const streamed = await client(fake.url).messages.stream(ask(VERTEX_MODEL)).finalMessage()
    expect(streamed.content).toEqual([{ type: 'text', text: 'Streamed from Vertex.' }])
    expect(fake.requests[1]?.path).toMatch(/:streamRawPredict$/)
    const [request] = fake.requests
    expect(request?.path).toBe(
      `/v1/projects/${VERTEX_PROJECT}/locations/${VERTEX_REGION}/publishers/anthropic/models/${VERTEX_MODEL}:rawPredict`
    )
    expect(request?.body).toMatchObject({ anthropic_version: expect.any(String), max_tokens: 64 })
    expect(request?.body).not.toHaveProperty('model')
  })

  it("Google's error shape becomes the SDK error class for its status", async () => {
    const fake = await startFakeVertex({
      script: [googleError('PERMISSION_DENIED', { reason: 'IAM_PERMISSION_DENIED' })]
    })
    closers.push(fake.close)
    const error = await caught(client(fake.url).messages.create(ask(VERTEX_MODEL)))
    expect(error).toBeInstanceOf(PermissionDeniedError)
    expect((error as APIError).status).toBe(403)
    expect((error as APIError).error).toMatchObject({
      error: { code: 403, status: 'PERMISSION_DENIED', details: [{ reason: 'IAM_PERMISSION_DENIED' }] }
    })
  })
})

describe('fake Google login with google-auth-library', () => {
  async function credentialsFile(options?: { serviceAccount?: string }, stsRefuses = false) {
    const login = await startFakeGoogleLogin({ stsRefuses })
    closers.push(login.close)
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'fake-google-login-'))
    closers.push(() => fs.rm(dir, { recursive: true, force: true }))
    const file = await login.writeCredentialsFile(dir, options)
    const auth = new GoogleAuth({ keyFilename: file, scopes: 'https://www.googleapis.com/auth/cloud-platform' })
    return { login, auth }
  }

  it('the OIDC token is exchanged at STS, then for the service account’s access token', async () => {
    const { login, auth } = await credentialsFile({ serviceAccount: SERVICE_ACCOUNT })
    expect(await auth.getAccessToken()).toBe(VERTEX_TOKEN)
    expect(login.requests.map(r => `${r.method} ${r.path.split('?')[0]}`)).toEqual([
      'GET /oidc',
      'POST /sts/v1/token',
      `POST /iam/v1/projects/-/serviceAccounts/${SERVICE_ACCOUNT}:generateAccessToken`
    ])
    expect(new URLSearchParams(login.requests[1]?.body).get('subject_token')).toBe(GITHUB_OIDC_TOKEN)
    expect(login.requests[2]?.headers.authorization).toBe(`Bearer ${FEDERATED_TOKEN}`)
  })

  it('without impersonation the STS token is the access token', async () => {
    const { login, auth } = await credentialsFile()
    expect(await auth.getAccessToken()).toBe(VERTEX_TOKEN)
    expect(login.requests).toHaveLength(2)
  })

  it("STS's invalid_grant rejects with the error the library reads from the body", async () => {
    const { auth } = await credentialsFile(undefined, true)
    const error = await caught(auth.getAccessToken())
    expect(String(error)).toMatch(/invalid_grant/)
    expect(String(error)).toMatch(/does not match the expected audience/)
  })
})
