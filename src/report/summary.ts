import type { SummaryMode } from '../inputs/input-names.js'
import { boundedRecord } from './log-lines.js'
import { clip, fenceFor, formatSeconds, plural, truncateUtf8, utf8Bytes } from '../util/text.js'
import { outcomeOf } from './format.js'
import { tokenCount } from './outputs.js'
import { fallbackOf, type StepResult } from './result.js'
import { costStatus } from './cost-lines.js'
import { secretsReplacedNote } from './secret-lines.js'

/** GitHub drops a step summary over 1 MiB whole; keep a margin for the runner's own bytes. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024 - 1024
/** The failure explanation (it may quote an input's value or a server's message). */
const EXPLANATION_BYTES = 16 * 1024
/** Past this many attempts the table shows the first and last half of them, and no chart. */
export const MAX_TABLE_ROWS = 200

const STATUS_TITLE: Record<StepResult['status'], string> = {
  succeeded: '✅ Ask Claude succeeded',
  failed: '❌ Ask Claude failed',
  cancelled: '⚠️ Ask Claude was cancelled'
}

/**
 * Text from the server (error types, request ids) or the user (model) inside a table cell or
 * the status line: no HTML, no Markdown, no cell breaks.
 */
export function escapeInline(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~#!]/g, c => `\\${c}`)
}

/** A quote block, each line escaped on its own: an explanation may list several problems, one a line. */
function quoteLines(text: string): string {
  return text
    .split(/\r?\n/)
    .map(line => `> ${escapeInline(line)}`)
    .join('\n')
}

/**
 * A name or server field in the status line: a code span when it is a plain identifier, else
 * escaped text. A code span cannot hold a backtick, and `end_turn\`\n\n<!--` must not open an
 * HTML comment that hides the table and the response below it.
 */
function identifier(text: unknown): string {
  const value = clip(String(text), 200)
  return /^[\w.:/@-]+$/.test(value) ? `\`${value}\`` : escapeInline(value)
}

/**
 * The model that answered (or was tried last): after a fallback, the one the last attempt went
 * to, said to be a fallback and from which model, as the `model` output and the answer are its.
 */
function modelPart(result: StepResult): string | undefined {
  if (!result.model) return undefined
  const fallback = fallbackOf(result)
  if (!fallback) return `model ${identifier(result.model)}`
  return `model ${identifier(fallback.last)} (fallback from ${identifier(fallback.from)})`
}

function statusLine(result: StepResult): string {
  const parts = [
    modelPart(result),
    plural(result.attempts.length, 'attempt'),
    result.countAttempts?.length ? `token count ${plural(result.countAttempts.length, 'attempt')}` : undefined,
    result.signInAttempts?.length ? `OIDC sign-in ${plural(result.signInAttempts.length, 'attempt')}` : undefined,
    formatSeconds(result.durationMs)
  ]
  if (result.mock) parts.push('mock response: no request was sent')
  const usage = result.message?.usage as Record<string, unknown> | undefined
  // Counts come from the server: print them only when they are numbers.
  const count = (value: unknown) => String(tokenCount(value) ?? '?')
  if (usage && !result.mock)
    parts.push(`${count(usage.input_tokens)} input / ${count(usage.output_tokens)} output tokens`)
  const stopReason = result.message?.stop_reason
  if (stopReason) parts.push(`stop reason ${identifier(stopReason)}`)
  const cost = costStatus(result.cost)
  if (cost) parts.push(escapeInline(clip(cost, 400)))
  const secrets = secretsReplacedNote(result.secretsReplaced)
  if (secrets) parts.push(escapeInline(secrets))
  return parts.filter(Boolean).join(' · ')
}

/** No Messages request: say whether the token guard's count was sent, and how it ended. */
function noMessagesRequest(result: StepResult): string {
  const count = result.countAttempts?.length
  if (!count && result.signInAttempts?.length)
    return '_Signing in with OIDC did not succeed; no Messages request was sent._'
  if (!count) return '_No request was sent._'
  const how =
    result.inputTokensCounted !== undefined
      ? 'took'
      : result.status === 'cancelled'
        ? 'was cancelled after'
        : 'failed after'
  return `_The token count ${how} ${plural(count, 'attempt')}; no Messages request was sent._`
}

function attemptsTable(result: StepResult): string {
  if (result.attempts.length === 0) return noMessagesRequest(result)
  const attempts = result.attempts.map(boundedRecord)
  const models = new Set(attempts.map(a => a.model))
  const row = (a: StepResult['attempts'][number]) => {
    const outcome = outcomeOf(a) + (models.size > 1 ? ` (${a.model})` : '')
    const wait = a.waitReason ? `${formatSeconds(a.waitMs)} (${a.waitReason})` : '—'
    const cells = [
      String(a.attempt),
      formatSeconds(a.startMs),
      formatSeconds(a.durationMs),
      outcome,
      a.requestId ?? '—',
      wait
    ]
    return `| ${cells.map(escapeInline).join(' | ')} |`
  }
  const half = MAX_TABLE_ROWS / 2
  const rows =
    attempts.length <= MAX_TABLE_ROWS
      ? attempts.map(row)
      : [
          ...attempts.slice(0, half).map(row),
          `| … | ${attempts.length - MAX_TABLE_ROWS} more attempts | | | | |`,
          ...attempts.slice(-half).map(row)
        ]
  return [
    '| # | Started | Took | Outcome | Request ID | Wait before next |',
    '|---|---|---|---|---|---|',
    ...rows
  ].join('\n')
}

