/**
 * Which pull request or issue the comment goes on, from the runner's environment and the event
 * payload. Pure but for reading the payload file, which is passed in.
 */
import { isRecord } from '../util/record.js'

export type CommentTarget = 'pr' | 'issue'

export const DEFAULT_API_URL = 'https://api.github.com'

/** The event payload JSON from GITHUB_EVENT_PATH, or why there is none. */
export function readEventPayload(
  env: NodeJS.ProcessEnv,
  readFile: (file: string) => string
): { payload: unknown } | { error: string } {
  const eventPath = env.GITHUB_EVENT_PATH
  if (!eventPath)
    return { error: 'GITHUB_EVENT_PATH is not set, so there is no event payload to find the pull request or issue in.' }
  try {
    return { payload: JSON.parse(readFile(eventPath)) }
  } catch (error) {
    return {
      error: `Could not read the event payload at ${eventPath}: ${error instanceof Error ? error.message : String(error)}`
    }
  }
}

/**
 * Why this run gets none of the repository's secrets, if it does not: Dependabot's runs get the
 * Dependabot secrets instead, and a `pull_request` from a fork (or from a deleted fork: head.repo
 * null) gets none. `pull_request_target` runs in the base repository and gets them.
 */
export function secretsWithheld(env: NodeJS.ProcessEnv, payload: unknown): 'dependabot' | 'fork' | undefined {
  if (env.GITHUB_ACTOR === 'dependabot[bot]') return 'dependabot'
  if (env.GITHUB_EVENT_NAME !== 'pull_request') return undefined
  const head = (payload as EventPayload | null | undefined)?.pull_request?.head
  if (head === undefined) return undefined
  const repo = isRecord(head) ? head.repo : undefined
  const fullName = isRecord(repo) ? repo.full_name : undefined
  return fullName === env.GITHUB_REPOSITORY ? undefined : 'fork'
}

/** The payload fields read here; any of them may be missing or of another type in a real payload. */
interface EventPayload {
  issue?: { number?: unknown; pull_request?: unknown }
  pull_request?: { number?: unknown; head?: unknown }
}

/** Which PR / issue number the event is about, or why there is none. Pure. */
export function commentTargetFromEvent(
  eventName: string,
  json: unknown,
  target: CommentTarget,
  /** The comment-on value the errors name: `pr-review` needs a pull request as `pr` does. */
  commentOn: string = target
): { number: number } | { error: string } {
  // Optional chaining reads nothing from null or a primitive; every value is checked below.
  const payload = json as EventPayload | null | undefined
  const event = eventName || '(unknown event)'
  const prEvents = ['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment']
  const issueNumber = positiveInteger(payload?.issue?.number)
  const isPrComment = eventName === 'issue_comment' && payload?.issue?.pull_request != null

  if (target === 'pr') {
    if (prEvents.includes(eventName)) {
      const number = positiveInteger(payload?.pull_request?.number)
      return number !== undefined
        ? { number }
        : { error: `The ${event} event payload has no pull_request.number; cannot comment on the pull request.` }
    }
    if (isPrComment) {
      return issueNumber !== undefined
        ? { number: issueNumber }
        : { error: 'The issue_comment event payload has no issue.number; cannot comment on the pull request.' }
    }
    if (eventName === 'issue_comment' || eventName === 'issues') {
      return {
        error: `comment-on is ${commentOn}, but this ${event} event is on issue #${issueNumber ?? '?'}, not a pull request. Use comment-on: issue to comment on issues.`
      }
    }
    return {
      error: `comment-on is ${commentOn}, but this run was triggered by ${event}, which has no pull request. Comment on pull requests from pull_request, pull_request_target or issue_comment runs, or set comment-on: none.`
    }
  }

  if (eventName === 'issues' || eventName === 'issue_comment') {
    // issue_comment on a pull request is fine too: a pull request is an issue to the comments API.
    return issueNumber !== undefined
      ? { number: issueNumber }
      : { error: `The ${event} event payload has no issue.number; cannot comment on the issue.` }
  }
  if (prEvents.includes(eventName)) {
    return {
      error: `comment-on is issue, but this run was triggered by ${event}, a pull request event. Use comment-on: pr.`
    }
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
  target: CommentTarget,
  commentOn: string = target
): CommentContext | { error: string } {
  const [owner, repo, ...rest] = (env.GITHUB_REPOSITORY ?? '').split('/')
  if (!owner || !repo || rest.length > 0) {
    return {
      error: `GITHUB_REPOSITORY is ${env.GITHUB_REPOSITORY ? `"${env.GITHUB_REPOSITORY}"` : 'not set'}; expected owner/repo.`
    }
  }
  const read = readEventPayload(env, readFile)
  if ('error' in read) return read
  const { payload } = read
  const found = commentTargetFromEvent(env.GITHUB_EVENT_NAME ?? '', payload, target, commentOn)
  if ('error' in found) return found
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')
  const runId = env.GITHUB_RUN_ID ?? ''
  const attempt = env.GITHUB_RUN_ATTEMPT ?? ''
  const runUrl = /^\d+$/.test(runId)
    ? `${server}/${owner}/${repo}/actions/runs/${runId}${/^\d+$/.test(attempt) && attempt !== '1' ? `/attempts/${attempt}` : ''}`
    : `${server}/${owner}/${repo}/actions`
  return { repository: { owner, repo }, number: found.number, runUrl, apiUrl: env.GITHUB_API_URL || DEFAULT_API_URL }
}
