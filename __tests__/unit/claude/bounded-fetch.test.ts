import {
  BodyTooLargeError,
  boundedFetch,
  limitBody,
  OTHER_BODY_LIMIT_BYTES,
  RedirectRefusedError
} from '../../../src/claude/bounded-fetch.js'
import { failureFrom } from '../../../src/claude/sdk-failures.js'
import { classify } from '../../../src/retry/classify.js'

/** A source of `chunks` and whether (and why) it was cancelled. */
function source(chunks: Uint8Array[]) {
  const seen: { cancelled?: unknown } = {}
  let index = 0
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[index++]
      if (chunk) controller.enqueue(chunk)
      else controller.close()
    },
    cancel(reason) {
      seen.cancelled = reason
    }
  })
  return { stream, seen }
}

describe('limitBody', () => {
  it('passes a body up to the limit through unchanged', async () => {
    const { stream, seen } = source([new Uint8Array([1, 2]), new Uint8Array([3, 4])])
    const bytes = new Uint8Array(await new Response(limitBody(stream, 4)).arrayBuffer())
    expect([...bytes]).toEqual([1, 2, 3, 4])
    expect(seen.cancelled).toBeUndefined()
  })

  it('fails one byte past the limit and cancels the source (the connection)', async () => {
    const { stream, seen } = source([new Uint8Array(3), new Uint8Array(2), new Uint8Array(1000)])
    const read = new Response(limitBody(stream, 4)).text()
    await expect(read).rejects.toThrow('the response body is more than 4 bytes')
    await expect(read).rejects.toBeInstanceOf(BodyTooLargeError)
    expect(seen.cancelled).toBeInstanceOf(BodyTooLargeError)
  })

  describe('per line (an SSE stream: no total bound, each line bounded)', () => {
    const text = (value: string) => new TextEncoder().encode(value)

    it('passes any number of short lines, far more bytes in all than the limit', async () => {
      const lines = Array.from({ length: 50 }, () => text('data: {}\n\n'))
      const { stream, seen } = source(lines)
      const body = await new Response(limitBody(stream, 16, 'line')).text()
      expect(body).toBe('data: {}\n\n'.repeat(50))
      expect(seen.cancelled).toBeUndefined()
    })

    it('counts a line across chunks, and from the last break in a chunk', async () => {
      // 'abc' + 'de\nfgh' + 'ijk' : the line after the break is 'fghijk', 6 bytes.
      const fits = source([text('abc'), text('de\nfgh'), text('ijk')])
      expect(await new Response(limitBody(fits.stream, 6, 'line')).text()).toBe('abcde\nfghijk')
      const tooLong = source([text('abc'), text('de\nfgh'), text('ijkl'), text('more'), text('and more')])
      const read = new Response(limitBody(tooLong.stream, 6, 'line')).text()
      await expect(read).rejects.toThrow('a line of the event stream is more than 6 bytes')
      expect(tooLong.seen.cancelled).toBeInstanceOf(BodyTooLargeError)
    })

    it('takes CR as a line break too, as SSE does', async () => {
      const { stream } = source([text('abcd\r'), text('efgh\r'), text('ijkl')])
      expect(await new Response(limitBody(stream, 4, 'line')).text()).toBe('abcd\refgh\rijkl')
    })
  })

  describe("per frame (Bedrock's AWS event stream: no total bound, each frame bounded by its length prefix)", () => {
    /** A frame as AWS frames it: 4 bytes of total length (big-endian), then the rest. */
    const frame = (length: number) => {
      const bytes = new Uint8Array(length)
      new DataView(bytes.buffer).setUint32(0, length)
      return bytes
    }
    const concat = (parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts))

    it('passes any number of small frames, split anywhere, far more bytes in all than the limit', async () => {
      const all = concat(Array.from({ length: 40 }, () => frame(16)))
      // Chunks of 7 bytes: length prefixes and bodies are cut at every possible place.
      const chunks = Array.from({ length: Math.ceil(all.length / 7) }, (_, i) => all.subarray(i * 7, i * 7 + 7))
      const { stream, seen } = source(chunks)
      const bytes = new Uint8Array(await new Response(limitBody(stream, 16, 'frame')).arrayBuffer())
      expect(bytes).toEqual(all)
      expect(seen.cancelled).toBeUndefined()
    })

    it('fails as soon as a frame declares more than the limit, even with its prelude split', async () => {
      const big = frame(17)
      const { stream, seen } = source([concat([frame(16), big.subarray(0, 2)]), big.subarray(2), new Uint8Array(1000)])
      const read = new Response(limitBody(stream, 16, 'frame')).arrayBuffer()
      await expect(read).rejects.toThrow('a frame of the event stream is more than 16 bytes')
      expect(seen.cancelled).toBeInstanceOf(BodyTooLargeError)
    })
  })
})

describe('boundedFetch and a Message Batch results download', () => {
  const jsonl = (lines: number) => `${'{"custom_id":"x","result":{"type":"expired"}}\n'.repeat(lines)}`
  const fetchOf =
    (url: string, type: string): typeof globalThis.fetch =>
    async () => {
      const response = new Response(jsonl(40_000), { status: 200, headers: { 'content-type': type } })
      Object.defineProperty(response, 'url', { value: url })
      return response
    }

  it('reads a results body far over the 1 MiB bound of other non-JSON bodies, whatever its type', async () => {
    for (const type of ['application/x-jsonl', 'application/binary']) {
      const fetch = boundedFetch(fetchOf('https://api.example.test/v1/messages/batches/msgbatch_1/results', type))
      const text = await (await fetch('https://api.example.test/')).text()
      expect(text.length).toBeGreaterThan(OTHER_BODY_LIMIT_BYTES)
    }
  })

  it('keeps the whole-body bound on the same body anywhere else', async () => {
    const fetch = boundedFetch(fetchOf('https://api.example.test/v1/messages', 'application/x-jsonl'))
    await expect((await fetch('https://api.example.test/')).text()).rejects.toThrow(BodyTooLargeError)
  })
})

describe('the fetch every client uses, on a redirect', () => {
  it('asks fetch not to follow redirects, and turns a 3xx into RedirectRefusedError naming the origin only', async () => {
    const seen: RequestInit[] = []
    const fetch = boundedFetch(async (_input, init) => {
      seen.push(init ?? {})
      return new Response('moved', { status: 307, headers: { location: 'https://elsewhere.test:8443/v1?key=secret' } })
    })
    const failed = fetch('https://api.example.test/v1/messages', { method: 'POST' })
    await expect(failed).rejects.toBeInstanceOf(RedirectRefusedError)
    await expect(failed).rejects.toMatchObject({ status: 307, origin: 'https://elsewhere.test:8443' })
    expect(seen[0]?.redirect).toBe('manual')
  })

  it('resolves a relative Location against the request URL', async () => {
    const fetch = boundedFetch(async () => new Response(null, { status: 302, headers: { location: '/login' } }))
    await expect(fetch('http://127.0.0.1:9/v1/messages')).rejects.toMatchObject({ origin: 'http://127.0.0.1:9' })
  })

  it('becomes a final http failure, never retried', () => {
    const failure = failureFrom(new TypeError('fetch failed', { cause: new RedirectRefusedError(308, undefined) }), {
      streamStarted: false
    })
    expect(failure).toMatchObject({ kind: 'http', status: 308, errorType: 'redirect_refused' })
    expect(failure.message).toContain('a redirect to an address it did not give')
    expect(classify(failure, 0).retry).toBe(false)
  })
})
