import {
  attemptLine,
  boundedRecord,
  describeStop,
  explainFailure,
  SENTENCE_FIELD_BYTES,
  SENTENCE_MESSAGE_BYTES,
  tokenCountLine
} from '../../../src/report/log-lines.js'
import type { AttemptFailure } from '../../../src/retry/failure.js'
import type { AttemptRecord, StopDetail } from '../../../src/retry/loop.js'

const record = (fields: Partial<AttemptRecord> = {}): AttemptRecord => ({
  attempt: 2,
  startMs: 0,
  durationMs: 1500,
  status: 529,
  errorType: 'overloaded_error',
  requestId: 'req_2',
  model: 'claude-x',
  waitMs: 4000,
  waitReason: 'backoff',
  ...fields
})
const overloaded: AttemptFailure = {
  kind: 'http',
  status: 529,
  errorType: 'overloaded_error',
  errorCode: null,
  requestId: 'req_2',
  message: 'Overloaded',
  headers: {}
}

describe('describeStop', () => {
  it.each<[StopDetail, string]>([
    [
      { reason: 'final-error', why: 'HTTP 400 will not change on retry' },
      'not retried: HTTP 400 will not change on retry'
    ],
    [{ reason: 'retries-exhausted', attempts: 1, maxRetries: 0 }, 'gave up after 1 attempt (max-retries is 0)'],
    [{ reason: 'retries-exhausted', attempts: 6, maxRetries: 5 }, 'gave up after 6 attempts (max-retries is 5)'],
    [
      { reason: 'server-wait-too-long', waitMs: 120_000, said: 'retry-after: 120', maxDelayMs: 60_000 },
      'the server asked to wait 120.00 s (retry-after: 120), more than max-delay (60.00 s)'
    ],
    [{ reason: 'deadline', totalTimeoutMs: 30_000 }, 'total-timeout (30.00 s) reached'],
    [
      { reason: 'deadline', totalTimeoutMs: 30_000, nextWait: { ms: 9000, said: 'retry-after: 9' } },
      'waiting 9.00 s (retry-after: 9) would end past total-timeout (30.00 s)'
    ],
    [{ reason: 'cancelled', during: 'wait' }, 'the step was cancelled during a wait'],
    [{ reason: 'cancelled', during: 'attempt' }, 'the step was cancelled'],
    [{ reason: 'refused', attempt: 2, why: 'over budget' }, 'over budget']
  ])('%j', (detail, words) => {
    expect(describeStop(detail)).toBe(words)
  })
})

