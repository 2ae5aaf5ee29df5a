/**
 * fetch over node:http and node:https, for every request that goes to its server directly (no
 * proxy). Node's own fetch costs a bare script most of its run: loading Node's undici takes
 * about 20 ms and its first request about 12 ms more (WebAssembly HTTP parser, pools), where
 * node:http answers its first request in about 7 ms (docs/bench/startup.md, "Node's fetch").
 *
 * It answers as fetch does where the action and the SDK can tell: a WireResponse with a web
 * ReadableStream body, gzip/deflate/br bodies inflated, no redirect followed (bounded-fetch.ts
 * refuses them), the abort signal's reason as the rejection (the SDK's timeout reads
 * AbortError), `TypeError('fetch failed')` with the system error as its cause when no response
 * came, and `TypeError('terminated')` with its cause when the body is cut off. It keeps undici's
 * limits: 10 s to connect, 300 s without a byte while waiting for headers or body, under the
 * same error codes, so a silent server or a dropped SYN fails the attempt rather than holding it
 * to its `timeout`. It sends a string, bytes or a Blob (read as it goes); what it does not carry
 * (a Request object, a web stream or multipart body, an undici dispatcher) goes to the runtime's
 * fetch.
 */
import type { Agent, ClientRequest, IncomingMessage } from 'node:http'
import type { Readable } from 'node:stream'
import { inflated, isPlainBody, outgoing, type PlainBody, webBody, writeBlob } from './http-body.js'
import { LightHeaders } from './light-headers.js'
import { NULL_BODY_STATUSES, WireResponse } from './wire-response.js'

type Fetch = typeof globalThis.fetch
type Transport = Pick<typeof import('node:http'), 'request' | 'Agent'>

/** undici's connectTimeout, headersTimeout and bodyTimeout defaults, which fetch had. */
const CONNECT_TIMEOUT_MS = 10_000
const IDLE_TIMEOUT_MS = 300_000

/** fetch upper-cases these methods and passes any other as given. */
const NORMALISED_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'])

class TransportTimeoutError extends Error {
  override name = 'TransportTimeoutError'
  constructor(
    readonly code: 'UND_ERR_CONNECT_TIMEOUT' | 'UND_ERR_HEADERS_TIMEOUT' | 'UND_ERR_BODY_TIMEOUT',
    timeoutMs: number
  ) {
    const phase = {
      UND_ERR_CONNECT_TIMEOUT: 'to connect',
      UND_ERR_HEADERS_TIMEOUT: 'for the response headers',
      UND_ERR_BODY_TIMEOUT: 'for the next bytes of the body'
    }[code]
    super(`waited ${timeoutMs / 1000} s ${phase}`)
  }
}

export type HttpFetchOptions = { connectTimeoutMs?: number; idleTimeoutMs?: number }

/** A fetch with its own keep-alive pools (one per protocol, loaded on first use). */
export function httpFetch({
  connectTimeoutMs = CONNECT_TIMEOUT_MS,
  idleTimeoutMs = IDLE_TIMEOUT_MS
}: HttpFetchOptions = {}): Fetch {
  const transports = new Map<string, { transport: Transport; agent: Agent }>()
  const transportFor = async (protocol: string) => {
    let found = transports.get(protocol)
    if (!found) {
      // node:https brings tls and crypto (about 5 ms): loaded only for an https:// address.
      const transport = protocol === 'https:' ? await loadHttps() : await loadHttp()
      found = { transport, agent: new transport.Agent({ keepAlive: true }) }
      transports.set(protocol, found)
    }
    return found
  }
  return async (input, init) => {
    const url = typeof input === 'string' || input instanceof URL ? new URL(input) : undefined
    if (!url || !/^https?:$/.test(url.protocol) || !isPlainBody(init?.body) || (init && 'dispatcher' in init))
      return globalThis.fetch(input, init)
    const { transport, agent } = await transportFor(url.protocol)
    return send(transport, agent, url, init ?? {}, { connectTimeoutMs, idleTimeoutMs })
  }
}

