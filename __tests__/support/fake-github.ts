// A fake GitHub REST API: a real HTTP server on 127.0.0.1 (random port) speaking enough of
// the issue-comments API for `@actions/github`'s Octokit to list (paginated), create and
// update comments. Comments live in memory; every request is recorded.
//
//   GET   /repos/{owner}/{repo}/issues/{n}/comments?per_page&page   (link header when more pages)
//   POST  /repos/{owner}/{repo}/issues/{n}/comments                 {"body": "..."} → 201
//   PATCH /repos/{owner}/{repo}/issues/comments/{id}                {"body": "..."} → 200
//   POST  /graphql  { viewer { login } }                            → who the token posts as
//
// Like GitHub: per_page defaults to 30 and is capped at 100, comments come oldest first,
// errors are {"message": ..., "documentation_url": ...}, a body over 65,536 characters is a
// 422 "Validation Failed".

import http from 'node:http'
import { listenOnLoopback } from './loopback.js'
import {
  type FakePull,
  type FakeReview,
  type FakeReviewComment,
  handlePulls,
  type PullsState
} from './fake-github-pulls.js'

export type { FakePull, FakeReview, FakeReviewComment } from './fake-github-pulls.js'

export interface FakeComment {
  id: number
  owner: string
  repo: string
  /** The issue or pull request number. */
  issue: number
  body: string
  user: { login: string; type: 'User' | 'Bot' }
  created_at: string
  updated_at: string
}

export interface SeedComment {
  owner?: string
  repo?: string
  issue: number
  body: string
  user?: { login: string; type: 'User' | 'Bot' }
}

export interface RecordedGitHubRequest {
  method: string
  /** The request target as sent, with the query string. */
  path: string
  headers: Record<string, string | string[] | undefined>
  /** Parsed JSON; the raw text when not JSON; undefined when empty. */
  body: any
}

export interface FakeGitHubError {
  status: number
  /** Defaults by status: 401 Bad credentials, 403 Resource not accessible by integration, 404 Not Found, ... */
  message?: string
  headers?: Record<string, string>
}

export interface FakeGitHubOptions {
  /** Comments present before the test, in order (ids ascend from 1001). */
  comments?: SeedComment[]
  /** Answer every POST / PATCH with this error (e.g. 403 for a read-only token). */
  writeError?: FakeGitHubError
  /** Answer every GET with this error. */
  readError?: FakeGitHubError
  /** When set, a request whose authorization is not `token <t>` or `Bearer <t>` gets 401 Bad credentials. */
  token?: string
  /**
   * Who the token posts as: the GraphQL `viewer.login`, and the author of every comment created.
   * Default `github-actions[bot]` (GITHUB_TOKEN); a PAT's user, or `<app-slug>[bot]` for an App
   * installation token. An error answers the GraphQL query with it (comments are still created,
   * as github-actions[bot]).
   */
  viewer?: string | FakeGitHubError
  /** Pull requests with their head commit and changed files (fake-github-pulls.ts). */
  pulls?: FakePull[]
  /** Reviews and review comments present before the test (ids are assigned in order). */
  reviews?: Array<Omit<FakeReview, 'id' | 'user'> & { user?: FakeReview['user'] }>
  reviewComments?: Array<
    Omit<FakeReviewComment, 'id' | 'user' | 'start_line' | 'start_side' | 'review'> & {
      user?: FakeReviewComment['user']
      /** Index into `reviews` of the review it belongs to. */
      reviewIndex?: number
      /** Index into `reviewComments` of the comment it replies to. */
      replyTo?: number
    }
  >
  /** Refuse every review that has inline comments with a 422, as GitHub does for a line it cannot resolve. */
  refuseInline?: boolean
  /** Take every request and never answer it (a GitHub API that hangs). */
  hang?: boolean
  /** Told of each request as it arrives, before any answer (e.g. to cancel while it is in flight). */
  onRequest?(request: RecordedGitHubRequest): void
}

export interface FakeGitHub {
  /** e.g. http://127.0.0.1:PORT (no trailing slash); use as the API base URL. */
  url: string
  requests: RecordedGitHubRequest[]
  /** All comments, every issue, in id order. */
  comments: FakeComment[]
  /** The comments on one issue / pull request, oldest first. */
  commentsOn(owner: string, repo: string, issue: number): FakeComment[]
  /** Reviews and review comments, every pull request, in id order. */
  reviews: FakeReview[]
  reviewComments: FakeReviewComment[]
  close: () => Promise<void>
}

export const DEFAULT_OWNER = 'octo-org'
export const DEFAULT_REPO = 'octo-repo'
export const GITHUB_BODY_LIMIT = 65536
const DOCS = 'https://docs.github.com/rest/issues/comments'

