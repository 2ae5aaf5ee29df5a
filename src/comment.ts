/**
 * Post the answer as a comment on the pull request or issue that triggered the run, and update
 * that same comment on re-runs (found by a hidden marker) instead of adding new ones.
 *
 * `@actions/github` is imported lazily inside `upsertComment`: it takes a few hundred
 * milliseconds to load, and runs that never comment should not pay for it. For the same reason
 * nothing here reads `github.context`; `commentContextFromEnv` reads the same variables itself.
 */
import type { getOctokit as GetOctokit } from '@actions/github'
import { formatSeconds } from './format.js'

export type CommentTarget = 'pr' | 'issue'

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

/** GitHub rejects a comment body over 65,536 characters. */
export const COMMENT_LIMIT = 65536
export const DEFAULT_MARKER = '<!-- ask-claude -->'
export const DEFAULT_API_URL = 'https://api.github.com'
/** 100 pages of 100: a thread longer than 10,000 comments gets a new comment rather than an endless scan. */
const MAX_PAGES = 100
/** One GitHub request may take this long: an API that never answers must not hold the step until the job's timeout. */
export const REQUEST_TIMEOUT_MS = 30_000

/** A failure talking to GitHub, with a message that says what to fix. Never holds the token. */
export class CommentError extends Error {
  override name = 'CommentError'
  constructor(
    message: string,
    /** GitHub's HTTP status; undefined when no answer came (network, abort). */
    readonly status: number | undefined,
    /** Set when the step was cancelled, or a time limit ended the request. */
    readonly reason?: 'cancelled' | 'timeout'
  ) {
    super(message)
  }
}

/**
 * The hidden marker for a comment. Without a key every step of a repository shares
 * `<!-- ask-claude -->`; with one (e.g. a `comment-key` input, or workflow + job) two steps
 * commenting on the same PR keep separate comments. The key is reduced to characters that
 * cannot end or break an HTML comment.
 */
