import { classify, serverRequestedWait } from '../../../src/retry/classify.js'
import { hintFor } from '../../../src/report/hints.js'
import type { AttemptFailure } from '../../../src/retry/failure.js'

const NOW = Date.parse('2026-11-29T10:00:00Z')
const http = (
  status: number,
  errorType: string,
  headers: Record<string, string> = {},
  errorCode: string | null = null
): AttemptFailure => ({
  kind: 'http',
  status,
  errorType,
  errorCode,
  requestId: 'req_1',
  message: 'm',
  headers
})
const other = (kind: AttemptFailure['kind'], errorType: string = kind): AttemptFailure => ({
  kind,
  status: null,
  errorType,
  errorCode: null,
  requestId: null,
  message: 'm',
  headers: {}
})

describe('classify', () => {
  it.each([408, 409, 429, 500, 502, 503, 504, 529, 599])('retries HTTP %i', status => {
    expect(classify(http(status, 'x'), NOW).retry).toBe(true)
  })
  it.each([400, 401, 402, 403, 404, 413, 422, 418])('does not retry HTTP %i', status => {
    expect(classify(http(status, 'x'), NOW).retry).toBe(false)
  })
  it.each(['connection', 'timeout', 'invalid-response'] as const)('retries %s failures', kind => {
    expect(classify(other(kind), NOW).retry).toBe(true)
  })
  it('asks again for an answer that missed the schema, but not for one cut off at max-tokens', () => {
    expect(classify(other('invalid-output', 'invalid_output'), NOW).retry).toBe(true)
    expect(classify(other('invalid-output', 'output_truncated'), NOW)).toEqual({
      retry: false,
      why: 'the answer was cut off at max-tokens'
    })
  })
  it.each(['cancelled', 'client', 'proxy'] as const)('never retries %s', kind => {
    expect(classify(other(kind), NOW).retry).toBe(false)
  })
  it.each(['overloaded_error', 'api_error', 'rate_limit_error', 'timeout_error'])('retries a mid-stream %s', type => {
    expect(classify(other('stream-error', type), NOW).retry).toBe(true)
  })
  it.each(['invalid_request_error', 'authentication_error'])('does not retry a mid-stream %s', type => {
    expect(classify(other('stream-error', type), NOW).retry).toBe(false)
  })
  it('never retries a spend-limit 429, even when the server says x-should-retry: true', () => {
    for (const code of ['enforced_spend_limit_reached', 'contract_spend_limit_reached']) {
      const decision = classify(
        http(429, 'rate_limit_error', { 'x-should-retry': 'true', 'retry-after': '1' }, code),
        NOW
      )
      expect(decision).toEqual({ retry: false, why: `a spend limit was reached (${code})` })
    }
  })
  it('lets x-should-retry override the status either way', () => {
    expect(classify(http(400, 'invalid_request_error', { 'x-should-retry': 'true' }), NOW).retry).toBe(true)
    expect(classify(http(529, 'overloaded_error', { 'x-should-retry': 'false' }), NOW).retry).toBe(false)
  })
  it('reads x-should-retry case-insensitively, and ignores values that are neither', () => {
    expect(classify(http(400, 'invalid_request_error', { 'x-should-retry': 'True' }), NOW).retry).toBe(true)
    expect(classify(http(529, 'overloaded_error', { 'x-should-retry': 'FALSE' }), NOW).retry).toBe(false)
    expect(classify(http(529, 'overloaded_error', { 'x-should-retry': ' false ' }), NOW).retry).toBe(false)
    expect(classify(http(529, 'overloaded_error', { 'x-should-retry': 'maybe' }), NOW).retry).toBe(true)
  })
  it("the hint says the server refused a retry, whatever the header's case", () => {
    const said = 'The server said this request must not be retried.'
    expect(hintFor(http(529, 'overloaded_error', { 'x-should-retry': 'FALSE' }), 'final-error', 'm')).toBe(said)
    expect(hintFor(http(529, 'overloaded_error', { 'x-should-retry': 'False' }), 'final-error', 'm')).toBe(said)
  })
  it('carries the server wait on a retry', () => {
    expect(classify(http(529, 'overloaded_error', { 'retry-after': '3' }), NOW)).toMatchObject({
      retry: true,
      serverWait: { ms: 3000, reason: 'retry-after', said: 'retry-after: 3' }
    })
  })
})

