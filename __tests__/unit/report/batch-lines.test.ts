import {
  collectedLine,
  deadlineError,
  deadlineLine,
  notWaitingLine,
  progressLine,
  resubmitLine,
  splitLine,
  submittedLine
} from '../../../src/report/batch-lines.js'

const counts = { processing: 5, succeeded: 3, errored: 1, canceled: 0, expired: 1 }

describe('batch mode lines', () => {
  it('splitLine: one batch, or how many and the limits that cut them', () => {
    expect(splitLine(1, 1, { maxRequests: 100, maxBytes: 1000 })).toBe('Submitting 1 request as one Message Batch.')
    expect(splitLine(250, 3, { maxRequests: 100, maxBytes: 1000 })).toBe(
      'Submitting 250 requests as 3 Message Batches (at most 100 requests and 1000 bytes per batch).'
    )
  })

  it('progressLine: ended counts every state but processing, of all the requests', () => {
    expect(progressLine({ id: 'msgbatch_1', processing_status: 'in_progress', request_counts: counts }, 12_000)).toBe(
      'Message Batch msgbatch_1: in_progress; 5 of 10 ended (succeeded 3, errored 1, expired 1, canceled 0), 5 processing; 12.00 s so far.'
    )
    expect(progressLine({ id: 'msgbatch_1', processing_status: 'ended' }, 0)).toMatch(
      /^Message Batch msgbatch_1: ended; no request_counts; /
    )
  })

  it('a batch id from the server cannot start a workflow command or a second line', () => {
    const hostile = { id: 'x\n::error::pwned', processing_status: 'in_progress\r\n##[error]bad' }
    for (const line of [submittedLine(hostile, 2), progressLine(hostile, 0), collectedLine(hostile.id, 1, 1)]) {
      expect(line).not.toMatch(/[\r\n]/)
      expect(line).not.toContain('##[')
    }
  })

  it('collectedLine: names the lines already in the results file only when there are some', () => {
    expect(collectedLine('b', 10, 10)).toBe('Message Batch b: 10 results read.')
    expect(collectedLine('b', 10, 7)).toBe('Message Batch b: 10 results read, 3 already in the results file.')
  })

  it('resubmitLine: counts the reasons in the order first seen', () => {
    expect(resubmitLine(4, ['expired', 'overloaded_error', 'expired', 'api_error'])).toBe(
      'Resubmitting 4 requests in a new Message Batch (2 expired, 1 overloaded_error, 1 api_error).'
    )
  })

  it('notWaitingLine and deadlineLine: the ids, and the input that collects them', () => {
    expect(notWaitingLine(['a'])).toBe(
      "'batch-wait' is false: not waiting for 1 Message Batch (a). Collect them later by passing the output 'batch-ids' to the input 'batch-ids'."
    )
    expect(deadlineLine(['a', 'b'], 90_000)).toBe(
      "total-timeout (90.00 s) reached with 2 Message Batches still processing (a, b): they keep running; collect them with 'batch-ids'."
    )
    expect(deadlineLine(['a'], undefined)).toMatch(/^the deadline reached with 1 Message Batch still processing \(a\)/)
    expect(deadlineError('a')).toBe("deadline: Message Batch a was still processing; collect it with 'batch-ids'")
  })
})
