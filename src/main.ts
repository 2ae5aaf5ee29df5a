/**
 * The action, wired: inputs → config → (sign-in) → (token count) → the Messages phase → outputs,
 * summary, comment.
 * Each stage lives in its folder; this file only connects them and owns the step's status.
 */
import * as core from '@actions/core'
import { compileSchema, type SchemaCheck } from './claude/schema.js'
import { type CommentLimits, postComment } from './github/post.js'
import { apiKeyFrom, type Config, credentialHeaderValues, parseConfig, summaryModeOf } from './inputs/config.js'
import { ConfigError, type InputSource } from './inputs/read.js'
import { logConfig, MOCK_NOTICE, warnUnusedVars } from './report/log-lines.js'
import { askPhase } from './phases/ask.js'
import { connect } from './phases/connect.js'
import { countPhase } from './phases/count.js'
import { conclude, noteCommentNotPosted, publish } from './report/publish.js'
import * as results from './report/result.js'
import { describeAttachment } from './request/attachments.js'
import { buildRequest } from './request/build.js'
import { sleep } from './retry/sleep.js'
import { runSecrets } from './util/secrets.js'
import { shortSecretWarning } from './report/secret-lines.js'
import { Inputs } from './inputs/input-names.js'
import { proxyCredentials } from './inputs/proxy-env.js'

/** Runs the step; fails it on anything thrown. `cancel` (from index.ts) stops every request and wait. */
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
  // Register (and mask) every secret before anything else can print it: util/secrets.ts.
  runSecrets.start({ mask: value => core.setSecret(value), tooShort: what => core.warning(shortSecretWarning(what)) })
  runSecrets.add(apiKeyFrom(source), 'the API key')
  for (const value of credentialHeaderValues(source)) runSecrets.add(value, `a credential value of '${Inputs.headers}'`)
  for (const value of proxyCredentials(source.env)) runSecrets.add(value, 'a proxy password')

  let config: Config
  let schemaCheck: SchemaCheck | undefined
  try {
    config = await parseConfig(source)
    warnUnusedVars(config.conversation.unusedVars)
    if (config.comment) runSecrets.add(config.comment.token, `the GitHub token ('${Inputs.githubToken}')`)
    schemaCheck = config.jsonSchema && (await compileSchema(config.jsonSchema))
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    return finish(results.invalidInput(error.message), { summary: summaryModeOf(source), comment: undefined })
  }
  // A signal that came while the action was loading (mostly synchronous work) is delivered here.
  await new Promise(resolve => setImmediate(resolve))
  if (cancel.aborted) return finish(results.cancelledBeforeAnyRequest(config.model), config)
  // Many prompts: its own flow, loaded only then (a chunk of its own, off the default path).
  if (config.many) return (await import('./run-many.js')).runMany(config, config.many, schemaCheck, cancel)

  // The token count, the Messages attempts and the comment share one total-timeout.
  const deadline = config.retry.totalTimeoutMs === undefined ? undefined : Date.now() + config.retry.totalTimeoutMs
  const limits: CommentLimits = { signal: cancel, deadline }
  if (config.mockResponse !== undefined) {
    core.info(MOCK_NOTICE)
    return finish(results.mockResult(config.model, config.mockResponse, schemaCheck), config, limits)
  }
  logConfig(config)
  const loop = { now: Date.now, sleep, random: Math.random, signal: cancel, deadline }
  const connection = await connect(config, loop, source.env)
  if (!connection.ok) return finish(results.signInResult(connection.auth, config.model), config, limits)
  const { auth, client } = connection
  const phase = {
    config,
    client,
    request: buildRequest({ ...config, ...config.conversation }),
    loop,
    withSignIn: auth.withSignIn
  }

  const { stopped, counted } = await countPhase(phase)
  if (stopped) return finish({ ...stopped, ...auth.report }, config, limits)
  const asked = await askPhase(phase, schemaCheck, counted.inputTokensCounted)
  await finish({ ...asked, ...auth.report, ...counted }, config, limits)
}

/** Outputs, summary, then the comment, then the step's status: in that order, whatever happened. */
async function finish(
  result: results.StepResult,
  config: Pick<Config, 'summary' | 'comment'> & Partial<Pick<Config, 'attachments'>>,
  limits: CommentLimits = {}
) {
  result = { ...result, attachments: config.attachments?.map(describeAttachment), secretsReplaced: runSecrets.replaced }
  await publish(result, config.summary, process.env)
  if (config.comment && result.text !== undefined) {
    const notPosted = await postComment(result, config.comment, process.env, limits)
    if (notPosted !== undefined) await noteCommentNotPosted(notPosted, config.summary, process.env)
  }
  conclude(result)
}
