/**
 * comment-on: pr-review in the jest process (the fast loop's view of the path that
 * __tests__/e2e/review.test.ts runs through the built action): the built-in schema retried when
 * the answer does not follow it, then one review at the head commit read with the files.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { api, askWith, commentStep, github, startGitHub } from '../support/ask.js'
import { DEFAULT_OWNER, DEFAULT_REPO } from '../support/fake-github.js'
import { runInProcess } from '../support/run-in-process.js'

const ask = askWith(runInProcess, { 'comment-on': 'pr-review', 'github-token': 'ghs_inproc', 'pr-diff': 'true' })
const PR_EVENT = {
  pull_request: { number: 4, head: { sha: 'sha4' } },
  repository: { full_name: `${DEFAULT_OWNER}/${DEFAULT_REPO}` }
}
afterAll(async () => {
  await api?.close()
  await github?.close()
})

describe('comment-on: pr-review, in process', () => {
  it('retries an answer that is not a review, then posts the valid one', async () => {
    const fakeGitHub = await startGitHub({
      token: 'ghs_inproc',
      pulls: [
        { number: 4, headSha: 'sha4', files: [{ filename: 'a.py', patch: '@@ -1,2 +1,2 @@\n-x = 1\n+x = 2\n y' }] }
      ]
    })
    const good = JSON.stringify({ summary: 'One finding.', comments: [{ path: 'a.py', line: 1, body: 'Why 2?' }] })
    const result = await ask(
      [
        { kind: 'message', text: 'Looks good to me.' },
        { kind: 'message', text: good }
      ],
      {},
      commentStep(fakeGitHub.url, PR_EVENT)
    )
    expect(result.code).toBe(0)
    expect(result.outputs.attempts).toBe('2')
    expect(result.outputs.json).toBe(good)
    expect(fakeGitHub.reviews.map(r => r.commit_id)).toEqual(['sha4'])
    expect(fakeGitHub.reviewComments.map(c => [c.path, c.line, c.side])).toEqual([['a.py', 1, 'RIGHT']])
    expect(result.outputs['review-comments']).toBe('1')
    const sent = api?.requests.at(-1)?.body.messages[0].content[0].text as string
    expect(sent).toContain('L1    |-x = 1\nR1    |+x = 2\nR2    | y')
  })
  it('warns when the diff passes its size bound, naming the files left out and pr-diff-exclude', async () => {
    const big = (name: string) => ({
      filename: name,
      patch: `@@ -0,0 +1,2500 @@\n${Array.from({ length: 2500 }, (_, i) => `+${'x'.repeat(100)} ${i}`).join('\n')}`
    })
    const fakeGitHub = await startGitHub({
      token: 'ghs_inproc',
      pulls: [{ number: 4, headSha: 'sha4', files: [big('one.txt'), big('two.txt')] }]
    })
    const result = await ask(
      [{ kind: 'message', text: JSON.stringify({ summary: 'Fine.', comments: [] }) }],
      {},
      commentStep(fakeGitHub.url, PR_EVENT)
    )
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(
      /::warning::pr-diff: 2 files, [\d,]+ characters attached before the prompt; 1 file left out for size, listed by name only: two\.txt\. Leave generated or vendored files out with pr-diff-exclude\./
    )
    const sent = api?.requests.at(-1)?.body.messages[0].content[0].text as string
    expect(sent).toContain('### one.txt')
    expect(sent).not.toContain('### two.txt')
  })
})
