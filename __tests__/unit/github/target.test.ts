import { commentContextFromEnv, commentTargetFromEvent } from '../../../src/github/target.js'

describe('commentTargetFromEvent', () => {
  const pr = { pull_request: { number: 5 }, number: 5 }
  it('reads the pull request number from pull_request, pull_request_target and reviews', () => {
    expect(commentTargetFromEvent('pull_request', pr, 'pr')).toEqual({ number: 5 })
    expect(commentTargetFromEvent('pull_request_target', pr, 'pr')).toEqual({ number: 5 })
    expect(commentTargetFromEvent('pull_request_review', pr, 'pr')).toEqual({ number: 5 })
  })
  it('reads issue_comment on a pull request as that pull request', () => {
    const payload = {
      issue: { number: 9, pull_request: { url: 'https://api.github.com/repos/o/r/pulls/9' } },
      comment: { id: 1 }
    }
    expect(commentTargetFromEvent('issue_comment', payload, 'pr')).toEqual({ number: 9 })
    expect(commentTargetFromEvent('issue_comment', payload, 'issue')).toEqual({ number: 9 })
  })
  it('reads the issue number from issues and issue_comment', () => {
    expect(commentTargetFromEvent('issues', { issue: { number: 3 } }, 'issue')).toEqual({ number: 3 })
    expect(commentTargetFromEvent('issue_comment', { issue: { number: 4 } }, 'issue')).toEqual({ number: 4 })
  })
  it('explains when the event has no pull request or issue', () => {
    const push = commentTargetFromEvent('push', { ref: 'refs/heads/main' }, 'pr')
    expect(push).toEqual({ error: expect.stringContaining('triggered by push, which has no pull request') })
    expect(commentTargetFromEvent('push', {}, 'issue')).toEqual({
      error: expect.stringContaining('push, which has no issue')
    })
    expect(commentTargetFromEvent('issue_comment', { issue: { number: 4 } }, 'pr')).toEqual({
      error: expect.stringContaining('not a pull request')
    })
    expect(commentTargetFromEvent('pull_request', pr, 'issue')).toEqual({
      error: expect.stringContaining('comment-on: pr')
    })
    expect(commentTargetFromEvent('pull_request', {}, 'pr')).toEqual({
      error: expect.stringContaining('no pull_request.number')
    })
    expect(commentTargetFromEvent('', undefined, 'pr')).toHaveProperty('error')
  })
})

describe('commentContextFromEnv', () => {
  const files: Record<string, string> = { '/event.json': JSON.stringify({ pull_request: { number: 21 } }) }
  const readFile = (file: string) => {
    const text = files[file]
    if (text === undefined) throw new Error(`ENOENT: ${file}`)
    return text
  }
  const env = {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: '/event.json',
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_SERVER_URL: 'https://ghe.example.test',
    GITHUB_RUN_ID: '123',
    GITHUB_RUN_ATTEMPT: '2',
    GITHUB_API_URL: 'https://ghe.example.test/api/v3'
  }
  it('builds the repository, number, run link and API URL', () => {
    expect(commentContextFromEnv(env, readFile, 'pr')).toEqual({
      repository: { owner: 'octo-org', repo: 'octo-repo' },
      number: 21,
      runUrl: 'https://ghe.example.test/octo-org/octo-repo/actions/runs/123/attempts/2',
      apiUrl: 'https://ghe.example.test/api/v3'
    })
    const firstAttempt = commentContextFromEnv(
      { ...env, GITHUB_RUN_ATTEMPT: '1', GITHUB_SERVER_URL: undefined, GITHUB_API_URL: undefined },
      readFile,
      'pr'
    )
    expect(firstAttempt).toMatchObject({
      runUrl: 'https://github.com/octo-org/octo-repo/actions/runs/123',
      apiUrl: 'https://api.github.com'
    })
  })
  it('explains a missing repository, payload or event', () => {
    expect(commentContextFromEnv({ ...env, GITHUB_REPOSITORY: undefined }, readFile, 'pr')).toHaveProperty('error')
    expect(commentContextFromEnv({ ...env, GITHUB_EVENT_PATH: '/missing.json' }, readFile, 'pr')).toEqual({
      error: expect.stringContaining('/missing.json')
    })
    expect(commentContextFromEnv({ ...env, GITHUB_EVENT_NAME: 'push' }, readFile, 'pr')).toEqual({
      error: expect.stringContaining('push')
    })
  })
})
