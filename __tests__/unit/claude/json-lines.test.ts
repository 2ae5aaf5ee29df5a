/**
 * Reading a batch's results line by line (issue 20, item 4): a line ends at every break the
 * per-line limit counts (CR as well as LF), and a long line costs work in proportion to its
 * length. Work is counted (characters scanned, chunks pulled), never timed.
 */
import { limitBody } from '../../../src/claude/bounded-fetch.js'
import { jsonLines, type LineWork } from '../../../src/claude/json-lines.js'

const bytes = (text: string) => new TextEncoder().encode(text)

/** `count` chunks of `text`, counting how many were pulled. */
function chunked(text: string, count: number, pulled = { chunks: 0 }) {
  return {
    pulled,
    async *[Symbol.asyncIterator]() {
      for (let i = 0; i < count; i++) {
        pulled.chunks++
        yield bytes(text)
      }
    }
  }
}

async function all(source: AsyncIterable<Uint8Array>, work?: LineWork): Promise<string[]> {
  const lines: string[] = []
  for await (const line of jsonLines(source, work)) lines.push(line)
  return lines
}

describe('jsonLines', () => {
  it('ends a line at LF, CR and CRLF, skipping empty ones, across chunk edges', async () => {
    const parts = ['{"a":1}\r\n{"b"', ':2}\r', '{"c":3}\n\n', '{"d":4}']
    const lines = await all({
      async *[Symbol.asyncIterator]() {
        for (const part of parts) yield bytes(part)
      }
    })
    expect(lines).toEqual(['{"a":1}', '{"b":2}', '{"c":3}', '{"d":4}'])
  })

  it('a body of CR-ended lines (endless, in the attack) yields its first line after the first chunk, under the line limit', async () => {
    // The per-line limit (bounded-fetch.ts) restarts at each CR, so it never trips on this body;
    // the reader must end its lines at the same place, or it holds the whole body as one line.
    const source = chunked(`${'a'.repeat(1000)}\r`, 2000)
    const limited = limitBody(ReadableStream.from(source), 4096, 'line')
    const reader = jsonLines(limited as unknown as AsyncIterable<Uint8Array>)
    const first = await reader.next()
    expect(first.value).toBe('a'.repeat(1000))
    expect(source.pulled.chunks).toBeLessThanOrEqual(2)
    await reader.return(undefined)
  })

  it('one long line in many chunks is scanned once: work in proportion to its length', async () => {
    const chunkText = 'x'.repeat(1024)
    const chunks = 2000 // a 2 MB line
    const work: LineWork = { scanned: 0 }
    const source = {
      async *[Symbol.asyncIterator]() {
        yield bytes('"')
        for (let i = 0; i < chunks; i++) yield bytes(chunkText)
        yield bytes('"\n')
      }
    }
    const lines = await all(source, work)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toHaveLength(chunks * 1024 + 2)
    // Each character once (the old reader re-split the pending text on every chunk: ~chunks²/2 KiB).
    expect(work.scanned).toBe(chunks * 1024 + 3)
  })
})
