/**
 * comment-key: matrix legs run the same workflow, job and step, so they share the sticky
 * comment's marker; each key keeps its own comment, and a re-run of one leg updates only its own.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { api, askWith, commentStep, github, startGitHub } from '../support/ask.js'
import { DEFAULT_OWNER, DEFAULT_REPO } from '../support/fake-github.js'
import { runInProcess } from '../support/run-in-process.js'

const ask = askWith(runInProcess, { 'comment-on': 'pr', 'github-token': 'ghs_key' })
const prEvent = { pull_request: { number: 7 } }
afterAll(async () => {
  await api?.close()
  await github?.close()
})

describe('comment-key', () => {
  it('keeps one comment per key, and a re-run of a leg updates its own', async () => {
    const fakeGitHub = await startGitHub({ token: 'ghs_key' })
    const leg = (key: string, text: string) =>
      ask([{ kind: 'message', text }], { 'comment-key': key }, commentStep(fakeGitHub.url, prEvent))
    expect((await leg('linux', 'Linux answer.')).code).toBe(0)
    expect((await leg('windows', 'Windows answer.')).code).toBe(0)
    expect((await leg('linux', 'Linux again.')).code).toBe(0)
    const bodies = fakeGitHub.commentsOn(DEFAULT_OWNER, DEFAULT_REPO, 7).map(c => c.body)
    expect(bodies).toHaveLength(2)
    expect(bodies[0]).toMatch(/^<!-- ask-claude:Review\/review\/linux -->\n[^]*Linux again\./)
    expect(bodies[1]).toMatch(/^<!-- ask-claude:Review\/review\/windows -->\n[^]*Windows answer\./)
  })
})
