import type { CostRefusal } from '../../../src/cost/meter.js'
import {
  COST_LIMIT_ERROR,
  costNote,
  costOutput,
  costRefusalFailure,
  costStatus
} from '../../../src/report/cost-lines.js'

const refusal: CostRefusal = {
  attempt: 3,
  model: 'claude-opus-5',
  spentUsd: 0.03,
  nextWorstUsd: 0.035,
  limitUsd: 0.06,
  inputTokens: 1000,
  maxTokens: 1200
}

describe('costRefusalFailure', () => {
  it('nothing to stop without a refusal', () => {
    expect(costRefusalFailure(undefined)).toBeUndefined()
  })

  it('a client failure (never retried) with the figures of the refused attempt', () => {
    expect(costRefusalFailure(refusal)).toEqual({
      kind: 'client',
      status: null,
      errorType: COST_LIMIT_ERROR,
      errorCode: null,
      requestId: null,
      message:
        "attempt 3 was not sent: the estimated cost so far ($0.03) plus its worst case ($0.035: 1000 input tokens and 1200 output tokens on claude-opus-5) would pass 'max-cost-usd' ($0.06)",
      headers: {}
    })
  })
})

describe('costOutput', () => {
  it('the estimate as a plain decimal, or no output without one', () => {
    expect(costOutput({ usd: 0.000141, attemptsPriced: 1 })).toBe('0.000141')
    expect(costOutput({ usd: 0, attemptsPriced: 0 })).toBe('0')
    expect(costOutput({ usd: undefined, why: 'no price' })).toBeUndefined()
    expect(costOutput(undefined)).toBeUndefined()
  })
})

describe('costStatus', () => {
  it('always labelled as an estimate, or says why there is none', () => {
    expect(costStatus({ usd: 1.5, attemptsPriced: 2 })).toBe('estimated cost $1.5')
    // Nothing billed (no response reported usage): no cost part at all.
    expect(costStatus({ usd: 0, attemptsPriced: 0 })).toBeUndefined()
    expect(costStatus({ usd: undefined, why: 'the model m has no known price' })).toBe(
      'no cost estimate: the model m has no known price'
    )
    expect(costStatus(undefined)).toBeUndefined()
  })
})

describe('costNote', () => {
  it('says how many responses were priced, in the right number', () => {
    expect(costNote({ usd: 0.25, attemptsPriced: 1 })).toBe(
      'Estimated cost $0.25, from the usage of 1 response at list prices; failed attempts that reported no usage are not in it.'
    )
    expect(costNote({ usd: 0.5, attemptsPriced: 2 })).toMatch(/^Estimated cost \$0\.5, from the usage of 2 responses /)
  })

  it('without an estimate: why, and the input that gives a price', () => {
    expect(costNote({ usd: undefined, why: 'the model m has no known price' })).toBe(
      "No cost estimate: the model m has no known price. 'prices' can give the price (USD per million tokens)."
    )
    expect(costNote(undefined)).toBeUndefined()
  })
})
