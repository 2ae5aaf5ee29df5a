/**
 * What the SDK threw, as an AttemptFailure: by the SDK's error classes and fields (status,
 * headers, type, errorCode, requestID), never by the message text.
 */
import {
  AnthropicError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError
} from '@anthropic-ai/sdk'
import type { ProxyError } from '../network/proxy.js'
import type { RedirectRefusedError } from './bounded-fetch.js'
import type { AttemptFailure } from '../retry/failure.js'
import { GoogleLoginError, googleErrorFields } from './google-errors.js'
import { formatSeconds } from '../util/text.js'
import { causeNamed, errorMessage, errorText, findCode, isNamed } from '../util/errors.js'

export function invalidResponse(message: string, requestId: string | null): AttemptFailure {
  return {
    kind: 'invalid-response',
    status: 200,
    errorType: 'invalid_response',
    errorCode: null,
    requestId,
    message,
    headers: {}
  }
}

export function cancelled(): AttemptFailure {
  return {
    kind: 'cancelled',
    status: null,
    errorType: 'cancelled',
    errorCode: null,
    requestId: null,
    message: 'cancelled',
    headers: {}
  }
}

export function timedOut(timeoutMs: number): AttemptFailure {
  return {
    kind: 'timeout',
    status: null,
    errorType: 'timeout',
    errorCode: null,
    requestId: null,
    message: `no complete response within ${formatSeconds(timeoutMs)}`,
    headers: {}
  }
}

/**
 * Translate what the SDK threw. Uses the SDK's error classes and fields, never the message
 * text. Key redaction follows in attemptRequest, with every other response.
 */
export function failureFrom(error: unknown, { streamStarted }: { streamStarted: boolean }): AttemptFailure {
  const base = { status: null, errorCode: null, requestId: null, headers: {} }
  if (error instanceof APIUserAbortError) return cancelled()
  if (error instanceof APIConnectionTimeoutError) {
    return { ...base, kind: 'timeout', errorType: 'timeout', message: error.message }
  }
  if (causeNamed(error, 'ProxyError') || causeNamed(error, 'RedirectRefusedError')) return noResponseFailure(error)
  if (error instanceof APIConnectionError) {
    const login = (error as { cause?: unknown }).cause
    if (login instanceof GoogleLoginError) {
      return {
        ...base,
        kind: login.refused ? 'client' : 'connection',
        errorType: 'google_login_error',
        message: login.message
      }
    }
    return noResponseFailure(error)
  }
  if (isApiError(error)) {
    const headers = headersToRecord(error.headers)
    const cloud = cloudError(headers, error.error)
    const requestId = error.requestID ?? cloud.requestId
    const message = error.apiMessage ?? cloud.message ?? withoutStatus(error.message, error.status)
    if (error.status === undefined) {
      // An `error` event in the middle of an SSE stream: the status line said 200.
      return { ...base, kind: 'stream-error', errorType: error.type ?? 'api_error', message, requestId, headers }
    }
    return {
      kind: 'http',
      status: error.status,
      errorType: error.type ?? cloud.errorType ?? `http_${error.status}`,
      errorCode: error.errorCode ?? cloud.errorCode,
      requestId,
      message,
      headers
    }
  }
  if (
    isNamed(error, 'BodyTooLargeError') ||
    isNamed((error as { cause?: unknown } | null)?.cause, 'BodyTooLargeError')
  ) {
    // A 2xx body past its bound (bounded-fetch.ts); an error status past it arrives as an APIError above.
    return { ...base, status: 200, kind: 'invalid-response', errorType: 'invalid_response', message: errorText(error) }
  }
  if (streamStarted && isEventShapeError(error)) {
    return {
      ...base,
      status: 200,
      kind: 'invalid-response',
      errorType: 'invalid_response',
      message: `the stream's events do not form a Message: ${errorText(error)}`
    }
  }
  if (streamStarted) {
    // MessageStream wraps a cut-off body (undici's "terminated") in a plain AnthropicError.
    return {
      ...base,
      kind: 'connection',
      errorType: 'connection_error',
      message: `the stream was cut off: ${errorText(error)}`
    }
  }
  // By name too: fetch's body parser may throw from another realm (as under jest's vm modules).
  if (error instanceof SyntaxError || (error as { name?: unknown } | null)?.name === 'SyntaxError') {
    return {
      ...base,
      status: 200,
      kind: 'invalid-response',
      errorType: 'invalid_response',
      message: `the body is not valid JSON: ${errorText(error)}`
    }
  }
  if (error instanceof AnthropicError || errorMessage(error) === undefined) {
    return { ...base, kind: 'client', errorType: 'client_error', message: errorText(error) }
  }
  // A plain Error from fetch while reading a body (e.g. a reset after the headers).
  return { ...base, kind: 'connection', errorType: 'connection_error', message: errorText(error) }
}

