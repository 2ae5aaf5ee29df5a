/**
 * The lines of a batch's results (JSONL), decoded as UTF-8 as they arrive. A line ends at LF or
 * CR (so CRLF too), the same breaks bounded-fetch.ts's per-line limit counts: text the limit lets
 * through as many short lines is many short lines here, never one that grows without end.
 * Each chunk is scanned once, and the text of an unfinished line is kept as pieces joined only
 * when its break comes, so a line of n bytes in k chunks costs O(n), not O(n·k).
 */
const BREAK = /[\r\n]/

/** How much work the reading took: characters scanned for a break (tests hold it to linear). */
export interface LineWork {
  scanned: number
}

/** Non-empty lines of `chunks`, each without its break. */
export async function* jsonLines(
  chunks: AsyncIterable<Uint8Array> | null,
  work: LineWork = { scanned: 0 }
): AsyncGenerator<string> {
  if (!chunks) return
  const decoder = new TextDecoder()
  let pieces: string[] = []
  const lines = function* (text: string, last: boolean) {
    work.scanned += text.length
    const parts = text.split(BREAK)
    pieces.push(parts[0] as string)
    if (parts.length === 1 && !last) return
    const first = pieces.join('')
    pieces = parts.length > 1 ? [parts.at(-1) as string] : []
    if (first.trim() !== '') yield first
    for (let i = 1; i < parts.length - 1; i++) if ((parts[i] as string).trim() !== '') yield parts[i] as string
    if (last && pieces.length > 0 && (pieces[0] as string).trim() !== '') yield pieces[0] as string
  }
  for await (const chunk of chunks) yield* lines(decoder.decode(chunk, { stream: true }), false)
  yield* lines(decoder.decode(), true)
}
