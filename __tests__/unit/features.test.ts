import type { AttemptFailure } from '../../src/retry/failure.js'
import { ModelChain } from '../../src/claude/fallback.js'
import { checkStructured, compileSchema } from '../../src/claude/schema.js'
import { failure } from '../fixtures/fake-time.js'

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

describe('structured output', () => {
  const schema = { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] }

  it('accepts JSON that follows the schema and normalises it', async () => {
    expect(checkStructured(' { "n" : 3 } ', await compileSchema(schema))).toEqual({ ok: true, json: '{"n":3}' })
  })
  it('tells invalid JSON from a schema mismatch, with the validator saying where', async () => {
    const check = await compileSchema(schema)
    expect(checkStructured('{"n":', check)).toMatchObject({ ok: false, errorType: 'invalid_json' })
    expect(checkStructured('{"n":"x"}', check)).toEqual({
      ok: false,
      errorType: 'schema_mismatch',
      message: 'the answer does not follow the schema: answer/n must be integer'
    })
  })
  it('rejects a schema that is not valid JSON Schema, naming the input', async () => {
    await expect(compileSchema({ type: 'objekt' })).rejects.toThrow(/^Input 'json-schema' is not a valid JSON Schema: /)
    await expect(compileSchema({ properties: { a: { minimum: 'five' } } })).rejects.toThrow(/not a valid JSON Schema/)
  })
})