function send(
  transport: Transport,
  agent: Agent,
  url: URL,
  init: RequestInit,
  limits: Required<HttpFetchOptions>
): Promise<Response> {
  const signal = init.signal ?? undefined
  const method = normalisedMethod(init.method)
  const body = outgoing(init.body as PlainBody)
  const headers = requestHeaders(init.headers, init.body as PlainBody)
  return new Promise<Response>((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal))
    let responded = false
    let source: Readable | undefined
    const request: ClientRequest = transport.request(url, { method, headers, agent })
    const onAbort = () => {
      const reason = abortReason(signal as AbortSignal)
      if (source) source.destroy(reason)
      else reject(reason)
      request.destroy()
    }
    const done = () => signal?.removeEventListener('abort', onAbort)
    signal?.addEventListener('abort', onAbort, { once: true })
    request.on('socket', socket => {
      if (!socket.connecting) return
      const timer = setTimeout(
        () => request.destroy(new TransportTimeoutError('UND_ERR_CONNECT_TIMEOUT', limits.connectTimeoutMs)),
        limits.connectTimeoutMs
      )
      socket.once('connect', () => clearTimeout(timer)).once('close', () => clearTimeout(timer))
    })
    request.setTimeout(limits.idleTimeoutMs, () =>
      request.destroy(
        new TransportTimeoutError(responded ? 'UND_ERR_BODY_TIMEOUT' : 'UND_ERR_HEADERS_TIMEOUT', limits.idleTimeoutMs)
      )
    )
    request.on('error', error => {
      if (responded) return source?.destroy(error)
      done()
      reject(signal?.aborted ? abortReason(signal) : new TypeError('fetch failed', { cause: error }))
    })
    request.on('response', (response: IncomingMessage) => {
      responded = true
      // A body nobody reads may still fail (a reset): its reader, if one comes, sees the error.
      response.on('error', () => undefined)
      const status = response.statusCode ?? 0
      const hasBody = method !== 'HEAD' && !NULL_BODY_STATUSES.has(status)
      if (!hasBody) {
        response.resume()
        done()
      }
      const failure = (error: unknown) =>
        signal?.aborted ? abortReason(signal) : new TypeError('terminated', { cause: error })
      const answer = (body: Readable | undefined) => {
        source = body
        const wire = new WireResponse(body ? webBody(body, failure, done) : null, {
          status,
          statusText: response.statusMessage ?? '',
          headers: responseHeaders(response.rawHeaders),
          url: url.href
        })
        resolve(wire as unknown as Response)
      }
      if (hasBody) inflated(response).then(answer, error => reject(new TypeError('fetch failed', { cause: error })))
      else answer(undefined)
    })
    if (body instanceof Blob) void writeBlob(body, request)
    else request.end(body)
  })
}

function requestHeaders(init: RequestInit['headers'], body: PlainBody): Record<string, string> {
  const headers = new LightHeaders(init as ConstructorParameters<typeof LightHeaders>[0])
  // fetch's defaults: any type accepted, a compressed body welcome, a string body typed as text,
  // a Blob as its own type, and a Blob's length (Node counts any other body it is given whole).
  if (!headers.has('accept')) headers.set('accept', '*/*')
  if (!headers.has('accept-encoding')) headers.set('accept-encoding', 'gzip, deflate, br')
  const type = typeof body === 'string' ? 'text/plain;charset=UTF-8' : body instanceof Blob ? body.type : ''
  if (type && !headers.has('content-type')) headers.set('content-type', type)
  if (body instanceof Blob) headers.set('content-length', String(body.size))
  return Object.fromEntries(headers)
}

function responseHeaders(raw: string[]): Headers {
  const headers = new LightHeaders()
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!)
  return headers
}

function normalisedMethod(method: string | undefined): string {
  if (!method) return 'GET'
  return NORMALISED_METHODS.has(method.toUpperCase()) ? method.toUpperCase() : method
}

/** What fetch rejects with: the reason given to abort(), by default an AbortError. */
function abortReason(signal: AbortSignal): Error {
  return (signal.reason as Error | undefined) ?? new DOMException('This operation was aborted', 'AbortError')
}

// Loaded when first needed, not by a static import, which would load them on every run.
// process.getBuiltinModule (Node 20.16+) hands the module over as it is.
async function loadHttp(): Promise<Transport> {
  return process.getBuiltinModule?.('node:http') ?? (await import('node:http'))
}

async function loadHttps(): Promise<Transport> {
  return process.getBuiltinModule?.('node:https') ?? (await import('node:https'))
}
