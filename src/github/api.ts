/**
 * The GitHub API calls of the comment: find our earlier comment (only one the posting account
 * wrote), then create or update it, each request bounded by the cancel signal, the step's
 * deadline and REQUEST_TIMEOUT_MS, and every error translated into what to fix.
 *
 * `@actions/github` is imported lazily inside `upsertComment`: it takes a few hundred
 * milliseconds to load, and runs that never comment should not pay for it. For the same reason
 * nothing here reads `github.context`; target.ts reads the same variables itself.
 */
import type { getOctokit as GetOctokit } from '@actions/github'
import { formatSeconds } from '../util/text.js'
import { DEFAULT_MARKER, fitCommentBody } from './body.js'
import { CommentError, describeGitHubError, type Step, whatGitHubSaid } from './comment-error.js'
import { type CommentTarget, DEFAULT_API_URL } from './target.js'

export interface CommentRequest {
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
  /** The step's cancel signal: aborts the request in flight (e.g. on SIGTERM). */
  signal?: AbortSignal
  /** Epoch ms by which the whole comment must be done: the step's total-timeout. None when undefined. */
  deadline?: number
  /** The most one GitHub request may take; default REQUEST_TIMEOUT_MS. */
  requestTimeoutMs?: number
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
/** One GitHub request may take this long: an API that never answers must not hold the step until the job's timeout. */
export const REQUEST_TIMEOUT_MS = 30_000

type Octokit = ReturnType<typeof GetOctokit>
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
  const baseUrl = (request.apiUrl || DEFAULT_API_URL).replace(/\/+$/, '')
  const where = `${target === 'pr' ? 'pull request' : 'issue'} #${number} in ${repository.owner}/${repository.repo}`

  // Only `baseUrl` and `userAgent` are set: passing `request` here would replace the proxy-aware
  // fetch that @actions/github puts in its defaults (a shallow merge). Per-call `request` options
  // are merged deeply, so the abort signal goes on each call instead.
  const { getOctokit } = await import('@actions/github')
  const octokit: Octokit = getOctokit(token, { baseUrl, userAgent: 'ask-claude-action' })

  const call: Call = async (step, send, raw = false) => {
    const fail = (message: string, reason: CommentError['reason']) =>
      new CommentError(`Could not ${step} ${where}: ${message}`, undefined, reason)
    if (request.signal?.aborted) throw fail('cancelled.', 'cancelled')
    const left = request.deadline === undefined ? Infinity : request.deadline - Date.now()
    if (left <= 0) throw fail('total-timeout was reached before this request could start.', 'timeout')
    const requestLimit = request.requestTimeoutMs ?? REQUEST_TIMEOUT_MS
    const timeoutMs = Math.max(1, Math.min(requestLimit, left))
    const timeout = AbortSignal.timeout(timeoutMs)
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout
    try {
      return await send({ request: { signal } })
    } catch (error) {
      if (request.signal?.aborted) throw fail('cancelled.', 'cancelled')
      if (timeout.aborted) {
        const which =
          timeoutMs < requestLimit ? 'what total-timeout left of the step' : 'the limit for one GitHub request'
        throw fail(`GitHub did not answer within ${formatSeconds(timeoutMs)} (${which}).`, 'timeout')
      }
      throw raw ? error : describeGitHubError(error, step, where, target, token)
    }
  }

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

/** One GitHub request under the limits; `raw` rethrows GitHub's error as it came, else a CommentError says what to fix. */
type Call = <T>(
  step: Step,
  send: (options: { request: { signal: AbortSignal } }) => Promise<T>,
  raw?: boolean
) => Promise<T>

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
    const next = /<([^<>]+)>;\s*rel="next"/.exec(response.headers.link ?? '')?.[1]
    if (next === undefined || page >= MAX_PAGES) return { note: identity?.note }
    // The token goes with every page: follow only links back to the same API.
    if (new URL(next).origin !== new URL(baseUrl).origin) return { note: identity?.note }
    response = (await call('list the comments on', options =>
      octokit.request(`GET ${next}`, options)
    )) as typeof response
  }
}

/**
 * The login the token posts as. GraphQL's `viewer` answers for every kind of token: a PAT's
 * user, `github-actions[bot]` for GITHUB_TOKEN, `<app-slug>[bot]` for a GitHub App installation
 * token (REST `GET /user` refuses installation tokens with a 403, and `GET /app` needs the
 * App's JWT). Any failure but a cancel or timeout leaves the identity unknown.
 */
async function whoPosts(octokit: Octokit, call: Call, token: string): Promise<{ login?: string; note?: string }> {
  const unknown = (why: string) => ({
    note: `could not tell which account the token posts as (${why}); posted a new comment rather than edit one it may not own`
  })
  try {
    const answer = await call(
      'look up which account the token posts as, for',
      options => octokit.graphql<{ viewer?: { login?: unknown } }>('query { viewer { login } }', options),
      true
    )
    const login = answer?.viewer?.login
    return typeof login === 'string' && login !== '' ? { login } : unknown('GitHub gave no login')
  } catch (error) {
    if (error instanceof CommentError) throw error // cancelled or timed out
    return unknown(whatGitHubSaid(error, token))
  }
}

/**
 * A comment is ours only if the identity that posts wrote it. Logins compare case-insensitively
 * (GitHub's are). A bot's REST login ends in `[bot]`; accept a viewer login given without it
 * only for a comment whose author is a Bot, never for a user of that name.
 */
function sameAuthor(user: { login?: string; type?: string } | null | undefined, login: string): boolean {
  const author = user?.login?.toLowerCase()
  if (author === undefined) return false
  const me = login.toLowerCase()
  return author === me || (user?.type === 'Bot' && !me.endsWith('[bot]') && author === `${me}[bot]`)
}
