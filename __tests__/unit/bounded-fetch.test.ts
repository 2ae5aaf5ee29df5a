import { BodyTooLargeError, limitBody } from '../../src/claude/bounded-fetch.js'

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
})
