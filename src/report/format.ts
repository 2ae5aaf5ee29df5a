/** Invisible in the log, and not white space to the runner, so it breaks a command marker. */
const ZERO_WIDTH_SPACE = '\u200b'

/** The white space .NET's TrimStart removes (Char.IsWhiteSpace), which the runner trims before `::`. */
const RUNNER_LEADING_WHITE_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*/

/**
 * The one gate for a log line that holds server- or user-controlled text (error messages,
 * request-ids, model names, URLs). The runner runs a workflow command from any stdout line that
 * starts with `::` (after white space) and, in the legacy form, from `##[name]` ANYWHERE in a line
 * (actions/runner ActionCommand.TryParseV2 / TryParse). So: line breaks (LF, CR, CRLF end a line
 * for the runner) become spaces, a zero-width space goes into every `##[`, and one goes before
 * a leading `::`. The text still reads the same in the log. Multi-line text (the answer) is
 * printed inside a stop-commands guard instead.
 */
export function oneLine(text: string): string {
  const flat = text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/##\[/g, `##${ZERO_WIDTH_SPACE}[`)
  const lead = RUNNER_LEADING_WHITE_SPACE.exec(flat)?.[0] ?? ''
  return flat.startsWith('::', lead.length) ? ZERO_WIDTH_SPACE + flat : flat
}

/** An attempt's outcome in a few words: "200 ok", "529 overloaded_error", "timeout". */
export function outcomeOf(record: { status: number | null; errorType: string | null }): string {
  if (record.errorType === null) return `${record.status ?? ''} ok`.trim()
  return record.status === null ? record.errorType : `${record.status} ${record.errorType}`
}
