/**
 * The action, wired: inputs → config → (token guard) → retry loop → outputs, summary, comment.
 * Each stage lives in its folder; this file only connects them and owns the step's status.
 */
import * as core from '@actions/core'
import { buildRequest, countTokensOnce, createClient, sendOnce } from './claude/client.js'
import { ModelChain } from './claude/fallback.js'
import { compileSchema, type SchemaCheck, withSchemaCheck } from './claude/schema.js'
import { guardInputTokens } from './claude/token-guard.js'
import { type CommentLimits, postComment } from './github/post.js'
import { plainHttpWarning } from './inputs/base-url.js'
import { apiKeyFrom, type Config, parseConfig, summaryModeOf } from './inputs/config.js'
import { Inputs, type SummaryMode } from './inputs/names.js'
import { ConfigError, type InputSource } from './inputs/read.js'
import { formatSeconds, plural } from './report/format.js'
import { attemptLogger, describeConfig } from './report/log-lines.js'
import { publish } from './report/publish.js'
import {
  cancelledBeforeAnyRequest,
  failedBeforeAnyRequest,
  mockResult,
  type StepResult,
  stepResult,
  tokenGuardResult
} from './report/result.js'
import { retry } from './retry/loop.js'
import { sleep } from './retry/sleep.js'

/**
 * Runs the step and fails it on anything thrown. `cancel` is the step's cancel signal (index.ts
 * aborts it on SIGINT/SIGTERM, possibly before this runs); it stops every request and wait.
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
  const source: InputSource = { getInput: name => core.getInput(name), env: process.env }
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
    const result = failedBeforeAnyRequest(undefined, `invalid_input: ${error.message}`, `${error.message} No request was sent.`)
    return finish(result, summaryModeOf(source))
  }
  // A signal that came while the action was loading (mostly synchronous work) is delivered here.
  await new Promise(resolve => setImmediate(resolve))
  if (cancel.aborted) return finish(cancelledBeforeAnyRequest(config.model), config.summary)

  // The token count, the Messages attempts and the comment share one total-timeout.
  const deadline = config.retry.totalTimeoutMs === undefined ? undefined : Date.now() + config.retry.totalTimeoutMs
  const limits: CommentLimits = { signal: cancel, deadline }
  if (config.mockResponse !== undefined) {
    core.info(`'${Inputs.mockResponse}' is set: no request is sent to the API; its text goes through the same outputs, summary and comment.`)
    return finish(mockResult(config.model, config.mockResponse, schemaCheck), config.summary, config, limits)
  }
  core.info(describeConfig(config))
  const httpWarning = plainHttpWarning(config.baseUrl)
  if (httpWarning) core.warning(httpWarning)

  const client = createClient(config)
  const request = buildRequest(config)
  const loop = { now: Date.now, sleep, random: Math.random, signal: cancel, deadline }
  const maxAttempts = config.retry.maxRetries + 1

  let counted: Pick<StepResult, 'inputTokensCounted' | 'countAttempts'> = {}
  if (config.maxInputTokens !== undefined) {
    const guard = await guardInputTokens(config.retry, config.maxInputTokens, {
      ...loop,
      attempt: context => countTokensOnce(client, request, context),
      onAttempt: attemptLogger('Counting input tokens: ', maxAttempts)
    })
    if (guard.counted.ok) core.info(`The prompt counts ${guard.counted.value} input tokens ('${Inputs.maxInputTokens}': ${config.maxInputTokens}).`)
    if (!guard.fits) return finish(tokenGuardResult(guard, config.model), config.summary, config, limits)
    counted = { inputTokensCounted: guard.counted.value, countAttempts: guard.counted.attempts }
  }

  const models = new ModelChain([config.model, ...config.fallbackModels], config.fallbackAfter)
  const outcome = await retry(config.retry, {
    ...loop,
    attempt: async context => {
      const result = await sendOnce(client, { ...request, model: models.current }, config.stream, context)
      return schemaCheck ? withSchemaCheck(result, schemaCheck) : result
    },
    switchModel: failure => models.afterFailure(failure),
    onAttempt: attemptLogger('', maxAttempts)
  })
  await finish({ ...stepResult(outcome, config.model, schemaCheck), ...counted }, config.summary, config, limits)
}

/** Outputs, summary, then the comment, then the step's status: in that order, whatever happened. */
async function finish(result: StepResult, summaryMode: SummaryMode, config?: Config, limits: CommentLimits = {}): Promise<void> {
  await publish(result, summaryMode, process.env)
  if (config?.comment && result.text !== undefined) await postComment(result, config.comment, process.env, limits)
  if (result.explanation) core.setFailed(result.explanation)
  else core.info(`Done in ${formatSeconds(result.durationMs)} after ${plural(result.attempts.length, 'attempt')}.`)
}
