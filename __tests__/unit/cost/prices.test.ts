import { readFileSync } from 'node:fs'
import path from 'node:path'
import { CostMeter } from '../../../src/cost/meter.js'
import { PRICE_FIELDS, PRICE_TABLE, type Price, priceOf } from '../../../src/cost/prices.js'
import { REPO_ROOT } from '../../support/run-action.js'

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
    for (const unknown of [
      'claude-sonnet-5-5-preview',
      'claude-opus-4-5-2025',
      'claude-haiku-5-5',
      'claude',
      '',
      // The date suffix ends the name, and the name is one line.
      'claude-opus-4-5-20251101-preview',
      'x\nclaude-opus-4-5-20251101'
    ]) {
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
