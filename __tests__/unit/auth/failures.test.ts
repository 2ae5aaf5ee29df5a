import { httpFailure, jsonField, QUOTED_BODY_CHARS } from '../../../src/auth/failures.js'
import { runSecrets } from '../../../src/util/secrets.js'

const ID_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.github-identity-token.signature'

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

describe('httpFailure', () => {
  beforeEach(() => {
    runSecrets.start({})
    runSecrets.add(ID_TOKEN, 'the identity token')
  })
  afterEach(() => runSecrets.start({}))

  it('an http failure with the status, the headers by lower-case name, and no secret in it', () => {
    const response = new Response(null, { status: 401, headers: { 'Request-Id': 'req_9', 'Retry-After': '2' } })
    const failure = httpFailure(response, 'unauthorized', `the token ${ID_TOKEN} was refused`)
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
    const failure = httpFailure(new Response(null, { status: 400 }), 'e'.repeat(500), 'm')
    expect(Buffer.byteLength(failure.errorType)).toBeLessThanOrEqual(100)
  })
})
