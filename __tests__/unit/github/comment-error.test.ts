import { CommentError, describeGitHubError, whatGitHubSaid } from '../../../src/github/comment-error.js'
import { runSecrets } from '../../../src/util/secrets.js'

const TOKEN = 'ghs_secretToken123'
/** An error as octokit throws it for an HTTP answer: status, and the response with its body. */
const answered = (status: number, message: string, headers: Record<string, string> = {}) =>
  Object.assign(new Error(message), { status, response: { data: { message }, headers } })
/** fetch failed under octokit: status 500 and no response; the system error a few causes deep. */
const noAnswer = () =>
  Object.assign(new Error('fetch failed'), {
    status: 500,
    cause: { message: 'connect ECONNREFUSED 127.0.0.1:1', code: 'ECONNREFUSED', cause: { message: 'Unknown Error' } }
  })
const describe403 = (error: unknown, target: 'pr' | 'issue' = 'pr') =>
  describeGitHubError(error, 'create the comment on', 'pull request #7', target, TOKEN)

describe('whatGitHubSaid', () => {
  it("quotes GitHub's status and message", () => {
    expect(whatGitHubSaid(answered(422, 'Validation Failed'), TOKEN)).toBe('GitHub answered 422 Validation Failed')
  })

  it('a failed fetch is no answer, with its innermost cause (and its code when the text lacks it)', () => {
    expect(whatGitHubSaid(noAnswer(), TOKEN)).toBe('no answer from GitHub (connect ECONNREFUSED 127.0.0.1:1)')
    const reset = { message: 'socket closed', cause: { message: 'other side closed', code: 'UND_ERR_SOCKET' } }
    expect(whatGitHubSaid(reset, TOKEN)).toBe('no answer from GitHub (UND_ERR_SOCKET: other side closed)')
    expect(whatGitHubSaid('weird', TOKEN)).toBe('no answer from GitHub (unknown error)')
  })

  it('a real 500 from GitHub (with a response) is an answer', () => {
    expect(whatGitHubSaid(answered(500, 'Server Error'), TOKEN)).toBe('GitHub answered 500 Server Error')
  })

  it('never holds the token, wherever GitHub echoes it; a token too short to be one is left alone', () => {
    expect(whatGitHubSaid(answered(400, `bad token ${TOKEN}`), TOKEN)).toBe('GitHub answered 400 bad token ***')
    expect(whatGitHubSaid(answered(400, 'a b c'), 'a')).toBe('GitHub answered 400 a b c')
  })
})

describe('describeGitHubError', () => {
  it('401: the token was rejected', () => {
    const error = describe403(answered(401, 'Bad credentials'))
    expect(error).toBeInstanceOf(CommentError)
    expect(error.status).toBe(401)
    expect(error.message).toMatch(
      /^Could not create the comment on pull request #7: GitHub answered 401 Bad credentials\. The token was rejected/
    )
  })

  it('403 or 404: the permission the target needs', () => {
    expect(describe403(answered(403, 'Resource not accessible by integration')).message).toContain(
      '`permissions: pull-requests: write`'
    )
    const issue = describe403(answered(404, 'Not Found'), 'issue')
    expect(issue.status).toBe(404)
    expect(issue.message).toContain('`permissions: issues: write`')
    expect(issue.message).toContain('forks get a read-only token')
  })

  it('403 or 404 while reading the pull request: read access is what the call needed, not write', () => {
    for (const step of ['read', 'list the changed files of'] as const) {
      const error = describeGitHubError(answered(403, 'Forbidden'), step, 'pull request #7', 'pr', TOKEN)
      expect(error.message).toContain(
        'Reading a pull request needs `permissions: pull-requests: read` (and `contents: read` in a private repository)'
      )
      expect(error.message).not.toContain('permissions: pull-requests: write')
      expect(error.message).not.toContain('forks') // a fork's read-only token can read
    }
    const posting = describeGitHubError(answered(404, 'Not Found'), 'list the reviews on', 'PR #7', 'pr', TOKEN)
    expect(posting.message).toContain('The token needs `permissions: pull-requests: write`')
  })

  it('a rate limit is not a permission problem: a 429, a 403 saying so, or a 403 with none remaining', () => {
    const rateLimit = /GitHub's API rate limit for this token is exhausted; try again later\.$/
    expect(describe403(answered(429, 'Too Many Requests')).message).toMatch(rateLimit)
    expect(describe403(answered(403, 'You have exceeded a secondary Rate Limit')).message).toMatch(rateLimit)
    expect(describe403(answered(403, 'Forbidden', { 'x-ratelimit-remaining': '0' })).message).toMatch(rateLimit)
    expect(describe403(answered(403, 'Forbidden', { 'x-ratelimit-remaining': '10' })).message).not.toMatch(rateLimit)
  })

  it('no answer: no status, and nothing blamed on the token', () => {
    const error = describe403(noAnswer())
    expect(error.status).toBeUndefined()
    expect(error.message).toBe(
      'Could not create the comment on pull request #7: no answer from GitHub (connect ECONNREFUSED 127.0.0.1:1).'
    )
  })

  it('any other status: what GitHub said, nothing more', () => {
    expect(describe403(answered(422, 'Validation Failed')).message).toBe(
      'Could not create the comment on pull request #7: GitHub answered 422 Validation Failed.'
    )
  })

  it('the token never reaches the message, whatever the branch', () => {
    for (const error of [answered(401, TOKEN), answered(403, TOKEN), answered(429, TOKEN), answered(418, TOKEN)]) {
      expect(describe403(error).message).not.toContain(TOKEN)
    }
  })
})

describe("GitHub's error text", () => {
  afterEach(() => runSecrets.start({}))

  it("is cleared of the run's registered secrets as well as the token", () => {
    runSecrets.start({})
    runSecrets.add('gw-secret-0123456789', 'a gateway credential')
    const error = Object.assign(new Error('x'), {
      status: 422,
      response: { data: { message: 'echo gw-secret-0123456789 and ghs_token12345' }, headers: {} }
    })
    expect(whatGitHubSaid(error, 'ghs_token12345')).toBe('GitHub answered 422 echo [REDACTED] and ***')
    expect(describeGitHubError(error, 'create the comment on', 'PR #7', 'pr', 'ghs_token12345').message).not.toMatch(
      /gw-secret|ghs_token/
    )
    expect(runSecrets.replaced).toBe(2)
  })
})
