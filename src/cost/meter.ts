/**
 * cost/: pure. The price table with its sources (prices.ts), one response's cost from its usage
 * (estimate.ts), and this meter: the estimate summed over the attempts of one step, and the
 * max-cost-usd guard's arithmetic before each attempt. It returns data; report/ words it.
 */
import { formatUsd, priceUsage, readUsage } from './estimate.js'
import { type PriceBook, priceOf, type Price } from './prices.js'

export { formatUsd }

/** What inputs/ parsed: the prices (table plus the `prices` input) and the optional limit. */
export interface CostConfig {
  book: PriceBook
  /** max-cost-usd; undefined = no guard. */
  maxUsd: number | undefined
}

/** The step's estimate: a sum in USD, or why there is none. */
export type CostEstimate = { usd: number; attemptsPriced: number } | { usd: undefined; why: string }

/** The guard's figures when it refuses the next attempt. */
export interface CostRefusal {
  /** 1 for the first attempt. */
  attempt: number
  model: string
  spentUsd: number
  nextWorstUsd: number
  limitUsd: number
  inputTokens: number
  maxTokens: number
  /** Set when the guard cannot bound the cost (an earlier usage it could not price, a missing price): why. */
  unbounded?: string
}

/** The one thing the meter reads from the request: how its input tokens may be billed at worst. */
type InputRate = 'input' | 'cache_write' | 'cache_write_1h'

/**
 * The highest rate the request's input tokens can be billed at: a cache write when any block (or
 * the request) carries `cache_control`, the 1-hour one when its ttl is `1h`; else plain input.
 */
export function worstInputRate(request: unknown): InputRate {
  let rate: InputRate = 'input'
  const visit = (value: unknown, depth: number): void => {
    if (depth > 8 || typeof value !== 'object' || value === null) return
    for (const [key, child] of Object.entries(value)) {
      if (key === 'cache_control' && typeof child === 'object' && child !== null) {
        if ((child as { ttl?: unknown }).ttl === '1h') rate = 'cache_write_1h'
        else if (rate === 'input') rate = 'cache_write'
      } else {
        visit(child, depth + 1)
      }
    }
  }
  visit(request, 0)
  return rate
}

/** The dearest of the rates that may apply to input tokens; undefined when the 1-hour write has no price. */
function inputPrice(price: Price, rate: InputRate): number | undefined {
  if (rate === 'input') return price.input
  const write = rate === 'cache_write' ? price.cache_write : price.cache_write_1h
  return write === undefined ? undefined : Math.max(price.input, price.cache_write, write)
}

/**
 * Sums the estimate over attempts and guards the next one. `record` is told of every attempt's
 * model and the usage its response reported (none for a failure with no response body); a
 * retried attempt that reported usage costs again.
 */
export class CostMeter {
  private spentUsd = 0
  private priced = 0
  private problem: string | undefined

  constructor(
    private readonly config: CostConfig,
    private readonly request: { max_tokens: number },
    /** From count-tokens, when max-cost-usd (or max-input-tokens) asked for a count. */
    private readonly inputTokens: number | undefined
  ) {}

  record(model: string, usage: unknown): void {
    const price = priceOf(model, this.config.book)
    if (!price) {
      this.problem ??= `no price is known for model '${model}'`
      return
    }
    if (usage === undefined) return
    const reading = readUsage(usage)
    const priced = reading.ok ? priceUsage(reading.counts, price.price) : reading
    if (!priced.ok) {
      this.problem ??= priced.why
      return
    }
    this.spentUsd += priced.usd
    this.priced += 1
  }

  /**
   * Records one attempt's result and hands it back: its model, and the usage of a response that
   * came whole (also one that fails the schema check later: it was billed). A failure carries no
   * usage we can read, so it adds nothing.
   */
  recorded<R extends { model: string } & ({ ok: true; value: { usage?: unknown } } | { ok: false })>(result: R): R {
    this.record(result.model, result.ok ? result.value.usage : undefined)
    return result
  }

  estimate(): CostEstimate {
    return this.problem === undefined
      ? { usd: this.spentUsd, attemptsPriced: this.priced }
      : { usd: undefined, why: this.problem }
  }

  /**
   * Before attempt `attempt` on `model`: the estimate so far plus the next attempt's worst case
   * (the counted input tokens at the dearest input rate, plus max_tokens at the output price)
   * must not pass max-cost-usd. Returns the figures when it would; undefined when it may go.
   */
  check(attempt: number, model: string): CostRefusal | undefined {
    const limitUsd = this.config.maxUsd
    if (limitUsd === undefined) return undefined
    const price = priceOf(model, this.config.book)?.price
    // inputs/ refuses max-cost-usd for a model without a price; the count is made before the loop.
    if (!price || this.inputTokens === undefined) throw new Error(`max-cost-usd has no price or count for ${model}`)
    const maxTokens = this.request.max_tokens
    const perInputToken = inputPrice(price, worstInputRate(this.request))
    const nextWorstUsd = (this.inputTokens * (perInputToken ?? 0) + maxTokens * price.output) / 1_000_000
    const spentUsd = this.spentUsd
    const unbounded =
      this.problem !== undefined
        ? `the cost so far cannot be estimated (${this.problem})`
        : perInputToken === undefined
          ? `the request writes to the 1-hour cache and the price of ${model} has no cache_write_1h`
          : undefined
    // Float sums of exact decimal prices: allow rounding noise, so a sum equal to the limit passes.
    if (unbounded === undefined && spentUsd + nextWorstUsd <= limitUsd * (1 + 1e-9)) return undefined
    const figures = { attempt, model, spentUsd, nextWorstUsd, limitUsd, inputTokens: this.inputTokens, maxTokens }
    // When the cost cannot be bounded, the limit cannot be kept: stop rather than hope.
    return unbounded === undefined ? figures : { ...figures, unbounded }
  }
}
