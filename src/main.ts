import * as core from '@actions/core'
import { buildRequest, countTokensOnce, createClient, type Message, sendOnce } from './claude/client.js'
import { apiKeyFrom, type Config, ConfigError, type InputSource, parseConfig, plainHttpWarning } from './inputs/config.js'
import { Inputs, type SummaryMode } from './inputs/names.js'
import { attemptLine, explainFailure } from './report/log-lines.js'
import { type AttemptFailure, describeFailure } from './retry/failure.js'
import { formatSeconds, oneLine, plural } from './report/format.js'
import { ModelChain } from './claude/fallback.js'
import { type CommentLimits, postComment } from './github/post.js'
import { publish } from './report/publish.js'
import { mockMessage, responseText, type StepResult } from './claude/result.js'
import { type AttemptRecord, type AttemptResult, retry, type RetryDeps, type RetryOutcome } from './retry/loop.js'
import { sleep } from './retry/sleep.js'
import { checkStructured, compileSchema, type SchemaCheck } from './claude/schema.js'

/**
 * The action: inputs → config → retry loop → outputs and summary. Fails the step on anything thrown.
 * `cancel` is the step's cancel signal (index.ts aborts it on SIGINT/SIGTERM, possibly before this
 * runs); it stops the token guard, the retry loop and the comment.
 */
