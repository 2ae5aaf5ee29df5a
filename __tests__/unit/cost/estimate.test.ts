import { formatUsd, priceUsage, readUsage } from '../../../src/cost/estimate.js'
import { type Price } from '../../../src/cost/prices.js'

const usage = (u: Record<string, unknown>) => ({ input_tokens: 0, output_tokens: 0, ...u })

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

describe('the estimate: edges of each rule', () => {
  const noOneHour: Price = { input: 1, output: 2, cache_read: 0.5, cache_write: 1.25 }

  it('reads null usage as none reported', () => {
    expect(readUsage(null)).toEqual({ ok: false, why: 'the response reported no usage' })
  })

  it('names the cache-write counter that is not a token count', () => {
    expect(readUsage(usage({ cache_creation_input_tokens: -3 }))).toEqual({
      ok: false,
      why: 'usage.cache_creation_input_tokens is not a token count'
    })
    expect(readUsage(usage({ cache_creation: { ephemeral_1h_input_tokens: 'x' } }))).toEqual({
      ok: false,
      why: 'usage.cache_creation.ephemeral_1h_input_tokens is not a token count'
    })
  })

  it('prices usage without 1-hour cache writes at a price that has no cache_write_1h', () => {
    const counts = { input: 1000, output: 1000, cacheRead: 0, cacheWrite5m: 1000, cacheWrite1h: 0 }
    // 1000·1 + 1000·2 + 1000·1.25 = 4250 per million
    expect(priceUsage(counts, noOneHour)).toEqual({ ok: true, usd: 0.00425 })
  })

  it('refuses to format what is not a cost, and says what it got', () => {
    expect(() => formatUsd(-1)).toThrow(new RangeError('not a cost: -1'))
    expect(() => formatUsd(Number.NaN)).toThrow(new RangeError('not a cost: NaN'))
  })
})
