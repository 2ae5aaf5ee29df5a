// The pull-request half of the fake GitHub (fake-github.ts): a pull request's head and files,
// its reviews and review comments, behaving as GitHub does where the action depends on it.
//
//   GET    /repos/{o}/{r}/pulls/{n}                       head.sha, changed_files
//   GET    /repos/{o}/{r}/pulls/{n}/files                 paginated (30 default, 100 max), at most 3,000 files
//   GET    /repos/{o}/{r}/pulls/{n}/comments              review comments, paginated, with in_reply_to_id
//   GET    /repos/{o}/{r}/pulls/{n}/reviews               paginated
//   POST   /repos/{o}/{r}/pulls/{n}/reviews               422 "Line could not be resolved" when ANY comment is off the diff
//   PUT    /repos/{o}/{r}/pulls/{n}/reviews/{id}          the review's body
//   PATCH  /repos/{o}/{r}/pulls/comments/{id}             a review comment's body
//   DELETE /repos/{o}/{r}/pulls/comments/{id}             204
//
// Which lines a comment may sit on is computed here on its own, from the patch text (not with the
// action's parser): RIGHT added and context lines inside a hunk, LEFT removed lines; a range needs
// start_line < line in the same hunk and start_side.

import type http from 'node:http'

export interface FakePullFile {
  filename: string
  status?: string
  patch?: string
  previous_filename?: string
}

export interface FakePull {
  number: number
  headSha: string
  files: FakePullFile[]
}

export interface FakeReviewComment {
  id: number
  pull: number
  review: number | null
  path: string
  line: number
  side: 'RIGHT' | 'LEFT'
  start_line: number | null
  start_side: 'RIGHT' | 'LEFT' | null
  body: string
  in_reply_to_id?: number
  user: { login: string; type: 'User' | 'Bot' }
}

export interface FakeReview {
  id: number
  pull: number
  body: string
  commit_id: string
  event: string
  user: { login: string; type: 'User' | 'Bot' }
}

export interface PullsState {
  pulls: FakePull[]
  reviews: FakeReview[]
  reviewComments: FakeReviewComment[]
}

export interface PullsHelpers {
  baseUrl: () => string
  nextId: () => number
  author: () => { login: string; type: 'User' | 'Bot' }
  send: (res: http.ServerResponse, status: number, body: unknown, headers?: Record<string, string>) => void
  notFound: (res: http.ServerResponse) => void
  /** Refuse every review that has inline comments (a 422), to test the fallback. */
  refuseInline?: boolean
}

const BODY_LIMIT = 65536

/** Per hunk, the RIGHT and LEFT lines of a patch, read independently of src/. */
function hunksOf(patch: string | undefined): Array<{ RIGHT: Set<number>; LEFT: Set<number> }> {
  const hunks: Array<{ RIGHT: Set<number>; LEFT: Set<number> }> = []
  let oldLine = 0
  let newLine = 0
  for (const line of (patch ?? '').split('\n')) {
    const header = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line)
    if (header) {
      oldLine = Number(header[1])
      newLine = Number(header[2])
      hunks.push({ RIGHT: new Set(), LEFT: new Set() })
      continue
    }
    const hunk = hunks.at(-1)
    if (!hunk || line.startsWith('\\')) continue
    if (line.startsWith('+')) hunk.RIGHT.add(newLine++)
    else if (line.startsWith('-')) hunk.LEFT.add(oldLine++)
    else {
      hunk.RIGHT.add(newLine++)
      oldLine++
    }
  }
  return hunks
}

/** Why GitHub would refuse this comment, or undefined when it resolves. */
function unresolved(pull: FakePull, c: Record<string, unknown>): string | undefined {
  const file = pull.files.find(f => f.filename === c.path)
  if (!file) return 'Path could not be resolved'
  const side = (c.side ?? 'RIGHT') as 'RIGHT' | 'LEFT'
  const hunks = hunksOf(file.patch)
  const hunk = hunks.findIndex(h => h[side].has(c.line as number))
  if (hunk < 0) return 'Line could not be resolved'
  if (c.start_line === undefined) return undefined
  const startSide = c.start_side as 'RIGHT' | 'LEFT' | undefined
  if (startSide === undefined) return 'start_side is required with start_line'
  if (!((c.start_line as number) < (c.line as number))) return 'start_line must precede line'
  if (!hunks[hunk]?.[startSide].has(c.start_line as number)) return 'Start line could not be resolved'
  return undefined
}

