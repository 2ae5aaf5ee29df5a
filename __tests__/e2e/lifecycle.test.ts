/**
 * End to end, the step's life as the runner sees it: the whole log
 * reaches a piped stdout, an early cancel still writes outputs, and the comment phase obeys
 * total-timeout and a SIGTERM. The stranger's-comment case runs in-process:
 * __tests__/inprocess/lifecycle.test.ts.
 */
import type { Reply } from '../support/fake-api.js'
import { api, askWith, github, reviewWith, RUNNER_KILLS_AFTER_MS } from '../support/ask.js'
import { runAction } from '../support/run-action.js'

const ask = askWith(runAction)

/** The closing stop-commands token: the guard the response echo opened is closed again. */
function guardClosed(stdout: string): boolean {
  const token = /::stop-commands::(ask-claude-[0-9a-f-]+)\n/.exec(stdout)?.[1]
  return token !== undefined && stdout.includes(`\n::${token}::\n`)
}

describe('the whole log reaches a piped stdout', () => {
  // Several pipe buffers (64 KiB each) of log, whatever the caps on the echo and the error text:
  // 60 retried attempts, each a warning line with a 4 KB server message. process.exit() before
  // stdout drained lost the end of such a log (a runner reads stdout through a pipe).
  const noisy = (n: number): Reply[] =>
    Array.from({ length: n }, () => ({
      kind: 'error',
      status: 529,
      type: 'overloaded_error',
      message: `Overloaded: ${'x'.repeat(4000)}`
    }))
  const fast = { 'max-retries': '60', 'base-delay': '0.001', 'max-delay': '0.001' }
  // The reader looks away for a second, as a busy runner may: the pipe fills, the log queues up
  // inside the action, and only an action that waits for it to drain delivers all of it.
  const slowReader = { readStdoutAfterMs: 1000 }

  it('a long log with summary: off: the closing token, ::endgroup:: and "Done" all arrive', async () => {
    const result = await ask(
      [...noisy(60), { kind: 'message', text: 'THE END' }],
      { ...fast, summary: 'off' },
      slowReader
    )
    expect(result.code).toBe(0)
    expect(Buffer.byteLength(result.stdout)).toBeGreaterThan(200_000)
    expect(guardClosed(result.stdout)).toBe(true)
    expect(result.stdout).toContain('::endgroup::')
    expect(result.stdout).toMatch(/Done in [\d.]+ s after 61 attempts\.\n$/)
  })

  it('a long log still ends with the whole ::error:: annotation', async () => {
    const final: Reply = {
      kind: 'error',
      status: 400,
      type: 'invalid_request_error',
      message: `Bad request: ${'x'.repeat(4000)}`
    }
    const result = await ask([...noisy(60), final], fast, slowReader)
    expect(result.code).toBe(1)
    expect(Buffer.byteLength(result.stdout)).toBeGreaterThan(200_000)
    expect(result.stdout.endsWith('\n')).toBe(true)
    const annotation = result.stdout.split('\n').find(line => line.startsWith('::error::'))
    // The request-id comes after the server's message in the annotation: the line arrived whole.
    expect(annotation).toContain('req_fake_61')
    expect(result.outputs.error).toContain('invalid_request_error')
  })
})

describe('an early cancel', () => {
  // The schema makes the step load Ajv (a lazily loaded chunk) right after the key is masked:
  // the first stdout line arrives while modules are still loading.
  const schema = JSON.stringify({ type: 'object', properties: { a: { type: 'string' } } })

  it('SIGINT on the first byte of stdout: not killed; error=cancelled, the summary, a non-zero exit', async () => {
    const result = await ask(
      [{ kind: 'message', text: '{"a":"b"}' }],
      { 'json-schema': schema },
      {
        signal: { name: 'SIGINT', whenStdoutMatches: /[\s\S]/ }
      }
    )
    expect(result.signal).toBeNull() // it ended by itself: the signal did not kill it
    expect(result.code).toBe(1)
    expect(result.outputs.error).toBe('cancelled')
    // Usually no request was sent yet (attempts 0, retry-log []); a slow machine may deliver
    // the signal during the first attempt. Either way the counts agree with what was sent.
    const log = JSON.parse(result.outputs['retry-log'] ?? 'null') as unknown[]
    expect(result.outputs.attempts).toBe(String(log.length))
    expect(api?.requests.length ?? 0).toBeLessThanOrEqual(log.length)
    expect(result.summary).toContain('cancelled')
    expect(result.stdout).toMatch(/^::error::.*cancelled/im)
  })
})

describe('the comment phase', () => {
  const review = reviewWith(ask)

  it('total-timeout bounds the comment too: a GitHub API that never answers ends the step at the deadline', async () => {
    const result = await review({ hang: true }, { 'total-timeout': '3' })
    expect(result.timedOut).toBe(false)
    expect(result.durationMs).toBeGreaterThanOrEqual(3000)
    expect(result.durationMs).toBeLessThan(3000 + 10_000)
    expect(result.code).toBe(1)
    // Written before the comment, and still there.
    expect(result.outputs.response).toBe('Review.')
    expect(result.summary).toContain('Review.')
    expect(result.summary).toMatch(/\*\*The answer was not posted as a comment:\*\* .*GitHub did not answer within/)
    expect(result.outputs.error).toMatch(
      /^comment_timeout: Could not list the comments on pull request #7 in octo-org\/octo-repo: GitHub did not answer within [\d.]+ s \(what total-timeout left of the step\)\.$/
    )
    expect(result.stdout).toMatch(/^::error::The answer was not posted: .*GitHub did not answer within/m)
  }, 60_000)

  it('SIGTERM during the comment ends the step at once, error=cancelled, the answer kept', async () => {
    const result = await review(
      { hang: true },
      {},
      { signal: { name: 'SIGTERM', afterMs: 300, whenStdoutMatches: /::endgroup::/ } }
    )
    expect(result.timedOut).toBe(false)
    expect(result.signal).toBeNull()
    // In order: the comment phase asked GitHub (which never answers), then the signal, then the
    // exit. "At once" is measured from the signal and bounded by the runner's own deadline (it
    // kills 2.5 s after a SIGTERM), not by a guess at how fast a loaded machine is.
    expect(github?.requests.length).toBeGreaterThan(0)
    expect(result.exitedAfterSignalMs).toBeGreaterThan(0)
    expect(result.exitedAfterSignalMs).toBeLessThan(RUNNER_KILLS_AFTER_MS.SIGTERM)
    expect(result.code).toBe(1)
    expect(result.outputs.response).toBe('Review.')
    expect(result.outputs.error).toBe('cancelled')
    expect(result.stdout).toMatch(
      /^::error::The answer was not posted: Could not list the comments on pull request #7 in octo-org\/octo-repo: cancelled\.$/m
    )
  }, 60_000)
})
