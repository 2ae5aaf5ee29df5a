// A fake Anthropic Messages API: a real HTTP server on 127.0.0.1 (random port)
// that the real `@anthropic-ai/sdk` client can talk to. Tests script each
// answer (message, error, connection reset, hang, broken stream, ...) and read
// back every request the client made.
//
// Wire format follows the public Messages API:
// JSON Message bodies, the SSE event sequence for `stream: true`, the error
// envelope {"type":"error","error":{...},"request_id":...} and `request-id` on
// every response.

import http from 'node:http'
import https from 'node:https'
import { performance } from 'node:perf_hooks'
import type { Readable } from 'node:stream'
import { listenOnLoopback } from './loopback.js'
import { type FakeBatches, fakeBatches, type FakeBatchesOptions } from './fake-batches.js'
import { type BucketOptions, type Take, tokenBucket } from './token-bucket.js'

export interface Usage {
  input_tokens: number
  output_tokens: number
  cache_read_input_tokens: number
  cache_creation_input_tokens: number
}

export type Reply =
  | {
      kind: 'message'
      text?: string
      model?: string
      stopReason?: string
      usage?: Partial<Usage>
      headers?: Record<string, string>
      delayMs?: number
      chunks?: number
    }
  | {
      kind: 'error'
      status: number
      type: string
      message?: string
      errorCode?: string
      headers?: Record<string, string>
      delayMs?: number
    }
  /** Destroy the socket without any response (the client sees a connection reset). */
  | { kind: 'reset' }
  /** Accept the request and never answer (until the client goes away or the server closes). */
  | { kind: 'hang' }
  /** SSE 200: message_start, text deltas of `text`, then an `event: error` with the error envelope; the response ends. */
  | { kind: 'stream-error'; text?: string; type: string; message?: string }
  /** SSE 200: message_start, text deltas of `text`, then the socket is destroyed mid-stream. */
  | { kind: 'stream-cut'; text?: string }
  /** 200, content-type application/json, a body that is not valid JSON. */
  | { kind: 'broken-body' }
  /**
   * Exactly this status, these headers and this body, as a hostile or broken server sends them
   * (no request-id unless given). A function body is a fresh stream per request, piped with
   * backpressure and destroyed when the client goes away: endless bodies, decompression bombs.
   */
  | { kind: 'raw'; status: number; headers?: Record<string, string>; body: string | (() => Readable) }

/** An answer of POST /v1/oauth/token, the jwt-bearer exchange of OIDC workload identity federation. */
export type OAuthReply =
  | { kind: 'token'; accessToken?: string; expiresIn?: number; headers?: Record<string, string> }
  /** An RFC 6749 §5.2 error body: {"error": ..., "error_description": ...}. */
  | { kind: 'oauth-error'; status: number; error: string; description?: string; headers?: Record<string, string> }
  | { kind: 'reset' }

export interface RecordedRequest {
  method: string
  /** The request target as sent, including any query string (e.g. `/v1/messages`). */
  path: string
  headers: Record<string, string | string[] | undefined>
  /** The parsed JSON body; the raw text when it is not JSON; undefined when empty. */
  body: any
  /** performance.now() when the request arrived. */
  receivedAtMs: number
}

export interface FakeApi {
  /** e.g. http://127.0.0.1:PORT (https:// with `tls`; no trailing slash) */
  url: string
  requests: RecordedRequest[]
  /** With `oauth`: the access tokens POST /v1/oauth/token handed out, in order. */
  minted: string[]
  /** With `batches`: the Message Batches calls and the batches made (fake-batches.ts). */
  batches: FakeBatches
  close: () => Promise<void>
}