/** Handles the pulls endpoints; false when the request is not one of them. */
export function handlePulls(
  state: PullsState,
  h: PullsHelpers,
  request: { method: string; body: any },
  url: URL,
  segments: string[],
  res: http.ServerResponse
): boolean {
  if (segments[0] !== 'repos' || segments[3] !== 'pulls') return false
  const [, owner, repo] = segments as [string, string, string]
  const web = (tail: string) => `${h.baseUrl()}/${owner}/${repo}/pull/${tail}`
  const reviewJson = (r: FakeReview) => ({
    id: r.id,
    body: r.body,
    commit_id: r.commit_id,
    state: 'COMMENTED',
    user: { login: r.user.login, type: r.user.type },
    html_url: web(`${r.pull}#pullrequestreview-${r.id}`)
  })
  const commentJson = (c: FakeReviewComment) => ({
    id: c.id,
    pull_request_review_id: c.review,
    path: c.path,
    line: c.line,
    side: c.side,
    start_line: c.start_line,
    start_side: c.start_side,
    body: c.body,
    ...(c.in_reply_to_id !== undefined && { in_reply_to_id: c.in_reply_to_id }),
    user: { login: c.user.login, type: c.user.type },
    html_url: web(`${c.pull}#discussion_r${c.id}`)
  })

  // /repos/o/r/pulls/comments/{id}
  if (segments.length === 6 && segments[4] === 'comments') {
    const comment = state.reviewComments.find(c => c.id === Number(segments[5]))
    if (!comment) return (h.notFound(res), true)
    if (request.method === 'PATCH') {
      comment.body = String(request.body?.body ?? '')
      return (h.send(res, 200, commentJson(comment)), true)
    }
    if (request.method === 'DELETE') {
      state.reviewComments.splice(state.reviewComments.indexOf(comment), 1)
      res.writeHead(204).end()
      return true
    }
    return false
  }
  const pull = state.pulls.find(p => p.number === Number(segments[4]))
  if (!pull) return (h.notFound(res), true)
  const tail = segments.slice(5)
  if (tail.length === 0 && request.method === 'GET') {
    const files = pull.files.length
    return (h.send(res, 200, { number: pull.number, head: { sha: pull.headSha }, changed_files: files }), true)
  }
  if (tail[0] === 'files' && request.method === 'GET') {
    const listed = pull.files.slice(0, 3000).map(f => ({ status: 'modified', ...f }))
    return (page(h, res, url, listed), true)
  }
  if (tail[0] === 'comments' && request.method === 'GET') {
    return (page(h, res, url, state.reviewComments.filter(c => c.pull === pull.number).map(commentJson)), true)
  }
  if (tail[0] === 'reviews' && tail.length === 1 && request.method === 'GET') {
    return (page(h, res, url, state.reviews.filter(r => r.pull === pull.number).map(reviewJson)), true)
  }
  if (tail[0] === 'reviews' && tail.length === 2 && request.method === 'PUT') {
    const review = state.reviews.find(r => r.id === Number(tail[1]) && r.pull === pull.number)
    if (!review) return (h.notFound(res), true)
    review.body = String(request.body?.body ?? '')
    return (h.send(res, 200, reviewJson(review)), true)
  }
  if (tail[0] === 'reviews' && tail.length === 1 && request.method === 'POST') {
    const body = request.body ?? {}
    const comments: Array<Record<string, unknown>> = Array.isArray(body.comments) ? body.comments : []
    const refuse = (message: string, errors: unknown[]) => (h.send(res, 422, { message, errors }), true)
    if (typeof body.body === 'string' && body.body.length > BODY_LIMIT)
      return refuse('Validation Failed', [{ field: 'body', code: 'custom', message: 'body is too long' }])
    if (body.commit_id !== undefined && body.commit_id !== pull.headSha)
      return refuse('Unprocessable Entity', ['commit_id is not part of the pull request'])
    const problems = comments.map(c => unresolved(pull, c)).filter(p => p !== undefined)
    if (problems.length > 0 || (h.refuseInline && comments.length > 0))
      return refuse('Unprocessable Entity', problems.length > 0 ? problems : ['Line could not be resolved'])
    const review: FakeReview = {
      id: h.nextId(),
      pull: pull.number,
      body: String(body.body ?? ''),
      commit_id: String(body.commit_id ?? pull.headSha),
      event: String(body.event ?? 'PENDING'),
      user: h.author()
    }
    state.reviews.push(review)
    for (const c of comments) {
      state.reviewComments.push({
        id: h.nextId(),
        pull: pull.number,
        review: review.id,
        path: String(c.path),
        line: Number(c.line),
        side: (c.side ?? 'RIGHT') as 'RIGHT' | 'LEFT',
        start_line: typeof c.start_line === 'number' ? c.start_line : null,
        start_side: (c.start_side ?? null) as FakeReviewComment['start_side'],
        body: String(c.body),
        user: h.author()
      })
    }
    return (h.send(res, 200, reviewJson(review)), true)
  }
  return false
}

/** One page of `items` as GitHub pages lists: per_page (default 30, max 100), page, link header. */
function page(h: PullsHelpers, res: http.ServerResponse, url: URL, items: unknown[]): void {
  const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page')) || 30))
  const number = Math.max(1, Number(url.searchParams.get('page')) || 1)
  const last = Math.max(1, Math.ceil(items.length / perPage))
  const link = (p: number) => {
    const target = new URL(url.pathname, h.baseUrl())
    target.searchParams.set('per_page', String(perPage))
    target.searchParams.set('page', String(p))
    return target.toString()
  }
  const links = number < last ? [`<${link(number + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`] : []
  h.send(
    res,
    200,
    items.slice((number - 1) * perPage, number * perPage),
    links.length ? { link: links.join(', ') } : {}
  )
}
