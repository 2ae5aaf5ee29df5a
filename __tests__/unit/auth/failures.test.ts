import { httpFailure, jsonField, QUOTED_BODY_CHARS, scrub } from '../../../src/auth/failures.js'
import type { AttemptFailure } from '../../../src/retry/failure.js'

const ID_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.github-identity-token.signature'
const ACCESS_TOKEN = 'sk-ant-oat01-access-token-from-the-exchange'

describe('jsonField', () => {
  it('reads a non-empty string field of a JSON object', () => {
    expect(jsonField('{"error": "invalid_grant", "n": 3}', 'error')).toBe('invalid_grant')
  })

  it('nothing for a missing, empty or non-string field, a non-object, or text that is not JSON', () => {
    expect(jsonField('{"error": ""}', 'error')).toBeUndefined()
    expect(jsonField('{"error": {"type": "x"}}', 'error')).toBeUndefined()
    expect(jsonField('{"n": 3}', 'n')).toBeUndefined()
    expect(jsonField('null', 'error')).toBeUndefined()
    expect(jsonField('<html>Bad gateway</html>', 'error')).toBeUndefined()
    expect(jsonField('', 'error')).toBeUndefined()
  })

  it('clips a long field to what a failure quotes', () => {
    const long = jsonField(JSON.stringify({ error_description: 'x'.repeat(10_000) }), 'error_description')
    expect(Buffer.byteLength(long ?? '')).toBeLessThanOrEqual(QUOTED_BODY_CHARS)
    expect(long?.endsWith('…')).toBe(true)
  })
})

describe('scrub', () => {
  const failure = (message: string, errorType = 'invalid_grant'): AttemptFailure => ({
    kind: 'sign-in',
    status: 400,
    errorType,
    errorCode: null,
    requestId: null,
    message,
    headers: {}
  })

  it('cuts every copy of each secret from the message and the error type', () => {
    const echoed = failure(`token ${ID_TOKEN} refused; again: ${ID_TOKEN}`, `bad_${ID_TOKEN}`)
    const clean = scrub(echoed, [ID_TOKEN])
    expect(clean.message).toBe('token [REDACTED] refused; again: [REDACTED]')
    expect(clean.errorType).toBe('bad_[REDACTED]')
    expect(clean.status).toBe(400)
  })

  it('an empty secret (a token not fetched yet) changes nothing', () => {
    expect(scrub(failure('the exchange failed'), ['', ID_TOKEN]).message).toBe('the exchange failed')
  })

  it('key-shaped text goes too, even when it is not one of the secrets', () => {
    expect(scrub(failure(`got ${ACCESS_TOKEN}`), []).message).not.toContain(ACCESS_TOKEN)
  })
})

describe('httpFailure', () => {
  it('an http failure with the status, the headers by lower-case name, and no secret in it', () => {
    const response = new Response(null, { status: 401, headers: { 'Request-Id': 'req_9', 'Retry-After': '2' } })
    const failure = httpFailure(response, 'unauthorized', `the token ${ID_TOKEN} was refused`, [ID_TOKEN])
    expect(failure).toEqual({
      kind: 'http',
      status: 401,
      errorType: 'unauthorized',
      errorCode: null,
      requestId: null,
      message: 'the token [REDACTED] was refused',
      headers: { 'request-id': 'req_9', 'retry-after': '2' }
    })
  })

  it('clips an error type a server made long', () => {
    const failure = httpFailure(new Response(null, { status: 400 }), 'e'.repeat(500), 'm', [])
    expect(Buffer.byteLength(failure.errorType)).toBeLessThanOrEqual(100)
  })
})
