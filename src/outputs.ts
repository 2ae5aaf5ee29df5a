import { Outputs } from './constants.js'
import { truncateUtf8 } from './format.js'
import type { StepResult } from './result.js'

/**
 * GitHub allows 1 MB of outputs per job. The response and the message JSON are the only large
 * values; past this budget `message` is dropped first, then `response` is cut, each with a warning
 * (the full text always stays in response-file).
 */
export const OUTPUT_BUDGET_BYTES = 900_000

export interface OutputPlan {
  values: Record<string, string>
  warnings: string[]
}

/** Every output known for this result, as strings; unknown ones are left out rather than faked. */
export function outputValues(result: StepResult, responseFile: string | undefined): OutputPlan {
  const values: Record<string, string> = {
    [Outputs.attempts]: String(result.attempts.length),
    [Outputs.retryLog]: JSON.stringify(result.attempts),
    [Outputs.durationMs]: String(Math.round(result.durationMs))
  }
  const warnings: string[] = []
  const lastRequestId = [...result.attempts].reverse().find(a => a.requestId)?.requestId
  if (lastRequestId) values[Outputs.requestId] = lastRequestId
  if (result.error !== undefined) values[Outputs.error] = result.error
  if (result.json !== undefined) values[Outputs.json] = result.json
  if (result.inputTokensCounted !== undefined) values[Outputs.inputTokensCounted] = String(result.inputTokensCounted)

  const message = result.message
  if (message) {
    values[Outputs.model] = message.model
    if (message.stop_reason) values[Outputs.stopReason] = message.stop_reason
    values[Outputs.inputTokens] = String(message.usage.input_tokens)
    values[Outputs.outputTokens] = String(message.usage.output_tokens)
    values[Outputs.cacheReadInputTokens] = String(message.usage.cache_read_input_tokens ?? 0)
    values[Outputs.cacheCreationInputTokens] = String(message.usage.cache_creation_input_tokens ?? 0)
  }
  if (responseFile !== undefined) values[Outputs.responseFile] = responseFile

  if (result.text !== undefined && message) {
    const text = result.text
    const json = JSON.stringify(message)
    const small = Object.values(values).reduce((sum, v) => sum + Buffer.byteLength(v), 0)
    const textBytes = Buffer.byteLength(text)
    if (small + textBytes + Buffer.byteLength(json) <= OUTPUT_BUDGET_BYTES) {
      values[Outputs.message] = json
      values[Outputs.response] = text
    } else {
      warnings.push(`The '${Outputs.message}' output was left empty: with the response it would pass GitHub's 1 MB output limit. Read '${Outputs.responseFile}' instead.`)
      if (small + textBytes <= OUTPUT_BUDGET_BYTES) {
        values[Outputs.response] = text
      } else {
        const room = OUTPUT_BUDGET_BYTES - small
        values[Outputs.response] = truncateUtf8(text, room)
        warnings.push(`The '${Outputs.response}' output holds only the first ${room} bytes of ${textBytes}; the whole text is in '${Outputs.responseFile}'.`)
      }
    }
  }
  return { values, warnings }
}
