/**
 * Claude on Google Vertex AI, in-process: run() with the real @anthropic-ai/vertex-sdk against the
 * fake Vertex endpoint on 127.0.0.1 (fake-vertex.ts), reached through `base-url`. Most runs use
 * a static access token (`vertex-access-token`); the Workload Identity Federation login that
 * google-github-actions/auth sets up runs against fakes of its endpoints (fake-google-login.ts).
 */
import { retryLog } from '../support/ask.js'
import { askVertexWith, askVertexWithLoginWith, login, tempDir, vertex } from '../support/ask-vertex.js'
import type { Reply } from '../support/fake-api.js'
import { FEDERATED_TOKEN, GITHUB_OIDC_TOKEN, SERVICE_ACCOUNT } from '../support/fake-google-login.js'
import { startFakeProxy } from '../support/fake-proxy.js'
import {
  googleError,
  VERTEX_MODEL,
  VERTEX_PROJECT,
  VERTEX_REGION,
  VERTEX_TOKEN,
  vertexTarget
} from '../support/fake-vertex.js'
import type { RunResult } from '../support/run-action.js'
import { runInProcess } from '../support/run-in-process.js'

const askVertex = askVertexWith(runInProcess)
const askVertexWithLogin = askVertexWithLoginWith(runInProcess)

const hello: Reply = { kind: 'message', text: 'Hello from Vertex.' }
const targets = () => vertex?.requests.map(request => vertexTarget(request)) ?? []
const errorLines = (result: RunResult) => result.commands.filter(c => c.name === 'error').map(c => c.data)

/** The token is registered as a secret and appears nowhere else: log, summary, outputs. */
function expectTokenNowhere(result: RunResult, token = VERTEX_TOKEN) {
  expect(result.stdout).toContain(`::add-mask::${token}`)
  const stdout = result.stdout.replace(`::add-mask::${token}\n`, '')
  for (const text of [stdout, result.stderr, result.summary, JSON.stringify(result.outputs)]) {
    expect(text).not.toContain(token)
  }
}