export interface FakeApiOptions {
  /**
   * The answers, in order, to POST /v1/messages requests that reach the script
   * (requests refused by `rateLimit` do not consume an entry). A function gets
   * the request and its 0-based index among those requests.
   */
  script?: Reply[] | ((request: RecordedRequest, index: number) => Reply)
  /**
   * Token bucket (token-bucket.ts): `burst` tokens, refilled continuously at `perSecond`; each
   * request takes one. The headers mean what the API's do (limit: per minute; reset: when full);
   * `headers: false` sends none of them, only `retry-after` on a 429 when `retryAfter` is set.
   */
  rateLimit?: BucketOptions
  /**
   * Used when the script array is exhausted (and when there is no script).
   * Without it an exhausted script array answers 500 api_error
   * "fake API script exhausted"; no script at all answers a default message.
   */
  defaultReply?: Reply
  /**
   * Answers POST /v1/messages/count_tokens with {"input_tokens": n}. A number, or a function of
   * the request body; default: one token per 4 characters of the body's JSON.
   */
  countTokens?: number | ((body: any) => number)
  /** Answers, in order, to POST /v1/messages/count_tokens ('error' and 'raw' only); then `countTokens` applies. */
  countTokensScript?: Array<Extract<Reply, { kind: 'error' | 'raw' }>>
  /**
   * Enables POST /v1/oauth/token: these replies in order, then a token (`minted-access-token-<n>`,
   * valid `expiresIn` seconds, default 3600). Messages and count_tokens requests must then carry
   * `Authorization: Bearer <a minted token that has not expired>`, or get 401 authentication_error.
   */
  oauth?: { script?: OAuthReply[]; expiresIn?: number }
  /** Serve HTTPS with this key and certificate (PEM) instead of plain HTTP. */
  tls?: { key: string | Buffer; cert: string | Buffer }
  /**
   * A gateway's check: every request must carry these headers with exactly these values (names in
   * any case) and none of `forbidHeaders`, or it is answered 401 authentication_error.
   */
  requireHeaders?: Record<string, string>
  forbidHeaders?: string[]
  /** Serve the API under this path, e.g. '/anthropic' as Microsoft Foundry does. */
  pathPrefix?: string
  /**
   * A provider's wire format in front of the same answers (see fake-vertex.ts): maps a request to
   * the Messages API path and body it stands for, or refuses it with a raw reply (a wrong
   * credential, an unknown path). `requests` keep what came on the wire; scripts see the mapped
   * request. Default: the Anthropic API's own paths.
   */
  route?: (request: RecordedRequest) => { path: string; body: any } | { refuse: Extract<Reply, { kind: 'raw' }> }
  /** Serve the Message Batches endpoints (fake-batches.ts); without it they answer 404. */
  batches?: FakeBatchesOptions
}

export const DEFAULT_TEXT = 'Hello from the fake API.'
const DEFAULT_USAGE: Usage = {
  input_tokens: 12,
  output_tokens: 7,
  cache_read_input_tokens: 0,
  cache_creation_input_tokens: 0
}

const DEFAULT_ERROR_MESSAGES: Record<string, string> = {
  invalid_request_error: 'Invalid request',
  authentication_error: 'invalid x-api-key',
  billing_error: 'Your credit balance is too low to access the Anthropic API.',
  permission_error: 'Your API key does not have permission to use the specified resource.',
  not_found_error: 'Not found',
  request_too_large: 'Request exceeds the maximum allowed number of bytes.',
  rate_limit_error: 'Number of requests has exceeded your rate limit.',
  api_error: 'Internal server error',
  timeout_error: 'Request timed out',
  overloaded_error: 'Overloaded'
}

export function defaultErrorMessage(type: string): string {
  return DEFAULT_ERROR_MESSAGES[type] ?? `Fake ${type}`
}

/** The exact error body the API sends. */
export function errorEnvelope(type: string, message: string, requestId: string, errorCode?: string): string {
  return JSON.stringify({
    type: 'error',
    error: { type, message, ...(errorCode ? { details: { error_code: errorCode } } : {}) },
    request_id: requestId
  })
}

