import { describeGitHubError, whatGitHubSaid } from '../../../src/github/comment-error.js'
import { runSecrets } from '../../../src/util/secrets.js'

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