describe('classify: the reason each decision gives (the log quotes it after "not retried:" or "backoff;")', () => {
  it.each<{ failure: AttemptFailure; retry: boolean; why: string }>([
    { failure: other('cancelled'), retry: false, why: 'the step was cancelled' },
    { failure: other('client'), retry: false, why: 'the request could not be built' },
    { failure: other('sign-in'), retry: false, why: 'signing in again failed, after its own retries' },
    { failure: other('connection'), retry: true, why: 'the connection failed' },
    { failure: other('proxy'), retry: false, why: 'the proxy refused the connection' },
    { failure: other('timeout'), retry: true, why: 'the attempt timed out' },
    { failure: other('invalid-response'), retry: true, why: 'the response body was not a complete Message' },
    { failure: other('invalid-output', 'invalid_output'), retry: true, why: 'the answer did not follow the schema' },
    { failure: other('stream-error', 'overloaded_error'), retry: true, why: 'the stream reported overloaded_error' },
    {
      failure: other('stream-error', 'invalid_request_error'),
      retry: false,
      why: 'the stream reported invalid_request_error'
    },
    { failure: http(503, 'api_error'), retry: true, why: 'HTTP 503 is transient' },
    { failure: http(404, 'not_found_error'), retry: false, why: 'HTTP 404 will not change on retry' },
    {
      failure: http(404, 'not_found_error', { 'x-should-retry': 'true' }),
      retry: true,
      why: 'the server sent x-should-retry: true'
    },
    {
      failure: http(503, 'api_error', { 'x-should-retry': 'false' }),
      retry: false,
      why: 'the server sent x-should-retry: false'
    }
  ])('$why (retry: $retry)', ({ failure, retry, why }) => {
    expect(classify(failure, NOW)).toEqual({ retry, why })
  })
  it('never retries a failed sign-in, even when the failure carries x-should-retry: true', () => {
    const signIn: AttemptFailure = { ...other('sign-in'), headers: { 'x-should-retry': 'true' } }
    expect(classify(signIn, NOW).retry).toBe(false)
  })
  it.each([
    'throttlingException',
    'serviceUnavailableException',
    'internalServerException',
    'modelStreamErrorException',
    'modelTimeoutException',
    'modelNotReadyException'
  ])("retries Bedrock's mid-stream %s", type => {
    expect(classify(other('stream-error', type), NOW)).toEqual({ retry: true, why: `the stream reported ${type}` })
  })
  it('takes a spend-limit code as final only on a 429: elsewhere the status and x-should-retry decide', () => {
    const code = 'enforced_spend_limit_reached'
    expect(classify(http(400, 'invalid_request_error', { 'x-should-retry': 'true' }, code), NOW)).toEqual({
      retry: true,
      why: 'the server sent x-should-retry: true'
    })
    expect(classify(http(429, 'rate_limit_error', {}, 'some_other_code'), NOW).retry).toBe(true)
  })
  it('adds no server wait to a decision not to retry', () => {
    expect(classify(http(400, 'invalid_request_error', { 'retry-after': '3' }), NOW)).toEqual({
      retry: false,
      why: 'HTTP 400 will not change on retry'
    })
  })
})

describe('rate-limit reset waits (a 429 without retry-after)', () => {
  const at = (seconds: number) => new Date(NOW + seconds * 1000).toISOString()
  const limits = (buckets: Record<string, [remaining: string, resetInSeconds: number]>) =>
    Object.fromEntries(
      Object.entries(buckets).flatMap(([bucket, [remaining, reset]]) => [
        [`anthropic-ratelimit-${bucket}-remaining`, remaining],
        [`anthropic-ratelimit-${bucket}-reset`, at(reset)]
      ])
    )

  it('waits until the exhausted bucket resets and names it', () => {
    const decision = classify(
      http(429, 'rate_limit_error', limits({ requests: ['5', 50], 'input-tokens': ['0', 7] })),
      NOW
    )
    expect(decision).toMatchObject({
      retry: true,
      serverWait: { ms: 7000, reason: 'rate-limit-reset', said: `the input-tokens limit is used up until ${at(7)}` }
    })
  })
  it('waits for the latest of several exhausted buckets', () => {
    const decision = classify(
      http(429, 'rate_limit_error', limits({ tokens: ['0', 3], 'output-tokens': ['0', 12], requests: ['0', 1] })),
      NOW
    )
    expect(decision).toMatchObject({ serverWait: { ms: 12_000, reason: 'rate-limit-reset' } })
  })
  it("names the first exhausted bucket in the API's order when two reset at the same time", () => {
    const decision = classify(
      http(429, 'rate_limit_error', limits({ 'output-tokens': ['0', 9], tokens: ['0', 9] })),
      NOW
    )
    expect(decision).toMatchObject({
      serverWait: { ms: 9000, said: `the tokens limit is used up until ${at(9)}` }
    })
  })
  it('retry-after wins over the reset headers', () => {
    const decision = classify(
      http(429, 'rate_limit_error', { ...limits({ tokens: ['0', 30] }), 'retry-after': '2' }),
      NOW
    )
    expect(decision).toMatchObject({ serverWait: { ms: 2000, reason: 'retry-after' } })
  })
  it('falls back to backoff when no bucket is exhausted, a reset is past or unparseable, or it is not a 429', () => {
    const noWait = (headers: Record<string, string>, status = 429) => classify(http(status, 'x', headers), NOW)
    expect(noWait(limits({ tokens: ['10', 30] }))).not.toHaveProperty('serverWait')
    expect(noWait(limits({ tokens: ['0', -5] }))).not.toHaveProperty('serverWait')
    // A reset at this very moment says nothing either: not a wait of 0 ms.
    expect(noWait(limits({ tokens: ['0', 0] }))).not.toHaveProperty('serverWait')
    expect(
      noWait({ 'anthropic-ratelimit-tokens-remaining': '0', 'anthropic-ratelimit-tokens-reset': 'later' })
    ).not.toHaveProperty('serverWait')
    expect(noWait(limits({ tokens: ['0', 30] }), 529)).not.toHaveProperty('serverWait')
  })
  it('reads a remaining count of 0 with spaces around it as exhausted', () => {
    const headers = { ...limits({ tokens: ['0', 4] }), 'anthropic-ratelimit-tokens-remaining': ' 0 ' }
    expect(classify(http(429, 'rate_limit_error', headers), NOW)).toMatchObject({ serverWait: { ms: 4000 } })
  })
})