/** One SSE event as the API writes it. */
function sse(type: string, data: unknown): string {
  return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`
}

/** Split `text` into at most `n` pieces of roughly equal length (by code point); none when empty. */
export function splitText(text: string, n: number): string[] {
  const chars = Array.from(text)
  if (chars.length === 0) return []
  const count = Math.max(1, Math.min(Math.floor(n), chars.length))
  const pieces: string[] = []
  for (let i = 0; i < count; i++) {
    const start = Math.floor((i * chars.length) / count)
    const end = Math.floor(((i + 1) * chars.length) / count)
    pieces.push(chars.slice(start, end).join(''))
  }
  return pieces
}

function textDeltas(text: string, chunks: number): string[] {
  return splitText(text, chunks).map(piece =>
    sse('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: piece } })
  )
}

/** A whole Message body as the API answers it (the fakes of other wire formats send the same). */
export function messageBody(id: string, model: string, text: string, stopReason: string, usage: object): string {
  return JSON.stringify({
    id,
    type: 'message',
    role: 'assistant',
    model,
    content: [{ type: 'text', text }],
    stop_reason: stopReason,
    stop_sequence: null,
    usage
  })
}

/**
 * Reads `req` whole and hands it over as recorded: a JSON body parsed, other text as it is, an
 * empty body undefined (and counted as JSON). Shared by the fakes of other wire formats.
 */
export function recordRequest(
  req: http.IncomingMessage,
  onRecorded: (request: RecordedRequest, bodyIsJson: boolean, rawBytes: number) => void
): void {
  const receivedAtMs = performance.now()
  const chunks: Buffer[] = []
  req.on('data', (chunk: Buffer) => chunks.push(chunk))
  req.on('error', () => {
    /* client went away; nothing to answer */
  })
  req.on('end', () => {
    const bytes = Buffer.concat(chunks)
    const raw = bytes.toString('utf8')
    let body: any = undefined
    let bodyIsJson = raw.length === 0
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw)
        bodyIsJson = true
      } catch {
        body = raw
      }
    }
    onRecorded(
      { method: req.method ?? '', path: req.url ?? '', headers: { ...req.headers }, body, receivedAtMs },
      bodyIsJson,
      bytes.length
    )
  })
}

export async function startFakeApi(options: FakeApiOptions = {}): Promise<FakeApi> {
  const requests: RecordedRequest[] = []
  const timers = new Set<NodeJS.Timeout>()
  let requestCount = 0 // every request: request-id req_fake_<n>
  let scriptIndex = 0 // POST /v1/messages requests that reached the script
  let countTokensIndex = 0 // POST /v1/messages/count_tokens requests
  let oauthIndex = 0 // POST /v1/oauth/token requests
  const minted: string[] = []
  const batchApi = fakeBatches(options.batches ?? {})
  const expiry = new Map<string, number>() // minted token -> performance.now() when it expires
  let closing = false

  // Token bucket (token-bucket.ts): the API's meaning of the rate-limit headers.
  const take = options.rateLimit ? tokenBucket(options.rateLimit, () => performance.now(), Date.now) : undefined

  /** Take a token. Returns the rate-limit headers and whether a token was granted. */
  function takeToken(): Take | undefined {
    return take?.()
  }

  function nextReply(request: RecordedRequest): Reply {
    const script = options.script
    if (typeof script === 'function') {
      const index = scriptIndex++
      try {
        return script(request, index)
      } catch (err) {
        return {
          kind: 'error',
          status: 500,
          type: 'api_error',
          message: `fake API script threw: ${err instanceof Error ? err.message : String(err)}`
        }
      }
    }
    if (Array.isArray(script)) {
      const reply = script[scriptIndex++]
      if (reply) return reply
      return (
        options.defaultReply ?? { kind: 'error', status: 500, type: 'api_error', message: 'fake API script exhausted' }
      )
    }
    scriptIndex++
    return options.defaultReply ?? { kind: 'message' }
  }

  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const n = ++requestCount
    const requestId = `req_fake_${n}`
    recordRequest(req, (recorded, bodyIsJson, rawBytes) => {
      requests.push(recorded)
      const refusal = headerRefusal(recorded)
      if (refusal) return sendJson(res, 401, requestId, errorEnvelope('authentication_error', refusal, requestId))
      handle(recorded, bodyIsJson, requestId, n, req, res, rawBytes)
    })
  }
  const server = options.tls ? https.createServer(options.tls, onRequest) : http.createServer(onRequest)

  /** Why the gateway check refuses the request (names only, never a value), or undefined. */
  function headerRefusal(request: RecordedRequest): string | undefined {
    for (const [name, value] of Object.entries(options.requireHeaders ?? {})) {
      if (request.headers[name.toLowerCase()] !== value) return `fake gateway: header ${name} is missing or wrong`
    }
    const forbidden = options.forbidHeaders?.find(name => request.headers[name.toLowerCase()] !== undefined)
    return forbidden && `fake gateway: header ${forbidden} must not be sent`
  }

  function sendJson(
    res: http.ServerResponse,
    status: number,
    requestId: string,
    body: string,
    headers: Record<string, string> = {}
  ): void {
    if (res.destroyed || res.headersSent) return
    res.writeHead(status, {
      'request-id': requestId, // a reply's own request-id header (hostile ones too) wins
      ...headers,
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body))
    })
    res.end(body)
  }

  function later(ms: number | undefined, fn: () => void): void {
    if (!ms || ms <= 0) {
      fn()
      return
    }
    const timer = setTimeout(() => {
      timers.delete(timer)
      if (!closing) fn()
    }, ms)
    timers.add(timer)
  }

  function handle(
    wire: RecordedRequest,
    bodyIsJson: boolean,
    requestId: string,
    n: number,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    rawBytes = 0
  ): void {
    const routed = options.route?.(wire)
    if (routed && 'refuse' in routed) return sendRaw(res, routed.refuse)
    const request = routed ? { ...wire, ...routed } : wire
    const path = request.path.split('?')[0] ?? ''
    const prefix = options.pathPrefix ?? ''
    const pathname = path.startsWith(prefix) ? path.slice(prefix.length) : path
    if (options.oauth && request.method === 'POST' && pathname === '/v1/oauth/token') {
      return exchangeToken(options.oauth, requestId, req, res)
    }
    if (options.oauth && !holdsLiveToken(request)) {
      const body = errorEnvelope('authentication_error', 'fake API: no valid access token', requestId)
      return sendJson(res, 401, requestId, body)
    }
    if (request.method === 'POST' && pathname === '/v1/messages/count_tokens') {
      const scripted = options.countTokensScript?.[countTokensIndex++]
      if (scripted?.kind === 'raw') return sendRaw(res, scripted)
      if (scripted?.kind === 'error') {
        const body = errorEnvelope(
          scripted.type,
          scripted.message ?? defaultErrorMessage(scripted.type),
          requestId,
          scripted.errorCode
        )
        return sendJson(res, scripted.status, requestId, body, scripted.headers)
      }
      const count = options.countTokens
      const inputTokens =
        typeof count === 'number'
          ? count
          : count
            ? count(request.body)
            : Math.ceil(JSON.stringify(request.body ?? '').length / 4)
      sendJson(res, 200, requestId, JSON.stringify({ input_tokens: inputTokens }))
      return
    }
    if (options.batches && pathname.startsWith('/v1/messages/batches')) {
      const baseUrl = `${options.tls ? 'https' : 'http'}://${req.headers.host ?? ''}${prefix}`
      const send = (status: number, body: string) => sendJson(res, status, requestId, body)
      const refuse = (status: number, type: string, message: string) =>
        sendJson(res, status, requestId, errorEnvelope(type, message, requestId))
      const { method, body } = request
      if (batchApi.handle(method, pathname, body, rawBytes, baseUrl, res, send, refuse)) return
    }
    if (request.method !== 'POST' || pathname !== '/v1/messages') {
      sendJson(
        res,
        404,
        requestId,
        errorEnvelope('not_found_error', `Not found: ${request.method} ${request.path}`, requestId)
      )
      return
    }
    if (!bodyIsJson || typeof request.body !== 'object' || request.body === null) {
      sendJson(
        res,
        400,
        requestId,
        errorEnvelope('invalid_request_error', 'fake API: request body is not a JSON object', requestId)
      )
      return
    }
    // As the real API does under anthropic-version 2026-10-21 (the version SDK 1.x sends).
    const removed = ['temperature', 'top_p', 'top_k'].find(field => field in (request.body as object))
    if (removed) {
      const message = `${removed}: Extra inputs are not permitted`
      return sendJson(res, 400, requestId, errorEnvelope('invalid_request_error', message, requestId))
    }

    const token = takeToken()
    if (token && !token.granted) {
      sendJson(
        res,
        429,
        requestId,
        errorEnvelope('rate_limit_error', defaultErrorMessage('rate_limit_error'), requestId),
        token.headers
      )
      return
    }
    const rateHeaders = token?.headers ?? {}
    const reply = nextReply(request)
    const streaming = request.body.stream === true
    const requestModel = typeof request.body.model === 'string' ? request.body.model : 'claude-fake'

    switch (reply.kind) {
      case 'message': {
        const text = reply.text ?? DEFAULT_TEXT
        const model = reply.model ?? requestModel
        const stopReason = reply.stopReason ?? 'end_turn'
        const usage: Usage = { ...DEFAULT_USAGE, ...reply.usage }
        const id = `msg_fake_${n}`
        const headers = { ...rateHeaders, ...reply.headers }
        later(reply.delayMs, () => {
          if (!streaming) {
            sendJson(res, 200, requestId, messageBody(id, model, text, stopReason, usage), headers)
            return
          }
          const events = [
            ...streamPrefix(n, model, text, usage, reply.chunks ?? 3),
            sse('content_block_stop', { type: 'content_block_stop', index: 0 }),
            sse('message_delta', {
              type: 'message_delta',
              delta: { stop_reason: stopReason, stop_sequence: null },
              usage: { output_tokens: usage.output_tokens }
            }),
            sse('message_stop', { type: 'message_stop' })
          ]
          startSse(res, requestId, headers)
          for (const event of events) res.write(event)
          res.end()
        })
        return
      }
      case 'error': {
        const body = errorEnvelope(
          reply.type,
          reply.message ?? defaultErrorMessage(reply.type),
          requestId,
          reply.errorCode
        )
        later(reply.delayMs, () => sendJson(res, reply.status, requestId, body, { ...rateHeaders, ...reply.headers }))
        return
      }
      case 'reset': {
        // RST rather than FIN: the client sees ECONNRESET / "other side closed".
        req.socket.resetAndDestroy()
        return
      }
      case 'hang':
        // Never answer; close() destroys the socket.
        return
      case 'stream-error': {
        const type = reply.type
        const message = reply.message ?? defaultErrorMessage(type)
        startSse(res, requestId, rateHeaders)
        for (const event of streamPrefix(n, requestModel, reply.text ?? DEFAULT_TEXT)) res.write(event)
        res.write(sse('error', { type: 'error', error: { type, message } }))
        res.end()
        return
      }
      case 'stream-cut': {
        startSse(res, requestId, rateHeaders)
        const events = streamPrefix(n, requestModel, reply.text ?? DEFAULT_TEXT)
        // Let every delta reach the client, then cut the connection mid-stream.
        res.write(events.join(''), () => {
          setImmediate(() => req.socket.destroy())
        })
        return
      }
      case 'broken-body': {
        sendJson(res, 200, requestId, '{"type":"message","content":[', rateHeaders)
        return
      }
      case 'raw':
        sendRaw(res, reply)
        return
    }
  }

  function exchangeToken(
    oauth: NonNullable<FakeApiOptions['oauth']>,
    requestId: string,
    req: http.IncomingMessage,
    res: http.ServerResponse
  ): void {
    const reply: OAuthReply = oauth.script?.[oauthIndex++] ?? { kind: 'token' }
    if (reply.kind === 'reset') {
      req.socket.resetAndDestroy()
      return
    }
    if (reply.kind === 'oauth-error') {
      const body = JSON.stringify({ error: reply.error, error_description: reply.description ?? `fake ${reply.error}` })
      return sendJson(res, reply.status, requestId, body, reply.headers)
    }
    const token = reply.accessToken ?? `minted-access-token-${minted.length + 1}-DO-NOT-PRINT`
    const expiresIn = reply.expiresIn ?? oauth.expiresIn ?? 3600
    minted.push(token)
    expiry.set(token, performance.now() + expiresIn * 1000)
    const body = JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: expiresIn })
    sendJson(res, 200, requestId, body, reply.headers)
  }

  function holdsLiveToken(request: RecordedRequest): boolean {
    const token = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''))?.[1]
    const expiresAt = token === undefined ? undefined : expiry.get(token)
    return expiresAt !== undefined && performance.now() < expiresAt
  }

  function sendRaw(res: http.ServerResponse, reply: Extract<Reply, { kind: 'raw' }>): void {
    res.writeHead(reply.status, reply.headers ?? {})
    if (typeof reply.body === 'string') {
      res.end(reply.body)
      return
    }
    const body = reply.body()
    res.on('close', () => body.destroy())
    body.on('error', () => res.destroy())
    body.pipe(res)
  }

  function startSse(res: http.ServerResponse, requestId: string, headers: Record<string, string>): void {
    res.writeHead(200, {
      'request-id': requestId,
      ...headers,
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache'
    })
  }

  /** message_start (output_tokens 1, as the API reports it there), a ping, one text block's start and its deltas. */
  function streamPrefix(n: number, model: string, text: string, usage: Usage = DEFAULT_USAGE, chunks = 3): string[] {
    return [
      sse('message_start', {
        type: 'message_start',
        message: {
          id: `msg_fake_${n}`,
          type: 'message',
          role: 'assistant',
          content: [],
          model,
          stop_reason: null,
          stop_sequence: null,
          usage: { ...usage, output_tokens: Math.min(1, usage.output_tokens) }
        }
      }),
      sse('ping', { type: 'ping' }),
      sse('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
      ...textDeltas(text, chunks)
    ]
  }

  server.on('clientError', (_err, socket) => {
    socket.destroy()
  })

  const listening = await listenOnLoopback(server)

  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${listening.port}`,
    requests,
    minted,
    batches: batchApi.state,
    close(): Promise<void> {
      closing = true
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      return listening.close()
    }
  }
}
