/**
 * The cost inputs: `prices` (JSON: model -> USD per million tokens, over the table in cost/) and
 * `max-cost-usd` (the guard). Validated before any request; errors name the input, the model
 * and the field.
 */
import type { CostConfig } from '../cost/meter.js'
import { type Price, PRICE_FIELDS, type PriceBook, priceOf } from '../cost/prices.js'
import { Inputs } from './input-names.js'
import { ConfigError, DECIMAL, type InputSource, invalid } from './read.js'
import { InputProblems } from './problems.js'
import { clip } from '../util/text.js'
import { isRecord } from '../util/record.js'

const REQUIRED: ReadonlyArray<keyof Price> = ['input', 'output', 'cache_read', 'cache_write']

/** The prices and the limit; `models` are those the step may call (the model, then the fallbacks). */
export function costInputs(source: InputSource, models: string[]): CostConfig {
  const problems = new InputProblems()
  const overrides = problems.check(() => pricesInput(source), undefined)
  const maxUsd = problems.check(() => maxCostInput(source), undefined)
  const book: PriceBook = { overrides: overrides ?? {} }
  // Across the two: only when both are valid (else the missing price may be in the invalid prices).
  if (maxUsd !== undefined && overrides !== undefined) problems.check(() => needPrices(models, book), undefined)
  problems.throwIfAny()
  return { book, maxUsd }
}

function maxCostInput(source: InputSource): number | undefined {
  const raw = source.getInput(Inputs.maxCostUsd).trim()
  if (raw === '') return undefined
  const maxUsd = Number(raw)
  if (!DECIMAL.test(raw) || !Number.isFinite(maxUsd) || maxUsd <= 0) {
    throw invalid(Inputs.maxCostUsd, raw, 'a number of US dollars > 0, e.g. 0.50')
  }
  return maxUsd
}

function needPrices(models: string[], book: PriceBook): void {
  const unpriced = models.find(model => !priceOf(model, book))
  if (unpriced !== undefined) {
    throw new ConfigError(
      `Input '${Inputs.maxCostUsd}' is set, but no price is known for model '${clip(unpriced, 200)}', so the guard cannot work. ` +
        `Give its price in '${Inputs.prices}' (USD per million tokens), e.g. ` +
        `{"${clip(unpriced, 200)}": {"input": 3, "output": 15, "cache_read": 0.3, "cache_write": 3.75}}.`
    )
  }
}

function pricesInput(source: InputSource): Record<string, Price> {
  const text = source.getInput(Inputs.prices).trim()
  if (text === '') return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new ConfigError(
      `Input '${Inputs.prices}' is not valid JSON (${(error as Error).message}). Expected an object such as ` +
        `{"claude-sonnet-5-5": {"input": 2, "output": 10, "cache_read": 0.2, "cache_write": 2.5}}.`
    )
  }
  if (!isRecord(parsed)) {
    throw new ConfigError(`Input '${Inputs.prices}' is not a JSON object mapping model names to prices.`)
  }
  // fromEntries defines own properties: a model named "__proto__" cannot touch a prototype.
  return Object.fromEntries(Object.entries(parsed).map(([model, price]) => [model, checkPrice(model, price)]))
}

function checkPrice(model: string, value: unknown): Price {
  const where = `Input '${Inputs.prices}', model '${clip(model, 200)}'`
  if (model.trim() === '' || /\s/.test(model)) throw new ConfigError(`${where}: a model name has no spaces.`)
  if (!isRecord(value)) {
    throw new ConfigError(`${where}: expected an object with ${PRICE_FIELDS.join(', ')} (USD per million tokens).`)
  }
  const unknown = Object.keys(value).find(field => !(PRICE_FIELDS as readonly string[]).includes(field))
  if (unknown !== undefined) {
    throw new ConfigError(
      `${where}: unknown field '${clip(unknown, 100)}'. The fields are ${PRICE_FIELDS.join(', ')} (cache_write_1h optional).`
    )
  }
  for (const field of REQUIRED) {
    if (!(field in value)) throw new ConfigError(`${where}: field '${field}' is missing (USD per million tokens).`)
  }
  for (const [field, amount] of Object.entries(value)) {
    if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
      throw new ConfigError(
        `${where}: field '${field}' is ${clip(JSON.stringify(amount) ?? String(amount), 100)}. Expected a number >= 0 (USD per million tokens).`
      )
    }
  }
  return value as unknown as Price
}
