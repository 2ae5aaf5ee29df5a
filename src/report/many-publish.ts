/**
 * The end of a many-prompts step, in order: outputs, the job summary, then the step's status.
 * The step fails when any item failed for good (after its retries), was not started by the
 * deadline, or the run was cancelled; only final failures count, so a 429 or 529 that a retry
 * got past never turns the workflow red. Everything is written before the step fails.
 */
import * as core from '../util/actions-core.js'
import type { Config } from '../inputs/config.js'
import { Inputs } from '../inputs/input-names.js'
import { Outputs } from './output-names.js'
import { oneLine } from './format.js'
import { formatUsd } from '../cost/meter.js'
import { formatSeconds, plural } from '../util/text.js'
import { isUnderDir } from '../files/file-rule.js'
import { renderManySummary, type ManyReport } from './many-summary.js'

export function manyOutputs(report: ManyReport, model: string): Record<string, string> {
  const { tally } = report
  const values: Record<string, string> = {
    [Outputs.total]: String(tally.total),
    [Outputs.succeeded]: String(tally.succeeded),
    [Outputs.failed]: String(tally.failed),
    [Outputs.resultsFile]: report.resultsFile,
    [Outputs.inputTokens]: String(tally.inputTokens),
    [Outputs.outputTokens]: String(tally.outputTokens),
    [Outputs.cacheReadInputTokens]: String(tally.cacheReadInputTokens),
    [Outputs.cacheCreationInputTokens]: String(tally.cacheCreationInputTokens),
    [Outputs.attempts]: String(tally.requests),
    [Outputs.durationMs]: String(Math.round(report.durationMs)),
    [Outputs.model]: model
  }
  // Batches handed on are billed when they run: no cost yet, rather than $0.
  if (tally.costUsd !== undefined && tally.requests > 0 && !report.handedOn)
    values[Outputs.costUsd] = formatUsd(tally.costUsd)
  if (report.batchIds?.length) values[Outputs.batchIds] = report.batchIds.join(',')
  const error = errorOf(report)
  if (error !== undefined) values[Outputs.error] = error
  return values
}

/** The `error` output: `cancelled`, or `items_failed: N of M items failed`. */
function errorOf(report: ManyReport): string | undefined {
  if (report.stopped === 'cancelled') return 'cancelled'
  const { failed, total } = report.tally
  return failed > 0 ? `items_failed: ${failed} of ${total} items failed` : undefined
}

export function publishMany(report: ManyReport, config: Pick<Config, 'summary' | 'model'>): void {
  for (const [name, value] of Object.entries(manyOutputs(report, config.model))) core.setOutput(name, value)
  if (config.summary !== 'off' && process.env.GITHUB_STEP_SUMMARY) {
    const place = { underRunnerTemp: isUnderDir(process.env.RUNNER_TEMP, report.resultsFile) }
    core.appendSummary(renderManySummary(report, place))
  }
  const { tally } = report
  const where = `Every result is in results-file: ${report.resultsFile}.`
  if (report.stopped === 'cancelled') {
    core.setFailed(
      `Cancelled after ${tally.succeeded - tally.skipped} of ${tally.total - tally.skipped} items succeeded; ` +
        `the rest are failed with 'cancelled'. ${where} Run again with '${Inputs.resume}: true' to send only what is missing.`
    )
  } else if (tally.failed > 0) {
    const first = tally.failures[0]
    core.setFailed(
      oneLine(
        (report.explanation ? `${report.explanation} ` : '') +
          `${tally.failed} of ${tally.total} items failed` +
          (report.stopped === 'deadline'
            ? ' (total-timeout reached: items not started are failed with `deadline`)'
            : '') +
          (first ? `; the first: '${first.id}': ${first.error ?? ''}` : '') +
          `. ${where} Run again with '${Inputs.resume}: true' to retry only the failed ones.`
      )
    )
  } else if (report.handedOn) {
    const ids = report.batchIds ?? []
    core.info(
      oneLine(
        `Done: ${plural(report.handedOn.submitted, 'request')} submitted in ${plural(ids.length, 'Message Batch', 'Message Batches')} ` +
          `(${plural(tally.requests, 'create request')}), no result collected yet. To collect them, pass the output ` +
          `'${Outputs.batchIds}' (${ids.join(', ')}) to the input '${Inputs.batchIds}' of a later step or run.`
      )
    )
  } else {
    core.info(
      `Done: ${plural(tally.succeeded, 'item')} succeeded (${plural(tally.requests, 'request')}) in ${formatSeconds(report.durationMs)}. ${where}`
    )
  }
}

/** The results file could not be opened or resumed, so nothing was sent. */
export function publishResultsFileError(message: string): void {
  core.setOutput(Outputs.error, `invalid_input: ${message}`)
  core.setFailed(`Input '${Inputs.resultsFile}' cannot be used: ${message}`)
}
