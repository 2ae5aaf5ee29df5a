import { readPullDiff } from '../../../src/github/pull-diff.js'
import { REVIEW_PULL as PULL, repository, useReviewGitHub } from '../../support/review-github.js'

const setup = useReviewGitHub()
describe('readPullDiff', () => {
  it('reads every page up to GitHub’s 3,000 files and says when the list was cut', async () => {
    const files = Array.from({ length: 3001 }, (_, i) => ({ filename: `f${i}.txt`, patch: '@@ -0,0 +1 @@\n+x' }))
    const { github, octokit, call } = await setup({ pulls: [{ ...PULL, files }] })
    const diff = await readPullDiff(octokit, call, { repository, number: 7, baseUrl: github.url }, ['f1*.txt'])
    expect(diff.headSha).toBe('h1')
    expect(diff.index.size).toBe(3000)
    expect(diff.truncated).toBe(true)
    expect(diff.excluded).toBe(1111) // f1, f10-f19, f100-f199, f1000-f1999
    expect(github.requests.filter(r => r.path.includes('/files'))).toHaveLength(30)
  })
  it('a 404 reading the pull request names the read permission the call needed', async () => {
    const { github, octokit, call } = await setup({ readError: { status: 404 } })
    const reading = readPullDiff(octokit, call, { repository, number: 7, baseUrl: github.url }, [])
    await expect(reading).rejects.toThrow(
      /^Could not read pull request #7 in octo-org\/octo-repo: GitHub answered 404 Not Found\. Reading a pull request needs `permissions: pull-requests: read` \(and `contents: read` in a private repository\)/
    )
  })
  it('a pull request under the cap is not cut', async () => {
    const { github, octokit, call } = await setup({})
    const diff = await readPullDiff(octokit, call, { repository, number: 7, baseUrl: github.url }, [])
    expect(diff).toMatchObject({
      truncated: false,
      excluded: 0,
      shown: PULL.files.map(f => ({ ...f, status: 'modified' }))
    })
  })
})
