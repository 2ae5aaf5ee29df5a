import { APIConnectionError, APIError } from '@anthropic-ai/sdk'
import { failureFrom } from '../../src/claude/sdk-failures.js'
import { GoogleLoginError, googleErrorFields } from '../../src/claude/google-errors.js'
import { vertexClient } from '../../src/providers/vertex.js'
import { hintFor } from '../../src/report/hints.js'
import { classify } from '../../src/retry/classify.js'
import { ConfigError, type InputSource } from '../../src/inputs/read.js'
import { vertexInputs } from '../../src/inputs/vertex-inputs.js'

const source = (inputs: Record<string, string>, env: Record<string, string> = {}): InputSource => ({
  getInput: name => inputs[name] ?? '',
  env
})
const both = { 'vertex-project-id': 'my-project-123', 'vertex-region': 'us-east5' }

describe('vertexInputs', () => {
  it('takes the inputs; without a token, Application Default Credentials are used', () => {
    expect(vertexInputs(source(both))).toEqual({
      projectId: 'my-project-123',
      region: 'us-east5',
      accessToken: undefined
    })
  })

  it('falls back to the variables the SDK and google-github-actions/auth set, inputs first', () => {
    const env = { GOOGLE_CLOUD_PROJECT: 'from-auth-action', CLOUD_ML_REGION: 'europe-west1' }
    expect(vertexInputs(source({}, env))).toMatchObject({ projectId: 'from-auth-action', region: 'europe-west1' })
    expect(vertexInputs(source({}, { ...env, ANTHROPIC_VERTEX_PROJECT_ID: 'sdk-project' })).projectId).toBe(
      'sdk-project'
    )
    expect(vertexInputs(source(both, env))).toMatchObject({ projectId: 'my-project-123', region: 'us-east5' })
  })

  it.each(['global', 'us', 'eu', 'us-east5', 'europe-west1', 'northamerica-northeast1', 'asia-southeast1'])(
    'accepts the region %s',
    region => expect(vertexInputs(source({ ...both, 'vertex-region': region })).region).toBe(region)
  )

  it.each(['example.com:my-project', 'abcdef', 'a-30-character-project-id-0001'])('accepts the project %s', id =>
    expect(vertexInputs(source({ ...both, 'vertex-project-id': id })).projectId).toBe(id)
  )

  it.each([
    ['vertex-region', 'evil.example/x?', /Input 'vertex-region' has invalid value 'evil\.example\/x\?'/],
    ['vertex-region', 'US-EAST5', /Expected a Vertex AI region such as us-east5/],
    ['vertex-region', 'us-east5.', /invalid value/],
    [
      'vertex-project-id',
      'My Project',
      /Input 'vertex-project-id' has invalid value 'My Project'\. Expected a Google Cloud project ID/
    ],
    ['vertex-project-id', '123456789012', /not its name or number/],
    ['vertex-project-id', 'short', /invalid value 'short'/],
    ['vertex-project-id', 'ends-with-hyphen-', /invalid value/],
    ['vertex-project-id', 'p/../../x', /invalid value/]
  ])('refuses %s %j before any request, naming the input, the value and what is accepted', (input, value, message) => {
    expect(() => vertexInputs(source({ ...both, [input]: value }))).toThrow(ConfigError)
    expect(() => vertexInputs(source({ ...both, [input]: value }))).toThrow(message)
  })

  it('names the variable when the bad value came from the environment', () => {
    expect(() => vertexInputs(source({ 'vertex-project-id': 'my-project-123' }, { CLOUD_ML_REGION: 'mars' }))).toThrow(
      "CLOUD_ML_REGION (used because 'vertex-region' is empty) has invalid value 'mars'"
    )
  })

  it('says where the project and the region can come from when neither is given', () => {
    expect(() => vertexInputs(source({ 'vertex-region': 'us-east5' }))).toThrow(
      /No Vertex AI project: input 'vertex-project-id' is empty and ANTHROPIC_VERTEX_PROJECT_ID and GOOGLE_CLOUD_PROJECT are not set.*project_id/
    )
    expect(() => vertexInputs(source({ 'vertex-project-id': 'my-project-123' }))).toThrow(
      /No Vertex AI region: input 'vertex-region' is empty and CLOUD_ML_REGION is not set/
    )
  })

  it('with mock-response, needs no project or region (no request is sent), but still checks given ones', () => {
    expect(vertexInputs(source({}), { mock: true })).toEqual({ projectId: '', region: '', accessToken: undefined })
    expect(() => vertexInputs(source({ 'vertex-region': 'nowhere' }), { mock: true })).toThrow(
      /invalid value 'nowhere'/
    )
  })

  it('takes an access token, and refuses one that cannot be a bearer token without quoting it', () => {
    const token = 'ya29.a0AfB_byC-x_y~z+/w=='
    expect(vertexInputs(source({ ...both, 'vertex-access-token': ` ${token}\n` })).accessToken).toBe(token)
    const bad = 'ya29.secret\nX-Injected: 1'
    let message = ''
    try {
      vertexInputs(source({ ...both, 'vertex-access-token': bad }))
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toMatch(/Input 'vertex-access-token' is not an OAuth 2.0 access token/)
    expect(message).not.toContain('ya29.secret')
  })
})

describe("Vertex AI's errors as data", () => {
  const google = (status: number, body: unknown) =>
    failureFrom(APIError.generate(status, body as object, undefined, new Headers()), { streamStarted: false })

  it("reads Google's error shape: the google.rpc.Code as the type, its message, the ErrorInfo reason as the code", () => {
    const body = {
      error: {
        code: 403,
        message: "Permission 'aiplatform.endpoints.predict' denied",
        status: 'PERMISSION_DENIED',
        details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'IAM_PERMISSION_DENIED' }]
      }
    }
    expect(google(403, body)).toMatchObject({
      kind: 'http',
      status: 403,
      errorType: 'PERMISSION_DENIED',
      errorCode: 'IAM_PERMISSION_DENIED',
      message: "Permission 'aiplatform.endpoints.predict' denied"
    })
    // streamRawPredict wraps the same object in a one-element array.
    expect(
      google(429, [{ error: { code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED' } }])
    ).toMatchObject({
      errorType: 'RESOURCE_EXHAUSTED',
      errorCode: null,
      message: 'Quota exceeded'
    })
  })

  it("leaves Anthropic's envelope (Claude behind Vertex) and bodies of other shapes as they were", () => {
    const overloaded = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }
    expect(google(529, overloaded)).toMatchObject({ errorType: 'overloaded_error', message: 'Overloaded' })
    expect(googleErrorFields({ error: { status: 'not a code' } })).toBeUndefined()
    expect(googleErrorFields([{ error: { status: 'UNAVAILABLE' } }, {}])).toBeUndefined()
    expect(googleErrorFields('<html>')).toBeUndefined()
    expect(googleErrorFields({ error: { status: 'UNAVAILABLE' } })).toEqual({
      status: 'UNAVAILABLE',
      message: 'UNAVAILABLE',
      reason: null
    })
  })

  it('tells a refused Google login (final) from one that may pass on retry, with what the token service said', () => {
    const login = (cause: unknown) =>
      failureFrom(
        new APIConnectionError({
          message: 'Failed to acquire Google OAuth credentials.',
          cause: GoogleLoginError.from(cause)
        }),
        { streamStarted: false }
      )
    const refused = login(
      Object.assign(new Error('Error code invalid_grant: The audience does not match.'), { status: 400 })
    )
    expect(refused).toMatchObject({
      kind: 'client',
      errorType: 'google_login_error',
      message: 'the Google login failed (HTTP 400): Error code invalid_grant: The audience does not match.'
    })
    expect(classify(refused, 0).retry).toBe(false)
    const down = login(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
    expect(down).toMatchObject({ kind: 'connection', errorType: 'google_login_error' })
    expect(classify(down, 0).retry).toBe(true)
  })

  it('retries RESOURCE_EXHAUSTED and UNAVAILABLE; PERMISSION_DENIED and NOT_FOUND are final, with a hint that names the fix', () => {
    const failure = (status: number, code: string) =>
      google(status, { error: { code: status, message: 'm', status: code } })
    expect(classify(failure(429, 'RESOURCE_EXHAUSTED'), 0).retry).toBe(true)
    expect(classify(failure(503, 'UNAVAILABLE'), 0).retry).toBe(true)
    expect(classify(failure(403, 'PERMISSION_DENIED'), 0).retry).toBe(false)
    expect(classify(failure(404, 'NOT_FOUND'), 0).retry).toBe(false)
    const model = 'claude-sonnet-4-5@20250929'
    expect(hintFor(failure(403, 'PERMISSION_DENIED'), 'final-error', model)).toMatch(
      /roles\/aiplatform\.user.*enable 'claude-sonnet-4-5@20250929' in Vertex AI Model Garden/
    )
    expect(hintFor(failure(400, 'FAILED_PRECONDITION'), 'final-error', model)).toMatch(/Model Garden/)
    expect(hintFor(failure(404, 'NOT_FOUND'), 'final-error', model)).toMatch(/'vertex-region'/)
    // The Anthropic API's own 403 keeps its hint.
    const anthropic403 = google(403, { type: 'error', error: { type: 'permission_error', message: 'no' } })
    expect(hintFor(anthropic403, 'final-error', model)).toMatch(/The key may not use this model/)
  })
})

describe('vertexClient', () => {
  const settings = { name: 'vertex' as const, projectId: 'my-project-123', region: 'us-east5', accessToken: 'ya29.x' }
  const shared = { maxRetries: 0 as const, fetch: globalThis.fetch, defaultHeaders: {} }

  it("sends to the region's endpoint, never to a URL from ANTHROPIC_VERTEX_BASE_URL; base-url wins", async () => {
    const saved = process.env.ANTHROPIC_VERTEX_BASE_URL
    process.env.ANTHROPIC_VERTEX_BASE_URL = 'https://elsewhere.example.test/v1'
    try {
      const regional = (await vertexClient(settings, undefined, shared)) as unknown as { baseURL: string }
      expect(regional.baseURL).toBe('https://us-east5-aiplatform.googleapis.com/v1')
      const global = (await vertexClient({ ...settings, region: 'global' }, undefined, shared)) as unknown as {
        baseURL: string
      }
      expect(global.baseURL).toBe('https://aiplatform.googleapis.com/v1')
      const given = (await vertexClient(settings, 'http://127.0.0.1:9/v1', shared)) as unknown as { baseURL: string }
      expect(given.baseURL).toBe('http://127.0.0.1:9/v1')
    } finally {
      if (saved === undefined) delete process.env.ANTHROPIC_VERTEX_BASE_URL
      else process.env.ANTHROPIC_VERTEX_BASE_URL = saved
    }
  })
})