describe('attemptLine', () => {
  const retry = (decision: object, fields: Partial<AttemptRecord> = {}) =>
    attemptLine(
      {
        record: record(fields),
        outcome: 'retry',
        failure: overloaded,
        decision: { retry: true, ...decision }
      } as never,
      6
    )

  it('a success: attempt k of n, the outcome, the request-id and the time', () => {
    expect(
      attemptLine(
        { record: record({ status: 200, errorType: null, waitMs: 0, waitReason: null }), outcome: 'success' },
        6
      )
    ).toBe('Attempt 2 of 6: 200 ok (request-id req_2) after 1.50 s.')
    expect(
      attemptLine({ record: record({ status: 200, errorType: null, requestId: null }), outcome: 'success' }, 1)
    ).toBe('Attempt 2 of 1: 200 ok after 1.50 s.')
  })

  it('a retry names the wait and why: backoff, the server words, or our reading of its headers', () => {
    expect(retry({ why: 'HTTP 529 is transient' })).toBe(
      'Attempt 2 of 6: 529 overloaded_error (request-id req_2) after 1.50 s: Overloaded. Retrying in 4.00 s (backoff; HTTP 529 is transient).'
    )
    expect(retry({ why: 'w', serverWait: { ms: 150, reason: 'retry-after', said: 'retry-after-ms: 150' } })).toMatch(
      /Retrying in 4\.00 s \(retry-after-ms: 150\)\.$/
    )
    expect(
      retry({ why: 'w', serverWait: { ms: 7000, reason: 'rate-limit-reset', said: 'the tokens limit is used up' } })
    ).toMatch(/Retrying in 4\.00 s \(rate-limit-reset: the tokens limit is used up\)\.$/)
    expect(retry({ why: 'w', fallbackTo: 'claude-y' }, { waitReason: 'fallback', waitMs: 0 })).toMatch(
      /: Overloaded\. Retrying at once \(fallback; moving on to model claude-y\)\.$/
    )
  })

  it('a stop says why it stopped', () => {
    const line = attemptLine(
      {
        record: record({ attempt: 6, waitMs: 0, waitReason: null }),
        outcome: 'stop',
        failure: overloaded,
        stop: 'retries-exhausted',
        detail: { reason: 'retries-exhausted', attempts: 6, maxRetries: 5 }
      },
      6
    )
    expect(line).toBe(
      'Attempt 6 of 6: 529 overloaded_error (request-id req_2) after 1.50 s: Overloaded. Stopping: gave up after 6 attempts (max-retries is 5).'
    )
  })

  it("stays one line, and a server's message is clipped", () => {
    const failure = { ...overloaded, message: `first\nsecond ${'x'.repeat(SENTENCE_MESSAGE_BYTES * 2)}` }
    const line = attemptLine({ record: record(), outcome: 'retry', failure, decision: { retry: true, why: 'w' } }, 6)
    expect(line).not.toContain('\n')
    expect(line).toContain('first second')
    expect(Buffer.byteLength(line)).toBeLessThan(SENTENCE_MESSAGE_BYTES + 300)
  })
})

describe('boundedRecord', () => {
  it("clips the server's fields of a record and leaves the rest", () => {
    const long = 'y'.repeat(SENTENCE_FIELD_BYTES * 4)
    const bounded = boundedRecord(record({ errorType: long, requestId: long, model: long }))
    for (const field of [bounded.errorType, bounded.requestId, bounded.model]) {
      expect(Buffer.byteLength(field ?? '')).toBeLessThanOrEqual(SENTENCE_FIELD_BYTES)
    }
    expect(boundedRecord(record({ errorType: null, requestId: null }))).toEqual(
      record({ errorType: null, requestId: null })
    )
  })
})

describe('explainFailure', () => {
  it('a cancel: how many attempts, and when', () => {
    expect(explainFailure(overloaded, { reason: 'cancelled', during: 'wait' }, 2, 'm')).toBe(
      'Cancelled after 2 attempts: the step was cancelled during a wait.'
    )
  })

  it('a refusal before anything was sent, and after some attempts, says its reason once', () => {
    const refused = { ...overloaded, kind: 'client' as const, status: null, errorType: 'other', message: 'no budget' }
    const detail: StopDetail = { reason: 'refused', attempt: 1, why: 'no budget' }
    expect(explainFailure(refused, detail, 0, 'm')).toBe('No Claude request was sent: other: no budget.')
    expect(explainFailure(refused, detail, 1, 'm')).toBe('Claude request stopped after 1 attempt: other: no budget.')
  })

  it('where it failed only as far as known, then the stop and the hint', () => {
    const noResponse = {
      ...overloaded,
      kind: 'connection' as const,
      status: null,
      requestId: null,
      errorType: 'connection_error',
      message: 'ECONNRESET'
    }
    expect(
      explainFailure(
        noResponse,
        { reason: 'retries-exhausted', attempts: 3, maxRetries: 2 },
        3,
        'm',
        undefined,
        'Try later.'
      )
    ).toBe(
      'Claude request failed after 3 attempts: connection_error: ECONNRESET. Gave up after 3 attempts (max-retries is 2). Try later.'
    )
  })
})

describe('tokenCountLine', () => {
  it('names the input that asked for the count', () => {
    expect(tokenCountLine(1234, 2000)).toBe("The prompt counts 1234 input tokens ('max-input-tokens': 2000).")
    expect(tokenCountLine(1234, undefined)).toBe("The prompt counts 1234 input tokens (for 'max-cost-usd').")
  })
})
