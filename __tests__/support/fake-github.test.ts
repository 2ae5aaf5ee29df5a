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

describe('fake GitHub pull requests with Octokit', () => {
  const patch = '@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n@@ -20,2 +20,3 @@\n x\n+y\n z'
  const pulls = [
    {
      number: 5,
      headSha: 'abc123',
      files: [
        { filename: 'src/a.ts', patch },
        ...Array.from({ length: 140 }, (_, i) => ({ filename: `bin/${i}.png`, status: 'added' }))
      ]
    }
  ]
  it('reads the head and pages through the files, some without a patch', async () => {
    const { octokit } = await github({ pulls })
    expect((await octokit.rest.pulls.get({ ...repo, pull_number: 5 })).data.head.sha).toBe('abc123')
    const files = await octokit.paginate(octokit.rest.pulls.listFiles, { ...repo, pull_number: 5, per_page: 100 })
    expect(files).toHaveLength(141)
    expect(files[0]).toMatchObject({ filename: 'src/a.ts', patch })
    expect(files[1]?.patch).toBeUndefined()
  })
  it('refuses a whole review when one comment is off the diff, takes it when all resolve', async () => {
    const { fake, octokit } = await github({ pulls })
    const review = (comments: Array<Record<string, unknown>>) =>
      octokit.rest.pulls.createReview({
        ...repo,
        pull_number: 5,
        commit_id: 'abc123',
        event: 'COMMENT',
        body: 'b',
        comments: comments as never
      })
    const good = { path: 'src/a.ts', line: 2, side: 'RIGHT', body: 'ok' }
    for (const bad of [
      { path: 'src/a.ts', line: 10, side: 'RIGHT', body: 'between hunks' },
      { path: 'src/a.ts', line: 3, side: 'LEFT', body: 'context is not LEFT' },
      { path: 'src/a.ts', line: 20, start_line: 3, start_side: 'RIGHT', side: 'RIGHT', body: 'across hunks' }
    ]) {
      expect(await caught(review([good, bad]))).toMatchObject({ status: 422 })
    }
    expect(fake.reviews).toHaveLength(0)
    const range = { path: 'src/a.ts', line: 22, start_line: 20, start_side: 'RIGHT', side: 'RIGHT', body: 'range' }
    const left = { path: 'src/a.ts', line: 2, side: 'LEFT', body: 'removed' }
    const made = await review([good, range, left])
    expect(made.data.html_url).toMatch(/\/pull\/5#pullrequestreview-\d+$/)
    expect(fake.reviewComments.map(c => c.body)).toEqual(['ok', 'range', 'removed'])
  })
  it('lists, updates and deletes review comments, and updates a review body', async () => {
    const { fake, octokit } = await github({
      pulls,
      reviews: [{ pull: 5, body: 'old', commit_id: 'abc123', event: 'COMMENT' }],
      reviewComments: [
        { pull: 5, path: 'src/a.ts', line: 2, side: 'RIGHT', body: 'one', reviewIndex: 0 },
        { pull: 5, path: 'src/a.ts', line: 2, side: 'RIGHT', body: 'reply', replyTo: 0 }
      ]
    })
    const listed = (await octokit.rest.pulls.listReviewComments({ ...repo, pull_number: 5 })).data
    expect(listed[1]?.in_reply_to_id).toBe(listed[0]?.id)
    await octokit.rest.pulls.updateReviewComment({ ...repo, comment_id: listed[0]?.id as number, body: 'edited' })
    await octokit.rest.pulls.deleteReviewComment({ ...repo, comment_id: listed[1]?.id as number })
    expect(fake.reviewComments.map(c => c.body)).toEqual(['edited'])
    const [old] = (await octokit.rest.pulls.listReviews({ ...repo, pull_number: 5 })).data
    await octokit.rest.pulls.updateReview({ ...repo, pull_number: 5, review_id: old?.id as number, body: 'new' })
    expect(fake.reviews[0]?.body).toBe('new')
  })
})
