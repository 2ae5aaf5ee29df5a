/**
 * Smoke tests of fake-github.ts against the real client: @actions/github's Octokit (getOctokit,
 * as src/github/api.ts builds it), in-process on 127.0.0.1. Creating, updating and listing
 * comments (Octokit's paginate follows the fake's link headers), an error as Octokit's
 * RequestError, and the GraphQL viewer query.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { getOctokit } from '@actions/github'
import { DEFAULT_OWNER, DEFAULT_REPO, type FakeGitHubOptions, startFakeGitHub } from './fake-github.js'

const TOKEN = 'ghs_fakeTokenForTheFakeGitHub'
const repo = { owner: DEFAULT_OWNER, repo: DEFAULT_REPO }
const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

async function github(options: FakeGitHubOptions = {}) {
  const fake = await startFakeGitHub({ token: TOKEN, ...options })
  closers.push(fake.close)
  return { fake, octokit: getOctokit(TOKEN, { baseUrl: fake.url, userAgent: 'fake-github-test' }) }
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (error: unknown) => error
  )
}

describe('fake GitHub with Octokit', () => {
  it('creates and updates a comment; Octokit parses the comment objects', async () => {
    const { fake, octokit } = await github()
    const created = await octokit.rest.issues.createComment({ ...repo, issue_number: 7, body: 'first' })
    expect(created.status).toBe(201)
    expect(created.data).toMatchObject({
      id: 1001,
      body: 'first',
      user: { login: 'github-actions[bot]', type: 'Bot' },
      html_url: `${fake.url}/${DEFAULT_OWNER}/${DEFAULT_REPO}/issues/7#issuecomment-1001`
    })
    const updated = await octokit.rest.issues.updateComment({ ...repo, comment_id: 1001, body: 'second' })
    expect(updated.data.body).toBe('second')
    expect(Date.parse(updated.data.updated_at)).toBeGreaterThan(Date.parse(updated.data.created_at))
    expect(fake.commentsOn(DEFAULT_OWNER, DEFAULT_REPO, 7).map(c => c.body)).toEqual(['second'])
    expect(fake.requests[0]?.headers.authorization).toBe(`token ${TOKEN}`)
  })

  it('paginate follows the link headers over 150 comments, oldest first', async () => {
    const comments = Array.from({ length: 150 }, (_, i) => ({ issue: 7, body: `c${i}` }))
    const { fake, octokit } = await github({ comments })
    const all = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: 7, per_page: 100 })
    expect(all).toHaveLength(150)
    expect(all[0]).toMatchObject({ id: 1001, body: 'c0' })
    expect(all[149]).toMatchObject({ id: 1150, body: 'c149' })
    // 100 + 50: the second request is the URL of the first page's rel="next".
    expect(fake.requests.map(r => new URL(r.path, fake.url).searchParams.get('page'))).toEqual([null, '2'])
  })

  it("an error answer is Octokit's RequestError with the status and GitHub's message", async () => {
    const { octokit } = await github({ writeError: { status: 403 } })
    const error = await caught(octokit.rest.issues.createComment({ ...repo, issue_number: 7, body: 'x' }))
    expect(error).toMatchObject({
      name: 'HttpError',
      status: 403,
      response: { data: { message: 'Resource not accessible by integration' } }
    })
    expect(String((error as Error).message)).toContain('Resource not accessible by integration')
  })

  it('a body over 65,536 characters is a 422 whose errors Octokit hands back', async () => {
    const { octokit } = await github()
    const error = await caught(octokit.rest.issues.createComment({ ...repo, issue_number: 7, body: 'x'.repeat(65537) }))
    expect(error).toMatchObject({ status: 422, response: { data: { message: 'Validation Failed' } } })
    expect((error as { response: { data: { errors: unknown[] } } }).response.data.errors).toEqual([
      expect.objectContaining({ field: 'body', message: 'body is too long (maximum is 65536 characters)' })
    ])
  })

  it('a wrong token gets 401 Bad credentials', async () => {
    const fake = await startFakeGitHub({ token: TOKEN })
    closers.push(fake.close)
    const error = await caught(
      getOctokit('ghs_wrong', { baseUrl: fake.url }).rest.issues.listComments({ ...repo, issue_number: 7 })
    )
    expect(error).toMatchObject({ status: 401, response: { data: { message: 'Bad credentials' } } })
  })

  it('answers the GraphQL viewer query with who the token posts as', async () => {
    const { octokit } = await github({ viewer: 'octocat' })
    const answer = await octokit.graphql<{ viewer: { login: string } }>('query { viewer { login } }')
    expect(answer.viewer.login).toBe('octocat')
  })
})
