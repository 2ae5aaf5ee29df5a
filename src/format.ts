/** Milliseconds as seconds for people: "1.25 s". */
export const formatSeconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`

/** The longest prefix of `text` that fits in `bytes` of UTF-8, never splitting a character. */
export function truncateUtf8(text: string, bytes: number): string {
  const buffer = Buffer.from(text, 'utf8')
  if (buffer.length <= bytes) return text
  let end = Math.max(0, bytes)
  // Step back off UTF-8 continuation bytes (10xxxxxx) so no character is split.
  while (end > 0 && ((buffer[end] ?? 0) & 0xc0) === 0x80) end--
  return buffer.subarray(0, end).toString('utf8')
}

/**
 * Text from the server on one log line. A newline would let it start a line of its own, and a
 * line starting with '::' is a workflow command (::add-mask::, ::error::) to the runner.
 */
export function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ')
}

/** An attempt's outcome in a few words: "200 ok", "529 overloaded_error", "timeout". */
export function outcomeOf(record: { status: number | null; errorType: string | null }): string {
  if (record.errorType === null) return `${record.status ?? ''} ok`.trim()
  return record.status === null ? record.errorType : `${record.status} ${record.errorType}`
}
