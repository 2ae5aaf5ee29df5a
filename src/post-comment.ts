/** The comment-on step: build the comment from the result, post it, and report where it went. */
import * as core from '@actions/core'
import { readFileSync } from 'node:fs'
import { commentContextFromEnv, CommentError, commentMarker, upsertComment } from './comment.js'
import type { Config } from './config.js'
import { Outputs } from './constants.js'
import { formatSeconds, oneLine } from './format.js'
import type { StepResult } from './result.js'

/**
 * One line of provenance, so a reader of the PR knows what wrote it, then the answer. The
 * answer comes last: an unclosed code fence in it cannot swallow anything after it.
 */
export function commentBody(result: StepResult, runUrl: string): string {
  const attempts = result.attempts.length
  const provenance = result.mock
    ? `mock response (no request was sent)`
    : `${result.message?.model ?? result.model} · ${attempts} attempt${attempts === 1 ? '' : 's'} · ${formatSeconds(result.durationMs)}`
  return `<sub>Ask Claude · ${provenance} · [run](${runUrl})</sub>\n\n${result.text ?? ''}\n`
}

export async function postComment(result: StepResult, comment: NonNullable<Config['comment']>, env: NodeJS.ProcessEnv): Promise<void> {
  const context = commentContextFromEnv(env, file => readFileSync(file, 'utf8'), comment.on)
  if ('error' in context) {
    core.setFailed(`The answer was not posted: ${context.error}`)
    return
  }
  // One comment per workflow, job and step: re-runs update it, other steps keep their own.
  const marker = commentMarker([env.GITHUB_WORKFLOW, env.GITHUB_JOB, env.GITHUB_ACTION].filter(Boolean).join('/'))
  try {
    const posted = await upsertComment({ ...context, token: comment.token, target: comment.on, body: commentBody(result, context.runUrl), marker })
    core.setOutput(Outputs.commentUrl, posted.url)
    core.info(oneLine(`Comment ${posted.action}: ${posted.url}`))
  } catch (error) {
    if (!(error instanceof CommentError)) throw error
    core.setFailed(`The answer was not posted: ${error.message}`)
  }
}