export function commentMarker(key?: string): string {
  const clean = (key ?? '')
    .trim()
    .replace(/[^A-Za-z0-9._:/@+-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '')
  return clean === '' ? DEFAULT_MARKER : `<!-- ask-claude:${clean} -->`
}

/** Which PR / issue number the event is about, or why there is none. Pure. */
export function commentTargetFromEvent(
  eventName: string,
  payload: any,
  target: CommentTarget
): { number: number } | { error: string } {
  const event = eventName || '(unknown event)'
  const prEvents = ['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment']
  const issueNumber = positiveInteger(payload?.issue?.number)
  const isPrComment = eventName === 'issue_comment' && payload?.issue?.pull_request != null

  if (target === 'pr') {
    if (prEvents.includes(eventName)) {
      const number = positiveInteger(payload?.pull_request?.number)
      return number !== undefined ? { number } : { error: `The ${event} event payload has no pull_request.number; cannot comment on the pull request.` }
    }
    if (isPrComment) {
      return issueNumber !== undefined ? { number: issueNumber } : { error: 'The issue_comment event payload has no issue.number; cannot comment on the pull request.' }
    }
    if (eventName === 'issue_comment' || eventName === 'issues') {
      return { error: `comment-on is pr, but this ${event} event is on issue #${issueNumber ?? '?'}, not a pull request. Use comment-on: issue to comment on issues.` }
    }
    return {
      error: `comment-on is pr, but this run was triggered by ${event}, which has no pull request. Comment on pull requests from pull_request, pull_request_target or issue_comment runs, or set comment-on: none.`
    }
  }

  if (eventName === 'issues' || eventName === 'issue_comment') {
    // issue_comment on a pull request is fine too: a pull request is an issue to the comments API.
    return issueNumber !== undefined ? { number: issueNumber } : { error: `The ${event} event payload has no issue.number; cannot comment on the issue.` }
  }
  if (prEvents.includes(eventName)) {
    return { error: `comment-on is issue, but this run was triggered by ${event}, a pull request event. Use comment-on: pr.` }
  }
  return {
    error: `comment-on is issue, but this run was triggered by ${event}, which has no issue. Comment on issues from issues or issue_comment runs, or set comment-on: none.`
  }
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined
}

export interface CommentContext {
  repository: { owner: string; repo: string }
  number: number
  runUrl: string
  apiUrl: string
}

/**
 * Everything but the token and body of a CommentRequest, from the runner's environment:
 * GITHUB_EVENT_NAME, GITHUB_EVENT_PATH (the payload JSON), GITHUB_REPOSITORY,
 * GITHUB_SERVER_URL, GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT and GITHUB_API_URL.
 */
export function commentContextFromEnv(
  env: NodeJS.ProcessEnv,
  readFile: (file: string) => string,
  target: CommentTarget
): CommentContext | { error: string } {
  const [owner, repo, ...rest] = (env.GITHUB_REPOSITORY ?? '').split('/')
  if (!owner || !repo || rest.length > 0) {
    return { error: `GITHUB_REPOSITORY is ${env.GITHUB_REPOSITORY ? `"${env.GITHUB_REPOSITORY}"` : 'not set'}; expected owner/repo.` }
  }
  const eventPath = env.GITHUB_EVENT_PATH
  if (!eventPath) return { error: 'GITHUB_EVENT_PATH is not set, so there is no event payload to find the pull request or issue in.' }
  let payload: unknown
  try {
    payload = JSON.parse(readFile(eventPath))
  } catch (error) {
    return { error: `Could not read the event payload at ${eventPath}: ${error instanceof Error ? error.message : String(error)}` }
  }
  const found = commentTargetFromEvent(env.GITHUB_EVENT_NAME ?? '', payload, target)
  if ('error' in found) return found
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')
  const runId = env.GITHUB_RUN_ID ?? ''
  const attempt = env.GITHUB_RUN_ATTEMPT ?? ''
  const runUrl = /^\d+$/.test(runId)
    ? `${server}/${owner}/${repo}/actions/runs/${runId}${/^\d+$/.test(attempt) && attempt !== '1' ? `/attempts/${attempt}` : ''}`
    : `${server}/${owner}/${repo}/actions`
  return { repository: { owner, repo }, number: found.number, runUrl, apiUrl: env.GITHUB_API_URL || DEFAULT_API_URL }
}

/**
 * The comment as posted: marker line, then the body; at most COMMENT_LIMIT characters (UTF-16
 * code units, which never undercount GitHub's characters). A body that does not fit is cut
 * (never inside a surrogate pair; an open code fence is closed) and ends with a link to the run.
 */
export function fitCommentBody(body: string, marker: string, runUrl: string): string {
  const whole = `${marker}\n${body}`
  if (whole.length <= COMMENT_LIMIT) return whole
  const note = `\n\n… truncated; full response in the run: ${runUrl}`
  // Room for the cut body, keeping space for a fence closer (at most "\n" + fence).
  let room = COMMENT_LIMIT - marker.length - 1 - note.length
  let cut = cutAt(body, Math.max(0, room))
  let fence = openFence(cut)
  if (fence !== undefined) {
    room -= fence.length + 1
    cut = cutAt(body, Math.max(0, room))
    fence = openFence(cut)
  }
  const result = `${marker}\n${cut}${fence !== undefined ? `\n${fence}` : ''}${note}`
  // Only an absurd marker or run URL gets here over the limit; the limit still holds.
  return result.length <= COMMENT_LIMIT ? result : cutAt(result, COMMENT_LIMIT)
}

/** The first `length` UTF-16 units of `text`, one fewer when that would split a surrogate pair. */
function cutAt(text: string, length: number): string {
  if (text.length <= length) return text
  let end = length
  const last = text.charCodeAt(end - 1)
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end--
  return text.slice(0, end)
}

/** The closing fence for a fenced code block still open at the end of `markdown`, if any. */
function openFence(markdown: string): string | undefined {
  let open: { char: string; length: number } | undefined
  for (const line of markdown.split('\n')) {
    const match = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line)
    if (!match) continue
    const run = match[1] as string
    const rest = match[2] as string
    if (open === undefined) {
      // A backtick fence's info string may not contain backticks.
      if (run[0] === '`' && rest.includes('`')) continue
      open = { char: run[0] as string, length: run.length }
    } else if (run[0] === open.char && run.length >= open.length && rest.trim() === '') {
      open = undefined
    }
  }
  return open === undefined ? undefined : open.char.repeat(open.length)
}

type Octokit = ReturnType<typeof GetOctokit>
type Step = 'list the comments on' | 'create the comment on' | 'update the comment on' | 'look up which account the token posts as, for'

/**
 * Create our comment, or update it when an earlier run left one: a comment whose body starts
 * with the marker AND that the token's own identity wrote (see `sameAuthor`). The marker is
 * public and anyone can paste it; a stranger's comment is never edited. One HTTP request per
 * API call, no retries; each is bounded by `requestTimeoutMs`, the deadline and the cancel signal.
 */
export async function upsertComment(request: CommentRequest): Promise<CommentResult> {
  const { token, repository, number, target } = request
  if (!token) {
    throw new CommentError(`Posting a comment needs a GitHub token: set the \`github-token\` input (it defaults to \`\${{ github.token }}\`).`, undefined)
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
    const fail = (message: string, reason: CommentError['reason']) => new CommentError(`Could not ${step} ${where}: ${message}`, undefined, reason)
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
        const which = timeoutMs < requestLimit ? 'what total-timeout left of the step' : 'the limit for one GitHub request'
        throw fail(`GitHub did not answer within ${formatSeconds(timeoutMs)} (${which}).`, 'timeout')
      }
      throw raw ? error : describeGitHubError(error, step, where, target, token)
    }
  }

  const found = await findComment(octokit, request, marker, baseUrl, call)
  if (found.id !== undefined) {
    const id = found.id
    const { data } = await call('update the comment on', options => octokit.rest.issues.updateComment({ ...repository, comment_id: id, body, ...options }))
    return { action: 'updated', id: data.id, url: data.html_url }
  }
  const { data } = await call('create the comment on', options =>
    octokit.rest.issues.createComment({ ...repository, issue_number: number, body, ...options })
  )
  return { action: 'created', id: data.id, url: data.html_url, ...(found.note !== undefined && { note: found.note }) }
}

