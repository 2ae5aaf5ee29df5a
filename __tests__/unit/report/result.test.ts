import { explainFailure } from '../../../src/report/log-lines.js'
import type { AttemptFailure } from '../../../src/retry/failure.js'

describe('explainFailure', () => {
  const failure: AttemptFailure = {
    kind: 'http',
    status: 401,
    errorType: 'authentication_error',
    errorCode: null,
    requestId: 'req_9',
    message: 'invalid x-api-key',
    headers: {}
  }
  it('says what, where, why it stopped and what to do', () => {
    expect(explainFailure(failure, { reason: 'final-error', why: 'HTTP 401 will not change on retry' }, 1, 'm')).toBe(
      "Claude request failed after 1 attempt: authentication_error: invalid x-api-key (HTTP 401, request-id req_9). Not retried: HTTP 401 will not change on retry. Check the API key: the secret passed as 'anthropic-api-key' (or ANTHROPIC_API_KEY) is wrong, revoked or empty."
    )
  })
})