/** Past this many attached files the table shows the first ones and a count of the rest. */
export const MAX_ATTACHMENT_ROWS = 50

/** The attached files in request order: path, kind, size. Paths are the user's: escaped, clipped. */
function attachmentsTable(files: NonNullable<StepResult['attachments']>): string {
  const rows = files
    .slice(0, MAX_ATTACHMENT_ROWS)
    .map(f => `| ${[clip(f.path, 300), f.kind, `${f.bytes} bytes`].map(escapeInline).join(' | ')} |`)
  if (files.length > MAX_ATTACHMENT_ROWS) rows.push(`| … | ${files.length - MAX_ATTACHMENT_ROWS} more files | |`)
  return ['| File | Kind | Size |', '|---|---|---|', ...rows].join('\n')
}

/** Mermaid task names end at ':' and comments start at '#' or '%%': keep names to plain characters. */
function ganttLabel(text: string): string {
  return text.replace(/[^\w .()/-]/g, '_')
}

/**
 * The attempts as a Mermaid gantt chart (GitHub renders Mermaid in summaries): one bar per
 * request, failed ones marked crit, and one per wait labelled with its reason. Times are ms
 * from the first request (dateFormat x), so the axis reads minutes:seconds.
 */
export function attemptsGantt(attempts: StepResult['attempts']): string {
  const lines = ['```mermaid', 'gantt', '  dateFormat x', '  axisFormat %M:%S', '  section Requests']
  attempts = attempts.map(boundedRecord)
  const models = new Set(attempts.map(a => a.model))
  for (const a of attempts) {
    const end = a.startMs + a.durationMs
    const outcome = outcomeOf(a)
    const model = models.size > 1 ? ` ${a.model}` : ''
    const tag = a.errorType === null ? 'done' : 'crit'
    lines.push(
      `  ${ganttLabel(`Attempt ${a.attempt} ${outcome}${model}`)} :${tag}, a${a.attempt}, ${a.startMs}, ${end}`
    )
  }
  const waits = attempts.filter(a => a.waitReason !== null)
  if (waits.length > 0) lines.push('  section Waits')
  for (const a of waits) {
    const start = a.startMs + a.durationMs
    lines.push(
      `  ${ganttLabel(`${a.waitReason} ${formatSeconds(a.waitMs)}`)} :w${a.attempt}, ${start}, ${start + a.waitMs}`
    )
  }
  lines.push('```')
  return lines.join('\n')
}

/**
 * The job summary in Markdown: status line, failure explanation, attempts table, then the response.
 * The response comes last so whatever Markdown it holds (an unclosed fence, raw HTML) cannot
 * disturb the parts above it; a note about truncation therefore goes before it.
 */
export function renderSummary(result: StepResult, mode: SummaryMode, responseFile: string | undefined): string {
  if (mode === 'off') return ''
  const head = [`### ${STATUS_TITLE[result.status]}`, '', statusLine(result), '']
  if (result.explanation) head.push(quoteLines(clip(result.explanation, EXPLANATION_BYTES)), '')
  head.push('#### Attempts', '', attemptsTable(result), '')
  if (result.attempts.length > 0 && result.attempts.length <= MAX_TABLE_ROWS)
    head.push(attemptsGantt(result.attempts), '')
  if (result.attachments?.length) head.push('#### Attachments', '', attachmentsTable(result.attachments), '')
  let summary = head.join('\n')
  if (mode === 'metadata' || result.text === undefined) return summary

  summary += '\n#### Response\n\n'
  const { open, body, close } = responseBlock(result)
  const room = SUMMARY_LIMIT_BYTES - utf8Bytes(summary) - utf8Bytes(open + close)
  if (utf8Bytes(body) <= room) return `${summary}${open}${body}${close}\n`
  const note = `> The response is ${utf8Bytes(result.text)} bytes; only its start fits in a job summary. The whole text is in the \`response-file\` output${responseFile ? ` (\`${responseFile}\`)` : ''}.\n\n`
  return `${summary}${note}${open}${truncateUtf8(body, room - utf8Bytes(note) - 1)}${close}\n`
}

/**
 * The response as the summary shows it: Markdown as it came; a schema's answer (json-schema,
 * pr-review) indented in a json block, since on one line a long answer is unreadable there. The
 * `json` output keeps the answer as it came.
 */
function responseBlock(result: StepResult): { open: string; body: string; close: string } {
  if (result.json === undefined) return { open: '', body: result.text ?? '', close: '' }
  const body = JSON.stringify(JSON.parse(result.json), null, 2)
  const fence = fenceFor(body)
  return { open: `${fence}json\n`, body, close: `\n${fence}` }
}
