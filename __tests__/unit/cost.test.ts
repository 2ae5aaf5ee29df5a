import { readFileSync } from 'node:fs'
import path from 'node:path'
import { formatUsd, priceUsage, readUsage } from '../../src/cost/estimate.js'
import { CostMeter, worstInputRate } from '../../src/cost/meter.js'
import { PRICE_FIELDS, PRICE_TABLE, type Price, priceOf } from '../../src/cost/prices.js'
import { costInputs } from '../../src/inputs/cost.js'
import { ConfigError } from '../../src/inputs/read.js'
import { COST_LIMIT_ERROR, costRefusalFailure } from '../../src/report/cost-lines.js'
import { explainFailure } from '../../src/report/log-lines.js'
import { retry, type AttemptEvent } from '../../src/retry/loop.js'
import type { RetryPolicy } from '../../src/retry/policy.js'
import { fakeTime } from '../fixtures/fake-time.js'
import { REPO_ROOT } from '../support/run-action.js'

const none = { overrides: {} }
const usage = (u: Record<string, unknown>) => ({ input_tokens: 0, output_tokens: 0, ...u })

describe('the price table', () => {
  it('names a source page and the day it was read for every entry, and only prices it can hold', () => {
    expect(PRICE_TABLE.length).toBeGreaterThan(0)
    for (const entry of PRICE_TABLE) {
      expect(entry.source).toMatch(/^https:\/\/(platform\.claude\.com|docs\.anthropic\.com|www\.anthropic\.com)\//)
      expect(entry.read).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      expect(Number.isNaN(Date.parse(`${entry.read}T00:00:00Z`))).toBe(false)
      expect(entry.models.length).toBeGreaterThan(0)
      for (const field of ['input', 'output', 'cache_read', 'cache_write', 'cache_write_1h'] as const) {
        const value = entry.price[field]
        expect(typeof value === 'number' && Number.isFinite(value) && value >= 0).toBe(true)
      }
      expect(Object.keys(entry.price).every(k => (PRICE_FIELDS as readonly string[]).includes(k))).toBe(true)
    }
  })

  it('prices each model once, and only model ids the SDK documents', () => {
    const ids = PRICE_TABLE.flatMap(e => e.models)
    expect(new Set(ids).size).toBe(ids.length)
    const sdkTypes = readFileSync(
      path.join(REPO_ROOT, 'node_modules/@anthropic-ai/sdk/resources/messages/messages.d.ts'),
      'utf8'
    )
    const modelType = /export type Model = ([^;]+);/.exec(sdkTypes)?.[1] ?? ''
    for (const id of ids) expect(modelType).toContain(`'${id}'`)
  })

  it('matches a documented id or alias, or it with a dated snapshot suffix, and nothing looser', () => {
    expect(priceOf('claude-opus-4-5', none)?.price.input).toBe(5)
    expect(priceOf('claude-opus-4-5-20251101', none)?.price.input).toBe(5)
    expect(priceOf('claude-sonnet-5', none)?.from).toMatchObject({ models: ['claude-sonnet-5'] })
    expect(priceOf('claude-sonnet-5-5', none)?.from).toMatchObject({ models: ['claude-sonnet-5-5'] })
    for (const unknown of ['claude-sonnet-5-5-preview', 'claude-opus-4-5-2025', 'claude-haiku-5-5', 'claude', '']) {
      expect(priceOf(unknown, none)).toBeUndefined()
    }
  })

  it("prices no cloud provider's model id: Bedrock and Vertex bill at their own prices", () => {
    // Bedrock ids (regional and cross-region inference profiles) and Vertex's `@date` snapshots
    // name tabled models, but their prices are the cloud's: no guess, the prices input can give one.
    for (const id of [
      'anthropic.claude-opus-4-5-20251101-v1:0',
      'us.anthropic.claude-opus-4-5-20251101-v1:0',
      'claude-opus-4-5@20251101',
      'claude-sonnet-5-5@20260901'
    ]) {
      expect(priceOf(id, none)).toBeUndefined()
    }
    const meter = new CostMeter({ book: none, maxUsd: undefined }, { max_tokens: 10 }, undefined)
    meter.record('claude-opus-4-5@20251101', usage({ input_tokens: 10, output_tokens: 5 }))
    expect(meter.estimate()).toEqual({ usd: undefined, why: "no price is known for model 'claude-opus-4-5@20251101'" })
  })

  it('lets the prices input override an entry (dated ids too) and add models', () => {
    const mine: Price = { input: 1, output: 2, cache_read: 0.1, cache_write: 1.25 }
    const book = { overrides: { 'claude-opus-4-5': mine, 'my-model': mine } }
    expect(priceOf('claude-opus-4-5-20251101', book)).toEqual({ price: mine, from: 'input' })
    expect(priceOf('my-model', book)?.price).toBe(mine)
    expect(priceOf('claude-opus-5', book)?.price.input).toBe(5)
  })
})

describe('the estimate of one response', () => {
  const opus: Price = { input: 5, output: 25, cache_read: 0.5, cache_write: 6.25, cache_write_1h: 10 }

  it('prices input, output, cache reads and 5-minute and 1-hour cache writes apart', () => {
    const reading = readUsage({
      input_tokens: 1000,
      output_tokens: 500,
      cache_read_input_tokens: 2000,
      cache_creation_input_tokens: 3000,
      cache_creation: { ephemeral_5m_input_tokens: 2000, ephemeral_1h_input_tokens: 1000 }
    })
    expect(reading).toEqual({
      ok: true,
      counts: { input: 1000, output: 500, cacheRead: 2000, cacheWrite5m: 2000, cacheWrite1h: 1000 }
    })
    if (!reading.ok) return
    // 1000·5 + 500·25 + 2000·0.5 + 2000·6.25 + 1000·10 = 41,000 per million
    expect(priceUsage(reading.counts, opus)).toEqual({ ok: true, usd: 0.041 })
  })

  it('reads absent or null cache counters as none, as the API sends them', () => {
    const reading = readUsage({
      input_tokens: 12,
      output_tokens: 7,
      cache_read_input_tokens: null,
      cache_creation: null
    })
    expect(reading.ok && priceUsage(reading.counts, opus)).toEqual({ ok: true, usd: (12 * 5 + 7 * 25) / 1e6 })
  })

  it('gives no estimate for usage it cannot price, and says why', () => {
    const cases: Array<[unknown, RegExp]> = [
      [undefined, /no usage/],
      [usage({ output_tokens: -1 }), /usage.output_tokens is not a token count/],
      [usage({ input_tokens: 1.5 }), /usage.input_tokens/],
      [{ output_tokens: 3 }, /usage.input_tokens/],
      [usage({ cache_read_input_tokens: '9' }), /cache_read_input_tokens/],
      [usage({ service_tier: 'priority' }), /usage.service_tier 'priority'/],
      [usage({ speed: 'fast' }), /usage.speed 'fast'/],
      [usage({ inference_geo: 'us' }), /usage.inference_geo 'us'/]
    ]
    for (const [value, why] of cases) expect(readUsage(value)).toEqual({ ok: false, why: expect.stringMatching(why) })
    expect(readUsage(usage({ service_tier: 'standard', speed: 'standard', inference_geo: 'global' })).ok).toBe(true)
    const reading = readUsage(
      usage({ cache_creation_input_tokens: 5, cache_creation: { ephemeral_1h_input_tokens: 5 } })
    )
    const noOneHour = { input: 1, output: 1, cache_read: 1, cache_write: 1 }
    expect(reading.ok && priceUsage(reading.counts, noOneHour)).toEqual({
      ok: false,
      why: expect.stringMatching(/1-hour cache writes/)
    })
  })

  it('writes USD as a plain decimal with 6 significant digits', () => {
    expect(formatUsd(0)).toBe('0')
    expect(formatUsd((12 * 2 + 7 * 10) / 1e6)).toBe('0.000094')
    expect(formatUsd(0.0001 + 0.00004 + 0.000001)).toBe('0.000141')
    expect(formatUsd(1.2345678)).toBe('1.23457')
    expect(formatUsd(0.041)).toBe('0.041')
    expect(formatUsd(41)).toBe('41')
    expect(formatUsd(123456789)).toBe('123457000')
    expect(formatUsd(1e-9)).toBe('0.000000001')
    expect(formatUsd(9.999999)).toBe('10')
    expect(() => formatUsd(-1)).toThrow(RangeError)
  })
})

describe('the meter over a step', () => {
  const config = (maxUsd?: number) => ({ book: none, maxUsd })
  const request = { max_tokens: 1000 }

  it('sums every attempt that reported usage: a retried answer costs again', () => {
    const meter = new CostMeter(config(), request, undefined)
    const ok = {
      ok: true as const,
      model: 'claude-sonnet-5-5',
      value: { usage: usage({ input_tokens: 12, output_tokens: 7 }) }
    }
    meter.recorded(ok)
    meter.recorded({ ok: false, model: 'claude-sonnet-5-5' })
    meter.recorded(ok)
    expect(meter.estimate()).toEqual({ usd: (2 * (12 * 2 + 7 * 10)) / 1e6, attemptsPriced: 2 })
  })

  it('gives no estimate when any attempt went to a model without a price', () => {
    const meter = new CostMeter(config(), request, undefined)
    meter.record('claude-opus-5', usage({ input_tokens: 10 }))
    meter.record('my-model', undefined)
    expect(meter.estimate()).toEqual({ usd: undefined, why: "no price is known for model 'my-model'" })
  })

  it('estimates 0 when no attempt reported usage', () => {
    const meter = new CostMeter(config(), request, undefined)
    meter.record('claude-opus-5', undefined)
    expect(meter.estimate()).toEqual({ usd: 0, attemptsPriced: 0 })
  })

  it('guards: spent so far plus counted input and max-tokens of output must stay within the limit', () => {
    // claude-opus-5: input $5, output $25 per million. Worst case: 2000·5 + 1000·25 = 35,000 → $0.035.
    const meter = new CostMeter(config(0.05), request, 2000)
    expect(meter.check(1, 'claude-opus-5')).toBeUndefined()
    meter.record('claude-opus-5', usage({ input_tokens: 2000, output_tokens: 200 })) // $0.015
    expect(meter.check(2, 'claude-opus-5')).toBeUndefined() // 0.015 + 0.035 = 0.05: at the limit passes
    meter.record('claude-opus-5', usage({ input_tokens: 2000, output_tokens: 200 }))
    expect(meter.check(3, 'claude-opus-5')).toEqual({
      attempt: 3,
      model: 'claude-opus-5',
      spentUsd: expect.closeTo(0.03, 12),
      nextWorstUsd: 0.035,
      limitUsd: 0.05,
      inputTokens: 2000,
      maxTokens: 1000
    })
    // A cheaper model next (a fallback) may still fit: claude-sonnet-5 costs 2000·2 + 1000·10 = $0.014.
    expect(meter.check(3, 'claude-sonnet-5')).toBeUndefined()
  })

  it('prices the worst input at the cache-write rate when the request asks for caching', () => {
    expect(worstInputRate({ system: 'x' })).toBe('input')
    expect(worstInputRate({ system: [{ type: 'text', text: 'x', cache_control: { type: 'ephemeral' } }] })).toBe(
      'cache_write'
    )
    expect(worstInputRate({ cache_control: { type: 'ephemeral', ttl: '1h' } })).toBe('cache_write_1h')
    const cached = { max_tokens: 0, messages: [{ content: [{ cache_control: { type: 'ephemeral', ttl: '1h' } }] }] }
    // 1,000,000 input tokens at the 1-hour write price of claude-opus-5 ($10) = $10.
    expect(new CostMeter(config(9.99), cached, 1_000_000).check(1, 'claude-opus-5')?.nextWorstUsd).toBe(10)
  })

  it('stops when an earlier usage could not be priced, since the limit can no longer be kept', () => {
    const meter = new CostMeter(config(100), request, 10)
    meter.record('claude-opus-5', usage({ speed: 'fast' }))
    expect(meter.check(2, 'claude-opus-5')).toMatchObject({
      unbounded:
        "the cost so far cannot be estimated (the response reports usage.speed 'fast', which has its own prices)"
    })
  })

  it('stops before the first attempt when the request writes to the 1-hour cache and that write has no price', () => {
    const mine: Price = { input: 1, output: 1, cache_read: 1, cache_write: 1 }
    const cached = {
      max_tokens: 10,
      system: [{ type: 'text', text: 'x', cache_control: { type: 'ephemeral', ttl: '1h' } }]
    }
    const meter = new CostMeter({ book: { overrides: { 'my-model': mine } }, maxUsd: 100 }, cached, 10)
    const refusal = meter.check(1, 'my-model')
    expect(refusal?.unbounded).toBe(
      'the request writes to the 1-hour cache and the price of my-model has no cache_write_1h'
    )
    expect(costRefusalFailure(refusal)?.message).toBe(
      "attempt 1 was not sent: the request writes to the 1-hour cache and the price of my-model has no cache_write_1h, so 'max-cost-usd' ($100) cannot be kept"
    )
    // The 5-minute write is priced: that request may go.
    const fiveMinutes = { max_tokens: 10, cache_control: { type: 'ephemeral' } }
    const book = { overrides: { 'my-model': mine } }
    expect(new CostMeter({ book, maxUsd: 100 }, fiveMinutes, 10).check(1, 'my-model')).toBeUndefined()
  })
})

describe('the guard in the retry loop (fake clock)', () => {
  const policy: RetryPolicy = {
    maxRetries: 5,
    baseDelayMs: 1000,
    maxDelayMs: 60_000,
    jitter: 'none',
    attemptTimeoutMs: 600_000,
    totalTimeoutMs: undefined
  }

  it('refuses the first attempt before it is sent, with the figures in the failure', async () => {
    const t = fakeTime([{ tookMs: 100, ok: true }])
    const meter = new CostMeter({ book: none, maxUsd: 0.01 }, { max_tokens: 1000 }, 2000)
    const outcome = await retry(policy, {
      ...t.deps,
      beforeAttempt: attempt => costRefusalFailure(meter.check(attempt, 'claude-opus-5'))
    })
    expect(t.contexts).toHaveLength(0)
    expect(outcome).toMatchObject({
      ok: false,
      stop: 'refused',
      attempts: [],
      detail: { reason: 'refused', attempt: 1 }
    })
    if (outcome.ok) return
    expect(outcome.failure.errorType).toBe(COST_LIMIT_ERROR)
    expect(outcome.failure.message).toBe(
      "attempt 1 was not sent: the estimated cost so far ($0) plus its worst case ($0.035: 2000 input tokens and 1000 output tokens on claude-opus-5) would pass 'max-cost-usd' ($0.01)"
    )
    expect(explainFailure(outcome.failure, outcome.detail, 0, 'claude-opus-5')).toBe(
      `No Claude request was sent: cost_limit_exceeded: ${outcome.failure.message}. Raise 'max-cost-usd', or lower 'max-tokens' or the prompt.`
    )
  })

  it('refuses a retry once the attempts so far leave no room, before waiting for it', async () => {
    const t = fakeTime([
      { tookMs: 100, ok: false, failure: {} },
      { tookMs: 100, ok: false, failure: {} },
      { tookMs: 100, ok: true }
    ])
    const meter = new CostMeter({ book: none, maxUsd: 0.06 }, { max_tokens: 1000 }, 2000)
    const events: AttemptEvent[] = []
    const outcome = await retry(policy, {
      ...t.deps,
      attempt: async context => {
        const result = await t.deps.attempt(context)
        // Each attempt reports usage worth $0.015 (a failure that still reported usage, as a schema mismatch does).
        meter.record('claude-opus-5', usage({ input_tokens: 2000, output_tokens: 200 }))
        return result
      },
      beforeAttempt: attempt => costRefusalFailure(meter.check(attempt, 'claude-opus-5')),
      onAttempt: e => events.push(e)
    })
    // Attempt 1: 0 + 0.035 fits; attempt 2: 0.015 + 0.035 fits; attempt 3: 0.03 + 0.035 > 0.06.
    expect(t.contexts).toHaveLength(2)
    expect(t.sleeps).toEqual([1000])
    expect(outcome).toMatchObject({ ok: false, stop: 'refused', detail: { reason: 'refused', attempt: 3 } })
    expect(events.map(e => e.outcome)).toEqual(['retry', 'stop'])
    expect(outcome.ok || outcome.failure.message).toMatch(
      /^attempt 3 was not sent: the estimated cost so far \(\$0\.03\)/
    )
  })
})

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
