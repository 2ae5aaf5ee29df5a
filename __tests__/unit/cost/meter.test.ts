import { CostMeter, worstInputRate } from '../../../src/cost/meter.js'
import { type Price } from '../../../src/cost/prices.js'
import { COST_LIMIT_ERROR, costRefusalFailure } from '../../../src/report/cost-lines.js'
import { explainFailure } from '../../../src/report/log-lines.js'
import { retry, type AttemptEvent } from '../../../src/retry/loop.js'
import type { RetryPolicy } from '../../../src/retry/policy.js'
import { fakeTime } from '../../fixtures/fake-time.js'

const none = { overrides: {} }
const usage = (u: Record<string, unknown>) => ({ input_tokens: 0, output_tokens: 0, ...u })

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

describe('the worst input rate: where cache_control counts', () => {
  /** `{ a: { a: ... { cache_control } } }`: the cache_control key `levels` objects below the request. */
  const nested = (levels: number): unknown =>
    levels === 0 ? { cache_control: { type: 'ephemeral' } } : { a: nested(levels - 1) }

  it('looks 8 levels deep (a tool result inside a message is 6) and no deeper', () => {
    expect(worstInputRate(nested(8))).toBe('cache_write')
    expect(worstInputRate(nested(9))).toBe('input')
  })

  it('takes a null or non-object cache_control as none, and skips null and undefined fields', () => {
    expect(worstInputRate({ cache_control: null, system: null })).toBe('input')
    expect(worstInputRate({ system: undefined, messages: [{ role: 'user', content: 'x' }] })).toBe('input')
    expect(worstInputRate({ system: [{ type: 'text', cache_control: 'ephemeral' }] })).toBe('input')
  })

  it('keeps the 1-hour rate once found, whatever 5-minute writes come after it', () => {
    const blocks = [
      { type: 'text', cache_control: { type: 'ephemeral', ttl: '1h' } },
      { type: 'text', cache_control: { type: 'ephemeral' } }
    ]
    expect(worstInputRate({ system: blocks })).toBe('cache_write_1h')
  })
})

describe('the guard: when it applies', () => {
  it('does not guard without max-cost-usd, even with no count and a model without a price', () => {
    expect(new CostMeter({ book: none, maxUsd: undefined }, { max_tokens: 10 }, undefined).check(1, 'my-model')).toBe(
      undefined
    )
  })

  it('is never asked without a price or a count: inputs/ refuses that configuration first', () => {
    expect(() => new CostMeter({ book: none, maxUsd: 1 }, { max_tokens: 10 }, 100).check(1, 'my-model')).toThrow(
      new Error('max-cost-usd has no price or count for my-model')
    )
    expect(() =>
      new CostMeter({ book: none, maxUsd: 1 }, { max_tokens: 10 }, undefined).check(1, 'claude-opus-5')
    ).toThrow(new Error('max-cost-usd has no price or count for claude-opus-5'))
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