describe('serverRequestedWait', () => {
  it('prefers retry-after-ms over retry-after', () => {
    expect(serverRequestedWait({ 'retry-after-ms': '250.5', 'retry-after': '9' }, NOW)).toEqual({
      ms: 250.5,
      reason: 'retry-after',
      said: 'retry-after-ms: 250.5'
    })
  })
  it('reads retry-after in seconds, fractions too', () => {
    expect(serverRequestedWait({ 'retry-after': '1.5' }, NOW)?.ms).toBe(1500)
  })
  it('reads retry-after as an HTTP date, and a past date as 0', () => {
    expect(serverRequestedWait({ 'retry-after': 'Sun, 29 Nov 2026 10:00:07 GMT' }, NOW)).toEqual({
      ms: 7000,
      reason: 'retry-after',
      said: 'retry-after: Sun, 29 Nov 2026 10:00:07 GMT'
    })
    expect(serverRequestedWait({ 'retry-after': 'Sun, 29 Nov 2026 09:00:00 GMT' }, NOW)?.ms).toBe(0)
  })
  it('takes a wait of zero as a wait of zero, in either header', () => {
    expect(serverRequestedWait({ 'retry-after-ms': '0', 'retry-after': '9' }, NOW)).toEqual({
      ms: 0,
      reason: 'retry-after',
      said: 'retry-after-ms: 0'
    })
    expect(serverRequestedWait({ 'retry-after': '0' }, NOW)).toEqual({
      ms: 0,
      reason: 'retry-after',
      said: 'retry-after: 0'
    })
    expect(serverRequestedWait({ 'retry-after': '0.0' }, NOW)).toEqual({
      ms: 0,
      reason: 'retry-after',
      said: 'retry-after: 0.0'
    })
  })
  it('ignores missing, empty, negative and garbage values', () => {
    expect(serverRequestedWait({}, NOW)).toBeUndefined()
    expect(serverRequestedWait({ 'retry-after': '' }, NOW)).toBeUndefined()
    expect(serverRequestedWait({ 'retry-after-ms': '-5' }, NOW)).toBeUndefined()
    expect(serverRequestedWait({ 'retry-after': 'soon' }, NOW)).toBeUndefined()
    expect(serverRequestedWait({ 'retry-after-ms': 'x', 'retry-after': '2' }, NOW)?.ms).toBe(2000)
  })
  it('ignores blank and infinite values, which Number() reads as 0 and Infinity', () => {
    expect(serverRequestedWait({ 'retry-after-ms': '', 'retry-after': '2' }, NOW)?.ms).toBe(2000)
    expect(serverRequestedWait({ 'retry-after-ms': ' ', 'retry-after': '2' }, NOW)?.ms).toBe(2000)
    expect(serverRequestedWait({ 'retry-after': ' ' }, NOW)).toBeUndefined()
    expect(serverRequestedWait({ 'retry-after-ms': 'Infinity', 'retry-after': '2' }, NOW)?.ms).toBe(2000)
    expect(serverRequestedWait({ 'retry-after': 'Infinity' }, NOW)).toBeUndefined()
  })
  it('ignores a negative retry-after rather than reading it as a date (V8 reads "-5" as May 2001: no wait at all)', () => {
    expect(serverRequestedWait({ 'retry-after': '-5' }, NOW)).toBeUndefined()
    expect(serverRequestedWait({ 'retry-after': '-0.5' }, NOW)).toBeUndefined()
    expect(classify(http(503, 'api_error', { 'retry-after': '-1' }), NOW)).toEqual({
      retry: true,
      why: 'HTTP 503 is transient'
    })
  })
})
