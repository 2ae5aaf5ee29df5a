import { postReview, type ReviewDraft } from '../../../src/github/review-api.js'
import { CommentError } from '../../../src/github/comment-error.js'
import { REVIEW_MARKER as MARKER, useReviewGitHub } from '../../support/review-github.js'

const setup = useReviewGitHub()
const draft = (allInBody: boolean): ReviewDraft => ({
  body: `${MARKER}\n${allInBody ? 'all in body' : 'summary'}`,
  comments: allInBody ? [] : [{ path: 'a.ts', line: 2, side: 'RIGHT', body: `${MARKER}\nfinding` }]
})

describe('postReview', () => {
  it('leaves marked comments alone when GitHub will not say who the token is, and says why', async () => {
    const { github, context } = await setup({
      viewer: { status: 502 },
      reviewComments: [
        {
          pull: 7,
          path: 'a.ts',
          line: 2,
          side: 'RIGHT',
          body: `${MARKER}\nold`,
          user: { login: 'github-actions[bot]', type: 'Bot' }
        }
      ]
    })
    const posted = await postReview(context, draft)
    expect(posted.note).toMatch(
      /^could not tell which account the token posts as \(GitHub answered 502.*\); left the earlier review and its comments as they were$/
    )
    expect(github.reviewComments.map(c => c.body)).toEqual([`${MARKER}\nold`, `${MARKER}\nfinding`])
  })

  it('a refusal other than the line check is an error that says what to fix, not a fallback', async () => {
    const { github, context } = await setup({ writeError: { status: 403 } })
    const error = (await postReview(context, draft).catch((e: unknown) => e)) as CommentError
    expect(error).toBeInstanceOf(CommentError)
    expect(error.message).toMatch(/^Could not post the review on pull request #7 .*permissions: pull-requests: write/)
    expect(error.message).toMatch(/forks get a read-only token/)
    expect(github.requests.filter(r => r.method === 'POST' && r.path.endsWith('/reviews'))).toHaveLength(1)
  })

  it('stops at once when the step is cancelled', async () => {
    const controller = new AbortController()
    controller.abort()
    const { github, context } = await setup({}, { signal: controller.signal })
    const error = (await postReview(context, draft).catch((e: unknown) => e)) as CommentError
    expect(error.reason).toBe('cancelled')
    expect(github.requests).toEqual([])
  })
})

describe('postReview, tidying the earlier review', () => {
  it('a failure to delete an earlier comment is a note: the new review stands', async () => {
    const mine = { login: 'github-actions[bot]', type: 'Bot' as const }
    const { github, context } = await setup({
      reviewComments: [{ pull: 7, path: 'a.ts', line: 2, side: 'RIGHT', body: `${MARKER}\nold`, user: mine }],
      onRequest: request => {
        if (request.method === 'DELETE') github.reviewComments.splice(0, 1) // someone deleted it meanwhile: 404
      }
    })
    const posted = await postReview(context, draft)
    expect(posted.url).toMatch(/#pullrequestreview-/)
    expect(posted.note).toMatch(/^Could not delete an earlier review comment on pull request #7 .*GitHub answered 404/)
  })
})
