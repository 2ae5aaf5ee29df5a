import * as core from '@actions/core'
import { readFileSync } from 'node:fs'
import { buildRequest, createClient, type Message, sendOnce } from './claude.js'
import { apiKeyFrom, type Config, ConfigError, type InputSource, parseConfig } from './config.js'
import { Inputs, type SummaryMode } from './constants.js'
import { attemptLine, explainFailure } from './explain.js'
import { describeFailure } from './failure.js'
import { formatSeconds } from './format.js'
import { publish } from './publish.js'
import { responseText, type StepResult } from './result.js'
import { retry, type RetryOutcome } from './retry.js'
import { sleep } from './sleep.js'

const CANCEL_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM']

/** The action: inputs → config → retry loop → outputs and summary. Fails the step on anything thrown. */
export async function run(): Promise<void> {
  try {
    await askClaude()
  } catch (error) {
    // Anything, not only Errors: a thrown string must not end the step green.
    core.setFailed(`Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  }
}

async function askClaude(): Promise<void> {
  const source: InputSource = {
    getInput: name => core.getInput(name),
    env: process.env,
    readFile: file => readFileSync(file, 'utf8')
  }
  // Mask the key before anything else can print it.
  const apiKey = apiKeyFrom(source)
  if (apiKey !== '') core.setSecret(apiKey)

  let config: Config
  try {
    config = parseConfig(source)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    await failBeforeAnyRequest(error, source)
    return
  }
  core.info(describeConfig(config))

  const cancel = new AbortController()
  const onSignal = (signal: NodeJS.Signals) => {
    core.info(`Received ${signal}: cancelling the request in flight and any wait.`)
    cancel.abort()
  }
  for (const signal of CANCEL_SIGNALS) process.on(signal, onSignal)
  try {
    const client = createClient(config)
    const request = buildRequest(config)
    const maxAttempts = config.retry.maxRetries + 1
    const outcome = await retry(config.retry, {
      attempt: context => sendOnce(client, request, config.stream, context),
      now: Date.now,
      sleep,
      random: Math.random,
      signal: cancel.signal,
      onAttempt: event =>
        event.outcome === 'retry' ? core.warning(attemptLine(event, maxAttempts)) : core.info(attemptLine(event, maxAttempts))
    })
    const result = stepResult(outcome, config)
    await publish(result, config.summary, process.env)
    if (result.explanation) core.setFailed(result.explanation)
    else core.info(`Done in ${formatSeconds(result.durationMs)} after ${result.attempts.length} attempt(s).`)
  } finally {
    for (const signal of CANCEL_SIGNALS) process.off(signal, onSignal)
  }
}

function stepResult(outcome: RetryOutcome<Message>, config: Config): StepResult {
  const common = { model: config.model, attempts: outcome.attempts, durationMs: outcome.durationMs }
  if (outcome.ok) {
    return { ...common, status: 'succeeded', message: outcome.value, text: responseText(outcome.value), error: undefined, explanation: undefined, stop: undefined }
  }
  return {
    ...common,
    status: outcome.stop === 'cancelled' ? 'cancelled' : 'failed',
    message: undefined,
    text: undefined,
    error: describeFailure(outcome.failure),
    explanation: explainFailure(outcome.failure, outcome.stop, outcome.detail, outcome.attempts.length, config.model),
    stop: outcome.stop
  }
}

/** Bad input: nothing is sent, but outputs and summary still say what happened. */
async function failBeforeAnyRequest(error: ConfigError, source: InputSource): Promise<void> {
  const result: StepResult = {
    status: 'failed',
    model: undefined,
    message: undefined,
    text: undefined,
    attempts: [],
    durationMs: 0,
    error: `invalid_input: ${error.message}`,
    explanation: `${error.message} No request was sent.`,
    stop: 'invalid-input'
  }
  // The summary input may itself be the invalid one; honour only a clear 'off'.
  const summaryMode: SummaryMode = source.getInput(Inputs.summary).trim().toLowerCase() === 'off' ? 'off' : 'full'
  await publish(result, summaryMode, source.env)
  core.setFailed(result.explanation as string)
}

function describeConfig(config: Config): string {
  const { retry: policy } = config
  const seconds = (ms: number | undefined) => (ms === undefined ? 'none' : formatSeconds(ms))
  return [
    `Asking ${config.model}: prompt ${config.prompt.length} characters`,
    config.system !== undefined ? `, system prompt ${config.system.length} characters` : '',
    `, max-tokens ${config.maxTokens}, ${config.stream ? 'streaming' : 'not streaming'}.`,
    ` Up to ${policy.maxRetries + 1} attempts; jitter ${policy.jitter}, base-delay ${seconds(policy.baseDelayMs)},`,
    ` max-delay ${seconds(policy.maxDelayMs)}, timeout ${seconds(policy.attemptTimeoutMs)}, total-timeout ${seconds(policy.totalTimeoutMs)}.`
  ].join('')
}
