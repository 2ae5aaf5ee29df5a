/** GitHub's answers (or silence) as a CommentError that says what to fix, never holding the token. */
import { redactKeys } from '../claude/redact.js'
import type { CommentTarget } from './target.js'

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

/** What the comment was doing when GitHub failed, for the message. */
export type Step =
  | 'list the comments on'
  | 'create the comment on'
  | 'update the comment on'
  | 'look up which account the token posts as, for'
  | 'read'
  | 'list the changed files of'
  | 'list the review comments on'
  | 'list the reviews on'
  | 'post the review on'
  | 'delete an earlier review comment on'
  | 'update an earlier review comment on'
  | 'update an earlier review on'

/** What came back, in a few words without the token: "GitHub answered 403 …" or "no answer from GitHub (…)". */
export function whatGitHubSaid(error: unknown, token: string): string {
  const { status, response, githubMessage } = errorParts(error)
  // GitHub's text, like any server's, without the run's secrets (claude/redact.ts) and without the token.
  const scrub = (text: string) => redactKeys(token.length >= 4 ? text.split(token).join('***') : text)
  // No answer from GitHub: octokit reports a failed fetch as status 500 without a response.
  if (status === undefined || (status === 500 && response === undefined))
    return scrub(`no answer from GitHub (${rootCause(error)})`)
  return scrub(`GitHub answered ${status}${githubMessage ? ` ${githubMessage}` : ''}`)
}

function errorParts(error: unknown) {
  const status =
    typeof (error as { status?: unknown })?.status === 'number' ? (error as { status: number }).status : undefined
  const response = (error as { response?: { data?: unknown; headers?: Record<string, string | undefined> } })?.response
  const data = response?.data as { message?: unknown } | undefined
  const githubMessage =
    typeof data?.message === 'string' ? data.message : error instanceof Error ? error.message : String(error)
  return { status, response, githubMessage }
}

export function describeGitHubError(
  error: unknown,
  step: Step,
  where: string,
  target: CommentTarget,
  token: string
): CommentError {
  const { status, response, githubMessage } = errorParts(error)
  const scrub = (text: string) => (token.length >= 4 ? text.split(token).join('***') : text)
  const base = `Could not ${step} ${where}`
  const answered = whatGitHubSaid(error, token)
  if (status === undefined || (status === 500 && response === undefined))
    return new CommentError(`${base}: ${answered}.`, undefined)
  if (status === 401) {
    return new CommentError(
      scrub(
        `${base}: ${answered}. The token was rejected (bad or expired credentials): check the \`github-token\` input; it defaults to \`\${{ github.token }}\`, which is valid only during the run.`
      ),
      status
    )
  }
  const rateLimited =
    status === 429 ||
    (status === 403 && (/rate limit/i.test(githubMessage) || response?.headers?.['x-ratelimit-remaining'] === '0'))
  if (rateLimited) {
    return new CommentError(
      scrub(`${base}: ${answered}. GitHub's API rate limit for this token is exhausted; try again later.`),
      status
    )
  }
  if (status === 403 || status === 404)
    return new CommentError(scrub(`${base}: ${answered}. ${needs(step, target)}`), status)
  return new CommentError(scrub(`${base}: ${answered}.`), status)
}

/** Steps that only read the pull request (pr-diff, the review's diff): read access is enough, and a fork's token has it. */
const READS_THE_PULL: ReadonlySet<Step> = new Set<Step>(['read', 'list the changed files of'])

/** The permission the failing call needed, and where it is granted. */
function needs(step: Step, target: CommentTarget): string {
  const grants = `The \`github-token\` input defaults to \`\${{ github.token }}\`, whose permissions the workflow grants`
  if (READS_THE_PULL.has(step))
    return (
      `Reading a pull request needs \`permissions: pull-requests: read\` (and \`contents: read\` in a private repository), ` +
      `set on the workflow or the job; \`pull-requests: write\` includes read. ${grants}.`
    )
  const permission = target === 'pr' ? 'pull-requests: write' : 'issues: write'
  return (
    `The token needs \`permissions: ${permission}\` (set it on the workflow or the job). ${grants}; ` +
    `runs for pull requests from forks get a read-only token whatever the workflow asks for, so they cannot comment (use comment-on: none there).`
  )
}

/** The innermost message of an error chain ("fetch failed" → "connect ECONNREFUSED 127.0.0.1:1"). Duck-typed: errors may come from another realm. */
function rootCause(error: unknown): string {
  let message = 'unknown error'
  let current: unknown = error
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    const { message: text, code } = current as { message?: unknown; code?: unknown }
    if (typeof text === 'string' && text !== '' && text !== 'Unknown Error')
      message = typeof code === 'string' && !text.includes(code) ? `${code}: ${text}` : text
    current = (current as { cause?: unknown }).cause
  }
  return message
}