/**
 * A request that got no response: a proxy that refused the CONNECT or could not be reached, an
 * untrusted certificate, or a connection failure with its system code (ECONNREFUSED, ENOTFOUND).
 * The SDK's requests (failureFrom) and the sign-in's own fetch calls (auth/failures.ts) are read
 * alike. `what` (the sign-in's) says which request failed.
 */
export function noResponseFailure(error: unknown, what?: string): AttemptFailure {
  const base = { status: null, errorCode: null, requestId: null, headers: {} }
  const said = (text: string) => (what ? `${what}: ${text}` : text)
  const proxyError = causeNamed(error, 'ProxyError') as ProxyError | undefined
  if (proxyError) {
    // A 4xx to the CONNECT (407: credentials, 403: the proxy's rules) will not change on retry;
    // an unreachable proxy, or its 5xx (it could not reach the API), is a connection failure.
    const message = said(proxyError.message)
    return proxyError.status !== undefined && proxyError.status < 500
      ? { ...base, kind: 'proxy', status: proxyError.status, errorType: 'proxy_error', message }
      : { ...base, kind: 'connection', errorType: 'proxy_connection_error', message }
  }
  const redirect = causeNamed(error, 'RedirectRefusedError') as RedirectRefusedError | undefined
  if (redirect) {
    // A 3xx status: classified like any other that will not change on retry.
    return {
      ...base,
      kind: 'http',
      status: redirect.status,
      errorType: 'redirect_refused',
      message: said(redirect.message)
    }
  }
  const code = findCode(error)
  // Still retried (a server mid-rotation can heal), but labelled, so the hint can name NODE_EXTRA_CA_CERTS.
  const errorType = UNTRUSTED_CERTIFICATE.has(code ?? '') ? 'certificate_error' : 'connection_error'
  const text = code ? `${errorText(error)} (${code})` : errorText(error)
  return { ...base, kind: 'connection', errorType, message: said(text) }
}

/**
 * What a cloud's own error says when the body is not the API's envelope (the SDK then leaves
 * type, apiMessage and requestID empty). Amazon Bedrock: the type in `x-amzn-errortype`
 * ("ThrottlingException:http://internal.amazon.com/...") or the body's `__type`
 * ("com.amazon...#ThrottlingException"), the words in `message` (or `Message`), the id in
 * `x-amzn-requestid`. Google Vertex AI: Google's error shape (google-errors.ts), its
 * google.rpc.Code as the type (RESOURCE_EXHAUSTED) and its ErrorInfo reason as the code.
 */
function cloudError(
  headers: Record<string, string>,
  body: unknown
): { errorType: string | undefined; errorCode: string | null; message: string | undefined; requestId: string | null } {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined)
  const awsType = text(headers['x-amzn-errortype']?.split(':')[0]) ?? text(text(fields.__type)?.split('#').pop())
  const google = googleErrorFields(body)
  return {
    errorType: awsType ?? google?.status,
    errorCode: google?.reason ?? null,
    message: text(fields.message) ?? text(fields.Message) ?? google?.message,
    requestId: text(headers['x-amzn-requestid']) ?? null
  }
}

/**
 * MessageStream assembles the events into a Message and wraps whatever that throws in an
 * AnthropicError. A TypeError or SyntaxError of its own (no cause: e.g. message_start without
 * usage) means the events were malformed; a cut-off body is undici's TypeError "terminated",
 * which always carries the socket error as its cause.
 */
function isEventShapeError(error: unknown): boolean {
  const cause = (error as { cause?: unknown } | null)?.cause as { name?: unknown; cause?: unknown } | undefined
  return (cause?.name === 'TypeError' || cause?.name === 'SyntaxError') && cause.cause === undefined
}

/** OpenSSL's codes for a certificate chain that does not end at a CA this process trusts. */
const UNTRUSTED_CERTIFICATE = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED'
])

/**
 * The SDK's message for a body it could not read as an error envelope starts with the status
 * ("503 upstream connect error"), and the status is already shown on its own: "http_503: 503 …"
 * said it twice.
 */
function withoutStatus(message: string, status: number | undefined): string {
  const prefix = `${status} `
  const rest = status !== undefined && message.startsWith(prefix) ? message.slice(prefix.length) : message
  return rest === 'status code (no body)' ? 'no body' : rest
}

/** Response headers as data, names lower-cased (retry waits, rate-limit buckets, request ids). */
export function headersToRecord(headers: Headers | undefined): Record<string, string> {
  const record: Record<string, string> = {}
  headers?.forEach((value, name) => (record[name.toLowerCase()] = value))
  return record
}

/** `instanceof APIError` types the error's generics as `any`; this guard keeps the SDK's own defaults. */
function isApiError(error: unknown): error is APIError {
  return error instanceof APIError
}
