/**
 * End to end: huge times are honoured, not turned into timers that fire at once,
 * and Node prints no TimeoutOverflowWarning. Only a child shows Node's warnings on stderr, and the
 * 35-day wait ends with a signal. Other hostile inputs run in-process: __tests__/inprocess/inputs.test.ts.
 */
import { api, askWith, hello, retryLog } from '../support/ask.js'
import type { Reply } from '../support/fake-api.js'
import { runAction } from '../support/run-action.js'

const ask = askWith(runAction)

describe('huge times', () => {
  it('timeout and total-timeout of 99999999 s mean no practical limit, not "abort at once"', async () => {
    const result = await ask([{ ...hello, delayMs: 300 }], {
      timeout: '99999999',
      'total-timeout': '99999999',
      'max-retries': '2'
    })
    expect(result.code).toBe(0)
    expect(result.outputs).toMatchObject({ attempts: '1', response: 'Hello there.' })
    expect(retryLog(result)[0]).toMatchObject({ attempt: 1, status: 200 })
    expect(api?.requests).toHaveLength(1)
    expect(result.stderr).not.toContain('TimeoutOverflowWarning')
    // 127.0.0.1 is loopback: plain http:// there is no reason to warn.
    expect(result.stdout).not.toContain('clear text')
  })

  it('a server wait of 35 days (with max-delay allowing it) is not cut to 1 ms', async () => {
    const overloaded: Reply = {
      kind: 'error',
      status: 529,
      type: 'overloaded_error',
      message: 'Overloaded',
      headers: { 'retry-after': '3024000' }
    }
    const result = await ask(
      [overloaded, hello],
      { 'max-delay': '99999999' },
      {
        signal: { name: 'SIGINT', afterMs: 500, whenStdoutMatches: /Retrying in/ }
      }
    )
    // Still waiting when cancelled: the second request was never sent.
    expect(api?.requests).toHaveLength(1)
    expect(result.code).not.toBe(0)
    expect(result.outputs).toMatchObject({ attempts: '1', error: 'cancelled' })
    expect(result.stderr).not.toContain('TimeoutOverflowWarning')
  })
})
