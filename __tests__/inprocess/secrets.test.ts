/**
 * Secrets a server echoes, in-process (the e2e cases are in __tests__/e2e/secrets.test.ts): a
 * Vertex access token quoted in Google's error body is replaced like every registered secret.
 */
import { askVertexWith } from '../support/ask-vertex.js'
import { googleError, VERTEX_TOKEN } from '../support/fake-vertex.js'
import { runInProcess } from '../support/run-in-process.js'

const askVertex = askVertexWith(runInProcess)

describe('a Vertex access token in an error body', () => {
  it('is replaced in the error output, the summary and the log', async () => {
    const result = await askVertex(
      [googleError('INVALID_ARGUMENT', { message: `the token ${VERTEX_TOKEN} cannot call this model` })],
      { 'max-retries': '0' }
    )
    expect(result.code).toBe(1)
    expect(result.outputs.error).toBe('INVALID_ARGUMENT: the token [REDACTED] cannot call this model')
    expect(result.summary).toContain('1 secret value in server text or the answer was replaced with')
    const stdout = result.stdout.replace(`::add-mask::${VERTEX_TOKEN}\n`, '')
    for (const text of [stdout, result.stderr, result.summary, JSON.stringify(result.outputs)]) {
      expect(text).not.toContain(VERTEX_TOKEN)
    }
  })
})
