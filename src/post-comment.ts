/** The comment-on step: build the comment from the result, post it, and report where it went. */
import * as core from '@actions/core'
import { readFileSync } from 'node:fs'
import { commentContextFromEnv, CommentError, commentMarker, upsertComment } from './comment.js'
import type { Config } from './config.js'
import { Outputs } from './constants.js'
import { formatSeconds, oneLine, plural } from './format.js'
import type { StepResult } from './result.js'
import { escapeInline } from './summary.js'

/**
 * One line of provenance, so a reader of the PR knows what wrote it, then the answer. The model
 * name comes from the server: escaped, it cannot close the <sub> or add HTML or a link. The
 * answer comes last: an unclosed code fence in it cannot swallow anything after it.
 */
export function commentBody(result: StepResult, runUrl: string): string {
  const attempts = result.attempts.length
  const provenance = result.mock
    ? `mock response (no request was sent)`
    : `${escapeInline(String(result.message?.model ?? result.model))} · ${plural(attempts, 'attempt')} · ${formatSeconds(result.durationMs)}`
  return `<sub>Ask Claude · ${provenance} · [run](${runUrl})</sub>\n\n${result.text ?? ''}\n`
}

/** What bounds the comment: the step's cancel signal and its total-timeout deadline (epoch ms). */
export interface CommentLimits {
  signal?: AbortSignal
  deadline?: number
}

/**
 * Post (or update) the comment. The outputs and summary are already written; when the comment
 * fails, the step fails and the `error` output says why: `cancelled`, `comment_timeout: …`
 * (total-timeout, or a GitHub request that got no answer in 30 s) or `comment_error: …`.
 */
export async function postComment(result: StepResult, comment: NonNullable<Config['comment']>, env: NodeJS.ProcessEnv, limits: CommentLimits = {}): Promise<void> {
  const context = commentContextFromEnv(env, file => readFileSync(file, 'utf8'), comment.on)
  if ('error' in context) return notPosted('comment_error', context.error)
  // One comment per workflow, job and step: re-runs update it, other steps keep their own.
  const marker = commentMarker([env.GITHUB_WORKFLOW, env.GITHUB_JOB, env.GITHUB_ACTION].filter(Boolean).join('/'))
  try {
    const posted = await upsertComment({ ...context, ...limits, token: comment.token, target: comment.on, body: commentBody(result, context.runUrl), marker })
    core.setOutput(Outputs.commentUrl, posted.url)
    if (posted.note !== undefined) core.warning(oneLine(`Comment: ${posted.note}.`))
    core.info(oneLine(`Comment ${posted.action}: ${posted.url}`))
  } catch (error) {
    if (!(error instanceof CommentError)) throw error
    notPosted(error.reason === 'timeout' ? 'comment_timeout' : error.reason ?? 'comment_error', error.message)
  }
}

function notPosted(type: 'comment_error' | 'comment_timeout' | 'cancelled', message: string): void {
  // A later value of an output replaces the earlier one (empty after a successful answer).
  core.setOutput(Outputs.error, type === 'cancelled' ? 'cancelled' : `${type}: ${message}`)
  core.setFailed(`The answer was not posted: ${message}`)
}
