import { checkStructured, compileSchema } from '../../../src/claude/schema.js'

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
