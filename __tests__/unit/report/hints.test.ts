import { COST_LIMIT_ERROR, COST_LIMIT_HINT } from '../../../src/report/cost-lines.js'
import { hintFor } from '../../../src/report/hints.js'
import type { AttemptFailure } from '../../../src/retry/failure.js'

const failure = (fields: Partial<AttemptFailure> = {}): AttemptFailure => ({
  kind: 'http',
  status: 500,
  errorType: 'api_error',
  errorCode: null,
  requestId: 'req_1',
  message: 'm',
  headers: {},
  ...fields
})
const final = (fields: Partial<AttemptFailure>) => hintFor(failure(fields), 'final-error', 'claude-x')

describe('hintFor', () => {
  it('says nothing about a cancel, even a cancel during a proxy failure', () => {
    expect(hintFor(failure({ kind: 'proxy', status: 407 }), 'cancelled', 'm')).toBeUndefined()
  })

  it('a failure at the proxy or its TLS is fixed there, however the loop stopped', () => {
    expect(hintFor(failure({ kind: 'connection', errorType: 'certificate_error' }), 'retries-exhausted', 'm')).toMatch(
      /^The server's certificate is not signed by a CA this runner trusts\..*NODE_EXTRA_CA_CERTS/
    )
    expect(hintFor(failure({ kind: 'connection', errorType: 'proxy_connection_error' }), 'deadline', 'm')).toMatch(
      /^Check that the proxy is running and reachable from the runner, .*HTTPS_PROXY/
    )
    expect(final({ kind: 'proxy', status: 407, errorType: 'proxy_error' })).toMatch(/^The proxy wants credentials/)
    expect(final({ kind: 'proxy', status: 403, errorType: 'proxy_error' })).toMatch(
      /^The proxy does not allow this connection/
    )
    // A 407 from the API itself (not kind 'proxy') is not the proxy's.
    expect(final({ kind: 'http', status: 407, errorType: 'x' })).toBeUndefined()
  })

  it.each([
    [
      'retries-exhausted',
      /^The failures were transient but outlasted the retries: raise 'max-retries' or 'total-timeout'/
    ],
    ['deadline', /^Raise 'total-timeout', or lower 'max-delay'/],
    ['server-wait-too-long', /^Raise 'max-delay' to honour the server's wait/]
  ] as const)('%s: what to raise', (stop, hint) => {
    // Whatever failed last: the status hint (here a 401) does not apply to a transient run that ran out.
    expect(hintFor(failure({ status: 401 }), stop, 'm')).toMatch(hint)
  })

  it('refused: the cost hint for the cost guard, nothing for any other refusal', () => {
    expect(hintFor(failure({ kind: 'client', errorType: COST_LIMIT_ERROR }), 'refused', 'm')).toBe(COST_LIMIT_HINT)
    expect(hintFor(failure({ kind: 'client', errorType: 'other' }), 'refused', 'm')).toBeUndefined()
  })

  it('a spend limit comes before the status and the server header', () => {
    const spend =
      'A spend limit was reached: raise it in the Claude Console (Settings > Limits) or wait for the next period. Retrying does not help.'
    expect(final({ status: 429, errorCode: 'enforced_spend_limit_reached' })).toBe(spend)
    expect(
      final({ status: 403, errorCode: 'contract_spend_limit_reached', headers: { 'x-should-retry': 'false' } })
    ).toBe(spend)
    expect(final({ status: 403, errorCode: 'some_other_code' })).toMatch(/^The key may not use this model/)
  })

  it("the server's x-should-retry: false comes before the status; true does not", () => {
    expect(final({ status: 401, headers: { 'x-should-retry': 'false' } })).toBe(
      'The server said this request must not be retried.'
    )
    expect(final({ status: 401, headers: { 'x-should-retry': 'true' } })).toMatch(/^Check the API key/)
  })

  it('a failed token renewal points at the renewal lines', () => {
    expect(final({ kind: 'sign-in', status: 401 })).toMatch(/^The access token from the OIDC sign-in had to be renewed/)
  })

  it("a provider's error type wins over the status", () => {
    expect(final({ status: 403, errorType: 'AccessDeniedException' })).toMatch(
      /^Grant the role bedrock:InvokeModel .* on 'claude-x'/
    )
  })

  it.each([
    [400, /^The API rejected the request: check 'model', 'max-tokens' and the prompt\.$/],
    [401, /^Check the API key: the secret passed as 'anthropic-api-key'/],
    [402, /billing and credit balance/],
    [403, /^The key may not use this model or resource: check its workspace and model access \('claude-x'\)\.$/],
    [404, /^Check the model name 'claude-x' \('model'\) and 'base-url'\.$/],
    [413, /^The request is too large/]
  ])('HTTP %i', (status, hint) => {
    expect(final({ status })).toMatch(hint)
  })

  it('a client failure without a status says the SDK refused; anything else has no hint', () => {
    expect(final({ kind: 'client', status: null, errorType: 'client_error' })).toBe(
      'The SDK refused the request before sending it.'
    )
    expect(final({ status: 422 })).toBeUndefined()
    expect(final({ kind: 'stream-error', status: null, errorType: 'invalid_request_error' })).toBeUndefined()
  })
})
