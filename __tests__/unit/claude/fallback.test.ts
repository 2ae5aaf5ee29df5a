import type { AttemptFailure } from '../../../src/retry/failure.js'
import { ModelChain } from '../../../src/claude/fallback.js'
import { failure } from '../../fixtures/fake-time.js'

describe('ModelChain', () => {
  const overloaded = failure({})
  const notFound = failure({ status: 404, errorType: 'not_found_error' })
  const other = failure({ status: 500, errorType: 'api_error' })

  it('moves on after fallback-after overloads in a row, and only then', () => {
    const chain = new ModelChain(['a', 'b', 'c'], 2)
    expect(chain.afterFailure(overloaded)).toBeUndefined()
    expect(chain.afterFailure(overloaded)).toBe('b')
    expect(chain.current).toBe('b')
  })
  it('any other failure resets the count', () => {
    const chain = new ModelChain(['a', 'b'], 2)
    const seen = [overloaded, other, overloaded, other].map(f => chain.afterFailure(f))
    expect(seen).toEqual([undefined, undefined, undefined, undefined])
    expect(chain.current).toBe('a')
  })
  it('a model that is gone (404) is left at once; the last model is never left', () => {
    const chain = new ModelChain(['a', 'b'], 5)
    expect(chain.afterFailure(notFound)).toBe('b')
    expect(chain.afterFailure(notFound)).toBeUndefined()
    expect(chain.afterFailure(overloaded as AttemptFailure)).toBeUndefined()
    expect(chain.current).toBe('b')
  })
  it('counts mid-stream overloaded_error events too', () => {
    const chain = new ModelChain(['a', 'b'], 1)
    expect(chain.afterFailure(failure({ kind: 'stream-error', status: null, errorType: 'overloaded_error' }))).toBe('b')
  })
})
