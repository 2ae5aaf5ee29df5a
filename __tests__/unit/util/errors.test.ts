import { causeNamed, errorMessage, errorText, findCode, isNamed } from '../../../src/util/errors.js'

/** An error-shaped object as another realm (fetch, jest's vm modules) would throw: no shared prototype. */
const foreign = (fields: Record<string, unknown>) => ({ ...fields })

/** `depth` plain wrappers around `inner`, each the cause of the one before. */
const wrapped = (inner: unknown, depth: number): unknown =>
  depth === 0 ? inner : { name: 'Error', message: `wrap ${depth}`, cause: wrapped(inner, depth - 1) }

describe('isNamed', () => {
  it('reads the name by shape, and tolerates null and primitives', () => {
    expect(isNamed(foreign({ name: 'AbortError' }), 'AbortError')).toBe(true)
    expect(isNamed(new TypeError('x'), 'TypeError')).toBe(true)
    expect(isNamed(new TypeError('x'), 'Error')).toBe(false)
    expect(isNamed(null, 'AbortError')).toBe(false)
    expect(isNamed('AbortError', 'AbortError')).toBe(false)
  })
})

describe('causeNamed', () => {
  it('finds the error itself or one along the cause chain, the first one', () => {
    const proxy = foreign({ name: 'ProxyError', message: 'first' })
    const chain = wrapped({ ...proxy, cause: foreign({ name: 'ProxyError', message: 'second' }) }, 2)
    expect(causeNamed(proxy, 'ProxyError')).toBe(proxy)
    expect(causeNamed(chain, 'ProxyError')).toMatchObject({ message: 'first' })
    expect(causeNamed(chain, 'Nothing')).toBeUndefined()
  })

  it('looks four causes deep and no further (a cycle cannot hang it)', () => {
    const target = foreign({ name: 'Deep' })
    expect(causeNamed(wrapped(target, 4), 'Deep')).toBe(target)
    expect(causeNamed(wrapped(target, 5), 'Deep')).toBeUndefined()
    const cycle: { name: string; cause?: unknown } = { name: 'Loop' }
    cycle.cause = cycle
    expect(causeNamed(cycle, 'Other')).toBeUndefined()
  })
})

describe('findCode', () => {
  it('returns the first string code along the chain, skipping codes that are not strings', () => {
    const fetchFailed = { message: 'fetch failed', code: 42, cause: { message: 'connect', code: 'ECONNREFUSED' } }
    expect(findCode(fetchFailed)).toBe('ECONNREFUSED')
    expect(findCode({ code: 'OUTER', cause: { code: 'INNER' } })).toBe('OUTER')
    expect(findCode(wrapped({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }, 4))).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE')
    expect(findCode(wrapped({ code: 'TOO_DEEP' }, 5))).toBeUndefined()
    expect(findCode('ECONNRESET')).toBeUndefined()
    expect(findCode(null)).toBeUndefined()
  })
})

describe('errorMessage and errorText', () => {
  it('reads the message of anything error-shaped, else the value as text', () => {
    expect(errorMessage(new Error('boom'))).toBe('boom')
    expect(errorMessage(foreign({ message: 'from another realm' }))).toBe('from another realm')
    expect(errorMessage(foreign({ message: 7 }))).toBeUndefined()
    expect(errorMessage('boom')).toBeUndefined()
    expect(errorMessage(null)).toBeUndefined()
    expect(errorText(new Error(''))).toBe('')
    expect(errorText('plain text')).toBe('plain text')
    expect(errorText(undefined)).toBe('undefined')
    expect(errorText(foreign({ code: 'X' }))).toBe('[object Object]')
  })
})
