import type { Usage } from '@anthropic-ai/sdk/resources/messages'
import { BATCH_PRICE_FACTOR, batchCost } from '../../../src/batch/batch-cost.js'
import type { PriceBook } from '../../../src/cost/prices.js'

/** A made-up model priced by the `prices` input: $1 input, $2 output per million tokens. */
const book: PriceBook = { overrides: { 'model-x': { input: 1, output: 2, cache_read: 0.1, cache_write: 1.25 } } }
const usage = (fields: Record<string, unknown>) => fields as unknown as Usage

describe('batchCost', () => {
  it('prices a result at half the standard price', () => {
    const cost = batchCost(
      { model: 'model-x', usage: usage({ input_tokens: 1_000_000, output_tokens: 500_000 }) },
      book
    )
    // Standard: $1 + $1 = $2; the batch discount halves it.
    expect(BATCH_PRICE_FACTOR).toBe(0.5)
    expect(cost).toEqual({ usd: 1, attemptsPriced: 1 })
  })

  it("prices a result that reports the batch tier (service_tier 'batch'), which every batch result may", () => {
    const reported = usage({ input_tokens: 1_000_000, output_tokens: 0, service_tier: 'batch' })
    expect(batchCost({ model: 'model-x', usage: reported }, book)).toEqual({ usd: 0.5, attemptsPriced: 1 })
  })

  it('still refuses a tier priced otherwise (priority)', () => {
    const reported = usage({ input_tokens: 1, output_tokens: 1, service_tier: 'priority' })
    expect(batchCost({ model: 'model-x', usage: reported }, book)).toEqual({
      usd: undefined,
      why: "the response reports usage.service_tier 'priority', which has its own prices"
    })
  })

  it('costs nothing for a result that sent nothing billable (no usage, or no model)', () => {
    expect(batchCost({ model: 'model-x', usage: undefined }, book)).toEqual({ usd: 0, attemptsPriced: 0 })
    expect(batchCost({ model: undefined, usage: usage({ input_tokens: 5, output_tokens: 5 }) }, book)).toEqual({
      usd: 0,
      attemptsPriced: 0
    })
  })

  it('has no estimate for an unknown model or usage it cannot read, and says why', () => {
    expect(batchCost({ model: 'model-unknown', usage: usage({ input_tokens: 1, output_tokens: 1 }) }, book)).toEqual({
      usd: undefined,
      why: 'the model model-unknown has no known price'
    })
    expect(batchCost({ model: 'model-x', usage: usage({ input_tokens: -1, output_tokens: 1 }) }, book)).toEqual({
      usd: undefined,
      why: 'usage.input_tokens is not a token count'
    })
    const oneHourWrites = usage({
      input_tokens: 1,
      output_tokens: 1,
      cache_creation_input_tokens: 10,
      cache_creation: { ephemeral_1h_input_tokens: 10, ephemeral_5m_input_tokens: 0 }
    })
    expect(batchCost({ model: 'model-x', usage: oneHourWrites }, book)).toEqual({
      usd: undefined,
      why: 'the response reports 1-hour cache writes and the price has no cache_write_1h'
    })
  })
})
