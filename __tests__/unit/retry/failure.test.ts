import { type AttemptFailure, describeFailure } from '../../../src/retry/failure.js'

const failure = (kind: AttemptFailure['kind'], errorType: string, message: string): AttemptFailure => ({
  kind,
  status: null,
  errorType,
  errorCode: null,
  requestId: null,
  message,
  headers: {}
})

describe('describeFailure (the error output)', () => {
  it('is "<error type>: <message>"', () => {
    expect(describeFailure({ ...failure('http', 'overloaded_error', 'Overloaded'), status: 529 })).toBe(
      'overloaded_error: Overloaded'
    )
    expect(describeFailure(failure('timeout', 'timeout', 'the attempt ran past 60 s'))).toBe(
      'timeout: the attempt ran past 60 s'
    )
  })

  it('is just "cancelled" for a cancel, whatever the failure says', () => {
    expect(describeFailure(failure('cancelled', 'aborted', 'SIGINT received'))).toBe('cancelled')
  })
})
