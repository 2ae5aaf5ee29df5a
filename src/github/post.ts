/**
 * github/: the comment-on step. This file runs it: find the PR or issue (target.ts), build the
 * comment (body.ts), post it (api.ts), and report where it went or why it was not posted.
 */
import * as core from '../util/actions-core.js'
import { readFileSync } from 'node:fs'
import type { StepResult } from '../report/result.js'
import type { Config } from '../inputs/config.js'
import { Outputs } from '../report/output-names.js'
import { oneLine } from '../report/format.js'
import { upsertComment } from './api.js'
import { CommentError } from './comment-error.js'
import { commentBody, commentMarker } from './body.js'
import { commentContextFromEnv } from './target.js'

/** What bounds the comment: the step's cancel signal and its total-timeout deadline (epoch ms). */
export interface CommentLimits {
  signal?: AbortSignal
  deadline?: number
}

/**
 * Post (or update) the comment. The outputs and summary are already written; when the comment
 * fails, the step fails and the `error` output says why: `cancelled`, `comment_timeout: …`
 * (total-timeout, or a GitHub request that got no answer in 30 s) or `comment_error: …`.
 * Returns why it was not posted (undefined: posted), for the summary.
 */
export async function postComment(
  result: StepResult,
  comment: NonNullable<Config['comment']> & { on: 'pr' | 'issue' },
  env: NodeJS.ProcessEnv,
  limits: CommentLimits = {}
): Promise<string | undefined> {
  const context = commentContextFromEnv(env, file => readFileSync(file, 'utf8'), comment.on)
  if ('error' in context) return notPosted('comment_error', context.error)
  // One comment per workflow, job and step (and comment-key): re-runs update it, other steps keep their own.
  const marker = commentMarker(stepKey(env, comment.key))
  try {
    const posted = await upsertComment({
      ...context,
      ...limits,
      token: comment.token,
      target: comment.on,
      body: commentBody(result, context.runUrl),
      marker
    })
    core.setOutput(Outputs.commentUrl, posted.url)
    if (posted.note !== undefined) core.warning(oneLine(`Comment: ${posted.note}.`))
    core.info(oneLine(`Comment ${posted.action}: ${posted.url}`))
    return undefined
  } catch (error) {
    if (!(error instanceof CommentError)) throw error
    return notPosted(error.reason === 'timeout' ? 'comment_timeout' : (error.reason ?? 'comment_error'), error.message)
  }
}

/** workflow/job/step, and the comment-key when given: what tells this step's comments from others'. */
export function stepKey(env: NodeJS.ProcessEnv, commentKey: string): string {
  return [env.GITHUB_WORKFLOW, env.GITHUB_JOB, env.GITHUB_ACTION, commentKey].filter(Boolean).join('/')
}

export function notPosted(type: 'comment_error' | 'comment_timeout' | 'cancelled', message: string): string {
  // A later value of an output replaces the earlier one (empty after a successful answer).
  core.setOutput(Outputs.error, type === 'cancelled' ? 'cancelled' : `${type}: ${message}`)
  core.setFailed(`The answer was not posted: ${message}`)
  return message
}
