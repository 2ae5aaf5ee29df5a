/**
 * `comment-on: pr-review` and `pr-diff`, end to end: the built dist/index.js as the runner runs
 * it, against the fake Anthropic API and a fake GitHub that refuses a review with any comment off
 * the diff (422), pages the files, and keeps reviews and review comments.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { api, askWith, commentStep, github, startGitHub } from '../support/ask.js'
import type { FakeGitHubOptions, FakePull } from '../support/fake-github.js'
import { DEFAULT_OWNER, DEFAULT_REPO } from '../support/fake-github.js'
import { runAction } from '../support/run-action.js'

const ask = askWith(runAction, { prompt: 'Review this pull request.', 'github-token': 'ghs_review' })
afterAll(async () => {
  await api?.close()
  await github?.close()
})

// a.ts: hunk 0 covers new lines 1-3 (old line 2 removed, new line 2 added); hunk 1 new lines 20-22.
const A_PATCH = '@@ -1,3 +1,3 @@ intro\n a\n-b\n+B\n c\n@@ -20,2 +20,3 @@ tail\n x\n+y\n z'
const PULL: FakePull = {
  number: 7,
  headSha: 'head-sha-1',
  files: [
    { filename: 'src/a.ts', patch: A_PATCH },
    { filename: 'logo.png', status: 'added' },
    { filename: 'package-lock.json', patch: '@@ -1 +1 @@\n-{"v":1}\n+{"v":2}' },
    // More than one page of files (the action asks for 100 a page).
    ...Array.from({ length: 120 }, (_, i) => ({ filename: `gen/f${i}.txt`, patch: `@@ -0,0 +1 @@\n+line ${i}` }))
  ]
}
const prEvent = {
  pull_request: { number: 7, head: { sha: 'head-sha-1', repo: { full_name: `${DEFAULT_OWNER}/${DEFAULT_REPO}` } } },
  repository: { full_name: `${DEFAULT_OWNER}/${DEFAULT_REPO}` }
}
const review = (comments: object[], summary = 'Two bugs.') => JSON.stringify({ summary, comments })

async function run(answer: string, inputs: Record<string, string> = {}, gh: FakeGitHubOptions = {}, event = prEvent) {
  const fakeGitHub = await startGitHub({ token: 'ghs_review', pulls: [PULL], ...gh })
  const result = await ask(
    [{ kind: 'message', text: answer }],
    { 'comment-on': 'pr-review', ...inputs },
    {
      ...commentStep(fakeGitHub.url, event)
    }
  )
  return { result, fakeGitHub }
}

describe('comment-on: pr-review', () => {
  it('posts inline what is on the diff (line, range, LEFT, suggestion) and the rest in the body', async () => {
    const { result, fakeGitHub } = await run(
      review([
        { path: 'src/a.ts', line: 2, body: 'Added line, cc @octocat.' },
        { path: 'src/a.ts', start_line: 20, line: 22, body: 'Range.', suggestion: 'x2\ny2\nz2' },
        { path: 'src/a.ts', line: 2, side: 'LEFT', body: 'Removed line.' },
        { path: 'src/a.ts', line: 10, body: 'Between the hunks.' },
        { path: 'src/a.ts', start_line: 3, line: 20, body: 'Across hunks.' }
      ]),
      { 'review-suggestions': 'true' }
    )
    expect(result.code).toBe(0)
    const [posted] = fakeGitHub.reviews
    expect(posted).toMatchObject({ pull: 7, event: 'COMMENT', commit_id: 'head-sha-1' })
    expect(fakeGitHub.reviewComments.map(c => [c.path, c.start_line, c.line, c.side])).toEqual([
      ['src/a.ts', null, 2, 'RIGHT'],
      ['src/a.ts', 20, 22, 'RIGHT'],
      ['src/a.ts', null, 2, 'LEFT']
    ])
    const [first, range] = fakeGitHub.reviewComments
    expect(first?.body).toMatch(/^<!-- ask-claude:Review\/review\/review -->\nAdded line, cc @\u200docto/)
    expect(range?.body).toContain('```suggestion\nx2\ny2\nz2\n```')
    expect(posted?.body).toContain('### Findings not on the diff')
    expect(posted?.body).toContain('- `src/a.ts:10` — Between the hunks.')
    expect(posted?.body).toContain('- `src/a.ts:3-20` — Across hunks.')
    expect(result.outputs['review-comments']).toBe('3')
    expect(result.outputs['comment-url']).toMatch(/\/pull\/7#pullrequestreview-\d+$/)
    expect(JSON.parse(result.outputs.json ?? '{}').comments).toHaveLength(5)
    expect(result.summary).toContain(
      `[The review](${result.outputs['comment-url']}): 3 inline comments, 2 findings in its body.`
    )
    expect(result.summary).toContain('| src/a.ts | 10 | no, in the body: not a line of the diff | Between the hunks. |')
    expect(result.summary).toContain(
      '| src/a.ts | 3-20 | no, in the body: a range not within one hunk | Across hunks. |'
    )
    expect(result.summary).toContain('| src/a.ts | 2 (removed line) | yes | Removed line. |')
    expect(result.summary).toContain('| src/a.ts | 2 | yes | Added line, cc @octocat. |')
    // The built-in schema went out as the output format.
    expect(api?.requests.at(-1)?.body.output_config.format.schema.required).toEqual(['summary', 'comments'])
  })

  it('replaces its earlier review on a re-run, and leaves a stranger’s comment with the marker alone', async () => {
    const marker = '<!-- ask-claude:Review/review/review -->'
    const { result, fakeGitHub } = await run(
      review([{ path: 'src/a.ts', line: 21, body: 'New finding.' }]),
      {},
      {
        reviews: [{ pull: 7, body: `${marker}\nOld review.`, commit_id: 'old', event: 'COMMENT', user: bot }],
        reviewComments: [
          { pull: 7, path: 'src/a.ts', line: 1, side: 'RIGHT', body: `${marker}\nOld, no replies.`, user: bot },
          { pull: 7, path: 'src/a.ts', line: 2, side: 'RIGHT', body: `${marker}\nOld, replied to.`, user: bot },
          { pull: 7, path: 'src/a.ts', line: 2, side: 'RIGHT', body: 'I disagree.', replyTo: 1 },
          { pull: 7, path: 'src/a.ts', line: 3, side: 'RIGHT', body: `${marker}\nA stranger pasted the marker.` }
        ]
      }
    )
    expect(result.code).toBe(0)
    const url = result.outputs['comment-url'] as string
    expect(fakeGitHub.reviewComments.map(c => c.body)).toEqual([
      `_Superseded by ${url}_`,
      'I disagree.',
      `${marker}\nA stranger pasted the marker.`,
      `${marker}\nNew finding.`
    ])
    expect(fakeGitHub.reviews[0]?.body).toBe(`_Superseded by a newer review from the same step: ${url}_`)
  })

  it('posts again with every finding in the body when GitHub answers 422, and says so', async () => {
    const { result, fakeGitHub } = await run(
      review([{ path: 'src/a.ts', line: 2, body: 'On the diff.' }]),
      {},
      {
        refuseInline: true
      }
    )
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/::warning::Review: GitHub refused the inline comments \(GitHub answered 422/)
    expect(fakeGitHub.reviewComments).toEqual([])
    expect(fakeGitHub.reviews[0]?.body).toContain('- `src/a.ts:2` — On the diff.')
    expect(result.outputs['review-comments']).toBe('0')
  })

  it('puts every finding in the body when the PR was pushed to since the event', async () => {
    const moved = {
      ...prEvent,
      pull_request: { ...prEvent.pull_request, head: { ...prEvent.pull_request.head, sha: 'older' } }
    }
    const { result, fakeGitHub } = await run(review([{ path: 'src/a.ts', line: 2, body: 'x' }]), {}, {}, moved)
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/::warning::Review: the pull request was pushed to since this run started/)
    expect(fakeGitHub.reviewComments).toEqual([])
  })

  it('fails with the permission fix after writing outputs and summary', async () => {
    const { result } = await run(review([]), {}, { writeError: { status: 403 } })
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/::error::The answer was not posted: .*permissions: pull-requests: write/)
    expect(result.outputs.json).toBe('{"summary":"Two bugs.","comments":[]}')
    expect(result.summary).toMatch(
      /No findings\.\n\n\*\*The answer was not posted as a review:\*\* Could not post the review on pull request \\#7 .*pull-requests: write[^\n]*\n$/
    )
    expect(result.summary).not.toContain('as a comment')
  })

  it('a pull request it cannot read fails before any request, naming the read permission', async () => {
    const { result } = await run(review([]), { 'pr-diff': 'true' }, { readError: { status: 404 } })
    expect(result.code).toBe(1)
    expect(api?.requests).toEqual([])
    expect(result.stdout).toMatch(
      /::error::Could not read pull request #7 in octo-org\/octo-repo: GitHub answered 404 Not Found\. Reading a pull request needs `permissions: pull-requests: read`/
    )
  })

  it('a mock run: the review JSON is checked before anything, then posted with no request to the API', async () => {
    const { result, fakeGitHub } = await run('', {
      'pr-diff': 'true',
      'mock-response': review([{ path: 'src/a.ts', line: 2, body: 'Mock.' }])
    })
    expect(result.code).toBe(0)
    expect(api?.requests).toEqual([])
    // With pr-diff the files are still read (and the diff checked), only not sent.
    expect(fakeGitHub.requests.some(r => r.path.startsWith('/repos/octo-org/octo-repo/pulls/7/files'))).toBe(true)
    expect(result.stdout).not.toMatch(/characters attached before the prompt/)
    expect(fakeGitHub.reviewComments.map(c => c.body)).toEqual([expect.stringContaining('Mock.')])
    const bad = await run('', { 'mock-response': 'LGTM' })
    expect(bad.result.code).toBe(1)
    expect(bad.result.stdout).toMatch(/Input 'mock-response' is not valid JSON/)
    expect(bad.fakeGitHub.requests).toEqual([])
  })
})

describe('pr-diff', () => {
  it('attaches every file with labels that agree with the hunk headers; pr-diff-exclude leaves files out', async () => {
    const { result, fakeGitHub } = await run(review([]), { 'pr-diff': 'true', 'pr-diff-exclude': 'package-lock.json' })
    expect(result.code).toBe(0)
    // Read once for both the prompt and the review: the pull request, then its two pages of files.
    const reads = fakeGitHub.requests.filter(r => r.method === 'GET' && /\/pulls\/7(\/files)?(\?|$)/.test(r.path))
    expect(reads.map(r => r.path.replace(/\?.*/, ''))).toEqual([
      '/repos/octo-org/octo-repo/pulls/7',
      '/repos/octo-org/octo-repo/pulls/7/files',
      '/repos/octo-org/octo-repo/pulls/7/files'
    ])
    const content = api?.requests.at(-1)?.body.messages[0].content as Array<{ type: string; text: string }>
    const diff = content[0]?.text as string
    expect(diff).toContain(['@@ -1,3 +1,3 @@ intro', 'R1    | a', 'L2    |-b', 'R2    |+B', 'R3    | c'].join('\n'))
    expect(diff).toContain(['@@ -20,2 +20,3 @@ tail', 'R20   | x', 'R21   |+y', 'R22   | z'].join('\n'))
    expect(diff).toContain('### gen/f119.txt (modified)') // from the second page
    expect(diff).toMatch(/without a diff shown.*: logo\.png\./)
    expect(diff).not.toContain('### package-lock.json')
    expect(diff).toContain('1 file left out by pr-diff-exclude')
    expect(content.at(-1)?.text).toBe('Review this pull request.')
    expect(result.stdout).toMatch(/pr-diff: 122 files, [\d,]+ characters attached before the prompt/)
  })

  it('works with comment-on: pr, and fails before any request on an event without a pull request', async () => {
    const { result } = await run('Plain answer.', { 'comment-on': 'pr', 'pr-diff': 'true' })
    expect(result.code).toBe(0)
    expect(api?.requests).toHaveLength(1)
    const { result: pushed } = await run('x', { 'comment-on': 'none', 'pr-diff': 'true' }, {}, {} as typeof prEvent)
    expect(pushed.code).toBe(1)
    expect(pushed.stdout).toMatch(
      /Input 'pr-diff' is true, but this run \(\w+\) has no pull request to read\. Set it only on runs that have one/
    )
  })
})

const bot = { login: 'github-actions[bot]', type: 'Bot' as const }
