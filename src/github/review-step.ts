/**
 * `pr-diff` and `comment-on: pr-review`, wired: read the pull request once before the request
 * (its head commit and files; the labelled diff attached before the prompt), then, after the
 * answer, place the findings and post the review. main.ts loads this module only when one of
 * the two inputs is set, so the default start-up does not load it.
 */
import * as core from '../util/actions-core.js'
import { readFileSync } from 'node:fs'
import type { Config } from '../inputs/config.js'
import { Outputs } from '../report/output-names.js'
import { oneLine } from '../report/format.js'
import { noteCommentNotPosted, noteReviewFindings } from '../report/publish.js'
import * as results from '../report/result.js'
import * as lines from '../report/review-lines.js'
import type { Attachment } from '../request/attachments.js'
import type { ReviewAnswer } from '../request/review-schema.js'
import { isRecord } from '../util/record.js'
import { commentMarker, provenanceLine } from './body.js'
import { CommentError } from './comment-error.js'
import { labelDiff } from './diff-label.js'
import { apiBase, boundedCall, type CallLimits, octokitFor } from './github-call.js'
import { notPosted, stepKey } from './post.js'
import { MAX_LISTED_FILES, type PullRequestDiff, readPullDiff } from './pull-diff.js'
import { postReview } from './review-api.js'
import { reviewBody } from './review-body.js'
import { placeFindings } from './review-placement.js'
import { type CommentContext, commentContextFromEnv, readEventPayload } from './target.js'

/** The labelled diff may take this many characters of the prompt (about 100k tokens); the rest is listed by name. */
export const MAX_DIFF_CHARS = 400_000

export interface PullForReview {
  diff: PullRequestDiff
  context: CommentContext
  /** The head commit the event was about (pull_request events), to tell when the PR moved since. */
  eventSha: string | undefined
}

type Read = { ok: true; pull: PullForReview; config: Config } | { ok: false; result: results.StepResult }

/** Read the pull request; with `pr-diff`, the config comes back with the labelled diff as the first attachment. */
export async function readPullRequest(config: Config, env: NodeJS.ProcessEnv, limits: CallLimits): Promise<Read> {
  const settings = config.prDiff as NonNullable<Config['prDiff']>
  const readFile = (file: string) => readFileSync(file, 'utf8')
  const context = commentContextFromEnv(env, readFile, 'pr')
  if ('error' in context) return { ok: false, result: results.pullRequestUnread(config.model, context.error) }
  try {
    const { octokit, call, baseUrl } = await gitHubFor(context, settings.token, limits)
    const diff = await readPullDiff(octokit, call, { ...context, baseUrl }, settings.exclude)
    if (diff.truncated) core.warning(lines.filesCutLine(MAX_LISTED_FILES))
    const pull = { diff, context, eventSha: eventHeadSha(env, readFile) }
    if (!settings.attach || config.mockResponse !== undefined) return { ok: true, pull, config }
    const options = { maxChars: MAX_DIFF_CHARS, excluded: diff.excluded, truncatedList: diff.truncated }
    const { text, cut } = labelDiff(diff.shown, options)
    const size = lines.diffSizeLine(diff.shown.length, text.length, cut)
    if (cut.length > 0) core.warning(oneLine(size))
    else core.info(size)
    const attachment: Attachment = {
      path: `pull request #${context.number} (diff)`,
      kind: 'text',
      mediaType: 'text/plain',
      bytes: Buffer.byteLength(text),
      block: { type: 'text', text }
    }
    return { ok: true, pull, config: { ...config, attachments: [attachment, ...config.attachments] } }
  } catch (error) {
    if (!(error instanceof CommentError)) throw error
    return { ok: false, result: results.pullRequestUnread(config.model, error.message, error.reason) }
  }
}

/** Octokit and the bounded Call for the pull request's requests, and how messages name it. */
async function gitHubFor(context: CommentContext, token: string, limits: CallLimits) {
  const where = `pull request #${context.number} in ${context.repository.owner}/${context.repository.repo}`
  const baseUrl = apiBase(context.apiUrl)
  return { where, baseUrl, octokit: await octokitFor(token, baseUrl), call: boundedCall(limits, where, 'pr', token) }
}

function eventHeadSha(env: NodeJS.ProcessEnv, readFile: (file: string) => string): string | undefined {
  const read = readEventPayload(env, readFile)
  const pull = 'error' in read ? undefined : (read.payload as { pull_request?: unknown } | null)?.pull_request
  const head = isRecord(pull) ? pull.head : undefined
  const sha = isRecord(head) ? head.sha : undefined
  return typeof sha === 'string' && sha !== '' ? sha : undefined
}

/**
 * Place the findings and post the review; the outputs and summary are written already. When it
 * is not posted, the step is failed (post.ts `notPosted`) and the summary says so below the
 * findings, so main.ts has nothing to add.
 */
export async function postReviewStep(
  result: results.StepResult,
  config: Config,
  pull: PullForReview,
  env: NodeJS.ProcessEnv,
  limits: CallLimits
): Promise<void> {
  const comment = config.comment as NonNullable<Config['comment']>
  const settings = comment.review as NonNullable<NonNullable<Config['comment']>['review']>
  const answer = JSON.parse(result.json ?? '{"summary":"","comments":[]}') as ReviewAnswer
  const { diff, context } = pull
  const moved = pull.eventSha !== undefined && pull.eventSha !== diff.headSha
  if (moved) core.warning(lines.headMovedLine(pull.eventSha as string, diff.headSha))
  const rules = { maxInline: settings.maxComments, suggestions: settings.suggestions }
  const place = (allInBody: boolean) =>
    placeFindings(answer.comments, diff.index, {
      ...rules,
      ...(moved ? { allInBody: 'head-moved' as const } : allInBody ? { allInBody: 'refused' as const } : {})
    })
  // The step's own marker, apart from the sticky comment's: re-runs find and replace these.
  const marker = commentMarker(`${stepKey(env, comment.key)}/review`)
  const provenance = provenanceLine(result, context.runUrl)
  let placed = place(false)
  const draft = (allInBody: boolean) => {
    if (allInBody) placed = place(true)
    const body = reviewBody({ provenance, summary: answer.summary, placed, marker, runUrl: context.runUrl })
    const comments = placed.flatMap(p => (p.inline ? [{ ...p.inline, body: `${marker}\n${p.inline.body}` }] : []))
    return { body, comments }
  }
  let why: string | undefined
  let url: string | undefined
  try {
    const gitHub = await gitHubFor(context, comment.token, limits)
    const posted = await postReview(
      { ...context, ...gitHub, token: comment.token, marker, headSha: diff.headSha },
      draft
    )
    if (posted.refused !== undefined) core.warning(oneLine(lines.refusedLine(posted.refused)))
    if (posted.note !== undefined) core.warning(oneLine(`Review: ${posted.note}.`))
    url = posted.url
    core.setOutput(Outputs.commentUrl, url)
    core.setOutput(Outputs.reviewComments, String(posted.inline))
    core.info(oneLine(lines.reviewPostedLine(posted.url, posted.inline, placed.length - posted.inline)))
  } catch (error) {
    if (!(error instanceof CommentError)) throw error
    why = notPosted(error.reason === 'timeout' ? 'comment_timeout' : (error.reason ?? 'comment_error'), error.message)
  }
  const rows = placed.map(p => ({ finding: p.finding, inBody: p.reason }))
  noteReviewFindings(lines.findingsTable(rows, url), config.summary, env)
  if (why !== undefined) noteCommentNotPosted(why, config.summary, env, 'review')
}
