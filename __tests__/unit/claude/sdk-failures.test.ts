import {
  AnthropicError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  OverloadedError,
  RateLimitError
} from '@anthropic-ai/sdk'
import { failureFrom, noResponseFailure } from '../../../src/claude/sdk-failures.js'
import { ProxyError } from '../../../src/network/proxy.js'
import { redactFailure, redactMessage } from '../../../src/claude/redact.js'

const envelope = (type: string, message: string, errorCode?: string) => ({
  type: 'error',
  error: { type, message, ...(errorCode ? { details: { error_code: errorCode } } : {}) },
  request_id: 'req_1'
})
const before = { streamStarted: false }

describe('failureFrom translates what the SDK throws', () => {
  it('an HTTP error: status, type, apiMessage (not the raw body), request-id and headers', () => {
    const headers = new Headers({ 'request-id': 'req_1', 'Retry-After': '3' })
    expect(
      failureFrom(new OverloadedError(529, envelope('overloaded_error', 'Overloaded'), undefined, headers), before)
    ).toEqual({
      kind: 'http',
      status: 529,
      errorType: 'overloaded_error',
      errorCode: null,
      requestId: 'req_1',
      message: 'Overloaded',
      headers: { 'request-id': 'req_1', 'retry-after': '3' }
    })
  })
  it('a body that is no error envelope (a gateway page): its text, without the status in front again', () => {
    // What the SDK throws for a 503 whose body is not JSON: APIError.generate(status, undefined, text).
    const page = APIError.generate(503, undefined, 'upstream connect error', new Headers())
    expect(page.message).toBe('503 upstream connect error')
    expect(failureFrom(page, before)).toMatchObject({
      status: 503,
      errorType: 'http_503',
      message: 'upstream connect error'
    })
    const empty = APIError.generate(502, undefined, undefined, new Headers())
    expect(failureFrom(empty, before)).toMatchObject({ status: 502, errorType: 'http_502', message: 'no body' })
  })
  it('a spend-limit 429 keeps its error_code', () => {
    const error = new RateLimitError(
      429,
      envelope('rate_limit_error', 'limit', 'enforced_spend_limit_reached'),
      undefined,
      new Headers()
    )
    expect(failureFrom(error, before)).toMatchObject({ status: 429, errorCode: 'enforced_spend_limit_reached' })
  })
  it('an SSE error event (no status) is a stream-error', () => {
    const error = new APIError(
      undefined,
      envelope('overloaded_error', 'Overloaded'),
      undefined,
      new Headers({ 'request-id': 'req_s' }),
      'overloaded_error'
    )
    expect(failureFrom(error, { streamStarted: true })).toMatchObject({
      kind: 'stream-error',
      status: null,
      errorType: 'overloaded_error',
      requestId: 'req_s'
    })
  })
  it('connection errors carry the system error code', () => {
    const cause = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' })
    })
    expect(failureFrom(new APIConnectionError({ message: 'Connection error.', cause }), before)).toMatchObject({
      kind: 'connection',
      errorType: 'connection_error',
      message: 'Connection error. (ECONNREFUSED)'
    })
  })
  it('an untrusted certificate is a connection failure labelled certificate_error', () => {
    const cause = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('unable to verify the first certificate'), {
        code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'
      })
    })
    expect(failureFrom(new APIConnectionError({ message: 'Connection error.', cause }), before)).toMatchObject({
      kind: 'connection',
      errorType: 'certificate_error',
      message: 'Connection error. (UNABLE_TO_VERIFY_LEAF_SIGNATURE)'
    })
  })
  it('at the proxy: a 4xx to the CONNECT is final (kind proxy), an unreachable proxy or its 5xx a connection failure', () => {
    const via = (error: ProxyError) =>
      failureFrom(
        new APIConnectionError({ cause: Object.assign(new TypeError('fetch failed'), { cause: error }) }),
        before
      )
    expect(via(new ProxyError('http://proxy:3128', 'HTTPS_PROXY', 407, undefined))).toEqual({
      kind: 'proxy',
      status: 407,
      errorType: 'proxy_error',
      errorCode: null,
      requestId: null,
      message:
        'the proxy http://proxy:3128 (from HTTPS_PROXY) refused the connection: 407 Proxy Authentication Required',
      headers: {}
    })
    expect(via(new ProxyError('http://proxy:3128', 'https_proxy', 502, undefined))).toMatchObject({
      kind: 'connection',
      status: null,
      errorType: 'proxy_connection_error'
    })
    expect(via(new ProxyError('http://proxy:3128', 'https_proxy', undefined, 'ECONNREFUSED'))).toMatchObject({
      kind: 'connection',
      errorType: 'proxy_connection_error',
      message: 'could not connect to the proxy http://proxy:3128 (from https_proxy): ECONNREFUSED'
    })
  })
  it("the sign-in's own fetch calls are read by the same rules, with what failed in front", () => {
    const fetchFailed = (cause: unknown) => Object.assign(new TypeError('fetch failed'), { cause })
    const what = 'the token endpoint https://api.example.test/v1/oauth/token could not be reached'
    expect(
      noResponseFailure(fetchFailed(new ProxyError('http://proxy:3128', 'HTTPS_PROXY', 407, undefined)), what)
    ).toMatchObject({
      kind: 'proxy',
      status: 407,
      errorType: 'proxy_error',
      message: `${what}: the proxy http://proxy:3128 (from HTTPS_PROXY) refused the connection: 407 Proxy Authentication Required`
    })
    const untrusted = Object.assign(new Error('self-signed certificate in certificate chain'), {
      code: 'SELF_SIGNED_CERT_IN_CHAIN'
    })
    expect(noResponseFailure(fetchFailed(untrusted), what)).toMatchObject({
      kind: 'connection',
      errorType: 'certificate_error',
      message: `${what}: fetch failed (SELF_SIGNED_CERT_IN_CHAIN)`
    })
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })
    expect(noResponseFailure(fetchFailed(refused), what)).toMatchObject({
      kind: 'connection',
      errorType: 'connection_error',
      message: `${what}: fetch failed (ECONNREFUSED)`
    })
  })
  it('the SDK timeout is a timeout, a user abort is a cancel', () => {
    expect(failureFrom(new APIConnectionTimeoutError(), before).kind).toBe('timeout')
    expect(failureFrom(new APIUserAbortError(), before).kind).toBe('cancelled')
  })
  it('a body that is not JSON is an invalid response', () => {
    expect(failureFrom(new SyntaxError('Unexpected end of JSON input'), before)).toMatchObject({
      kind: 'invalid-response',
      status: 200
    })
  })
  it('anything after the stream started is a cut-off stream; an SDK refusal before is final', () => {
    expect(failureFrom(new AnthropicError('TypeError: terminated'), { streamStarted: true }).kind).toBe('connection')
    expect(failureFrom(new AnthropicError('Streaming is required'), before).kind).toBe('client')
    expect(failureFrom('a string', before).kind).toBe('client')
  })
  it('redacts anything shaped like an Anthropic key, in the message and the headers', () => {
    const leaked = 'sk-ant-api03-AbC_dEf-123456789'
    const error = new OverloadedError(
      529,
      envelope('overloaded_error', `proxy saw key ${leaked}!`),
      undefined,
      new Headers({ 'retry-after': leaked })
    )
    const failure = redactFailure(failureFrom(error, before))
    expect(failure.message).toBe('proxy saw key sk-ant-[REDACTED]!')
    expect(JSON.stringify(failure)).not.toContain(leaked)
  })
  it("redacts a Message's fields around the answer, and leaves the answer as written", () => {
    const leaked = 'sk-ant-api03-AbC_dEf-123456789'
    const message = {
      id: leaked,
      model: leaked,
      content: [{ type: 'text', text: `see ${leaked}` }],
      extra: { deep: [leaked] }
    }
    expect(redactMessage(message)).toEqual({
      id: 'sk-ant-[REDACTED]',
      model: 'sk-ant-[REDACTED]',
      content: [{ type: 'text', text: `see ${leaked}` }],
      extra: { deep: ['sk-ant-[REDACTED]'] }
    })
  })
})
