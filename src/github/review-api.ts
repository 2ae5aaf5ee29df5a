/**
 * The review's GitHub calls: post one review (`event: COMMENT` at the head commit read with the
 * files), fall back to everything in the body when GitHub refuses a line (422), then replace the
 * step's earlier review: its inline comments deleted (or, when someone replied, edited to point
 * to the new review), its body marked superseded. Only comments the posting identity wrote count
 * as the step's (ownership.ts); a stranger's comment carrying the marker is left alone.
 */
import { supersededComment, supersededReview } from '../report/review-lines.js'
import { CommentError, describeGitHubError, whatGitHubSaid } from './comment-error.js'
import { type Call, nextPage, type Octokit } from './github-call.js'
import { sameAuthor, whoPosts } from './ownership.js'
import type { PullLocation } from './pull-diff.js'
import type { InlineComment } from './review-placement.js'

/** A review to post: its body and inline comments. */
export interface ReviewDraft {
  body: string
  comments: InlineComment[]
}

export interface PostedReview {
  id: number
  url: string
  /** How many inline comments went out with it (0 after the 422 fallback). */
  inline: number
  /** GitHub's words when it refused the inline comments and the review went out again with all in the body. */
  refused?: string
  /** Why earlier comments were left as they were, for the log. */
  note?: string
}

/** Pages of 100 read at most when looking for the step's earlier review. */
const MAX_PAGES = 30

interface Context extends PullLocation {
  octokit: Octokit
  call: Call
  token: string
  marker: string
  headSha: string
  /** "pull request #3 in o/r", for messages. */
  where: string
}

/**
 * Post the review, then replace the earlier one. `draft(true)` is the same review with every
 * finding in its body, for when GitHub refuses the inline comments.
 */
export async function postReview(context: Context, draft: (allInBody: boolean) => ReviewDraft): Promise<PostedReview> {
  const { octokit, call, repository, number } = context
  const earlier = await findEarlier(context)
  const create = (review: ReviewDraft, raw: boolean) =>
    call(
      'post the review on',
      options =>
        octokit.rest.pulls.createReview({
          ...repository,
          pull_number: number,
          commit_id: context.headSha,
          event: 'COMMENT',
          body: review.body,
          comments: review.comments,
          ...options
        }),
      raw
    )
  const first = draft(false)
  let posted: PostedReview
  try {
    const { data } = await create(first, true)
    posted = { id: data.id, url: data.html_url, inline: first.comments.length }
  } catch (error) {
    if (error instanceof CommentError) throw error // cancelled or timed out
    const refusedLines = (error as { status?: unknown })?.status === 422 && first.comments.length > 0
    if (!refusedLines) throw describeGitHubError(error, 'post the review on', context.where, 'pr', context.token)
    const { data } = await create(draft(true), false)
    posted = { id: data.id, url: data.html_url, inline: 0, refused: whatGitHubSaid(error, context.token) }
  }
  // The review is up: a failure to tidy the earlier one is a warning, not a review that was not posted.
  let note = earlier.note
  try {
    await replaceEarlier(context, earlier, posted)
  } catch (error) {
    if (!(error instanceof CommentError) || error.reason !== undefined) throw error
    note = error.message.replace(/\.$/, '')
  }
  return { ...posted, ...(note !== undefined && { note }) }
}

interface Earlier {
  comments: Array<{ id: number; replied: boolean }>
  reviews: number[]
  note?: string
}

/** The step's earlier inline comments and reviews: marked, and written by the identity that posts. */
async function findEarlier(context: Context): Promise<Earlier> {
  const { octokit, call, repository, number } = context
  const marked = (text: unknown) => typeof text === 'string' && text.startsWith(context.marker)
  const comments = await listAll(context, 'list the review comments on', options =>
    octokit.rest.pulls.listReviewComments({ ...repository, pull_number: number, per_page: 100, ...options })
  )
  const reviews = await listAll(context, 'list the reviews on', options =>
    octokit.rest.pulls.listReviews({ ...repository, pull_number: number, per_page: 100, ...options })
  )
  const candidates = { comments: comments.filter(c => marked(c.body)), reviews: reviews.filter(r => marked(r.body)) }
  if (candidates.comments.length + candidates.reviews.length === 0) return { comments: [], reviews: [] }
  const identity = await whoPosts(octokit, call, context.token, 'review')
  const login = identity.login
  if (login === undefined) return { comments: [], reviews: [], note: identity.note }
  const repliedTo = new Set(comments.map(c => c.in_reply_to_id).filter(id => id !== undefined))
  return {
    comments: candidates.comments
      .filter(c => sameAuthor(c.user, login))
      .map(c => ({ id: c.id, replied: repliedTo.has(c.id) })),
    reviews: candidates.reviews.filter(r => sameAuthor(r.user, login)).map(r => r.id)
  }
}

type Page<T> = { data: T[]; headers: { link?: string } }

async function listAll<T>(
  context: Context,
  step: 'list the review comments on' | 'list the reviews on',
  first: (options: { request: { signal: AbortSignal } }) => Promise<Page<T>>
): Promise<T[]> {
  const items: T[] = []
  let response = await context.call(step, first)
  for (let page = 1; ; page++) {
    items.push(...response.data)
    const next = nextPage(response.headers.link, context.baseUrl)
    if (next === undefined || page >= MAX_PAGES) return items
    response = (await context.call(step, options => context.octokit.request(`GET ${next}`, options))) as Page<T>
  }
}

/** Earlier comments without replies deleted, with replies pointed to the new review; earlier review bodies marked superseded. */
async function replaceEarlier(context: Context, earlier: Earlier, posted: PostedReview): Promise<void> {
  const { octokit, call, repository, number } = context
  for (const { id, replied } of earlier.comments) {
    if (replied) {
      await call('update an earlier review comment on', options =>
        octokit.rest.pulls.updateReviewComment({
          ...repository,
          comment_id: id,
          body: supersededComment(posted.url),
          ...options
        })
      )
    } else {
      await call('delete an earlier review comment on', options =>
        octokit.rest.pulls.deleteReviewComment({ ...repository, comment_id: id, ...options })
      )
    }
  }
  for (const id of earlier.reviews) {
    if (id === posted.id) continue
    await call('update an earlier review on', options =>
      octokit.rest.pulls.updateReview({
        ...repository,
        pull_number: number,
        review_id: id,
        body: supersededReview(posted.url),
        ...options
      })
    )
  }
}