export async function run(cancel: AbortSignal = new AbortController().signal): Promise<void> {
  try {
    await askClaude(cancel)
  } catch (error) {
    // Anything, not only Errors: a thrown string must not end the step green.
    core.setFailed(`Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  }
}

async function askClaude(cancel: AbortSignal): Promise<void> {
  const source: InputSource = {
    getInput: name => core.getInput(name),
    env: process.env
  }
  // Mask the key before anything else can print it.
  const apiKey = apiKeyFrom(source)
  if (apiKey !== '') core.setSecret(apiKey)

  let config: Config
  let schemaCheck: SchemaCheck | undefined
  try {
    config = parseConfig(source)
    if (config.comment) core.setSecret(config.comment.token)
    schemaCheck = config.jsonSchema && (await compileSchema(config.jsonSchema))
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    await finish(failedBeforeAnyRequest(undefined, `invalid_input: ${error.message}`, `${error.message} No request was sent.`), summaryModeOf(source))
    return
  }
  // Cancelled while the action was still loading: nothing was sent, and the outputs say so.
  // Loading is mostly synchronous, so let a signal that came meanwhile be delivered first.
  await new Promise(resolve => setImmediate(resolve))
  if (cancel.aborted) {
    const result = failedBeforeAnyRequest(config.model, 'cancelled', 'The step was cancelled before any request was sent.')
    await finish({ ...result, status: 'cancelled' }, config.summary)
    return
  }

  // total-timeout and a cancel bound the whole step: the token count, the Messages attempts and
  // the comment share one deadline.
  const deadline = config.retry.totalTimeoutMs === undefined ? undefined : Date.now() + config.retry.totalTimeoutMs
  const limits: CommentLimits = { signal: cancel, deadline }
  if (config.mockResponse !== undefined) {
    core.info(`'${Inputs.mockResponse}' is set: no request is sent to the API; its text goes through the same outputs, summary and comment.`)
    await finish(mockResult(config, config.mockResponse, schemaCheck), config.summary, config, limits)
    return
  }
  core.info(oneLine(describeConfig(config))) // model names are the user's text
  const httpWarning = plainHttpWarning(config.baseUrl)
  if (httpWarning) core.warning(httpWarning)

  const client = createClient(config)
  const request = buildRequest(config)
  const loopDeps = { now: Date.now, sleep, random: Math.random, signal: cancel, deadline }

  let counted: Pick<StepResult, 'inputTokensCounted' | 'countAttempts'> = {}
  if (config.maxInputTokens !== undefined) {
    const guard = await guardInputTokens(config, config.maxInputTokens, loopDeps, context => countTokensOnce(client, request, context))
    if (!guard.ok) return await finish(guard.result, config.summary, config, limits)
    counted = { inputTokensCounted: guard.count, countAttempts: guard.attempts }
  }

  const models = new ModelChain([config.model, ...config.fallbackModels], config.fallbackAfter)
  const outcome = await retry(config.retry, {
    ...loopDeps,
    attempt: async context => {
      const result = await sendOnce(client, { ...request, model: models.current }, config.stream, context)
      return schemaCheck ? withSchemaCheck(result, schemaCheck) : result
    },
    switchModel: failure => models.afterFailure(failure),
    onAttempt: logAttempt('', config.retry.maxRetries + 1)
  })
  await finish({ ...stepResult(outcome, config, schemaCheck), ...counted }, config.summary, config, limits)
}

/**
 * max-input-tokens: count the prompt (with the same retry policy) and refuse, before the real
 * request, a prompt larger than the limit. The count's attempts are reported apart from the
 * Messages attempts (README, Token guard): a failed count sent no Messages request.
 */
async function guardInputTokens(
  config: Config,
  limit: number,
  loopDeps: Omit<RetryDeps<number>, 'attempt' | 'onAttempt'>,
  count: RetryDeps<number>['attempt']
): Promise<{ ok: true; count: number; attempts: AttemptRecord[] } | { ok: false; result: StepResult }> {
  const counted = await retry(config.retry, { ...loopDeps, attempt: count, onAttempt: logAttempt('Counting input tokens: ', config.retry.maxRetries + 1) })
  const report = { countAttempts: counted.attempts, durationMs: counted.durationMs }
  if (!counted.ok) {
    const n = counted.attempts.length
    const opening = `The token count for '${Inputs.maxInputTokens}' failed after ${plural(n, 'attempt')}, so no Messages request was sent`
    const explanation = explainFailure(counted.failure, counted.detail, n, config.model, opening)
    const result = failedBeforeAnyRequest(config.model, describeFailure(counted.failure), explanation)
    return { ok: false, result: { ...result, ...report, status: counted.stop === 'cancelled' ? 'cancelled' : 'failed' } }
  }
  core.info(`The prompt counts ${counted.value} input tokens ('${Inputs.maxInputTokens}': ${limit}).`)
  if (counted.value <= limit) return { ok: true, count: counted.value, attempts: counted.attempts }
  const explanation = `The prompt counts ${counted.value} input tokens, more than '${Inputs.maxInputTokens}' (${limit}); no Messages request was sent. Shrink the prompt or raise the limit.`
  const result = failedBeforeAnyRequest(config.model, `too_many_input_tokens: ${counted.value} > ${limit}`, explanation)
  return { ok: false, result: { ...result, ...report, inputTokensCounted: counted.value } }
}

/** Outputs, summary, then the comment, then the step's status: in that order, whatever happened. */
async function finish(result: StepResult, summaryMode: SummaryMode, config?: Config, limits: CommentLimits = {}): Promise<void> {
  await publish(result, summaryMode, process.env)
  if (config?.comment && result.text !== undefined) {
    await postComment(result, config.comment, process.env, limits)
  }
  if (result.explanation) core.setFailed(result.explanation)
  else core.info(`Done in ${formatSeconds(result.durationMs)} after ${plural(result.attempts.length, 'attempt')}.`)
}

function logAttempt(prefix: string, maxAttempts: number): RetryDeps<unknown>['onAttempt'] {
  return event => {
    const line = prefix + attemptLine(event, maxAttempts)
    if (event.outcome === 'retry') core.warning(line)
    else core.info(line)
  }
}

/** A schema was given: a complete answer that is not valid JSON for it is a failed (retryable) attempt. */
function withSchemaCheck(result: AttemptResult<Message>, check: SchemaCheck): AttemptResult<Message> {
  if (!result.ok) return result
  const structured = checkStructured(responseText(result.value), check)
  if (structured.ok) return result
  const truncated = result.value.stop_reason === 'max_tokens'
  const failure: AttemptFailure = {
    kind: 'invalid-output',
    status: result.status,
    errorType: truncated ? 'output_truncated' : structured.errorType,
    errorCode: null,
    requestId: result.requestId,
    message: truncated ? `the answer was cut off at max-tokens, so ${structured.message}` : structured.message,
    headers: {}
  }
  return { ok: false, failure, model: result.model }
}

function stepResult(outcome: RetryOutcome<Message>, config: Config, schemaCheck: SchemaCheck | undefined): StepResult {
  const common = { model: config.model, attempts: outcome.attempts, durationMs: outcome.durationMs }
  if (outcome.ok) {
    const text = responseText(outcome.value)
    const structured = schemaCheck && checkStructured(text, schemaCheck)
    return {
      ...common,
      status: 'succeeded',
      message: outcome.value,
      text,
      json: structured?.ok ? structured.json : undefined,
      error: undefined,
      explanation: undefined
    }
  }
  return {
    ...common,
    status: outcome.stop === 'cancelled' ? 'cancelled' : 'failed',
    message: undefined,
    text: undefined,
    error: describeFailure(outcome.failure),
    explanation: explainFailure(outcome.failure, outcome.detail, outcome.attempts.length, config.model)
  }
}

function mockResult(config: Config, text: string, schemaCheck: SchemaCheck | undefined): StepResult {
  const structured = schemaCheck && checkStructured(text, schemaCheck)
  const base = { model: config.model, attempts: [], durationMs: 0, mock: true }
  if (structured && !structured.ok) {
    const explanation = `The '${Inputs.mockResponse}' text does not follow '${Inputs.jsonSchema}': ${structured.message}.`
    return { ...base, status: 'failed', message: undefined, text: undefined, error: `${structured.errorType}: ${structured.message}`, explanation }
  }
  const message = mockMessage(text, config.model)
  return { ...base, status: 'succeeded', message, text, json: structured?.ok ? structured.json : undefined, error: undefined, explanation: undefined }
}

/** Nothing was sent: outputs and summary still say what happened. */
function failedBeforeAnyRequest(model: string | undefined, error: string, explanation: string): StepResult {
  return { status: 'failed', model, message: undefined, text: undefined, attempts: [], durationMs: 0, error, explanation }
}

/** The summary input may itself be the invalid one; honour only a clear 'off'. */
function summaryModeOf(source: InputSource): SummaryMode {
  return source.getInput(Inputs.summary).trim().toLowerCase() === 'off' ? 'off' : 'full'
}

function describeConfig(config: Config): string {
  const { retry: policy } = config
  const seconds = (ms: number | undefined) => (ms === undefined ? 'none' : formatSeconds(ms))
  return [
    `Asking ${config.model}: prompt ${config.prompt.length} characters`,
    config.system !== undefined ? `, system prompt ${config.system.length} characters` : '',
    `, max-tokens ${config.maxTokens}, ${config.stream ? 'streaming' : 'not streaming'}`,
    config.jsonSchema ? ', answer must follow json-schema' : '',
    config.fallbackModels.length ? `, fallback models ${config.fallbackModels.join(', ')} after ${config.fallbackAfter} overloads` : '',
    `. Up to ${plural(policy.maxRetries + 1, 'attempt')}; jitter ${policy.jitter}, base-delay ${seconds(policy.baseDelayMs)},`,
    ` max-delay ${seconds(policy.maxDelayMs)}, timeout ${seconds(policy.attemptTimeoutMs)}, total-timeout ${seconds(policy.totalTimeoutMs)}.`
  ].join('')
}

