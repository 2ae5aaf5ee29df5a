/**
 * util/: text helpers with no knowledge of the action, used by every stage (inputs quote values,
 * report fits outputs and the summary into GitHub's limits). Imports nothing.
 */

/** The size of `text` in UTF-8, the unit of GitHub's output and summary limits; 0 for none. */
export function utf8Bytes(text: string | undefined): number {
  return text === undefined ? 0 : Buffer.byteLength(text, 'utf8')
}

/** The longest prefix of `text` that fits in `bytes` of UTF-8, never splitting a character. */
export function truncateUtf8(text: string, bytes: number): string {
  const buffer = Buffer.from(text, 'utf8')
  if (buffer.length <= bytes) return text
  let end = Math.max(0, bytes)
  // Step back off UTF-8 continuation bytes (10xxxxxx) so no character is split.
  while (end > 0 && ((buffer[end] ?? 0) & 0xc0) === 0x80) end--
  return buffer.subarray(0, end).toString('utf8')
}

/** `text` cut to at most `maxBytes` of UTF-8, ending in '…' when it was cut. For server text of any size. */
export function clip(text: string, maxBytes: number): string {
  if (utf8Bytes(text) <= maxBytes) return text
  return `${truncateUtf8(text, maxBytes - 3)}…`
}

/** Milliseconds as seconds for people: "1.25 s". The one way the action writes a duration. */
export const formatSeconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`

/** A count with its noun, for people: "1 attempt", "3 attempts" (`nouns` when the plural is not noun + s). The one way the action counts things in words. */
export const plural = (count: number, noun: string, nouns = `${noun}s`): string =>
  `${count} ${count === 1 ? noun : nouns}`

/** A backtick fence longer than any run of backticks in `text` (at least three), so the text cannot close it. */
export function fenceFor(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map(run => run.length))
  return '`'.repeat(Math.max(3, longest + 1))
}
