import { readFileSync } from 'node:fs'
import { type CommentRequest, upsertComment } from '../../../src/github/api.js'
import { CommentError } from '../../../src/github/comment-error.js'
import { COMMENT_LIMIT, commentMarker, DEFAULT_MARKER } from '../../../src/github/body.js'
import {
  DEFAULT_OWNER,
  DEFAULT_REPO,
  type FakeGitHub,
  type FakeGitHubOptions,
  startFakeGitHub
} from '../../support/fake-github.js'
import { useLoopbackApiUrl } from '../../support/review-github.js'

const TOKEN = 'ghs_FAKEtoken0123456789abcdefSECRET'
const RUN_URL = 'https://github.com/octo-org/octo-repo/actions/runs/42'
const repository = { owner: DEFAULT_OWNER, repo: DEFAULT_REPO }
const ACTIONS_BOT = { login: 'github-actions[bot]', type: 'Bot' } as const

useLoopbackApiUrl()

const servers: FakeGitHub[] = []
async function fake(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const server = await startFakeGitHub({ token: TOKEN, ...options })
  servers.push(server)
  return server
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map(server => server.close()))
})

const request = (github: FakeGitHub, overrides: Partial<CommentRequest> = {}): CommentRequest => ({
  token: TOKEN,
  target: 'pr',
  repository,
  number: 7,
  body: 'The answer.',
  runUrl: RUN_URL,
  apiUrl: github.url,
  ...overrides
})

async function failure(promise: Promise<unknown>): Promise<CommentError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(CommentError)
    return error as CommentError
  }
  throw new Error('expected a CommentError')
}

