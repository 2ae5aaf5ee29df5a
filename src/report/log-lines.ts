import { plainHttpWarning } from '../inputs/base-url.js'
import * as core from '@actions/core'
import type { Config } from '../inputs/config.js'
import { serverSaysRetry, SPEND_LIMIT_CODES } from '../retry/classify.js'
import { Inputs } from '../inputs/names.js'
import type { AttemptFailure } from '../retry/failure.js'
import { describeFailure } from '../retry/failure.js'
import { clip, formatSeconds } from '../util/text.js'
import { oneLine, outcomeOf, plural } from './format.js'
import { providerHint, providerNote } from './provider-hints.js'
import type { AttemptEvent, AttemptRecord, StopDetail, StopReason } from '../retry/loop.js'
import type { RetryPolicy } from '../retry/policy.js'

/**
 * How much of a server's words goes into a sentence (log line, annotation, summary): a message
 * up to 4 KiB, an error type or request-id up to 256 bytes. A body can be megabytes (a proxy's
 * page); the first KiBs say what went wrong, and a line that size is read by no one.
 */
export const SENTENCE_MESSAGE_BYTES = 4096
export const SENTENCE_FIELD_BYTES = 256

/** The failure with its server text clipped for a sentence. */
function bounded(failure: AttemptFailure): AttemptFailure {
  return {
    ...failure,
    errorType: clip(failure.errorType, SENTENCE_FIELD_BYTES),
    requestId: failure.requestId === null ? null : clip(failure.requestId, SENTENCE_FIELD_BYTES),
    message: clip(failure.message, SENTENCE_MESSAGE_BYTES)
  }
}

/** An attempt record with its server fields clipped the same way. */
export function boundedRecord(record: AttemptRecord): AttemptRecord {
  return {
    ...record,
    errorType: record.errorType === null ? null : clip(record.errorType, SENTENCE_FIELD_BYTES),
    requestId: record.requestId === null ? null : clip(record.requestId, SENTENCE_FIELD_BYTES),
    model: clip(record.model, SENTENCE_FIELD_BYTES)
  }
}

/** The one log line per attempt: attempt k of n, outcome, request-id, and the wait with its reason. */
export function attemptLine(event: AttemptEvent, maxAttempts: number): string {
  const failure = 'failure' in event ? { failure: bounded(event.failure) } : {}
  return oneLine(
    describeAttempt({ ...event, record: boundedRecord(event.record), ...failure } as AttemptEvent, maxAttempts)
  )
}

function describeAttempt(event: AttemptEvent, maxAttempts: number): string {
  const { record } = event
  const head = `Attempt ${record.attempt} of ${maxAttempts}: ${outcomeOf(record)}`
  const id = record.requestId ? ` (request-id ${record.requestId})` : ''
  const took = ` after ${formatSeconds(record.durationMs)}`
  switch (event.outcome) {
    case 'success':
      return `${head}${id}${took}.`
    case 'retry': {
      if (record.waitReason === 'fallback') {
        return `${head}${id}${took}: ${event.failure.message}. Retrying at once (fallback; moving on to model ${event.decision.retry ? event.decision.fallbackTo : ''}).`
      }
      const serverWait = event.decision.retry ? event.decision.serverWait : undefined
      // retry-after's own words already name it ("retry-after-ms: 150"); a reset is our reading of the headers.
      const reason = !serverWait
        ? `backoff; ${event.decision.why}`
        : serverWait.reason === 'retry-after'
          ? serverWait.said
          : `${serverWait.reason}: ${serverWait.said}`
      return `${head}${id}${took}: ${event.failure.message}. Retrying in ${formatSeconds(record.waitMs)} (${reason}).`
    }
    case 'stop':
      return `${head}${id}${took}: ${event.failure.message}. Stopping: ${describeStop(event.detail)}.`
  }
}

/** Why the loop stopped, in words: "gave up after 3 attempts (max-retries is 2)". */
export function describeStop(detail: StopDetail): string {
  switch (detail.reason) {
    case 'final-error':
      return `not retried: ${detail.why}`
    case 'retries-exhausted':
      return `gave up after ${plural(detail.attempts, 'attempt')} (max-retries is ${detail.maxRetries})`
    case 'server-wait-too-long':
      return `the server asked to wait ${formatSeconds(detail.waitMs)} (${detail.said}), more than max-delay (${formatSeconds(detail.maxDelayMs)})`
    case 'deadline': {
      const limit = `total-timeout (${formatSeconds(detail.totalTimeoutMs)})`
      const next = detail.nextWait
      if (!next) return `${limit} reached`
      const asked = next.said
        ? `waiting ${formatSeconds(next.ms)} (${next.said})`
        : `the next wait (${formatSeconds(next.ms)})`
      return `${asked} would end past ${limit}`
    }
    case 'cancelled':
      return detail.during === 'wait' ? 'the step was cancelled during a wait' : 'the step was cancelled'
  }
}

