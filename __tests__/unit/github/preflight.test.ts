import { describe, expect, it } from '@jest/globals'
import { eventChecks } from '../../../src/github/preflight.js'

/** The runner's environment for an event, with its payload served from memory. */
function checksFor(eventName: string, payload: object | undefined, extra: Record<string, string> = {}) {
  const env = {
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_EVENT_NAME: eventName,
    ...(payload ? { GITHUB_EVENT_PATH: '/event.json' } : {}),
    ...extra
  }
  return eventChecks(env, () => JSON.stringify(payload))
}

const prFrom = (repo: object | null) => ({ pull_request: { number: 7, head: { repo } } })

describe('noKeyAdvice', () => {
  it('a pull_request whose head is another repository, or a deleted one, is a fork run', () => {
    expect(checksFor('pull_request', prFrom({ full_name: 'stranger/octo-repo' })).noKeyAdvice()).toMatch(/from a fork/)
    expect(checksFor('pull_request', prFrom(null)).noKeyAdvice()).toMatch(/from a fork/)
  })

  it('the same repository, pull_request_target, other events and a local run keep the usual advice', () => {
    expect(checksFor('pull_request', prFrom({ full_name: 'octo-org/octo-repo' })).noKeyAdvice()).toBeUndefined()
    expect(checksFor('pull_request_target', prFrom({ full_name: 'stranger/x' })).noKeyAdvice()).toBeUndefined()
    expect(checksFor('push', {}).noKeyAdvice()).toBeUndefined()
    expect(checksFor('pull_request', undefined).noKeyAdvice()).toBeUndefined()
  })

  it('Dependabot, whatever the event: a Dependabot secret', () => {
    const actor = { GITHUB_ACTOR: 'dependabot[bot]' }
    expect(checksFor('pull_request', prFrom({ full_name: 'octo-org/octo-repo' }), actor).noKeyAdvice()).toMatch(
      /store the key as a Dependabot secret/
    )
    expect(checksFor('push', undefined, actor).noKeyAdvice()).toMatch(/Dependabot secret/)
  })
})

describe('commentTargetProblem', () => {
  it('none when the event has the target, else the reason and the expression that guards comment-on', () => {
    expect(checksFor('pull_request', prFrom(null)).commentTargetProblem('pr')).toBeUndefined()
    expect(checksFor('issues', { issue: { number: 3 } }).commentTargetProblem('issue')).toBeUndefined()
    expect(checksFor('schedule', {}).commentTargetProblem('pr')).toMatch(
      /^comment-on is pr, but this run was triggered by schedule, which has no pull request\..* write 'comment-on: \$\{\{ \(github\.event\.pull_request \|\| github\.event\.issue\.pull_request\) && 'pr' \|\| 'none' \}\}'\.$/
    )
    expect(checksFor('pull_request', prFrom(null)).commentTargetProblem('issue')).toMatch(
      /Use comment-on: pr\..*'comment-on: \$\{\{ github\.event\.issue && 'issue' \|\| 'none' \}\}'/
    )
  })
})

describe('eventChecks with comment-on: pr-review', () => {
  it('needs a pull request like pr, names pr-review, and gives the fork-safe expression', () => {
    const checks = eventChecks(
      { GITHUB_REPOSITORY: 'o/r', GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: 'e.json' },
      () => '{}'
    )
    expect(checks.commentTargetProblem('pr-review')).toBe(
      "comment-on is pr-review, but this run was triggered by push, which has no pull request. Comment on pull requests from pull_request, pull_request_target or issue_comment runs, or set comment-on: none. To comment only on runs that have one, write 'comment-on: ${{ (github.event.issue.pull_request || github.event.pull_request.head.repo.full_name == github.repository) && 'pr-review' || 'none' }}'."
    )
    // On a comment on an issue: the expression must also let comments on pull requests through.
    const onIssue = eventChecks(
      { GITHUB_REPOSITORY: 'o/r', GITHUB_EVENT_NAME: 'issue_comment', GITHUB_EVENT_PATH: 'e.json' },
      () => '{"issue":{"number":8}}'
    )
    expect(onIssue.commentTargetProblem('pr-review')).toMatch(
      /^comment-on is pr-review, but this issue_comment event is on issue #8, not a pull request\..* write 'comment-on: \$\{\{ \(github\.event\.issue\.pull_request \|\| /
    )
    const pr = eventChecks(
      { GITHUB_REPOSITORY: 'o/r', GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: 'e.json' },
      () => '{"pull_request":{"number":3}}'
    )
    expect(pr.commentTargetProblem('pr-review')).toBeUndefined()
  })
})