const DEFAULT_MESSAGES: Record<number, string> = {
  401: 'Bad credentials',
  403: 'Resource not accessible by integration',
  404: 'Not Found',
  422: 'Validation Failed',
  500: 'Server Error'
}

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const requests: RecordedGitHubRequest[] = []
  const comments: FakeComment[] = []
  let nextId = 1001
  let clock = Date.UTC(2025, 0, 1)
  const timestamp = () => new Date((clock += 1000)).toISOString().replace(/\.\d{3}Z$/, 'Z')

  for (const seed of options.comments ?? []) {
    const at = timestamp()
    comments.push({
      id: nextId++,
      owner: seed.owner ?? DEFAULT_OWNER,
      repo: seed.repo ?? DEFAULT_REPO,
      issue: seed.issue,
      body: seed.body,
      user: seed.user ?? { login: 'someone', type: 'User' },
      created_at: at,
      updated_at: at
    })
  }

  const pullsState: PullsState = { pulls: options.pulls ?? [], reviews: [], reviewComments: [] }
  for (const seed of options.reviews ?? []) {
    pullsState.reviews.push({ ...seed, id: nextId++, user: seed.user ?? { login: 'someone', type: 'User' } })
  }
  for (const { reviewIndex, replyTo, ...seed } of options.reviewComments ?? []) {
    pullsState.reviewComments.push({
      ...seed,
      id: nextId++,
      review: reviewIndex === undefined ? null : (pullsState.reviews[reviewIndex]?.id ?? null),
      start_line: null,
      start_side: null,
      ...(replyTo !== undefined && { in_reply_to_id: pullsState.reviewComments[replyTo]?.id }),
      user: seed.user ?? { login: 'someone', type: 'User' }
    })
  }

  let baseUrl = ''
  const commentsOn = (owner: string, repo: string, issue: number) =>
    comments.filter(c => c.owner === owner && c.repo === repo && c.issue === issue)

  const toJson = (c: FakeComment) => ({
    id: c.id,
    node_id: `IC_fake${c.id}`,
    url: `${baseUrl}/repos/${c.owner}/${c.repo}/issues/comments/${c.id}`,
    html_url: `${baseUrl}/${c.owner}/${c.repo}/issues/${c.issue}#issuecomment-${c.id}`,
    issue_url: `${baseUrl}/repos/${c.owner}/${c.repo}/issues/${c.issue}`,
    body: c.body,
    user: { login: c.user.login, id: 1, type: c.user.type },
    created_at: c.created_at,
    updated_at: c.updated_at,
    author_association: 'NONE'
  })

  function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (res.destroyed || res.headersSent) return
    const text = JSON.stringify(body)
    res.writeHead(status, {
      ...headers,
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(text)),
      'x-github-request-id': `FAKE:${requests.length}`
    })
    res.end(text)
  }

  function sendError(res: http.ServerResponse, error: FakeGitHubError, extra: object = {}): void {
    send(
      res,
      error.status,
      { message: error.message ?? DEFAULT_MESSAGES[error.status] ?? 'Error', documentation_url: DOCS, ...extra },
      error.headers
    )
  }

  function authorized(request: RecordedGitHubRequest): boolean {
    if (options.token === undefined) return true
    const auth = request.headers.authorization
    return auth === `token ${options.token}` || auth === `Bearer ${options.token}`
  }

  const viewer = options.viewer ?? 'github-actions[bot]'
  const author = (): FakeComment['user'] => {
    const login = typeof viewer === 'string' ? viewer : 'github-actions[bot]'
    return { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' }
  }

  function handle(request: RecordedGitHubRequest, res: http.ServerResponse): void {
    if (options.hang) return
    const url = new URL(request.path, baseUrl)
    const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent)
    if (!authorized(request)) return sendError(res, { status: 401 })

    // Only the one query the action sends; GraphQL answers 200 even for a bad query.
    if (request.method === 'POST' && url.pathname === '/graphql') {
      if (typeof viewer !== 'string') return sendError(res, viewer)
      const query = typeof request.body?.query === 'string' ? request.body.query : ''
      if (!/\bviewer\s*\{\s*login\s*\}/.test(query))
        return send(res, 200, { errors: [{ message: `fake GitHub: unsupported query ${query}` }] })
      return send(res, 200, { data: { viewer: { login: viewer } } })
    }

    const isWrite = ['POST', 'PATCH', 'PUT', 'DELETE'].includes(request.method)
    if (isWrite && options.writeError) return sendError(res, options.writeError)
    if (request.method === 'GET' && options.readError) return sendError(res, options.readError)

    // /repos/{owner}/{repo}/issues/{n}/comments
    if (segments.length === 6 && segments[0] === 'repos' && segments[3] === 'issues' && segments[5] === 'comments') {
      const [, owner, repo, , issueText] = segments as [string, string, string, string, string]
      const issue = Number(issueText)
      if (!Number.isSafeInteger(issue) || issue <= 0) return sendError(res, { status: 404 })
      if (request.method === 'GET') return list(res, url, commentsOn(owner, repo, issue))
      if (request.method === 'POST') {
        const body = validBody(request, res)
        if (body === undefined) return
        const at = timestamp()
        const comment: FakeComment = {
          id: nextId++,
          owner,
          repo,
          issue,
          body,
          user: author(),
          created_at: at,
          updated_at: at
        }
        comments.push(comment)
        return send(res, 201, toJson(comment), { location: toJson(comment).url })
      }
    }
    // /repos/{owner}/{repo}/issues/comments/{id}
    if (segments.length === 6 && segments[0] === 'repos' && segments[3] === 'issues' && segments[4] === 'comments') {
      const [, owner, repo, , , idText] = segments as [string, string, string, string, string, string]
      const comment = comments.find(c => c.owner === owner && c.repo === repo && c.id === Number(idText))
      if (comment === undefined) return sendError(res, { status: 404 })
      if (request.method === 'GET') return send(res, 200, toJson(comment))
      if (request.method === 'PATCH') {
        const body = validBody(request, res)
        if (body === undefined) return
        comment.body = body
        comment.updated_at = timestamp()
        return send(res, 200, toJson(comment))
      }
    }
    const pullsHelpers = {
      baseUrl: () => baseUrl,
      nextId: () => nextId++,
      author,
      send,
      notFound: (r: http.ServerResponse) => sendError(r, { status: 404 }),
      refuseInline: options.refuseInline
    }
    if (handlePulls(pullsState, pullsHelpers, request, url, segments, res)) return
    sendError(res, { status: 404 })
  }

  /** The body field of a create / update, or undefined after answering 422. */
  function validBody(request: RecordedGitHubRequest, res: http.ServerResponse): string | undefined {
    const body = request.body?.body
    if (typeof body !== 'string' || body === '') {
      sendError(res, { status: 422 }, { errors: [{ resource: 'IssueComment', code: 'missing_field', field: 'body' }] })
      return undefined
    }
    if (body.length > GITHUB_BODY_LIMIT) {
      sendError(
        res,
        { status: 422 },
        {
          errors: [
            {
              resource: 'IssueComment',
              code: 'custom',
              field: 'body',
              message: `body is too long (maximum is ${GITHUB_BODY_LIMIT} characters)`
            }
          ]
        }
      )
      return undefined
    }
    return body
  }

  function list(res: http.ServerResponse, url: URL, all: FakeComment[]): void {
    const perPageText = url.searchParams.get('per_page')
    const pageText = url.searchParams.get('page')
    const perPage = Math.min(100, Math.max(1, perPageText ? Number(perPageText) || 30 : 30))
    const page = Math.max(1, pageText ? Number(pageText) || 1 : 1)
    const lastPage = Math.max(1, Math.ceil(all.length / perPage))
    const items = all.slice((page - 1) * perPage, page * perPage)
    const link = (p: number) => {
      const target = new URL(url.pathname, baseUrl)
      target.search = url.search
      target.searchParams.set('per_page', String(perPage))
      target.searchParams.set('page', String(p))
      return target.toString()
    }
    const links: string[] = []
    if (page > 1) links.push(`<${link(page - 1)}>; rel="prev"`)
    if (page < lastPage) links.push(`<${link(page + 1)}>; rel="next"`, `<${link(lastPage)}>; rel="last"`)
    if (page > 1) links.push(`<${link(1)}>; rel="first"`)
    send(res, 200, items.map(toJson), links.length > 0 ? { link: links.join(', ') } : {})
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('error', () => {
      /* client went away */
    })
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8')
      let body: any
      if (raw.length > 0) {
        try {
          body = JSON.parse(raw)
        } catch {
          body = raw
        }
      }
      const recorded: RecordedGitHubRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: { ...req.headers },
        body
      }
      requests.push(recorded)
      options.onRequest?.(recorded)
      try {
        handle(recorded, res)
      } catch (error) {
        send(res, 500, { message: `fake GitHub: ${error instanceof Error ? error.message : String(error)}` })
      }
    })
  })
  server.on('clientError', (_error, socket) => socket.destroy())

  const listening = await listenOnLoopback(server)
  baseUrl = `http://127.0.0.1:${listening.port}`

  return {
    url: baseUrl,
    requests,
    comments,
    commentsOn,
    reviews: pullsState.reviews,
    reviewComments: pullsState.reviewComments,
    close: listening.close
  }
}
