/**
 * For the unit tests of GitHub calls (the sticky comment's and the review's): a loopback
 * GITHUB_API_URL while they run, and a fake GitHub holding one pull request with Octokit and the
 * bounded Call the review uses, closed after each test.
 */
import { afterAll, afterEach, beforeAll } from '@jest/globals'
import { boundedCall, type CallLimits, octokitFor } from '../../src/github/github-call.js'
import { DEFAULT_OWNER, DEFAULT_REPO, type FakeGitHubOptions, startFakeGitHub } from './fake-github.js'

/**
 * @actions/github decides at load time whether to use a proxy, for the URL in GITHUB_API_URL.
 * A loopback URL there means no proxy, whatever HTTPS_PROXY says: the tests only talk to 127.0.0.1.
 */
export function useLoopbackApiUrl(): void {
  const saved = process.env.GITHUB_API_URL
  beforeAll(() => {
    process.env.GITHUB_API_URL = 'http://127.0.0.1'
  })
  afterAll(() => {
    if (saved === undefined) delete process.env.GITHUB_API_URL
    else process.env.GITHUB_API_URL = saved
  })
}

const REVIEW_TOKEN = 'ghs_FAKEreviewToken0123456789SECRET'
export const REVIEW_MARKER = '<!-- ask-claude:w/j/s/review -->'
export const repository = { owner: DEFAULT_OWNER, repo: DEFAULT_REPO }
const where = 'pull request #7 in octo-org/octo-repo'
export const REVIEW_PULL = { number: 7, headSha: 'h1', files: [{ filename: 'a.ts', patch: '@@ -1 +1,2 @@\n a\n+b' }] }

/** `reviewGitHub(options, limits)`: the fake (pull request #7 at h1 unless `options.pulls` says otherwise), Octokit, the Call and postReview's context. */
export function useReviewGitHub() {
  useLoopbackApiUrl()
  const closers: Array<() => Promise<void>> = []
  afterEach(async () => {
    for (const close of closers.splice(0)) await close()
  })
  return async function reviewGitHub(options: FakeGitHubOptions, limits: CallLimits = {}) {
    const github = await startFakeGitHub({ token: REVIEW_TOKEN, pulls: [REVIEW_PULL], ...options })
    closers.push(github.close)
    const octokit = await octokitFor(REVIEW_TOKEN, github.url)
    const call = boundedCall(limits, where, 'pr', REVIEW_TOKEN)
    const context = {
      octokit,
      call,
      repository,
      number: 7,
      baseUrl: github.url,
      token: REVIEW_TOKEN,
      marker: REVIEW_MARKER,
      headSha: 'h1',
      where
    }
    return { github, octokit, call, context }
  }
}
