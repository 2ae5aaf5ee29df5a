import { Outputs } from './output-names.js'
import { boundedRecord } from './log-lines.js'
import { clip, truncateUtf8, utf8Bytes } from '../util/text.js'
import { isTokenCount } from '../util/record.js'
import type { StepResult } from './result.js'
import { costOutput } from './cost-lines.js'
import type { AttemptRecord } from '../retry/loop.js'

/**
 * GitHub allows 1 MB of outputs per job. Every output counts against this budget; the margin is
 * for comment-url, set later. Server text is clipped per output (below); past the budget
 * `message` is dropped first, then `response` is cut, then `json` is dropped, each with a warning
 * (the full text always stays in response-file).
 */
export const OUTPUT_BUDGET_BYTES = 900_000
/** `error`: the error type and the server's message; the start of a long body says what went wrong. */
export const ERROR_OUTPUT_BYTES = 16 * 1024
/** request-id, model and stop-reason: a few dozen bytes from a sane server. */
const FIELD_OUTPUT_BYTES = 1024
/** `retry-log` keeps its last attempts that fit; `attempts` still counts them all. */
export const RETRY_LOG_BYTES = 128 * 1024

export interface OutputPlan {
  values: Record<string, string>
  warnings: string[]
}

/** A token count from the server, only if it is one (isTokenCount). */
export function tokenCount(value: unknown): number | undefined {
  return isTokenCount(value) ? value : undefined
}

/** Every output known for this result, as strings; unknown ones are left out rather than faked. */
export function outputValues(result: StepResult, responseFile: string | undefined): OutputPlan {
  const warnings: string[] = []
  const values: Record<string, string> = {
    [Outputs.attempts]: String(result.attempts.length),
    [Outputs.retryLog]: retryLogValue(result.attempts, warnings),
    [Outputs.durationMs]: String(Math.round(result.durationMs))
  }
  const lastRequestId = [...result.attempts].reverse().find(a => a.requestId)?.requestId
  if (lastRequestId) values[Outputs.requestId] = clip(lastRequestId, FIELD_OUTPUT_BYTES)
  if (result.error !== undefined) values[Outputs.error] = clip(result.error, ERROR_OUTPUT_BYTES)
  if (result.inputTokensCounted !== undefined) values[Outputs.inputTokensCounted] = String(result.inputTokensCounted)
  const cost = costOutput(result.cost)
  if (cost !== undefined) values[Outputs.costUsd] = cost

  const message = result.message
  if (message) {
    // A hostile or broken server may send any JSON: strings are clipped, counts must be numbers.
    if (typeof message.model === 'string') values[Outputs.model] = clip(message.model, FIELD_OUTPUT_BYTES)
    if (typeof message.stop_reason === 'string' && message.stop_reason)
      values[Outputs.stopReason] = clip(message.stop_reason, FIELD_OUTPUT_BYTES)
    const usage = message.usage as unknown as Record<string, unknown> | undefined
    const counts: Array<[string, unknown]> = [
      [Outputs.inputTokens, usage?.input_tokens],
      [Outputs.outputTokens, usage?.output_tokens],
      [Outputs.cacheReadInputTokens, usage?.cache_read_input_tokens ?? 0],
      [Outputs.cacheCreationInputTokens, usage?.cache_creation_input_tokens ?? 0]
    ]
    for (const [name, value] of counts) {
      const count = tokenCount(value)
      if (count !== undefined) values[name] = String(count)
    }
  }
  if (responseFile !== undefined) values[Outputs.responseFile] = responseFile

  // The large values last, in order of worth: json whole or not at all (a cut JSON is no JSON),
  // then response (cut to fit), then message (whole or not at all).
  let room = OUTPUT_BUDGET_BYTES - Object.values(values).reduce((sum, v) => sum + utf8Bytes(v), 0)
  const text = result.text
  const json = result.json
  const messageJson = text !== undefined && message ? JSON.stringify(message) : undefined
  const all = utf8Bytes(json) + utf8Bytes(text) + utf8Bytes(messageJson)
  if (all <= room) {
    if (json !== undefined) values[Outputs.json] = json
    if (text !== undefined && message) values[Outputs.response] = text
    if (messageJson !== undefined) values[Outputs.message] = messageJson
    return { values, warnings }
  }
  if (messageJson !== undefined) {
    warnings.push(
      `The '${Outputs.message}' output was left empty: with the response it would pass GitHub's 1 MB output limit. Read '${Outputs.responseFile}' instead.`
    )
  }
  if (json !== undefined) {
    if (utf8Bytes(json) <= room) {
      values[Outputs.json] = json
      room -= utf8Bytes(json)
    } else {
      warnings.push(
        `The '${Outputs.json}' output was left empty: its ${utf8Bytes(json)} bytes would pass GitHub's 1 MB output limit. Parse '${Outputs.responseFile}' instead.`
      )
    }
  }
  if (text !== undefined && message) {
    if (utf8Bytes(text) <= room) {
      values[Outputs.response] = text
    } else {
      const cut = truncateUtf8(text, Math.max(0, room))
      values[Outputs.response] = cut
      warnings.push(
        `The '${Outputs.response}' output holds only the first ${utf8Bytes(cut)} bytes of ${utf8Bytes(text)}; the whole text is in '${Outputs.responseFile}'.`
      )
    }
  }
  return { values, warnings }
}

/** The attempts as JSON, server fields clipped; the oldest are left out past RETRY_LOG_BYTES. */
function retryLogValue(attempts: AttemptRecord[], warnings: string[]): string {
  const records = attempts.map(boundedRecord)
  let json = JSON.stringify(records)
  if (utf8Bytes(json) <= RETRY_LOG_BYTES) return json
  let kept = records.length
  while (kept > 0 && utf8Bytes(json) > RETRY_LOG_BYTES) {
    kept = Math.floor(kept / 2)
    json = JSON.stringify(records.slice(records.length - kept))
  }
  warnings.push(
    `The '${Outputs.retryLog}' output holds only the last ${kept} of ${records.length} attempts, to stay within GitHub's 1 MB output limit.`
  )
  return json
}