/** One GitHub request under the limits; `raw` rethrows GitHub's error as it came, else a CommentError says what to fix. */
type Call = <T>(step: Step, send: (options: { request: { signal: AbortSignal } }) => Promise<T>, raw?: boolean) => Promise<T>

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
  const isMarked = (text: unknown) => typeof text === 'string' && (text === marker || text.startsWith(`${marker}\n`) || text.startsWith(`${marker}\r\n`))
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
    response = (await call('list the comments on', options => octokit.request(`GET ${next}`, options))) as typeof response
  }
}

/**
 * The login the token posts as. GraphQL's `viewer` answers for every kind of token: a PAT's
 * user, `github-actions[bot]` for GITHUB_TOKEN, `<app-slug>[bot]` for a GitHub App installation
 * token (REST `GET /user` refuses installation tokens with a 403, and `GET /app` needs the
 * App's JWT). Any failure but a cancel or timeout leaves the identity unknown.
 */
async function whoPosts(octokit: Octokit, call: Call, token: string): Promise<{ login?: string; note?: string }> {
  const unknown = (why: string) => ({ note: `could not tell which account the token posts as (${why}); posted a new comment rather than edit one it may not own` })
  try {
    const answer = await call('look up which account the token posts as, for', options =>
      octokit.graphql<{ viewer?: { login?: unknown } }>('query { viewer { login } }', options), true)
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

/** What came back, in a few words without the token: "GitHub answered 403 …" or "no answer from GitHub (…)". */
function whatGitHubSaid(error: unknown, token: string): string {
  const { status, response, githubMessage } = errorParts(error)
  const scrub = (text: string) => (token.length >= 4 ? text.split(token).join('***') : text)
  // No answer from GitHub: octokit reports a failed fetch as status 500 without a response.
  if (status === undefined || (status === 500 && response === undefined)) return scrub(`no answer from GitHub (${rootCause(error)})`)
  return scrub(`GitHub answered ${status}${githubMessage ? ` ${githubMessage}` : ''}`)
}

function errorParts(error: unknown) {
  const status = typeof (error as { status?: unknown })?.status === 'number' ? ((error as { status: number }).status) : undefined
  const response = (error as { response?: { data?: unknown; headers?: Record<string, string | undefined> } })?.response
  const data = response?.data as { message?: unknown } | undefined
  const githubMessage = typeof data?.message === 'string' ? data.message : error instanceof Error ? error.message : String(error)
  return { status, response, githubMessage }
}

function describeGitHubError(error: unknown, step: Step, where: string, target: CommentTarget, token: string): CommentError {
  const { status, response, githubMessage } = errorParts(error)
  const scrub = (text: string) => (token.length >= 4 ? text.split(token).join('***') : text)
  const base = `Could not ${step} ${where}`
  const answered = whatGitHubSaid(error, token)
  if (status === undefined || (status === 500 && response === undefined)) return new CommentError(`${base}: ${answered}.`, undefined)
  if (status === 401) {
    return new CommentError(
      scrub(`${base}: ${answered}. The token was rejected (bad or expired credentials): check the \`github-token\` input; it defaults to \`\${{ github.token }}\`, which is valid only during the run.`),
      status
    )
  }
  const rateLimited = status === 429 || (status === 403 && (/rate limit/i.test(githubMessage) || response?.headers?.['x-ratelimit-remaining'] === '0'))
  if (rateLimited) {
    return new CommentError(scrub(`${base}: ${answered}. GitHub's API rate limit for this token is exhausted; try again later.`), status)
  }
  if (status === 403 || status === 404) {
    const permission = target === 'pr' ? 'pull-requests: write' : 'issues: write'
    return new CommentError(
      scrub(
        `${base}: ${answered}. The token needs \`permissions: ${permission}\` (set it on the workflow or the job). ` +
          `The \`github-token\` input defaults to \`\${{ github.token }}\`, whose permissions the workflow grants; ` +
          `runs for pull requests from forks get a read-only token whatever the workflow asks for, so they cannot comment (use comment-on: none there).`
      ),
      status
    )
  }
  return new CommentError(scrub(`${base}: ${answered}.`), status)
}

/** The innermost message of an error chain ("fetch failed" → "connect ECONNREFUSED 127.0.0.1:1"). Duck-typed: errors may come from another realm. */
function rootCause(error: unknown): string {
  let message = 'unknown error'
  let current: unknown = error
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    const { message: text, code } = current as { message?: unknown; code?: unknown }
    if (typeof text === 'string' && text !== '' && text !== 'Unknown Error') message = typeof code === 'string' && !text.includes(code) ? `${code}: ${text}` : text
    current = (current as { cause?: unknown }).cause
  }
  return message
}