describe('upsertComment against a fake GitHub', () => {
  it('creates the comment, then updates the same one on a second run', async () => {
    const github = await fake()
    const first = await upsertComment(request(github, { body: 'First answer.' }))
    expect(first.action).toBe('created')
    expect(first.url).toBe(`${github.url}/${DEFAULT_OWNER}/${DEFAULT_REPO}/issues/7#issuecomment-${first.id}`)
    expect(github.commentsOn(DEFAULT_OWNER, DEFAULT_REPO, 7).map(c => c.body)).toEqual([
      `${DEFAULT_MARKER}\nFirst answer.`
    ])

    const second = await upsertComment(request(github, { body: 'Second answer.' }))
    expect(second).toEqual({ action: 'updated', id: first.id, url: first.url })
    expect(github.comments).toHaveLength(1)
    expect(github.comments[0]?.body).toBe(`${DEFAULT_MARKER}\nSecond answer.`)

    expect(github.requests.map(r => `${r.method} ${r.path}`)).toEqual([
      `GET /repos/${DEFAULT_OWNER}/${DEFAULT_REPO}/issues/7/comments?per_page=100`,
      `POST /repos/${DEFAULT_OWNER}/${DEFAULT_REPO}/issues/7/comments`,
      `GET /repos/${DEFAULT_OWNER}/${DEFAULT_REPO}/issues/7/comments?per_page=100`,
      // A comment carries the marker: check who the token posts as before editing it.
      'POST /graphql',
      `PATCH /repos/${DEFAULT_OWNER}/${DEFAULT_REPO}/issues/comments/${first.id}`
    ])
    for (const recorded of github.requests) {
      expect(recorded.headers.authorization).toBe(`token ${TOKEN}`)
      expect(String(recorded.headers['user-agent'])).toContain('ask-claude-action')
    }
  })

  it('finds its comment on a later page among 150 others, following the link header', async () => {
    const others = Array.from({ length: 150 }, (_, i) => ({ issue: 7, body: `unrelated ${i}` }))
    const github = await fake({
      comments: [
        { issue: 8, body: `${DEFAULT_MARKER}\non another pull request` },
        // Quoting the marker somewhere in a comment does not make it ours.
        { issue: 7, body: `look: ${DEFAULT_MARKER}\nnot at the start` },
        ...others,
        { issue: 7, body: `${DEFAULT_MARKER}\nold answer`, user: { login: 'github-actions[bot]', type: 'Bot' } },
        ...others
      ]
    })
    const ours = github.commentsOn(DEFAULT_OWNER, DEFAULT_REPO, 7)[151]
    expect(ours?.body).toBe(`${DEFAULT_MARKER}\nold answer`)

    const result = await upsertComment(request(github, { body: 'new answer' }))
    expect(result).toMatchObject({ action: 'updated', id: ours?.id })
    expect(ours?.body).toBe(`${DEFAULT_MARKER}\nnew answer`)
    expect(github.comments).toHaveLength(303)
    const gets = github.requests.filter(r => r.method === 'GET').map(r => new URL(r.path, github.url).searchParams)
    expect(gets.map(p => [p.get('per_page'), p.get('page')])).toEqual([
      ['100', null],
      ['100', '2']
    ])
    expect(github.requests.every(r => r.headers.authorization === `token ${TOKEN}`)).toBe(true)
  })

  it('reads every page before creating when no comment is ours', async () => {
    const github = await fake({
      comments: Array.from({ length: 250 }, (_, i) => ({ issue: 7, body: `unrelated ${i}` }))
    })
    const result = await upsertComment(request(github))
    expect(result.action).toBe('created')
    expect(github.requests.map(r => r.method)).toEqual(['GET', 'GET', 'GET', 'POST'])
    expect(github.commentsOn(DEFAULT_OWNER, DEFAULT_REPO, 7)).toHaveLength(251)
  })

  it('keeps one comment per marker: two keys, two comments, each updated in place', async () => {
    const github = await fake()
    const review = commentMarker('review')
    const summary = commentMarker('summary')
    const a = await upsertComment(request(github, { marker: review, body: 'review 1' }))
    const b = await upsertComment(request(github, { marker: summary, body: 'summary 1' }))
    const c = await upsertComment(request(github, { body: 'default 1' }))
    expect([a.action, b.action, c.action]).toEqual(['created', 'created', 'created'])
    expect(new Set([a.id, b.id, c.id]).size).toBe(3)

    const a2 = await upsertComment(request(github, { marker: review, body: 'review 2' }))
    const c2 = await upsertComment(request(github, { body: 'default 2' }))
    expect(a2).toMatchObject({ action: 'updated', id: a.id })
    expect(c2).toMatchObject({ action: 'updated', id: c.id })
    expect(github.comments.map(x => x.body)).toEqual([
      `${review}\nreview 2`,
      `${summary}\nsummary 1`,
      `${DEFAULT_MARKER}\ndefault 2`
    ])
  })

  it('comments on an issue through the same API', async () => {
    const github = await fake()
    const result = await upsertComment(request(github, { target: 'issue', number: 12 }))
    expect(result.action).toBe('created')
    expect(github.commentsOn(DEFAULT_OWNER, DEFAULT_REPO, 12)).toHaveLength(1)
  })

  it('cuts a body over 65,536 characters, links the run, and GitHub accepts it', async () => {
    const github = await fake()
    const body = '😀'.repeat(40_000) // 80,000 UTF-16 units
    const result = await upsertComment(request(github, { body }))
    expect(result.action).toBe('created')
    const posted = github.comments[0]?.body ?? ''
    expect(posted.length).toBeLessThanOrEqual(COMMENT_LIMIT)
    expect(posted.startsWith(`${DEFAULT_MARKER}\n😀`)).toBe(true)
    expect(posted.endsWith(`… truncated; full response in the run: ${RUN_URL}`)).toBe(true)
    expect(posted).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/) // no lone high surrogate
  })

  it('a 403 on a pull request names permissions: pull-requests: write, and creates nothing', async () => {
    const github = await fake({ writeError: { status: 403 } })
    const error = await failure(upsertComment(request(github)))
    expect(error.status).toBe(403)
    expect(error.message).toContain('`permissions: pull-requests: write`')
    expect(error.message).toContain('403 Resource not accessible by integration')
    expect(error.message).toContain('${{ github.token }}')
    expect(error.message).toContain('fork')
    expect(error.message).toContain(`pull request #7 in ${DEFAULT_OWNER}/${DEFAULT_REPO}`)
    expect(error.message).not.toContain(TOKEN)
    expect(github.comments).toHaveLength(0)
  })

  it('a 403 on an issue names permissions: issues: write', async () => {
    const github = await fake({ writeError: { status: 403 } })
    const error = await failure(upsertComment(request(github, { target: 'issue', number: 3 })))
    expect(error.message).toContain('`permissions: issues: write`')
    expect(error.message).not.toContain('pull-requests')
    expect(error.message).toContain('issue #3')
  })

  it('a 404 while updating (comment gone, or no access) gives the same permission advice', async () => {
    const github = await fake({
      comments: [{ issue: 7, body: `${DEFAULT_MARKER}\nold`, user: ACTIONS_BOT }],
      writeError: { status: 404 }
    })
    const error = await failure(upsertComment(request(github)))
    expect(error.status).toBe(404)
    expect(error.message).toMatch(/^Could not update the comment on pull request #7/)
    expect(error.message).toContain('`permissions: pull-requests: write`')
  })

  it('a 401 says the token was rejected, without the token', async () => {
    const github = await fake()
    const wrong = 'ghp_WRONGtoken9876543210'
    const error = await failure(upsertComment(request(github, { token: wrong })))
    expect(error.status).toBe(401)
    expect(error.message).toContain('401 Bad credentials')
    expect(error.message).toContain('rejected')
    expect(error.message).toContain('`github-token`')
    expect(error.message).not.toContain(wrong)
    expect(github.requests[0]?.headers.authorization).toBe(`token ${wrong}`)
  })

  it('a 403 for an exhausted rate limit is not blamed on permissions', async () => {
    const github = await fake({
      readError: {
        status: 403,
        message: 'API rate limit exceeded for installation.',
        headers: { 'x-ratelimit-remaining': '0' }
      }
    })
    const error = await failure(upsertComment(request(github)))
    expect(error.message).toContain('rate limit')
    expect(error.message).not.toContain('permissions:')
  })

  it('never repeats the token, even when GitHub echoes it', async () => {
    const github = await fake({ writeError: { status: 403, message: `token ${TOKEN} cannot write` } })
    const error = await failure(upsertComment(request(github)))
    expect(error.message).not.toContain(TOKEN)
    expect(error.stack ?? '').not.toContain(TOKEN)
    expect(error.message).toContain('token *** cannot write')
  })

  it('reports no answer from GitHub without a status', async () => {
    const github = await fake()
    const url = github.url
    await github.close()
    const error = await failure(upsertComment(request(github, { apiUrl: url })))
    expect(error.status).toBeUndefined()
    expect(error.message).toContain('no answer from GitHub')
    expect(error.message).toMatch(/ECONNREFUSED|other side closed/)
    expect(error.message).not.toContain(TOKEN)
  })

  it('stops when the signal is aborted', async () => {
    const github = await fake()
    const error = await failure(upsertComment(request(github, { signal: AbortSignal.abort() })))
    expect(error.message).toContain('cancelled')
    expect(github.comments).toHaveLength(0)
  })

  it('ends a request GitHub never answers after requestTimeoutMs, saying it timed out', async () => {
    const github = await fake({ hang: true })
    const started = Date.now()
    const error = await failure(upsertComment(request(github, { requestTimeoutMs: 300 })))
    const elapsed = Date.now() - started
    expect(elapsed).toBeGreaterThanOrEqual(290)
    expect(elapsed).toBeLessThan(10_000)
    expect(error.reason).toBe('timeout')
    expect(error.status).toBeUndefined()
    expect(error.message).toMatch(
      /^Could not list the comments on pull request #7 in octo-org\/octo-repo: GitHub did not answer within 0\.30 s \(the limit for one GitHub request\)\.$/
    )
  })

  it('gives the whole comment no more than the deadline leaves, and nothing once it has passed', async () => {
    const github = await fake({ hang: true })
    const started = Date.now()
    const error = await failure(upsertComment(request(github, { deadline: started + 300 })))
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(error.reason).toBe('timeout')
    expect(error.message).toContain('(what total-timeout left of the step)')

    const late = await failure(upsertComment(request(github, { deadline: Date.now() - 1 })))
    expect(late.reason).toBe('timeout')
    expect(late.message).toContain('total-timeout was reached before')
    expect(github.requests).toHaveLength(1)
  })

  it('a cancel during a request GitHub never answers ends it at once', async () => {
    const cancel = new AbortController()
    // Cancel once GitHub has the request, not after a guessed real-time delay.
    const github = await fake({ hang: true, onRequest: () => cancel.abort() })
    const error = await failure(upsertComment(request(github, { signal: cancel.signal })))
    expect(github.requests).toHaveLength(1)
    expect(error.reason).toBe('cancelled')
    expect(error.message).toMatch(/: cancelled\.$/)
  })

  it('refuses to run without a token', async () => {
    const github = await fake()
    const error = await failure(upsertComment(request(github, { token: '' })))
    expect(error.message).toContain('`github-token`')
    expect(github.requests).toHaveLength(0)
  })
})

