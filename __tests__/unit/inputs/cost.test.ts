import { priceOf } from '../../../src/cost/prices.js'
import { costInputs } from '../../../src/inputs/cost.js'
import { ConfigError } from '../../../src/inputs/read.js'

const none = { overrides: {} }

describe('the cost inputs', () => {
  const source = (inputs: Record<string, string>) => ({ getInput: (name: string) => inputs[name] ?? '', env: {} })
  const error = (inputs: Record<string, string>, models = ['claude-opus-5']) => {
    try {
      costInputs(source(inputs), models)
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError)
      return (e as Error).message
    }
    throw new Error('no error')
  }

  it('reads prices and the limit', () => {
    const prices =
      '{"my-model": {"input": 1, "output": 2, "cache_read": 0.1, "cache_write": 1.25, "cache_write_1h": 2}}'
    expect(costInputs(source({ prices, 'max-cost-usd': '0.5' }), ['my-model', 'claude-opus-5'])).toEqual({
      book: {
        overrides: { 'my-model': { input: 1, output: 2, cache_read: 0.1, cache_write: 1.25, cache_write_1h: 2 } }
      },
      maxUsd: 0.5
    })
    expect(costInputs(source({}), ['anything'])).toEqual({ book: none, maxUsd: undefined })
  })

  it('names the input, the model and the field that is wrong', () => {
    expect(error({ prices: '{"a": ' })).toMatch(/^Input 'prices' is not valid JSON \(/)
    expect(error({ prices: '[1]' })).toMatch(/^Input 'prices' is not a JSON object/)
    expect(error({ prices: '{"m": 3}' })).toMatch(/^Input 'prices', model 'm': expected an object with input, output/)
    expect(error({ prices: '{"m": {"input": 1, "output": 2, "cache_read": 0.1}}' })).toBe(
      "Input 'prices', model 'm': field 'cache_write' is missing (USD per million tokens)."
    )
    expect(error({ prices: '{"m": {"input": 1, "output": "2", "cache_read": 0.1, "cache_write": 1}}' })).toBe(
      `Input 'prices', model 'm': field 'output' is "2". Expected a number >= 0 (USD per million tokens).`
    )
    expect(error({ prices: '{"m": {"input": -1, "output": 2, "cache_read": 0.1, "cache_write": 1}}' })).toMatch(
      /field 'input' is -1/
    )
    expect(
      error({ prices: '{"m": {"input": 1, "output": 2, "cache_read": 0.1, "cache_write": 1, "batch": 1}}' })
    ).toMatch(/^Input 'prices', model 'm': unknown field 'batch'/)
    expect(error({ prices: '{"a b": {}}' })).toMatch(/model 'a b': a model name has no spaces/)
  })

  it('refuses a bad limit, and a limit for a model (or fallback) without a price', () => {
    for (const bad of ['0', '-1', 'abc', '1e3', '$1']) {
      expect(error({ 'max-cost-usd': bad })).toMatch(
        /^Input 'max-cost-usd' has invalid value '.*'. Expected a number of US dollars > 0/
      )
    }
    expect(error({ 'max-cost-usd': '1' }, ['claude-opus-5', 'my-fallback'])).toMatch(
      /^Input 'max-cost-usd' is set, but no price is known for model 'my-fallback'.*Give its price in 'prices'/
    )
  })

  it('does not let a model named __proto__ reach a prototype', () => {
    const book = costInputs(
      source({ prices: '{"__proto__": {"input": 1, "output": 1, "cache_read": 1, "cache_write": 1}}' }),
      []
    ).book
    expect(Object.getPrototypeOf(book.overrides)).toBe(Object.prototype)
    expect(priceOf('__proto__', book)?.from).toBe('input')
    expect(priceOf('toString', book)).toBeUndefined()
  })
})
