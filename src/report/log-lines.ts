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
import { COST_LIMIT_ERROR, COST_LIMIT_HINT } from './cost-lines.js'
import type { SignInLog } from '../auth/sign-in.js'

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
    case 'refused':
      return detail.why
  }
}

const RENEWAL_HINT = `The access token from the OIDC sign-in had to be renewed before this attempt, and the renewal failed: see the 'Renewing the access token:' lines above. If it was refused, check the federation rule ('${Inputs.federationRuleId}'); if it was transient, run again.`

/** What the user should do about a failure; undefined when there is nothing useful to say. */
export function hintFor(failure: AttemptFailure, stop: StopReason, model: string): string | undefined {
  if (stop === 'cancelled') return undefined
  // Retried until the end or not, a failure at the proxy (or an untrusted certificate) is fixed there.
  const proxyHint = proxyHintFor(failure)
  if (proxyHint) return proxyHint
  switch (stop) {
    case 'retries-exhausted':
      return `The failures were transient but outlasted the retries: raise '${Inputs.maxRetries}' or '${Inputs.totalTimeout}', or run again later.`
    case 'deadline':
      return `Raise '${Inputs.totalTimeout}', or lower '${Inputs.maxDelay}' so more attempts fit in it.`
    case 'server-wait-too-long':
      return `Raise '${Inputs.maxDelay}' to honour the server's wait, or run again later.`
    case 'refused':
      return failure.errorType === COST_LIMIT_ERROR ? COST_LIMIT_HINT : undefined
    case 'final-error':
      break
  }
  if (failure.errorCode && SPEND_LIMIT_CODES.includes(failure.errorCode)) {
    return 'A spend limit was reached: raise it in the Claude Console (Settings > Limits) or wait for the next period. Retrying does not help.'
  }
  if (serverSaysRetry(failure.headers) === false) return 'The server said this request must not be retried.'
  if (failure.kind === 'sign-in') return RENEWAL_HINT
  const fromProvider = providerHint(failure.errorType, model)
  if (fromProvider) return fromProvider
  switch (failure.status) {
    case 400:
      return `The API rejected the request: check '${Inputs.model}', '${Inputs.maxTokens}' and the prompt.`
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

const PROXY_VARIABLES = 'HTTPS_PROXY (for https://) or HTTP_PROXY (for http://), or their lower-case forms, which win'

/** What to check when the request failed at the proxy (network/proxy.ts names it in the message), or its TLS. */
function proxyHintFor(failure: AttemptFailure): string | undefined {
  if (failure.errorType === 'certificate_error') {
    return "The server's certificate is not signed by a CA this runner trusts. Behind a proxy that inspects TLS, set NODE_EXTRA_CA_CERTS to the path of its CA certificate (PEM) in the step's env."
  }
  if (failure.errorType === 'proxy_connection_error') {
    return `Check that the proxy is running and reachable from the runner, and its address in ${PROXY_VARIABLES}; list hosts to reach directly in NO_PROXY.`
  }
  if (failure.kind !== 'proxy') return undefined
  if (failure.status === 407) {
    return `The proxy wants credentials: check the user and password in ${PROXY_VARIABLES} (http://user:password@host:port, special characters percent-encoded).`
  }
  return `The proxy does not allow this connection: have the API host allowed there, or list it in NO_PROXY if the runner can reach it directly.`
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
    const hint = hintFor(failure, stop, model)
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
export function describeConfig(config: Config): string {
  const { retry: policy } = config
  const seconds = (ms: number | undefined) => (ms === undefined ? 'none' : formatSeconds(ms))
  return oneLine(
    [
      `Asking ${config.model}: ${conversationSize(config.conversation.messages)}`,
      config.system !== undefined ? `, system prompt ${config.system.length} characters` : '',
      `, max-tokens ${config.maxTokens}, ${config.stream ? 'streaming' : 'not streaming'}`,
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

/** Keyless login (OIDC): each token exchange logged like any attempt, under its own prefix. */
export const SIGN_IN_PREFIX = 'Signing in: '
export const RENEW_PREFIX = 'Renewing the access token: '

export function signInLog(policy: Pick<RetryPolicy, 'maxRetries'>): SignInLog {
  const first = attemptLogger(SIGN_IN_PREFIX, policy)
  const again = attemptLogger(RENEW_PREFIX, policy)
  return {
    attempt: (event, renewal) => (renewal ? again : first)(event),
    keyIgnored: () =>
      core.warning(
        `Both an API key and '${Inputs.federationRuleId}' are set: the action signs in with OIDC and does not send the key. ` +
          `Remove '${Inputs.apiKey}' (and ANTHROPIC_API_KEY) from this step.`
      )
  }
}
