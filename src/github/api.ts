/**
 * The GitHub API calls of the comment: find our earlier comment (only one the posting account
 * wrote), then create or update it, each request bounded by the cancel signal, the step's
 * deadline and REQUEST_TIMEOUT_MS, and every error translated into what to fix.
 *
 * `@actions/github` is imported lazily inside `upsertComment`: it takes a few hundred
 * milliseconds to load, and runs that never comment should not pay for it. For the same reason
 * nothing here reads `github.context`; target.ts reads the same variables itself.
 */
import { DEFAULT_MARKER, fitCommentBody } from './body.js'
import { CommentError } from './comment-error.js'
import { apiBase, boundedCall, type Call, type CallLimits, nextPage, type Octokit, octokitFor } from './github-call.js'
import { sameAuthor, whoPosts } from './ownership.js'
import type { CommentTarget } from './target.js'

export interface CommentRequest extends CallLimits {
  token: string
  target: CommentTarget
  repository: { owner: string; repo: string }
  /** From the event payload: the PR number (pull_request, pull_request_target, issue_comment on a PR) or issue number (issues, issue_comment). */
  number: number
  /** Markdown to post (the caller builds it). */
  body: string
  /** Link to the run, appended when the body is cut. */
  runUrl: string
  /** GITHUB_API_URL (default https://api.github.com); tests point it at a fake. */
  apiUrl?: string
  /** Hidden marker identifying our comment, default `<!-- ask-claude -->`; see `commentMarker`. */
  marker?: string
}

export interface CommentResult {
  action: 'created' | 'updated'
  id: number
  /** The comment's html_url. */
  url: string
  /** Something the log should say, e.g. why an existing comment was not reused. */
  note?: string
}

/** 100 pages of 100: a thread longer than 10,000 comments gets a new comment rather than an endless scan. */
const MAX_PAGES = 100
/**
 * Create our comment, or update it when an earlier run left one: a comment whose body starts
 * with the marker AND that the token's own identity wrote (see `sameAuthor`). The marker is
 * public and anyone can paste it; a stranger's comment is never edited. One HTTP request per
 * API call, no retries; each is bounded by `requestTimeoutMs`, the deadline and the cancel signal.
 */
export async function upsertComment(request: CommentRequest): Promise<CommentResult> {
  const { token, repository, number, target } = request
  if (!token) {
    throw new CommentError(
      `Posting a comment needs a GitHub token: set the \`github-token\` input (it defaults to \`\${{ github.token }}\`).`,
      undefined
    )
  }
  const marker = request.marker ?? DEFAULT_MARKER
  const body = fitCommentBody(request.body, marker, request.runUrl)
  const baseUrl = apiBase(request.apiUrl)
  const where = `${target === 'pr' ? 'pull request' : 'issue'} #${number} in ${repository.owner}/${repository.repo}`
  const octokit = await octokitFor(token, baseUrl)
  const call = boundedCall(request, where, target, token)

  const found = await findComment(octokit, request, marker, baseUrl, call)
  if (found.id !== undefined) {
    const id = found.id
    const { data } = await call('update the comment on', options =>
      octokit.rest.issues.updateComment({ ...repository, comment_id: id, body, ...options })
    )
    return { action: 'updated', id: data.id, url: data.html_url }
  }
  const { data } = await call('create the comment on', options =>
    octokit.rest.issues.createComment({ ...repository, issue_number: number, body, ...options })
  )
  return { action: 'created', id: data.id, url: data.html_url, ...(found.note !== undefined && { note: found.note }) }
}

/**
 * Our comment: the first one whose body starts with the marker and whose author is the token's
 * identity, following `link: rel="next"`. Who the token is, is asked only once a marked comment
 * turns up. When GitHub will not say, no comment is ours (`note` says why).
 */
async function findComment(
  octokit: Octokit,
  request: CommentRequest,
  marker: string,
  baseUrl: string,
  call: Call
): Promise<{ id?: number; note?: string }> {
  const isMarked = (text: unknown) =>
    typeof text === 'string' && (text === marker || text.startsWith(`${marker}\n`) || text.startsWith(`${marker}\r\n`))
  let identity: { login?: string; note?: string } | undefined
  let response = await call('list the comments on', options =>
    octokit.rest.issues.listComments({ ...request.repository, issue_number: request.number, per_page: 100, ...options })
  )
  for (let page = 1; ; page++) {
    for (const comment of response.data) {
      if (!isMarked(comment.body)) continue
      identity ??= await whoPosts(octokit, call, request.token)
      if (identity.login !== undefined && sameAuthor(comment.user, identity.login)) return { id: comment.id }
    }
    // The token goes with every page: follow only links back to the same API.
    const next = nextPage(response.headers.link, baseUrl)
    if (next === undefined || page >= MAX_PAGES) return { note: identity?.note }
    response = (await call('list the comments on', options =>
      octokit.request(`GET ${next}`, options)
    )) as typeof response
  }
}