describe('provider vertex', () => {
  it("answers through rawPredict at the path of the project, region and model, with the token and Vertex's body", async () => {
    const result = await askVertex([hello])
    expect(result.code).toBe(0)
    expect(result.outputs.response).toBe('Hello from Vertex.')
    expect(result.outputs.model).toBe(VERTEX_MODEL)
    expect(targets()).toEqual([
      { project: VERTEX_PROJECT, region: VERTEX_REGION, model: VERTEX_MODEL, method: 'rawPredict' }
    ])
    const [request] = vertex?.requests ?? []
    expect(request?.headers.authorization).toBe(`Bearer ${VERTEX_TOKEN}`)
    expect(request?.headers['anthropic-version']).toBeUndefined()
    expect(request?.headers['x-api-key']).toBeUndefined()
    expect(request?.body).toMatchObject({ anthropic_version: expect.any(String), max_tokens: 4096 })
    expect(request?.body.model).toBeUndefined()
    expect(result.stdout).toContain(`on Google Vertex AI in ${VERTEX_REGION} (project ${VERTEX_PROJECT})`)
    expectTokenNowhere(result)
  })

  it('streams through streamRawPredict', async () => {
    const result = await askVertex([{ kind: 'message', text: 'one two three four', chunks: 4 }], { stream: 'true' })
    expect(result.code).toBe(0)
    expect(result.outputs.response).toBe('one two three four')
    expect(targets().map(t => t?.method)).toEqual(['streamRawPredict'])
    expect(vertex?.requests[0]?.body.stream).toBe(true)
  })

  it('retries 429 RESOURCE_EXHAUSTED and 503 UNAVAILABLE, and retry-log names them', async () => {
    const result = await askVertex([
      googleError('RESOURCE_EXHAUSTED'),
      googleError('UNAVAILABLE', { inArray: true }),
      hello
    ])
    expect(result.code).toBe(0)
    expect(result.outputs.attempts).toBe('3')
    expect(retryLog(result).map(a => [a.status, a.errorType, a.waitReason])).toEqual([
      [429, 'RESOURCE_EXHAUSTED', 'backoff'],
      [503, 'UNAVAILABLE', 'backoff'],
      [200, null, null]
    ])
    expect(result.stdout).toMatch(
      /::warning::Attempt 1 of 6: 429 RESOURCE_EXHAUSTED after [\d.]+ s: Quota exceeded for aiplatform\.googleapis\.com.*Retrying in/
    )
    expect(result.stdout).toMatch(/::warning::Attempt 2 of 6: 503 UNAVAILABLE .*The service is currently unavailable/)
  })

  it('stops at 403 PERMISSION_DENIED with the fix in the error: the IAM role and Model Garden', async () => {
    const result = await askVertex([googleError('PERMISSION_DENIED', { reason: 'IAM_PERMISSION_DENIED' }), hello])
    expect(result.code).toBe(1)
    expect(vertex?.requests).toHaveLength(1)
    expect(result.outputs.error).toMatch(/^PERMISSION_DENIED: Permission 'aiplatform\.endpoints\.predict' denied/)
    expect(retryLog(result).map(a => [a.status, a.errorType])).toEqual([[403, 'PERMISSION_DENIED']])
    const [failure] = errorLines(result)
    expect(failure).toMatch(/HTTP 403.*Not retried.*roles\/aiplatform\.user.*Vertex AI Model Garden/)
    expect(result.summary).toContain('roles/aiplatform.user')
  })

  it('moves on from a model Vertex does not know (404 NOT_FOUND) to the next fallback model', async () => {
    const result = await askVertex([googleError('NOT_FOUND'), hello], {
      'fallback-models': 'claude-haiku-4-5@20251001'
    })
    expect(result.code).toBe(0)
    expect(targets().map(t => t?.model)).toEqual([VERTEX_MODEL, 'claude-haiku-4-5@20251001'])
    expect(retryLog(result).map(a => [a.errorType, a.waitReason])).toEqual([
      ['NOT_FOUND', 'fallback'],
      [null, null]
    ])
    expect(result.outputs.model).toBe('claude-haiku-4-5@20251001')
  })

  it("counts Claude's own 529 overloaded_error behind Vertex toward fallback-after", async () => {
    const overloaded: Reply = { kind: 'error', status: 529, type: 'overloaded_error' }
    const result = await askVertex([overloaded, hello], {
      'fallback-models': 'claude-haiku-4-5@20251001',
      'fallback-after': '1'
    })
    expect(result.code).toBe(0)
    expect(retryLog(result).map(a => [a.status, a.errorType, a.model])).toEqual([
      [529, 'overloaded_error', VERTEX_MODEL],
      [200, null, 'claude-haiku-4-5@20251001']
    ])
  })

  it('fails at a 404 with no fallback left, saying Vertex model names carry a version', async () => {
    const result = await askVertex([googleError('NOT_FOUND')], { model: 'claude-sonnet-4-5' })
    expect(result.code).toBe(1)
    expect(errorLines(result)[0]).toMatch(/Check the model name 'claude-sonnet-4-5'.*claude-sonnet-4-5@20250929/)
  })

  it('counts tokens at count-tokens:rawPredict for max-input-tokens', async () => {
    const result = await askVertex({ script: [hello], countTokens: 42 }, { 'max-input-tokens': '1000' })
    expect(result.code).toBe(0)
    expect(result.outputs['input-tokens-counted']).toBe('42')
    expect(targets().map(t => [t?.model, t?.method])).toEqual([
      ['count-tokens', 'rawPredict'],
      [VERTEX_MODEL, 'rawPredict']
    ])
    expect(vertex?.requests[0]?.body.model).toBe(VERTEX_MODEL)
  })

  it('checks project and region before any request, naming the input and what is accepted', async () => {
    const result = await askVertex([hello], { 'vertex-region': 'evil.example/x?' })
    expect(result.code).toBe(1)
    expect(vertex?.requests).toHaveLength(0)
    expect(errorLines(result)[0]).toContain(
      "Input 'vertex-region' has invalid value 'evil.example/x?'. Expected a Vertex AI region"
    )
    expect(result.outputs.error).toMatch(/^invalid_input: /)
  })

  it('takes project and region from what google-github-actions/auth and the SDK read', async () => {
    const result = await askVertex(
      [hello],
      { 'vertex-project-id': '', 'vertex-region': '' },
      { env: { GOOGLE_CLOUD_PROJECT: 'from-the-auth-action', CLOUD_ML_REGION: 'global' } }
    )
    expect(result.code).toBe(0)
    expect(targets()[0]).toMatchObject({ project: 'from-the-auth-action', region: 'global' })
  })
})

