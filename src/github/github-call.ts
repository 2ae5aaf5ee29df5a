/**
 * One GitHub request under the comment path's limits: the step's cancel signal, its
 * total-timeout deadline and REQUEST_TIMEOUT_MS per request, each failure turned into a
 * CommentError that says what to fix. Shared by the sticky comment (api.ts) and the review.
 *
 * `@actions/github` is imported lazily (`octokitFor`): it takes a few hundred milliseconds to
 * load, and runs that never talk to GitHub should not pay for it.
 */
import type { getOctokit as GetOctokit } from '@actions/github'
import { formatSeconds } from '../util/text.js'
import { CommentError, describeGitHubError, type Step } from './comment-error.js'
import { type CommentTarget, DEFAULT_API_URL } from './target.js'

/** One GitHub request may take this long: an API that never answers must not hold the step until the job's timeout. */
const REQUEST_TIMEOUT_MS = 30_000

export type Octokit = ReturnType<typeof GetOctokit>

/** One GitHub request under the limits; `raw` rethrows GitHub's error as it came, else a CommentError says what to fix. */
export type Call = <T>(
  step: Step,
  send: (options: { request: { signal: AbortSignal } }) => Promise<T>,
  raw?: boolean
) => Promise<T>

export interface CallLimits {
  /** The step's cancel signal: aborts the request in flight (e.g. on SIGTERM). */
  signal?: AbortSignal
  /** Epoch ms by which the whole comment must be done: the step's total-timeout. None when undefined. */
  deadline?: number
  /** The most one GitHub request may take; default REQUEST_TIMEOUT_MS. */
  requestTimeoutMs?: number
}

/** The API's base URL without a trailing slash: GITHUB_API_URL, or github.com's. */
export function apiBase(apiUrl: string | undefined): string {
  return (apiUrl || DEFAULT_API_URL).replace(/\/+$/, '')
}

/**
 * Octokit for the token. Only `baseUrl` and `userAgent` are set: passing `request` here would
 * replace the proxy-aware fetch that @actions/github puts in its defaults (a shallow merge).
 * Per-call `request` options are merged deeply, so the abort signal goes on each call instead.
 */
export async function octokitFor(token: string, baseUrl: string): Promise<Octokit> {
  const { getOctokit } = await import('@actions/github')
  return getOctokit(token, { baseUrl, userAgent: 'ask-claude-action' })
}

/** The Call for requests about `where` (e.g. "pull request #3 in o/r"). */
export function boundedCall(limits: CallLimits, where: string, target: CommentTarget, token: string): Call {
  return async (step, send, raw = false) => {
    const fail = (message: string, reason: CommentError['reason']) =>
      new CommentError(`Could not ${step} ${where}: ${message}`, undefined, reason)
    if (limits.signal?.aborted) throw fail('cancelled.', 'cancelled')
    const left = limits.deadline === undefined ? Infinity : limits.deadline - Date.now()
    if (left <= 0) throw fail('total-timeout was reached before this request could start.', 'timeout')
    const requestLimit = limits.requestTimeoutMs ?? REQUEST_TIMEOUT_MS
    const timeoutMs = Math.max(1, Math.min(requestLimit, left))
    const timeout = AbortSignal.timeout(timeoutMs)
    const signal = limits.signal ? AbortSignal.any([limits.signal, timeout]) : timeout
    try {
      return await send({ request: { signal } })
    } catch (error) {
      if (limits.signal?.aborted) throw fail('cancelled.', 'cancelled')
      if (timeout.aborted) {
        const which =
          timeoutMs < requestLimit ? 'what total-timeout left of the step' : 'the limit for one GitHub request'
        throw fail(`GitHub did not answer within ${formatSeconds(timeoutMs)} (${which}).`, 'timeout')
      }
      throw raw ? error : describeGitHubError(error, step, where, target, token)
    }
  }
}

/** The `rel="next"` page of a list, if it is on the same API (the token goes with every page). */
export function nextPage(link: string | undefined, baseUrl: string): string | undefined {
  const next = /<([^<>]+)>;\s*rel="next"/.exec(link ?? '')?.[1]
  if (next === undefined) return undefined
  return new URL(next).origin === new URL(baseUrl).origin ? next : undefined
}
