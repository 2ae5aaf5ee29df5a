/**
 * The action, wired: inputs → config → (sign-in) → (token count) → the Messages phase → outputs,
 * summary, comment.
 * Each stage lives in its folder; this file only connects them and owns the step's status.
 */
import * as core from './util/actions-core.js'
import type { Config } from './inputs/config.js'
import type { InputSource } from './inputs/read.js'
import { type CommentLimits, postComment } from './github/post.js'
import { eventChecks } from './github/preflight.js'
import type { PullForReview } from './github/review-step.js'
import { logConfig, MOCK_NOTICE } from './report/log-lines.js'
import { askPhase } from './phases/ask.js'
import { configure } from './phases/configure.js'
import { connect } from './phases/connect.js'
import { countPhase } from './phases/count.js'
import { conclude, noteCommentNotPosted, publish } from './report/publish.js'
import * as results from './report/result.js'
import { describeAttachment } from './request/attachments.js'
import { buildRequest } from './request/build.js'
import { sleep } from './retry/sleep.js'
import { runSecrets } from './util/secrets.js'

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
  const startedAt = Date.now()
  const source: InputSource = { getInput: core.getInput, env: process.env, event: eventChecks(process.env) }
  const configured = await configure(source, cancel, startedAt)
  if (!configured.ok) return finish(configured.result, { summary: configured.summary, comment: undefined })
  let { config } = configured
  const { schemaCheck } = configured
  // A signal that came while the action was loading (mostly synchronous work) is delivered here.
  await new Promise(resolve => setImmediate(resolve))
  if (cancel.aborted) return finish(results.cancelledBeforeAnyRequest(config.model), config)
  // Many prompts: its own flow, loaded only then (a chunk of its own, off the default path).
  if (config.many) return (await import('./run-many.js')).runMany(config, config.many, schemaCheck, cancel)

  // The token count, the Messages attempts and the comment share one total-timeout.
  const deadline = config.retry.totalTimeoutMs === undefined ? undefined : Date.now() + config.retry.totalTimeoutMs
  const limits: CommentLimits = { signal: cancel, deadline }
  // pr-diff, pr-review: the pull request is read once, before the request, by a module loaded only then.
  let pull: PullForReview | undefined
  if (config.prDiff) {
    const read = await (await import('./github/review-step.js')).readPullRequest(config, process.env, limits)
    if (!read.ok) return finish(read.result, config, limits)
    ;({ pull, config } = read)
  }
  if (config.mockResponse !== undefined) {
    core.info(MOCK_NOTICE)
    return finish(results.mockResult(config.model, config.mockResponse, schemaCheck), config, limits, pull)
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
  await finish({ ...asked, ...auth.report, ...counted }, config, limits, pull)
}

/** Outputs, summary, then the comment, then the step's status: in that order, whatever happened. */
async function finish(
  result: results.StepResult,
  config: Pick<Config, 'summary' | 'comment'> & Partial<Config>,
  limits: CommentLimits = {},
  pull?: PullForReview
) {
  result = { ...result, attachments: config.attachments?.map(describeAttachment), secretsReplaced: runSecrets.replaced }
  publish(result, config.summary, process.env)
  if (config.comment && result.text !== undefined) {
    if (config.comment.on !== 'pr-review') {
      const notPosted = await postComment(result, { ...config.comment, on: config.comment.on }, process.env, limits)
      if (notPosted !== undefined) noteCommentNotPosted(notPosted, config.summary, process.env)
    } else if (pull) {
      const { postReviewStep } = await import('./github/review-step.js')
      await postReviewStep(result, config as Config, pull, process.env, limits) // notes its own failure
    }
  }
  conclude(result)
}