describe('whose comment it takes over (only its own)', () => {
  const stranger = { login: 'mallory', type: 'User' } as const
  const patches = (github: FakeGitHub) => github.requests.filter(r => r.method === 'PATCH')

  it("never edits a stranger's comment that starts with the marker: creates its own", async () => {
    const github = await fake({ comments: [{ issue: 7, body: `${DEFAULT_MARKER}\nI wrote this.`, user: stranger }] })
    const result = await upsertComment(request(github, { body: 'The answer.' }))
    expect(result.action).toBe('created')
    expect(patches(github)).toHaveLength(0)
    expect(github.comments.map(c => [c.user.login, c.body])).toEqual([
      ['mallory', `${DEFAULT_MARKER}\nI wrote this.`],
      ['github-actions[bot]', `${DEFAULT_MARKER}\nThe answer.`]
    ])
    // The next run finds its own comment behind the stranger's copy, and updates that one.
    const again = await upsertComment(request(github, { body: 'Second answer.' }))
    expect(again).toMatchObject({ action: 'updated', id: result.id })
    expect(github.comments[0]?.body).toBe(`${DEFAULT_MARKER}\nI wrote this.`)
  })

  it.each([
    ['a PAT (its user)', 'octocat', 'User'],
    ['a GitHub App installation token (<app-slug>[bot])', 'review-app[bot]', 'Bot']
  ] as const)('%s: takes over only the comment that identity wrote', async (_name, login, type) => {
    const github = await fake({
      viewer: login,
      comments: [
        { issue: 7, body: `${DEFAULT_MARKER}\nby the workflow token`, user: ACTIONS_BOT },
        { issue: 7, body: `${DEFAULT_MARKER}\nby the poster`, user: { login, type } }
      ]
    })
    const result = await upsertComment(request(github, { body: 'new' }))
    expect(result).toMatchObject({ action: 'updated', id: github.comments[1]?.id })
    expect(github.comments.map(c => c.body)).toEqual([
      `${DEFAULT_MARKER}\nby the workflow token`,
      `${DEFAULT_MARKER}\nnew`
    ])
  })

  it('when GitHub will not say who the token is, creates a new comment and says why', async () => {
    const github = await fake({
      viewer: { status: 403 },
      comments: [{ issue: 7, body: `${DEFAULT_MARKER}\nold`, user: ACTIONS_BOT }]
    })
    const result = await upsertComment(request(github))
    expect(result.action).toBe('created')
    expect(patches(github)).toHaveLength(0)
    expect(result.note).toMatch(
      /could not tell which account the token posts as \(GitHub answered 403 Resource not accessible by integration\); posted a new comment/
    )
  })

  it('asks who it is only when some comment carries the marker, and once', async () => {
    const github = await fake({
      comments: [
        { issue: 7, body: `${DEFAULT_MARKER}\none`, user: stranger },
        { issue: 7, body: `${DEFAULT_MARKER}\ntwo`, user: stranger }
      ]
    })
    await upsertComment(request(github))
    expect(github.requests.filter(r => r.path === '/graphql')).toHaveLength(1)
    const quiet = await fake()
    await upsertComment(request(quiet))
    expect(quiet.requests.map(r => r.method)).toEqual(['GET', 'POST'])
  })
})

it('loads @actions/github only when a comment is posted (no static import)', () => {
  const read = (file: string) => readFileSync(new URL(`../../../src/github/${file}`, import.meta.url), 'utf8')
  for (const file of ['api.ts', 'github-call.ts', 'review-api.ts', 'pull-diff.ts', 'review-step.ts']) {
    const staticImports = read(file)
      .split('\n')
      .filter(line => /^import\s(?!type\s).*['"]@actions\/github['"]/.test(line))
    expect([file, staticImports]).toEqual([file, []])
  }
  // The one place that loads it, when a comment or review is posted.
  expect(read('github-call.ts')).toContain("await import('@actions/github')")
})