/** What the user should do about a failure; undefined when there is nothing useful to say. */
export function hintFor(failure: AttemptFailure, stop: StopReason, model: string): string | undefined {
  switch (stop) {
    case 'cancelled':
      return undefined
    case 'retries-exhausted':
      return `The failures were transient but outlasted the retries: raise '${Inputs.maxRetries}' or '${Inputs.totalTimeout}', or run again later.`
    case 'deadline':
      return `Raise '${Inputs.totalTimeout}', or lower '${Inputs.maxDelay}' so more attempts fit in it.`
    case 'server-wait-too-long':
      return `Raise '${Inputs.maxDelay}' to honour the server's wait, or run again later.`
    case 'final-error':
      break
  }
  if (failure.errorCode && SPEND_LIMIT_CODES.includes(failure.errorCode)) {
    return 'A spend limit was reached: raise it in the Claude Console (Settings > Limits) or wait for the next period. Retrying does not help.'
  }
  if (serverSaysRetry(failure.headers) === false) return 'The server said this request must not be retried.'
  const fromProvider = providerHint(failure.errorType, model)
  if (fromProvider) return fromProvider
  switch (failure.status) {
    case 400:
      return `The API rejected the request: check '${Inputs.model}', '${Inputs.maxTokens}', '${Inputs.temperature}' and the prompt.`
    case 401:
      return `Check the API key: the secret passed as '${Inputs.apiKey}' (or ANTHROPIC_API_KEY) is wrong, revoked or empty.`
    case 402:
      return "Check the organisation's billing and credit balance in the Claude Console."
    case 403:
      return `The key may not use this model or resource: check its workspace and model access ('${model}').`
    case 404:
      return `Check the model name '${model}' ('${Inputs.model}') and '${Inputs.baseUrl}'.`
    case 413:
      return 'The request is too large: shrink the prompt or the system prompt.'
  }
  if (failure.kind === 'client') return 'The SDK refused the request before sending it.'
  return undefined
}

/**
 * The whole failure sentence for setFailed and the summary: what, where, why it stopped, what
 * to do. `opening` replaces "Claude request failed after N attempts" (the token guard's own).
 */
export function explainFailure(
  failure: AttemptFailure,
  detail: StopDetail,
  attempts: number,
  model: string,
  opening = `Claude request failed after ${plural(attempts, 'attempt')}`
): string {
  const stop = detail.reason
  if (stop === 'cancelled') return `Cancelled after ${plural(attempts, 'attempt')}: ${describeStop(detail)}.`
  failure = bounded(failure)
  const where = [
    failure.status !== null ? `HTTP ${failure.status}` : '',
    failure.requestId ? `request-id ${failure.requestId}` : ''
  ]
    .filter(Boolean)
    .join(', ')
  const hint = hintFor(failure, stop, model)
  return (
    `${opening}: ${describeFailure(failure)}` +
    (where ? ` (${where})` : '') +
    `. ${capitalise(describeStop(detail))}.` +
    (hint ? ` ${hint}` : '')
  )
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** The log's opening: what is asked under which limits, and a warning if the key would travel in clear text. */
export function logConfig(config: Config): void {
  core.info(describeConfig(config))
  const httpWarning = plainHttpWarning(config.baseUrl)
  if (httpWarning) core.warning(httpWarning)
}

/** The line that opens the log: what is asked, and under which limits. Model names are the user's text. */
export function describeConfig(config: Config): string {
  const { retry: policy } = config
  const seconds = (ms: number | undefined) => (ms === undefined ? 'none' : formatSeconds(ms))
  return oneLine(
    [
      `Asking ${config.model}: prompt ${config.prompt.length} characters`,
      config.system !== undefined ? `, system prompt ${config.system.length} characters` : '',
      `, max-tokens ${config.maxTokens}, ${config.stream ? 'streaming' : 'not streaming'}`,
      config.jsonSchema ? ', answer must follow json-schema' : '',
      providerNote(config.provider),
      config.fallbackModels.length
        ? `, fallback models ${config.fallbackModels.join(', ')} after ${config.fallbackAfter} overloads`
        : '',
      `. Up to ${plural(policy.maxRetries + 1, 'attempt')}; jitter ${policy.jitter}, base-delay ${seconds(policy.baseDelayMs)},`,
      ` max-delay ${seconds(policy.maxDelayMs)}, timeout ${seconds(policy.attemptTimeoutMs)}, total-timeout ${seconds(policy.totalTimeoutMs)}.`
    ].join('')
  )
}

/** Logs each attempt as it ends: a retried failure is a warning annotation, anything else a plain line. */
export function attemptLogger(prefix: string, policy: Pick<RetryPolicy, 'maxRetries'>): (event: AttemptEvent) => void {
  return event => {
    const line = prefix + attemptLine(event, policy.maxRetries + 1)
    if (event.outcome === 'retry') core.warning(line)
    else core.info(line)
  }
}

export const MOCK_NOTICE = `'${Inputs.mockResponse}' is set: no request is sent to the API; its text goes through the same outputs, summary and comment.`

export function tokenCountLine(count: number, limit: number): string {
  return `The prompt counts ${count} input tokens ('${Inputs.maxInputTokens}': ${limit}).`
}
