/**
 * Cost, in-process against the fake API: the cost-usd estimate from the usage the API reports,
 * the prices input, and the max-cost-usd guard before each attempt.
 */
import { api, askWith, retryLog } from '../support/ask.js'
import type { Reply, Usage } from '../support/fake-api.js'
import { runInProcess } from '../support/run-in-process.js'

const ask = askWith(runInProcess, { model: 'claude-opus-5' })
const paths = () => api?.requests.map(r => r.path) ?? []
const messagesRequests = () => api?.requests.filter(r => r.path === '/v1/messages') ?? []
const answer = (usage: Partial<Usage> & Record<string, unknown>, text = 'Hello there.'): Reply => ({
  kind: 'message',
  text,
  usage
})
const SCHEMA = JSON.stringify({ type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] })

describe('cost-usd', () => {
  it('is the usage at the table price: input, output, cache reads and cache writes apart', async () => {
    const result = await ask([
      answer({
        input_tokens: 1000,
        output_tokens: 500,
        cache_read_input_tokens: 2000,
        cache_creation_input_tokens: 3000
      })
    ])
    expect(result.code).toBe(0)
    // claude-opus-5: 1000·$5 + 500·$25 + 2000·$0.50 + 3000·$6.25 (5-minute writes) per million = $0.03725
    expect(result.outputs['cost-usd']).toBe('0.03725')
    expect(result.summary).toContain('· estimated cost $0.03725')
    expect(result.stdout).toContain('Estimated cost $0.03725, from the usage of 1 response at list prices')
    // The estimate changes nothing in what is sent.
    expect(messagesRequests()[0]?.body).toEqual({
      model: 'claude-opus-5',
      max_tokens: 4096,
      messages: [{ role: 'user', content: 'Say hello.' }]
    })
  })

  it('prices 1-hour cache writes at their own rate when the usage breaks them out', async () => {
    const result = await ask([
      answer({
        input_tokens: 0,
        output_tokens: 0,
        cache_creation_input_tokens: 3000,
        cache_creation: { ephemeral_5m_input_tokens: 2000, ephemeral_1h_input_tokens: 1000 }
      })
    ])
    // 2000·$6.25 + 1000·$10 per million = $0.0225
    expect(result.outputs['cost-usd']).toBe('0.0225')
  })

  it('counts every attempt that reported usage: an answer that broke the schema costs again', async () => {
    const result = await ask(
      [
        answer({ input_tokens: 12, output_tokens: 7 }, 'not json'),
        answer({ input_tokens: 12, output_tokens: 7 }, '{"ok":true}')
      ],
      { 'json-schema': SCHEMA }
    )
    expect(result.code).toBe(0)
    expect(retryLog(result).map(a => a.errorType)).toEqual(['invalid_json', null])
    // Twice (12·$5 + 7·$25) per million = $0.00047
    expect(result.outputs['cost-usd']).toBe('0.00047')
    expect(result.stdout).toContain('Estimated cost $0.00047, from the usage of 2 responses')
  })

  it('adds nothing for an attempt that failed without a response, and says so', async () => {
    const result = await ask([
      { kind: 'error', status: 529, type: 'overloaded_error' },
      answer({ input_tokens: 12, output_tokens: 7 })
    ])
    expect(result.outputs).toMatchObject({ attempts: '2', 'cost-usd': '0.000235' })
    expect(result.stdout).toContain('failed attempts that reported no usage are not in it')
  })

  it('prints no cost line when nothing was billed (a 401: no response reported usage)', async () => {
    const result = await ask([
      { kind: 'error', status: 401, type: 'authentication_error', message: 'invalid x-api-key' }
    ])
    expect(result.code).toBe(1)
    expect(result.outputs).toMatchObject({ attempts: '1', 'cost-usd': '0' })
    expect(result.stdout).not.toMatch(/estimated cost/i)
    expect(result.summary).not.toMatch(/estimated cost/i)
    expect(result.summary).toContain('model `claude-opus-5` · 1 attempt · ')
  })

  it('is empty for a model without a price, with a note in the log and the summary', async () => {
    const result = await ask([answer({ input_tokens: 12, output_tokens: 7 })], { model: 'claude-haiku-5-5' })
    expect(result.code).toBe(0)
    expect(result.outputs['cost-usd']).toBeUndefined()
    expect(result.stdout).toContain(
      "No cost estimate: no price is known for model 'claude-haiku-5-5'. 'prices' can give the price (USD per million tokens)."
    )
    expect(result.summary).toContain("no cost estimate: no price is known for model 'claude-haiku-5-5'")
  })

  it('is empty for usage priced outside the table (US-only inference)', async () => {
    const result = await ask([answer({ input_tokens: 12, output_tokens: 7, inference_geo: 'us' })])
    expect(result.outputs['cost-usd']).toBeUndefined()
    expect(result.stdout).toContain("No cost estimate: the response reports usage.inference_geo 'us'")
  })

  it('uses the prices input for a model the table lacks, and over the table', async () => {
    const prices = JSON.stringify({
      'claude-haiku-5-5': { input: 0.1, output: 0.5, cache_read: 0.01, cache_write: 0.125 },
      'claude-opus-5': { input: 1, output: 1, cache_read: 1, cache_write: 1 }
    })
    const haiku = await ask([answer({ input_tokens: 1000, output_tokens: 100 })], { model: 'claude-haiku-5-5', prices })
    expect(haiku.outputs['cost-usd']).toBe('0.00015') // 1000·0.1 + 100·0.5 = 150 per million
    const opus = await ask([answer({ input_tokens: 1000, output_tokens: 100 })], { prices })
    expect(opus.outputs['cost-usd']).toBe('0.0011') // 1100 per million at the input's $1
  })

  it('refuses bad prices before any request, naming the input', async () => {
    const result = await ask([answer({})], { prices: '{"claude-opus-5": {"input": 5' })
    expect(result.code).toBe(1)
    expect(api?.requests).toHaveLength(0)
    expect(result.outputs.error).toMatch(/^invalid_input: Input 'prices' is not valid JSON \(/)
    expect(result.outputs['cost-usd']).toBeUndefined()
    const field = await ask([answer({})], {
      prices: '{"claude-opus-5": {"input": 5, "output": 25, "cache_read": 0.5, "cache_write": "6.25"}}'
    })
    expect(field.outputs.error).toBe(
      `invalid_input: Input 'prices', model 'claude-opus-5': field 'cache_write' is "6.25". Expected a number >= 0 (USD per million tokens).`
    )
  })
})

describe('max-cost-usd', () => {
  it('refuses the first attempt when its worst case passes the limit: no Messages request', async () => {
    const result = await ask(
      { script: [answer({})], countTokens: 2000 },
      { 'max-tokens': '1000', 'max-cost-usd': '0.01' }
    )
    expect(result.code).toBe(1)
    expect(paths()).toEqual(['/v1/messages/count_tokens'])
    expect(result.outputs).toMatchObject({
      attempts: '0',
      'cost-usd': '0',
      'input-tokens-counted': '2000',
      error:
        "cost_limit_exceeded: attempt 1 was not sent: the estimated cost so far ($0) plus its worst case ($0.035: 2000 input tokens and 1000 output tokens on claude-opus-5) would pass 'max-cost-usd' ($0.01)"
    })
    expect(result.stdout).toContain("The prompt counts 2000 input tokens (for 'max-cost-usd').")
    expect(result.stdout).toContain(
      '::error::No Claude request was sent: cost_limit_exceeded: attempt 1 was not sent: the estimated cost so far ($0) plus its worst case ($0.035'
    )
    expect(result.stdout).toContain("Raise 'max-cost-usd', or lower 'max-tokens' or the prompt.")
  })

  it('lets attempts through while they fit, and refuses a retry once they no longer do', async () => {
    // claude-opus-5, 2000 counted tokens, max-tokens 1000: worst case $0.035 per attempt.
    // Attempt 1 (0 + 0.035 <= 0.04) answers off-schema, reporting $0.015; attempt 2 (0.015 + 0.035) is refused.
    const result = await ask(
      { script: [answer({ input_tokens: 2000, output_tokens: 200 }, 'not json')], countTokens: 2000 },
      { 'max-tokens': '1000', 'max-cost-usd': '0.04', 'json-schema': SCHEMA }
    )
    expect(result.code).toBe(1)
    expect(messagesRequests()).toHaveLength(1)
    expect(paths().filter(p => p === '/v1/messages/count_tokens')).toHaveLength(1)
    expect(result.outputs).toMatchObject({
      attempts: '1',
      'cost-usd': '0.015',
      error:
        "cost_limit_exceeded: attempt 2 was not sent: the estimated cost so far ($0.015) plus its worst case ($0.035: 2000 input tokens and 1000 output tokens on claude-opus-5) would pass 'max-cost-usd' ($0.04)"
    })
    expect(result.stdout).toMatch(/Attempt 1 of 6: 200 invalid_json .*Stopping: attempt 2 was not sent: /)
    expect(result.summary).toContain('· estimated cost $0.015')
  })

  it('counts once, for max-input-tokens and max-cost-usd together, and lets a fitting request through', async () => {
    const result = await ask(
      { script: [answer({ input_tokens: 20, output_tokens: 7 })], countTokens: 20 },
      { 'max-tokens': '100', 'max-cost-usd': '1', 'max-input-tokens': '50' }
    )
    expect(result.code).toBe(0)
    expect(paths()).toEqual(['/v1/messages/count_tokens', '/v1/messages'])
    expect(result.stdout).toContain("The prompt counts 20 input tokens ('max-input-tokens': 50).")
    expect(result.outputs['cost-usd']).toBe('0.000275') // 20·5 + 7·25 = 275 per million
  })

  it('is an input error, before any request, for a model or fallback without a price', async () => {
    const result = await ask([answer({})], { 'max-cost-usd': '1', 'fallback-models': 'claude-haiku-5-5' })
    expect(result.code).toBe(1)
    expect(api?.requests).toHaveLength(0)
    expect(result.outputs.error).toMatch(
      /^invalid_input: Input 'max-cost-usd' is set, but no price is known for model 'claude-haiku-5-5', so the guard cannot work\. Give its price in 'prices'/
    )
    const bad = await ask([answer({})], { 'max-cost-usd': '1e-3' })
    expect(bad.outputs.error).toMatch(/^invalid_input: Input 'max-cost-usd' has invalid value '1e-3'/)
  })
})
