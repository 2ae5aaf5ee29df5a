import { APIConnectionError, APIError } from '@anthropic-ai/sdk'
import { failureFrom } from '../../../src/claude/sdk-failures.js'
import { GoogleLoginError, googleErrorFields } from '../../../src/claude/google-errors.js'
import { hintFor } from '../../../src/report/hints.js'
import { classify } from '../../../src/retry/classify.js'

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
