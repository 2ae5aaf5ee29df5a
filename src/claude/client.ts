/**
 * The only module that talks to the SDK: builds the client, sends one request (plain or
 * streamed) with the SDK's own retries off, and turns whatever it throws into an AttemptFailure.
 */
import Anthropic, { AnthropicError, APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk'
import type { Message, MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages'
import { boundedFetch } from './bounded-fetch.js'
import type { Config } from '../inputs/config.js'
import type { AttemptFailure } from '../retry/failure.js'
import { checkMessage } from './message.js'
import { redactFailure, redactKeys, redactMessage } from './redact.js'
import type { AttemptContext, AttemptResult } from '../retry/loop.js'
import { longTimeout, MAX_TIMER_MS } from '../retry/sleep.js'

export type { Message }

export function createClient(config: Pick<Config, 'apiKey' | 'baseUrl'>): Anthropic {
  // maxRetries 0: our loop retries, so one attempt is exactly one HTTP request (the SDK's
  // default of 2 inside a 5-attempt loop would send up to 15).
  // boundedFetch: an endless or gzip-bomb body is cut at a bound instead of filling memory.
  return new Anthropic({ apiKey: config.apiKey, baseURL: config.baseUrl ?? null, maxRetries: 0, fetch: boundedFetch() })
}

export function buildRequest(config: Config): MessageCreateParamsNonStreaming {
  return {
    model: config.model,
    max_tokens: config.maxTokens,
    messages: [{ role: 'user', content: config.prompt }],
    ...(config.system !== undefined ? { system: config.system } : {}),
    ...(config.temperature !== undefined ? { temperature: config.temperature } : {}),
    ...(config.jsonSchema !== undefined ? { output_config: { format: { type: 'json_schema', schema: config.jsonSchema } } } : {})
  }
}

/** Our own timer governs the attempt; the SDK's is set a little later so it never fires first. */
const SDK_TIMEOUT_MARGIN_MS = 5_000

type RequestOptions = { signal: AbortSignal; timeout: number; maxRetries: 0 }

/**
 * One attempt of any request: aborted by the step's cancel signal or its own timeout, and
 * whatever is thrown translated into an AttemptFailure. `send` marks when a stream started.
 * This is where a response becomes our data: every failure and request-id leaves it with
 * key-shaped text redacted, whatever the status (a 200 can echo a key as well as a 502).
 */
async function attemptRequest<T>(
  model: string,
  context: AttemptContext,
  send: (options: RequestOptions, started: () => void) => Promise<{ value: T; requestId: string | null; problem?: string }>
): Promise<AttemptResult<T>> {
  const result = await attemptUnredacted(model, context, send)
  return result.ok
    ? { ...result, requestId: result.requestId === null ? null : redactKeys(result.requestId) }
    : { ...result, failure: redactFailure(result.failure) }
}

async function attemptUnredacted<T>(
  model: string,
  context: AttemptContext,
  send: (options: RequestOptions, started: () => void) => Promise<{ value: T; requestId: string | null; problem?: string }>
): Promise<AttemptResult<T>> {
  const timer = new AbortController()
  const clearTimer = longTimeout(() => timer.abort(), context.timeoutMs)
  const signal = AbortSignal.any([context.signal, timer.signal])
  let streamStarted = false
  try {
    const { value, requestId, problem } = await send(
      // The SDK's backstop is one setTimeout: capped at 2^31 − 1 ms (24.8 days, longer than any job
      // may run: 6 h hosted, 5 days self-hosted), or it would fire after 1 ms.
      { signal, timeout: Math.min(context.timeoutMs + SDK_TIMEOUT_MARGIN_MS, MAX_TIMER_MS), maxRetries: 0 },
      () => (streamStarted = true)
    )
    if (problem) return { ok: false, model, failure: invalidResponse(problem, requestId) }
    return { ok: true, value, status: 200, requestId, model }
  } catch (error) {
    const failure = context.signal.aborted
      ? cancelled()
      : timer.signal.aborted
        ? timedOut(context.timeoutMs)
        : failureFrom(error, { streamStarted })
    return { ok: false, model, failure }
  } finally {
    clearTimer()
  }
}

/** One attempt: one Messages request, plain or streamed. */
export function sendOnce(
  client: Anthropic,
  request: MessageCreateParamsNonStreaming,
  stream: boolean,
  context: AttemptContext
): Promise<AttemptResult<Message>> {
  return attemptRequest(request.model, context, async (options, started) => {
    if (stream) {
      const messageStream = client.messages.stream(request, options)
      messageStream.on('connect', started)
      const message = await messageStream.finalMessage()
      return { ...asMessage(message), requestId: messageStream.request_id ?? null }
    }
    const response = await client.messages.create(request, options).withResponse()
    return { ...asMessage(response.data), requestId: response.request_id ?? null }
  })
}

/** A 2xx body as a Message, its fields around the answer redacted; or why it is not one. */
function asMessage(body: unknown): { value: Message; problem?: string } {
  const check = checkMessage(body)
  return check.ok ? { value: redactMessage(check.message) } : { value: body as Message, problem: check.problem }
}

/** One attempt of the count-tokens endpoint, for the max-input-tokens guard. */
export function countTokensOnce(
  client: Anthropic,
  request: MessageCreateParamsNonStreaming,
  context: AttemptContext
): Promise<AttemptResult<number>> {
  const { model, messages, system, output_config } = request
  return attemptRequest(model, context, async options => {
    const response = await client.messages
      .countTokens({ model, messages, ...(system !== undefined ? { system } : {}), ...(output_config ? { output_config } : {}) }, options)
      .withResponse()
    const count = response.data?.input_tokens
    return {
      value: count,
      requestId: response.request_id ?? null,
      problem: Number.isInteger(count) ? undefined : 'the count_tokens body has no input_tokens'
    }
  })
}

function invalidResponse(message: string, requestId: string | null): AttemptFailure {
  return { kind: 'invalid-response', status: 200, errorType: 'invalid_response', errorCode: null, requestId, message, headers: {} }
}

function cancelled(): AttemptFailure {
  return { kind: 'cancelled', status: null, errorType: 'cancelled', errorCode: null, requestId: null, message: 'cancelled', headers: {} }
}

function timedOut(timeoutMs: number): AttemptFailure {
  return {
    kind: 'timeout',
    status: null,
    errorType: 'timeout',
    errorCode: null,
    requestId: null,
    message: `no complete response within ${(timeoutMs / 1000).toFixed(1)} s`,
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
  if (error instanceof APIConnectionError) {
    return { ...base, kind: 'connection', errorType: 'connection_error', message: connectionMessage(error) }
  }
  if (error instanceof APIError) {
    const headers = headersToRecord(error.headers)
    const requestId = error.requestID ?? null
    const message = error.apiMessage ?? error.message
    if (error.status === undefined) {
      // An `error` event in the middle of an SSE stream: the status line said 200.
      return { ...base, kind: 'stream-error', errorType: error.type ?? 'api_error', message, requestId, headers }
    }
    return {
      kind: 'http',
      status: error.status,
      errorType: error.type ?? `http_${error.status}`,
      errorCode: error.errorCode ?? null,
      requestId,
      message,
      headers
    }
  }
  if (isNamed(error, 'BodyTooLargeError') || isNamed((error as { cause?: unknown } | null)?.cause, 'BodyTooLargeError')) {
    // A 2xx body past its bound (bounded-fetch.ts); an error status past it arrives as an APIError above.
    return { ...base, status: 200, kind: 'invalid-response', errorType: 'invalid_response', message: errorText(error) }
  }
  if (streamStarted && isEventShapeError(error)) {
    return { ...base, status: 200, kind: 'invalid-response', errorType: 'invalid_response', message: `the stream's events do not form a Message: ${errorText(error)}` }
  }
  if (streamStarted) {
    // MessageStream wraps a cut-off body (undici's "terminated") in a plain AnthropicError.
    return { ...base, kind: 'connection', errorType: 'connection_error', message: `the stream was cut off: ${errorText(error)}` }
  }
  // By name too: fetch's body parser may throw from another realm (as under jest's vm modules).
  if (error instanceof SyntaxError || (error as { name?: unknown } | null)?.name === 'SyntaxError') {
    return { ...base, status: 200, kind: 'invalid-response', errorType: 'invalid_response', message: `the body is not valid JSON: ${errorText(error)}` }
  }
  if (error instanceof AnthropicError || errorMessage(error) === undefined) {
    return { ...base, kind: 'client', errorType: 'client_error', message: errorText(error) }
  }
  // A plain Error from fetch while reading a body (e.g. a reset after the headers).
  return { ...base, kind: 'connection', errorType: 'connection_error', message: errorText(error) }
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

function connectionMessage(error: APIConnectionError): string {
  const cause = (error as { cause?: unknown }).cause
  const code = findCode(cause)
  return code ? `${error.message} (${code})` : error.message
}

/** fetch nests the system error (ECONNREFUSED, ECONNRESET, ENOTFOUND) one or two causes deep. */
function findCode(value: unknown, depth = 0): string | undefined {
  if (depth > 3 || typeof value !== 'object' || value === null) return undefined
  const { code, cause } = value as { code?: unknown; cause?: unknown }
  return typeof code === 'string' ? code : findCode(cause, depth + 1)
}

/** By name, not instanceof: errors may come from another realm (fetch's, or jest's vm modules). */
function isNamed(error: unknown, name: string): boolean {
  return (error as { name?: unknown } | null)?.name === name
}

/** The message of anything Error-shaped, whatever realm it came from. */
function errorMessage(error: unknown): string | undefined {
  const message = (error as { message?: unknown } | null)?.message
  return typeof error === 'object' && typeof message === 'string' ? message : undefined
}

function errorText(error: unknown): string {
  return errorMessage(error) ?? String(error)
}

function headersToRecord(headers: Headers | undefined): Record<string, string> {
  const record: Record<string, string> = {}
  headers?.forEach((value, name) => (record[name.toLowerCase()] = value))
  return record
}