describe('provider vertex with Workload Identity Federation (google-github-actions/auth)', () => {
  const askWithLogin = (options: Parameters<typeof askVertexWithLogin>[0], script: Reply[]) =>
    askVertexWithLogin(options, { script, token: [VERTEX_TOKEN, `${VERTEX_TOKEN}-2`] })

  it('exchanges the runner OIDC token at STS, impersonates the service account, and calls Vertex with that token', async () => {
    const result = await askWithLogin({ serviceAccount: SERVICE_ACCOUNT }, [googleError('RESOURCE_EXHAUSTED'), hello])
    expect(result.code).toBe(0)
    expect(result.outputs.response).toBe('Hello from Vertex.')
    expect(login?.requests.map(r => `${r.method} ${r.path.split('?')[0]}`)).toEqual([
      'GET /oidc',
      'POST /sts/v1/token',
      `POST /iam/v1/projects/-/serviceAccounts/${SERVICE_ACCOUNT}:generateAccessToken`
    ])
    // The token is fetched once and reused by the retry.
    expect(vertex?.requests.map(r => r.headers.authorization)).toEqual([
      `Bearer ${VERTEX_TOKEN}`,
      `Bearer ${VERTEX_TOKEN}`
    ])
    // The token google-auth-library minted is masked once; the tokens before it never reach the action.
    expectTokenNowhere(result)
    expect(result.stdout.split('::add-mask::')).toHaveLength(2)
    for (const secret of [FEDERATED_TOKEN, GITHUB_OIDC_TOKEN]) {
      expect(result.stdout + result.summary + JSON.stringify(result.outputs)).not.toContain(secret)
    }
  })

  it('fetches a new token when the last one expires, and masks each new one', async () => {
    // Tokens that live 1 s are inside google-auth-library's refresh margin: each attempt gets a new one.
    const result = await askWithLogin({ expiresInSeconds: 1 }, [googleError('UNAVAILABLE'), hello])
    expect(result.code).toBe(0)
    expect(login?.requests.map(r => `${r.method} ${r.path.split('?')[0]}`)).toEqual([
      'GET /oidc',
      'POST /sts/v1/token',
      'GET /oidc',
      'POST /sts/v1/token'
    ])
    expect(vertex?.requests.map(r => r.headers.authorization)).toEqual([
      `Bearer ${VERTEX_TOKEN}`,
      `Bearer ${VERTEX_TOKEN}-2`
    ])
    let stdout = result.stdout
    for (const token of [VERTEX_TOKEN, `${VERTEX_TOKEN}-2`]) {
      expect(stdout).toContain(`::add-mask::${token}\n`)
      stdout = stdout.replace(`::add-mask::${token}\n`, '')
    }
    expect(stdout + result.summary + JSON.stringify(result.outputs)).not.toContain(VERTEX_TOKEN)
  })

  it("sends google-auth-library's login requests through HTTPS_PROXY too, with the proxy's credentials", async () => {
    // gaxios reads the proxy variables itself (not through network/): every login request is a
    // CONNECT through the proxy. The Vertex request to 127.0.0.1 bypasses it (network/route.ts).
    const proxy = await startFakeProxy({ auth: { user: 'ci', password: 'p w' } })
    try {
      const env = { HTTPS_PROXY: `http://ci:p%20w@127.0.0.1:${proxy.port}` }
      const result = await askVertexWithLogin({ serviceAccount: SERVICE_ACCOUNT }, [hello], {}, env)
      expect(result.code).toBe(0)
      expect(login?.requests).toHaveLength(3)
      const basic = `Basic ${Buffer.from('ci:p w').toString('base64')}`
      expect(proxy.requests.map(r => [r.method, r.status, r.proxyAuthorization])).toEqual(
        Array(3).fill(['CONNECT', 200, basic])
      )
      expect(result.stdout).not.toContain('p%20w')
    } finally {
      await proxy.close()
    }
  })

  it('stops at once when STS refuses the exchange, with what it said and where to look; Vertex is never called', async () => {
    const result = await askWithLogin({ stsRefuses: true }, [hello])
    expect(result.code).toBe(1)
    expect(vertex?.requests).toHaveLength(0)
    expect(result.outputs.attempts).toBe('1')
    expect(result.outputs.error).toMatch(/^google_login_error: the Google login failed \(HTTP 400\): .*invalid_grant/)
    expect(errorLines(result)[0]).toMatch(/workload_identity_provider.*id-token: write/)
  })

  it('without any Google credentials, says to run google-github-actions/auth or pass a token', async () => {
    // No credentials file, no gcloud login in HOME, and not on Google Compute Engine.
    const result = await askVertex(
      [hello],
      { 'vertex-access-token': '' },
      { env: { HOME: tempDir('vertex-no-adc-'), METADATA_SERVER_DETECTION: 'none' } }
    )
    expect(result.code).toBe(1)
    expect(vertex?.requests).toHaveLength(0)
    expect(result.outputs.attempts).toBe('1')
    expect(result.outputs.error).toMatch(
      /^google_login_error: no Google credentials for Vertex AI \(Could not load the default credentials.*Run google-github-actions\/auth before this step.*'vertex-access-token'/
    )
  })
})
