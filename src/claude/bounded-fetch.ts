/**
 * A fetch for the SDK that bounds how much of a response body is read. The SDK reads an error
 * body whole (`response.text()`) before it throws, and a 2xx JSON or text body whole before it
 * parses it: an endless body, or a small gzip bomb that fetch inflates, grew memory by gigabytes
 * until the attempt's timeout. Past the bound the body fails with BodyTooLargeError and the
 * connection is cut. Bytes are counted after decompression, as they reach memory. Every client
 * and the sign-in use it, so it is also where redirects are refused (RedirectRefusedError).
 */

import { NULL_BODY_STATUSES, WireResponse } from '../network/wire-response.js'

/** An error or non-Message body: the API's error envelope is a few hundred bytes. */
export const OTHER_BODY_LIMIT_BYTES = 1024 * 1024
/**
 * A 2xx JSON body, a Message or a token count: far above any real Message (128k output
 * tokens are well under 2 MB of JSON), low enough that a hostile one cannot exhaust memory.
 */
const JSON_BODY_LIMIT_BYTES = 64 * 1024 * 1024

/**
 * One line of an SSE stream. The SDK's decoder holds a line whole until its end: an endless
 * line grew memory until the attempt's timeout. A real event line is a small JSON delta.
 */
const SSE_LINE_LIMIT_BYTES = 16 * 1024 * 1024

export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError'
  constructor(limit: number, per: 'body' | 'line' | 'frame' = 'body') {
    const what =
      per === 'line'
        ? 'a line of the event stream'
        : per === 'frame'
          ? 'a frame of the event stream'
          : 'the response body'
    super(`${what} is more than ${formatBytes(limit)}; the rest was not read and the connection was closed`)
  }
}

/**
 * A 3xx answer. Every request through this fetch carries a credential (the key, a gateway
 * header, a token) and often the prompt: fetch would follow a 307 to any host with the body and
 * every header but Authorization. No redirect is followed, to another origin or the same: the
 * answer is a final error that names where it pointed (the origin only, never a path or query).
 */
export class RedirectRefusedError extends Error {
  override name = 'RedirectRefusedError'
  constructor(
    readonly status: number,
    readonly origin: string | undefined
  ) {
    super(
      `the server answered HTTP ${status}, a redirect to ${origin ?? 'an address it did not give'}; ` +
        'redirects are not followed, since the request carries credentials (use the address that answers directly)'
    )
  }
}

type Fetch = typeof globalThis.fetch

/**
 * Wraps `inner` (default: the global fetch at call time). An SSE stream (2xx
 * text/event-stream) has no total bound: it is consumed event by event, and the attempt's
 * timeout bounds how long it may run; only each line is bounded. A redirect is never followed
 * (RedirectRefusedError).
 */
export function boundedFetch(inner?: Fetch): Fetch {
  return async (input, init) => {
    const response = await (inner ?? globalThis.fetch)(input, { ...init, redirect: 'manual' })
    if (response.status >= 300 && response.status <= 399) {
      await response.body?.cancel().catch(() => undefined)
      throw new RedirectRefusedError(response.status, locationOrigin(response.headers.get('location'), input))
    }
    const limit = bodyLimit(response)
    if (limit === undefined || response.body === null || NULL_BODY_STATUSES.has(response.status)) return response
    const bounded = new WireResponse(limitBody(response.body, limit.bytes, limit.per), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      url: response.url
    })
    return bounded as unknown as Response
  }
}

type Per = 'body' | 'line' | 'frame'
type Limit = { bytes: number; per: Per }

function bodyLimit(response: Response): Limit | undefined {
  if (!response.ok) return { bytes: OTHER_BODY_LIMIT_BYTES, per: 'body' }
  const mediaType = response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? ''
  if (mediaType === 'text/event-stream') return { bytes: SSE_LINE_LIMIT_BYTES, per: 'line' }
  // Amazon Bedrock's stream: binary frames, each led by its total length; bounded per frame.
  if (mediaType === 'application/vnd.amazon.eventstream') return { bytes: SSE_LINE_LIMIT_BYTES, per: 'frame' }
  // A Message Batch's results (application/x-jsonl, asked for as application/binary): one
  // Message per line, read line by line (claude/batches.ts), so the body has no total bound, and
  // each line a Message's. Known by the path, whatever the type; nowhere else is a body unbounded.
  if (isBatchResults(response.url)) return { bytes: JSON_BODY_LIMIT_BYTES, per: 'line' }
  if (mediaType.includes('application/json') || mediaType.endsWith('+json')) {
    return { bytes: JSON_BODY_LIMIT_BYTES, per: 'body' }
  }
  return { bytes: OTHER_BODY_LIMIT_BYTES, per: 'body' }
}

/** The results download of a Message Batch: `.../v1/messages/batches/<id>/results`. */
function isBatchResults(url: string): boolean {
  try {
    return /\/v1\/messages\/batches\/[^/]+\/results$/.test(new URL(url).pathname)
  } catch {
    return false
  }
}

const LF = 0x0a
const CR = 0x0d

/**
 * The same bytes, up to `limit` in all (per 'body'), since the last line break (per 'line'), or
 * in any one AWS event-stream frame (per 'frame', as its length prefix declares); one byte more
 * cancels the source (closing the connection) and fails the stream.
 */
export function limitBody(
  body: ReadableStream<Uint8Array>,
  limit: number,
  per: Per = 'body'
): ReadableStream<Uint8Array> {
  const reader = body.getReader()
  let total = 0
  const frames = per === 'frame' ? frameSizes() : undefined
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await reader.read()
        if (done) return controller.close()
        const lastBreak = per === 'line' ? Math.max(value.lastIndexOf(LF), value.lastIndexOf(CR)) : -1
        total = frames ? frames(value) : lastBreak === -1 ? total + value.byteLength : value.byteLength - lastBreak - 1
        if (total > limit) {
          const error = new BodyTooLargeError(limit, per)
          // Cut the connection first, then fail the reader: nothing more is read either way.
          await reader.cancel(error).catch(() => undefined)
          controller.error(error)
          return
        }
        controller.enqueue(value)
      },
      cancel: reason => reader.cancel(reason)
    },
    { highWaterMark: 0 }
  )
}

/**
 * Reads AWS event-stream framing as chunks pass: each frame starts with its total length (4
 * bytes, big-endian, counting itself). Returns the largest length declared so far in a chunk.
 */
function frameSizes(): (chunk: Uint8Array) => number {
  let left = 0 // bytes of the current frame still to come
  let prelude: number[] = []
  return chunk => {
    let largest = 0
    for (let i = 0; i < chunk.byteLength;) {
      if (left > 0) {
        const step = Math.min(left, chunk.byteLength - i)
        left -= step
        i += step
        continue
      }
      prelude.push(chunk[i++] as number)
      if (prelude.length < 4) continue
      const length = new DataView(Uint8Array.from(prelude).buffer).getUint32(0)
      prelude = []
      largest = Math.max(largest, length)
      left = Math.max(0, length - 4)
    }
    return largest
  }
}

/** The origin a Location header points to, resolved against the request's URL; undefined without one. */
function locationOrigin(location: string | null, input: string | URL | Request): string | undefined {
  if (!location) return undefined
  try {
    const base = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    return new URL(location, base).origin
  } catch {
    return undefined
  }
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`
}
