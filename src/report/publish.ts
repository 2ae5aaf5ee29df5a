/** The step's side effects at the end: response file, outputs, log echo and job summary. */
import * as core from '../util/actions-core.js'
import { randomUUID } from 'node:crypto'
import type { SummaryMode } from '../inputs/input-names.js'
import { Outputs } from './output-names.js'
import { createOutputFile } from '../files/file-rule.js'
import { oneLine } from './format.js'
import { costNote } from './cost-lines.js'
import { formatSeconds, plural, truncateUtf8, utf8Bytes } from '../util/text.js'
import { outputValues } from './outputs.js'
import { fallbackOf, type StepResult } from './result.js'
import { escapeInline, renderSummary } from './summary.js'

export function publish(result: StepResult, summaryMode: SummaryMode, env: NodeJS.ProcessEnv): void {
  const responseFile = result.text === undefined ? undefined : createOutputFile('response.md', result.text, env)
  const { values, warnings } = outputValues(result, responseFile)
  for (const [name, value] of Object.entries(values)) core.setOutput(name, value)
  for (const warning of warnings) core.warning(warning)
  if (result.text !== undefined) echoResponse(result.text, responseFile)
  const summary = renderSummary(result, summaryMode, responseFile)
  if (summary !== '' && env.GITHUB_STEP_SUMMARY) core.appendSummary(summary)
}

/**
 * The summary was written before the comment, and says the step succeeded: when the comment then
 * fails (and fails the step), a line below it says so, as the log and the `error` output do.
 */
export function noteCommentNotPosted(
  why: string,
  summaryMode: SummaryMode,
  env: NodeJS.ProcessEnv,
  posting: 'comment' | 'review' = 'comment'
) {
  if (summaryMode === 'off' || !env.GITHUB_STEP_SUMMARY) return
  core.appendSummary(`\n**The answer was not posted as a ${posting}:** ${escapeInline(why)}\n`)
}

/** Below the summary, once the review is placed: where each finding went (report/review-lines.ts). */
export function noteReviewFindings(table: string, summaryMode: SummaryMode, env: NodeJS.ProcessEnv) {
  if (summaryMode === 'off' || !env.GITHUB_STEP_SUMMARY) return
  core.appendSummary(`\n${table}`)
}

/** The log shows the start of the answer; a log is for reading, the file is for the whole text. */
const ECHO_LIMIT_BYTES = 64 * 1024

/**
 * Model text in the log could hold `::add-mask::` or `::error::` lines; between stop-commands
 * and a random token the runner treats every line as plain text. At most ECHO_LIMIT_BYTES of it.
 */
function echoResponse(text: string, responseFile: string | undefined): void {
  const token = `ask-claude-${randomUUID()}`
  const shown = truncateUtf8(text, ECHO_LIMIT_BYTES)
  core.startGroup(`Response (${text.length} characters)`)
  core.info(`::stop-commands::${token}`)
  core.info(shown)
  core.info(`::${token}::`)
  if (shown.length < text.length) {
    const total = utf8Bytes(text)
    core.info(
      `The log shows the first ${utf8Bytes(shown)} bytes of ${total}; the whole answer is in the '${Outputs.responseFile}' output (${responseFile}).`
    )
  }
  core.endGroup()
}

/** The step's status, last: the cost note, then failed with the explanation, or a closing line. */
export function conclude(result: StepResult): void {
  const note = costNote(result.cost)
  if (note) core.info(oneLine(note))
  if (result.explanation) core.setFailed(result.explanation)
  else {
    const fallback = fallbackOf(result)
    const answered = fallback ? ` ${fallback.last} answered, a fallback from ${fallback.from}.` : ''
    core.info(
      oneLine(
        `Done in ${formatSeconds(result.durationMs)} after ${plural(result.attempts.length, 'attempt')}.${answered}`
      )
    )
  }
}
