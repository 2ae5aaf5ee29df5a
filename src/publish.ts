/** The step's side effects at the end: response file, outputs, log echo and job summary. */
import * as core from '@actions/core'
import { randomUUID } from 'node:crypto'
import type { SummaryMode } from './constants.js'
import { createOutputFile } from './files.js'
import { outputValues } from './outputs.js'
import type { StepResult } from './result.js'
import { renderSummary } from './summary.js'

export async function publish(result: StepResult, summaryMode: SummaryMode, env: NodeJS.ProcessEnv): Promise<void> {
  const responseFile = result.text === undefined ? undefined : createOutputFile('response.md', result.text, env)
  const { values, warnings } = outputValues(result, responseFile)
  for (const [name, value] of Object.entries(values)) core.setOutput(name, value)
  for (const warning of warnings) core.warning(warning)
  if (result.text !== undefined) echoResponse(result.text)
  const summary = renderSummary(result, summaryMode, responseFile)
  if (summary !== '' && env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summary).write()
}

/**
 * Model text in the log could hold `::add-mask::` or `::error::` lines; between stop-commands
 * and a random token the runner treats every line as plain text.
 */
function echoResponse(text: string): void {
  const token = `ask-claude-${randomUUID()}`
  core.startGroup(`Response (${text.length} characters)`)
  core.info(`::stop-commands::${token}`)
  core.info(text)
  core.info(`::${token}::`)
  core.endGroup()
}
