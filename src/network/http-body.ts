/**
 * The bodies of http-fetch.ts, both ways: what goes out (bytes at once, or a Blob read as it is
 * sent) and what comes in (inflated as fetch inflates it, and handed over as a web ReadableStream
 * that reads the socket only as it is read).
 */
import type { ClientRequest, IncomingMessage } from 'node:http'
import type { Readable } from 'node:stream'

export type PlainBody = string | ArrayBufferView | ArrayBuffer | Blob | null | undefined

/** A body this transport sends itself; any other (a web stream, FormData) goes to Node's fetch. */
export function isPlainBody(body: unknown): body is PlainBody {
  return (
    body === undefined ||
    body === null ||
    typeof body === 'string' ||
    ArrayBuffer.isView(body) ||
    body instanceof ArrayBuffer ||
    body instanceof Blob
  )
}

/** The body as bytes to send at once, or the Blob to stream. */
export function outgoing(body: PlainBody): Buffer | Blob | undefined {
  if (body === undefined || body === null) return undefined
  if (typeof body === 'string') return Buffer.from(body)
  if (body instanceof Blob) return body
  if (body instanceof ArrayBuffer) return Buffer.from(body)
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength)
}

/** A file-backed Blob (a Message Batch's create body) read as it is sent, never whole in memory. */
export async function writeBlob(blob: Blob, request: ClientRequest): Promise<void> {
  try {
    for await (const chunk of blob.stream() as unknown as AsyncIterable<Uint8Array>) {
      if (request.destroyed) return
      if (!request.write(chunk)) await new Promise(resolve => request.once('drain', resolve).once('close', resolve))
    }
    request.end()
  } catch (error) {
    request.destroy(error as Error)
  }
}

/** The body as a web stream that reads the socket only as it is read (no buffering ahead). */
export function webBody(
  source: Readable,
  failure: (error: unknown) => unknown,
  done: () => void
): ReadableStream<Uint8Array> {
  let chunks: AsyncIterator<Buffer> | undefined
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        chunks ??= source[Symbol.asyncIterator]()
        try {
          const next = await chunks.next()
          if (!next.done)
            return controller.enqueue(new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.byteLength))
          done()
          controller.close()
        } catch (error) {
          done()
          controller.error(failure(error))
        }
      },
      cancel() {
        done()
        source.destroy()
      }
    },
    { highWaterMark: 0 }
  )
}

/** The body as sent, inflated as fetch inflates it (one coding; an unknown one passes as it came). */
export async function inflated(response: IncomingMessage): Promise<Readable> {
  const coding = response.headers['content-encoding']?.trim().toLowerCase()
  if (coding !== 'gzip' && coding !== 'x-gzip' && coding !== 'deflate' && coding !== 'br') return response
  const zlib = await loadZlib()
  const { Z_SYNC_FLUSH, BROTLI_OPERATION_FLUSH } = zlib.constants
  // Sync flush, as undici's: a body cut short still yields what it holds, and then the error.
  const inflater =
    coding === 'br'
      ? zlib.createBrotliDecompress({ flush: BROTLI_OPERATION_FLUSH, finishFlush: BROTLI_OPERATION_FLUSH })
      : coding === 'deflate'
        ? zlib.createInflate({ flush: Z_SYNC_FLUSH, finishFlush: Z_SYNC_FLUSH })
        : zlib.createGunzip({ flush: Z_SYNC_FLUSH, finishFlush: Z_SYNC_FLUSH })
  response.on('error', error => inflater.destroy(error))
  inflater.on('close', () => response.destroy())
  inflater.on('error', () => undefined)
  return response.pipe(inflater)
}

// Loaded when a body comes compressed: most answers do not.
async function loadZlib(): Promise<typeof import('node:zlib')> {
  return process.getBuiltinModule?.('node:zlib') ?? (await import('node:zlib'))
}
