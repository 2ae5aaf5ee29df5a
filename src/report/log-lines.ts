import { plainHttpWarning } from '../inputs/base-url.js'
import * as core from '../util/actions-core.js'
import type { Config } from '../inputs/config.js'
import { streamsFor } from '../request/build.js'
import { Inputs } from '../inputs/input-names.js'
import type { AttemptFailure } from '../retry/failure.js'
import { describeFailure } from '../retry/failure.js'
import { clip, formatSeconds, plural } from '../util/text.js'
import { oneLine, outcomeOf } from './format.js'
import { hintFor } from './hints.js'
import { providerNote } from './provider-hints.js'
import type { AttemptEvent, AttemptRecord, StopDetail } from '../retry/loop.js'
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
  return oneLine(describeAttempt({ ...event, record: boundedRecord(event.record), ...failure }, maxAttempts))
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
    case 'refused':
      return detail.why
  }
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
  opening = `Claude request failed after ${plural(attempts, 'attempt')}`,
  hint = hintFor(failure, detail.reason, model)
): string {
  const stop = detail.reason
  if (stop === 'cancelled') return `Cancelled after ${plural(attempts, 'attempt')}: ${describeStop(detail)}.`
  if (stop === 'refused') {
    // The refusal's message is the stop's reason: say it once.
    const head =
      attempts === 0 ? 'No Claude request was sent' : `Claude request stopped after ${plural(attempts, 'attempt')}`
    return `${head}: ${describeFailure(failure)}.${hint ? ` ${hint}` : ''}`
  }
  failure = bounded(failure)
  const where = [
    failure.status !== null ? `HTTP ${failure.status}` : '',
    failure.requestId ? `request-id ${failure.requestId}` : ''
  ]
    .filter(Boolean)
    .join(', ')
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
function describeConfig(config: Config): string {
  const { retry: policy } = config
  const seconds = (ms: number | undefined) => (ms === undefined ? 'none' : formatSeconds(ms))
  return oneLine(
    [
      `Asking ${config.model}: ${conversationSize(config.conversation.messages)}`,
      config.system !== undefined ? `, system prompt ${config.system.length} characters` : '',
      `, max-tokens ${config.maxTokens}, ${streamsFor(config.streamMode, config.maxTokens) ? 'streaming' : 'not streaming'}`,
      config.jsonSchema ? ', answer must follow json-schema' : '',
      config.attachments.length
        ? `, ${plural(config.attachments.length, 'file')} attached (${config.attachments.reduce((n, a) => n + a.bytes, 0)} bytes)`
        : '',
      config.options.thinking ? `, thinking ${config.options.thinking.type}` : '',
      config.options.cache ? `, cache ${config.options.cache}` : '',
      providerNote(config.provider),
      config.fallbackModels.length
        ? `, fallback models ${config.fallbackModels.join(', ')} after ${config.fallbackAfter} overloads`
        : '',
      `. Up to ${plural(policy.maxRetries + 1, 'attempt')}; jitter ${policy.jitter}, base-delay ${seconds(policy.baseDelayMs)},`,
      ` max-delay ${seconds(policy.maxDelayMs)}, timeout ${seconds(policy.attemptTimeoutMs)}, total-timeout ${seconds(policy.totalTimeoutMs)}.`
    ].join('')
  )
}

/** "prompt 12 characters" for one question; "conversation of 3 turns, 96 characters" for more. */
function conversationSize(messages: Config['conversation']['messages']): string {
  const characters = (content: (typeof messages)[number]['content']) =>
    typeof content === 'string'
      ? content.length
      : content.reduce((sum, block) => sum + ('text' in block ? block.text.length : 0), 0)
  const total = messages.reduce((sum, message) => sum + characters(message.content), 0)
  const only = messages.length === 1 ? messages[0] : undefined
  return only && typeof only.content === 'string'
    ? `prompt ${total} characters`
    : `conversation of ${plural(messages.length, 'turn')}, ${total} characters`
}

/** A warning for vars no placeholder used: a typo in a name, or a var meant for a text that is not a template. */
export function warnUnusedVars(unused: readonly string[]): void {
  if (unused.length === 0) return
  core.warning(
    `Input '${Inputs.vars}' has ${unused.length === 1 ? 'a var' : 'vars'} that no placeholder uses: ${unused.map(name => `'${name}'`).join(', ')}. ` +
      `Only '${Inputs.prompt}', '${Inputs.system}' and the messages of a '${Inputs.promptYml}' file are templates; ` +
      `'${Inputs.promptFile}', '${Inputs.systemFile}' and '${Inputs.messages}' are data and are never filled.`
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

/** After the count that max-input-tokens (with its limit) or max-cost-usd (limit undefined) asked for. */
export function tokenCountLine(count: number, limit: number | undefined): string {
  const asker = limit === undefined ? `for '${Inputs.maxCostUsd}'` : `'${Inputs.maxInputTokens}': ${limit}`
  return `The prompt counts ${count} input tokens (${asker}).`
}
